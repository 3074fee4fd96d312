"""The main job: read documents, keep them, extract their claims, rebuild the events.

Each batch of documents is written with its claims in one transaction, so a run killed midway
leaves no half-written document, and the next run completes the job (stored documents are
recognised by their content hash and skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice

from skyledger.extract import ExtractOptions, extract_document
from skyledger.ledger import build_events
from skyledger.models import Document, Extraction, Failure
from skyledger.store import events as store_events
from skyledger.store import writes
from skyledger.store.db import Store

BATCH = 200


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

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if k != "run_id"}


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _extract(doc: Document, options: ExtractOptions) -> tuple[Extraction | None, Failure | None]:
    try:
        return extract_document(doc, options), None
    except Exception as exc:  # a grammar bug must not lose the document
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return None, Failure(source=doc.id, reason=reason, excerpt=doc.text[:200])


def _ingest_batch(
    store: Store,
    batch: list[Document | Failure],
    run_id: int,
    summary: IngestSummary,
    options: ExtractOptions,
    on_failure: Callable[[Failure], None] | None = None,
) -> None:
    docs = [x for x in batch if isinstance(x, Document)]
    failures = [x for x in batch if isinstance(x, Failure)]
    rows = []
    for doc, status, revision in writes.classify(store, docs):
        extraction = None
        if status != "unchanged":
            extraction, failure = _extract(doc, options)
            if failure is not None:
                failures.append(failure)
            summary.claims += len(extraction.claims) if extraction else 0
        setattr(summary, status, getattr(summary, status) + 1)
        rows.append((doc, status, revision, extraction, doc.source or None))
    writes.write_batch(store, rows)
    summary.read += len(docs)
    summary.failed += writes.record_failures(store, run_id, failures)
    if on_failure is not None:
        for failure in failures:
            on_failure(failure)


def ingest(
    store: Store,
    items: Iterable[Document | Failure],
    *,
    command: str = "ingest",
    options: ExtractOptions | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestSummary:
    """Store every document (or its failure), extract claims, rebuild events. ``on_failure``
    hears of each failure once it is recorded."""
    opts = options or ExtractOptions()
    summary = IngestSummary(run_id=writes.start_run(store, command))
    for batch in _batches(items, batch_size):
        _ingest_batch(store, batch, summary.run_id, summary, opts, on_failure)
        if progress is not None:
            progress(len(batch))
    if writes.get_cursor(store, writes.EVENTS_STALE) == "1":
        summary.events_changed = store_events.rebuild_events(store, build_events)
        writes.set_cursor(store, writes.EVENTS_STALE, "0")
    writes.finish_run(store, summary.run_id, summary.counts())
    return summary
