"""The main job: read documents, keep them, extract their claims, rebuild the events.

Each batch of documents is written with its claims in one transaction, so a run killed midway
leaves no half-written document, and the next run completes the job (stored documents are
recognised by their content hash and skipped). Inside a batch each document has its own
savepoint: one the database refuses becomes a failure and the rest are kept. Values are
checked first (``store.values``): text the database cannot hold is cleaned, over-long sources
are cut with a note, and numbers no count could reach are not taken for counts.

Writers take turns (``store.locking.ledger_update``): documents are written and events
rebuilt one writer at a time, so concurrent ingests, watchers and API posts leave the same
ledger as if they had run one after another.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice

from sqlalchemy.engine import Connection

from skyledger.collect import fewer_collections
from skyledger.errors import LedgerBusy
from skyledger.extract import ExtractOptions, extract_or_failure
from skyledger.models import Claim, Document, Extraction, Failure
from skyledger.store import events as store_events
from skyledger.store import runs, writes
from skyledger.store.db import Store, analyze
from skyledger.store.values import prepare_document

BATCH = 200
#: How many failure reasons a summary keeps.
PROBLEMS = 20
#: Seconds an interrupted run waits to record that it was interrupted (else the next run
#: notices: its process is gone).
CLOSE_WAIT = 5.0
#: Seconds between heartbeats of a run that has nothing to write (``store.runs``).
HEARTBEAT = 60.0
#: A run that stored this many documents vacuums the tables and refreshes the database's
#: statistics (``store.db.analyze``, on PostgreSQL).
ANALYZE_AFTER = 1_000
#: Larger numbers are not counts of anything the ledger keeps (a phone number, digits run
#: together): such claims are dropped, with a note on the document.
MAX_COUNT = 100_000_000


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    events_changed: int = 0
    run_id: int = 0
    #: The documents are stored but another writer held the ledger: their events are rebuilt
    #: by the next writer (or the next run).
    events_pending: bool = False
    #: The reasons of the first failures of the run (for a caller that shows them).
    problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        skip = ("run_id", "events_pending", "problems")
        return {k: v for k, v in asdict(self).items() if k not in skip}


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _plausible(claim: Claim) -> bool:
    q = claim.quantity
    if q is None:
        return True
    return all(v is None or abs(v) <= MAX_COUNT for v in (q.exact, q.min, q.max, q.approx))


def _extract(
    doc: Document, options: ExtractOptions
) -> tuple[Extraction | None, Failure | None, tuple[str, ...]]:
    """The extraction (claims past ``MAX_COUNT`` dropped), a failure, notes on the document."""
    extraction = extract_or_failure(doc, options)  # a failed document is stored, not read
    if isinstance(extraction, Failure):
        return None, extraction, ()
    kept = tuple(c for c in extraction.claims if _plausible(c))
    if len(kept) == len(extraction.claims):
        return extraction, None, ()
    dropped = [c for c in extraction.claims if not _plausible(c)]
    note = "not counts (beyond any plausible figure): " + ", ".join(
        f"{c.key} {c.quantity.wording or c.quantity.gold()}" for c in dropped if c.quantity
    )
    return extraction.model_copy(update={"claims": kept}), None, (note[:500],)


def _ingest_batch(
    store: Store,
    batch: list[Document | Failure],
    summary: IngestSummary,
    options: ExtractOptions,
    lock_wait: float | None,
    on_failure: Callable[[Failure], None] | None = None,
    events: writes.EventsUpdate = store_events.update_events,
) -> None:
    failures: list[Failure] = []
    docs: list[tuple[Document, tuple[str, ...]]] = []
    for item in batch:
        prepared = prepare_document(item) if isinstance(item, Document) else item
        if isinstance(prepared, Failure):
            failures.append(prepared)
        else:
            docs.append(prepared)
    notes = {id(doc): found for doc, found in docs}
    rows = []
    for doc, status, _revision in writes.classify(store, [d for d, _ in docs]):
        extraction: Extraction | None = None
        extra: tuple[str, ...] = ()
        if status != "unchanged":
            extraction, failure, extra = _extract(doc, options)
            if failure is not None:
                failures.append(failure)
        origin = doc.source or None
        rows.append(writes.WriteRow(doc, status, extraction, origin, notes[id(doc)] + extra))
    result = writes.write_batch(
        store,
        rows,
        run_id=summary.run_id,
        failures=failures,
        wait=lock_wait,
        events=events,
    )
    summary.events_changed += result.events_changed
    for outcome in result.outcomes:
        if outcome != "failed":
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    summary.read += len(docs)
    summary.claims += result.claims
    summary.failed += result.failures
    room = PROBLEMS - len(summary.problems)
    summary.problems.extend(f.reason for f in (failures + result.refused)[: max(0, room)])
    if on_failure is not None:
        for failure in failures + result.refused:
            on_failure(failure)


def ingest(
    store: Store,
    items: Iterable[Document | Failure],
    *,
    command: str = "ingest",
    options: ExtractOptions | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
    lock_wait: float | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestSummary:
    """Store every document (or its failure), extract claims, rebuild events. ``on_failure``
    hears of each failure once it is recorded.

    ``lock_wait`` is how long to wait for another writer (default ``store.db.WRITE_WAIT``);
    past it a batch raises ``LedgerBusy`` (what was stored before stays), while a busy
    rebuild only sets ``events_pending``.
    """
    with fewer_collections():
        return _ingest(store, items, command, options, progress, batch_size, lock_wait, on_failure)


def _ingest(
    store: Store,
    items: Iterable[Document | Failure],
    command: str,
    options: ExtractOptions | None,
    progress: Callable[[int], None] | None,
    batch_size: int,
    lock_wait: float | None,
    on_failure: Callable[[Failure], None] | None,
) -> IngestSummary:
    opts = options or ExtractOptions()
    summary = IngestSummary(run_id=runs.start_run(store, command, wait=lock_wait))
    deferred = store_events.Deferred(store_events.run_mark(summary.run_id))
    try:
        last_beat = time.monotonic()
        for number, batch in enumerate(_batches(items, batch_size)):
            # the first batch updates its events in its own transaction; the next ones
            # (a long run) once, at the run's end
            events = deferred if number else store_events.update_events
            _ingest_batch(store, batch, summary, opts, lock_wait, on_failure, events)
            if progress is not None:
                progress(len(batch))
            if time.monotonic() - last_beat > HEARTBEAT:  # batches with nothing new beat not
                runs.beat(store, summary.run_id, wait=lock_wait)
                last_beat = time.monotonic()
        try:
            if deferred.used:
                summary.events_changed += deferred.finish(store, wait=lock_wait)
            summary.events_changed += store_events.refresh_events(store, wait=lock_wait)
        except LedgerBusy:
            summary.events_pending = True
    except BaseException as exc:
        status: runs.RunStatus = "failed" if isinstance(exc, Exception) else "interrupted"
        _close_quietly(store, summary, status)
        raise
    runs.finish_run(store, summary.run_id, summary.counts(), wait=lock_wait)
    if summary.new + summary.changed >= ANALYZE_AFTER:
        analyze(store)
    return summary


def _close_quietly(store: Store, summary: IngestSummary, status: runs.RunStatus) -> None:
    """Mark the run interrupted or failed; if even that fails, the next run will."""
    with contextlib.suppress(Exception):  # the database may be what failed
        runs.finish_run(store, summary.run_id, summary.counts(), status, wait=CLOSE_WAIT)


def record_deletion(store: Store, doc_id: str, *, lock_wait: float | None = None) -> bool:
    """A post deleted at its source: a deleted revision (history kept) and its figures out of
    the events. ``False`` if the post was unknown or already deleted. If another writer holds
    the ledger when the events are rebuilt, that writer's rebuild (or the next) does it."""

    def update(conn: Connection, doc_ids: Sequence[str], _stored: Mapping[int, Claim]) -> int:
        return store_events.update_events(conn, doc_ids, reason="deleted")

    if not writes.mark_deleted(store, doc_id, wait=lock_wait, events=update):
        return False
    with contextlib.suppress(LedgerBusy):
        store_events.refresh_events(store, reason="deleted", wait=lock_wait)
    return True
