"""Fixtures for the dashboard tests: the API tests' hand-written ledger, the app in-process,
and a real ``skyledger serve`` for the browser."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parents[1] / "api"))

from web_ledger import build_ledger, running_server

from skyledger.api import create_app


@pytest.fixture
def client(ledger_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(ledger_url), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('served') / 'web.db'}"
    build_ledger(url)
    with running_server(url) as base:
        yield base
