"""Fewer garbage collections while the ledger is written.

An ingest makes millions of small objects (claims, spans, rows) that live until their batch
or their region is written, and almost none of them are cyclic garbage; with Python's
default thresholds the collector walks them every 700 allocations, a fifth of an ingest's
CPU. ``fewer_collections`` raises the thresholds while any ingest of the process runs (a
server's concurrent ones included) and puts back what they were when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations between collections of the youngest generation, and collections of each
#: generation between those of the next (Python's defaults: 700, 10, 10).
THRESHOLDS = (50_000, 20, 100)

_lock = threading.Lock()
_users = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the duration (only ever raise them)."""
    global _users, _saved
    with _lock:
        if _users == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(*(max(a, b) for a, b in zip(THRESHOLDS, _saved, strict=True)))
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                gc.set_threshold(*_saved)
