"""Fixtures for the API tests: a SQLite ledger built from the hand-written documents, the app
on it, and an in-process HTTP client (FastAPI's TestClient: httpx over ASGI)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))


from skyledger.api import create_app


@pytest.fixture
def app(ledger_url: str) -> FastAPI:
    return create_app(ledger_url)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
