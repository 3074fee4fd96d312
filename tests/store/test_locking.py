"""The ledger lock: one ledger update at a time, a bounded wait, and a rebuild that waits
for no one leaves the events marked for the next writer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skyledger.errors import LedgerBusy
from skyledger.extract import extract_document
from skyledger.ingest import ingest
from skyledger.models import Document
from skyledger.store import queries, writes
from skyledger.store.db import Store, open_store
from skyledger.store.locking import ledger_update

REPORT = Document(
    id="night-6",
    lang="uk",
    published_at=datetime(2025, 12, 6, 7, tzinfo=UTC),
    text="У ніч на 6 грудня противник атакував 50 ударними БпЛА. Збито 41.",
)


def test_a_second_ledger_update_waits_then_gives_up(store: Store, db_url: str) -> None:
    other = open_store(db_url)
    try:
        with (
            ledger_update(store),
            pytest.raises(LedgerBusy, match="busy") as raised,
            ledger_update(other, wait=0.2),
        ):
            pass
        assert raised.value.retry_after >= 1
        with ledger_update(other, wait=0.2):  # free again
            pass
    finally:
        other.close()


def test_a_busy_rebuild_leaves_the_events_to_the_next_writer(store: Store, db_url: str) -> None:
    if store.engine.dialect.name == "sqlite":
        pytest.skip("on SQLite every write waits for the ledger, not only the rebuild")
    writes.write_batch(store, [writes.WriteRow(REPORT, "new", extract_document(REPORT))])
    holder = open_store(db_url)
    try:
        with ledger_update(holder):
            summary = ingest(store, [], lock_wait=0.2)
        assert summary.events_pending and summary.events_changed == 0
        assert writes.get_cursor(store, writes.EVENTS_STALE) == "1"
    finally:
        holder.close()
    later = ingest(store, [])
    assert later.events_changed >= 1 and not later.events_pending
    assert writes.get_cursor(store, writes.EVENTS_STALE) == "0"
    assert queries.counts(store)["events"] >= 1
