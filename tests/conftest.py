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


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def sample_ledger_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A ledger of the bundled sample corpus, ingested once per test module and database."""
    import skyledger.resources
    from skyledger.ingest import ingest
    from skyledger.sources.corpus_jsonl import read_corpus

    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('sample') / 's.db'}"])
    elif not PG_URL:
        pytest.skip("SKYLEDGER_TEST_PG_URL is not set")
    else:
        urls = _pg_schema_url(PG_URL)
    sample = Path(skyledger.resources.__file__).parent / "sample"
    for url in urls:
        store = open_store(url)
        try:
            docs = [*read_corpus(sample / "airforce.jsonl"), *read_corpus(sample / "news.jsonl")]
            ingest(store, docs, command="test")
        finally:
            store.close()
        yield url


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
