"""Fixtures for the export tests: the API tests' hand-written ledger and its events."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "api"))


from skyledger.models import Event
from skyledger.store import queries
from skyledger.store.db import open_store


@pytest.fixture
def events(ledger_url: str) -> list[Event]:
    store = open_store(ledger_url)
    try:
        return queries.list_events(store)
    finally:
        store.close()
