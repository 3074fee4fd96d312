"""What a worker does with one partition: read it, pass it through the pre-filter, extract,
and either hand back the claims as an Arrow table (``extract_partition``) or write documents,
claims and failures to the ledger in one transaction (``ingest_partition``).

Both are plain functions of picklable arguments: the driver runs them on Dask workers, or in
its own process for the single-process path; the results are the same.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from skyledger.models import Claim, Document, Failure
from skyledger.scale.archive import Partition, read_partition
from skyledger.scale.relevance import is_relevant

if TYPE_CHECKING:
    from skyledger.store.db import Store

#: How many failures a partition's result carries back in full (all are recorded).
SHOWN_FAILURES = 50


@dataclass(slots=True)
class PartResult:
    """What one partition gave: counts, failures and (extract) the claims' table."""

    index: int
    documents: int = 0
    skipped: int = 0
    claims: int = 0
    failed: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    #: CPU seconds the worker spent on it (beside ``seconds``, the wall time)
    cpu: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    table: Any = None


@dataclass(slots=True)
class _Read:
    """A partition's documents worth extracting (with their lines), and the rest counted."""

    docs: list[tuple[int, Document]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0
    skipped: int = 0


def _read(part: Partition, prefilter: bool) -> _Read:
    found = _Read()
    for line, item in read_partition(part):
        if isinstance(item, Failure):
            found.failures.append(item)
            continue
        found.documents += 1
        if prefilter and not is_relevant(item):
            found.skipped += 1
        else:
            found.docs.append((line, item))
    return found


def extraction_failure(part: Partition, line: int, doc: Document, exc: Exception) -> Failure:
    reason = f"{doc.id}: extraction failed: {type(exc).__name__}: {exc}"
    return Failure(source=part.label, line=line, reason=reason[:500], excerpt=doc.text[:200])


def extract_partition(part: Partition, prefilter: bool = True) -> PartResult:
    """The claims of one partition as an Arrow table (``claim_table``)."""
    from skyledger.extract import extract_document

    began, cpu = time.perf_counter(), time.process_time()
    found = _read(part, prefilter)
    claims: list[tuple[Partition, int, Claim]] = []
    for line, doc in found.docs:
        try:
            extraction = extract_document(doc)
        except Exception as exc:  # a grammar bug must not lose the partition
            found.failures.append(extraction_failure(part, line, doc, exc))
            continue
        claims.extend((part, line, c) for c in extraction.claims)
    result = _counted(part, found)
    result.failures = found.failures  # all of them: the driver writes them beside the claims
    result.claims = len(claims)
    result.table = claim_table(claims)
    result.seconds = time.perf_counter() - began
    result.cpu = time.process_time() - cpu
    return result


def _counted(part: Partition, found: _Read) -> PartResult:
    return PartResult(
        index=part.index,
        documents=found.documents,
        skipped=found.skipped,
        failed=len(found.failures),
        failures=found.failures[:SHOWN_FAILURES],
    )


def claim_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("doc_id", pa.string()),
            ("kind", pa.string()),
            ("scope", pa.string()),
            ("claimant", pa.string()),
            ("night", pa.date32()),
            ("exact", pa.int64()),
            ("min", pa.int64()),
            ("max", pa.int64()),
            ("approx", pa.int64()),
            ("wording", pa.string()),
            ("places", pa.list_(pa.string())),
            ("span_start", pa.int64()),
            ("span_end", pa.int64()),
            ("span_field", pa.string()),
            ("sentence", pa.string()),
            ("file", pa.string()),
            ("line", pa.int64()),
            ("claim", pa.string()),
        ]
    )


def claim_row(part: Partition, line: int, claim: Claim) -> dict[str, Any]:
    """One row of the claims dataset: the claim's fields, its first span, where its document
    sits in the archive, and the whole claim as JSON (every span, flags, the time window)."""
    q = claim.quantity
    span = claim.spans[0] if claim.spans else None
    window = claim.window
    return {
        "doc_id": claim.document_id,
        "kind": claim.kind,
        "scope": claim.scope,
        "claimant": claim.claimant,
        "night": window.night if window is not None else None,
        "exact": q.exact if q else None,
        "min": q.min if q else None,
        "max": q.max if q else None,
        "approx": q.approx if q else None,
        "wording": q.wording if q else None,
        "places": list(claim.places),
        "span_start": span.start if span else None,
        "span_end": span.end if span else None,
        "span_field": span.field if span else None,
        "sentence": span.sentence if span else None,
        "file": part.label,
        "line": line,
        "claim": claim.model_dump_json(exclude_defaults=True),
    }


def claim_table(claims: list[tuple[Partition, int, Claim]]) -> Any:
    import pyarrow as pa

    rows = [claim_row(part, line, claim) for part, line, claim in claims]
    return pa.Table.from_pylist(rows, schema=claim_schema())


_STORES: dict[str, Store] = {}


def worker_store(url: str) -> Store:
    """The ledger at ``url``, opened once per worker process."""
    from skyledger.store.db import open_store

    store = _STORES.get(url)
    if store is None:
        store = _STORES[url] = open_store(url)
    return store


def ingest_partition(
    part: Partition, url: str, run_id: int, prefilter: bool = True, wait: float | None = None
) -> PartResult:
    """Store one partition's documents (those past the pre-filter) with their claims, and its
    failures, in one transaction. Documents already stored (same content hash) are left as
    they are, so a partition run twice (a worker lost after its commit) adds nothing."""
    from skyledger.extract import ExtractOptions
    from skyledger.ingest import _extract  # the single-process ingest's own extraction step
    from skyledger.store import writes
    from skyledger.store.values import prepare_document

    began, cpu = time.perf_counter(), time.process_time()
    store = worker_store(url)
    found = _read(part, prefilter)
    prepared: list[tuple[int, Document, tuple[str, ...]]] = []
    for line, doc in found.docs:
        ready = prepare_document(doc)
        if isinstance(ready, Failure):
            found.failures.append(ready.model_copy(update={"source": part.label, "line": line}))
        else:
            prepared.append((line, *ready))
    lines = {id(doc): line for line, doc, _ in prepared}
    notes = {id(doc): found_notes for _, doc, found_notes in prepared}
    options = ExtractOptions()
    rows = []
    for doc, status, _revision in writes.classify(store, [d for _, d, _ in prepared]):
        extraction = None
        extra: tuple[str, ...] = ()
        if status != "unchanged":
            extraction, failure, extra = _extract(doc, options)
            if failure is not None:
                where = {"source": part.label, "line": lines[id(doc)]}
                found.failures.append(failure.model_copy(update=where))
        origin = doc.source or None
        rows.append(writes.WriteRow(doc, status, extraction, origin, notes[id(doc)] + extra))
    batch = writes.write_batch(store, rows, run_id=run_id, failures=found.failures, wait=wait)
    result = _counted(part, found)
    result.failures = (found.failures + batch.refused)[:SHOWN_FAILURES]
    result.failed = batch.failures
    for outcome in batch.outcomes:
        if outcome != "failed":
            setattr(result, outcome, getattr(result, outcome) + 1)
    result.claims = batch.claims
    result.seconds = time.perf_counter() - began
    result.cpu = time.process_time() - cpu
    return result
