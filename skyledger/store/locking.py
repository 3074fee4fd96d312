"""One writer at a time: ``ledger_update`` is the only way documents, claims and events change.

It is a transaction that holds the ledger lock from its first statement to its commit:

- SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock (readers go on; another writer
  waits, up to ``wait`` seconds);
- PostgreSQL: ``pg_advisory_xact_lock`` on a key of the current schema (readers and other
  tables' writers go on; another ledger update waits, up to ``wait`` seconds).

Whatever runs inside one ``ledger_update`` sees every document committed before it and no
other writer's work in progress: a batch of documents is written in one, and the events are
rebuilt in another (``store.events.refresh_events``), which clears the stale mark only because
nothing can be committed beside it. If the wait runs out, ``LedgerBusy`` is raised and nothing
of the block is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skyledger.store.db import WRITE_WAIT, Store, write_connection

#: The first half of the PostgreSQL advisory lock key; the second is the current schema's hash.
_PG_LOCK_CLASS = 0x5B1E


@contextmanager
def ledger_update(store: Store, wait: float | None = None) -> Iterator[Connection]:
    """A transaction holding the ledger lock; ``LedgerBusy`` after ``wait`` seconds (default
    ``WRITE_WAIT``) of waiting for another writer."""
    wait = WRITE_WAIT if wait is None else max(0.0, wait)
    with write_connection(store.engine, wait) as conn:
        if store.engine.dialect.name != "sqlite":
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}")
            conn.execute(
                sa.text("SELECT pg_advisory_xact_lock(:cls, hashtext(current_schema()))"),
                {"cls": _PG_LOCK_CLASS},
            )
        yield conn
