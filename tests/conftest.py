"""Shared fixtures: databases (a real SQLite file; the real PostgreSQL server when
``SKYLEDGER_TEST_PG_URL`` is set) and small documents."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from skyledger.store.db import Store, open_store

PG_URL = os.environ.get("SKYLEDGER_TEST_PG_URL")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _pg_schema_url(base: str) -> Iterator[str]:
    """A fresh PostgreSQL schema per test, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL: a SQLite file, and the real PostgreSQL server when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    if not PG_URL:
        pytest.skip("SKYLEDGER_TEST_PG_URL is not set")
    yield from _pg_schema_url(PG_URL)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    st = open_store(db_url)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.db'}"


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """A SQLite ledger of hand-written documents and claims (the API, web and export tests')."""
    sys.path.insert(0, str(Path(__file__).parent / "api"))
    from web_ledger import build_ledger

    url = f"sqlite:///{tmp_path / 'web.db'}"
    build_ledger(url)
    return url
