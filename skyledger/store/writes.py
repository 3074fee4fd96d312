"""Writing: documents with their claims, failures and cursors.

A batch of documents is written in one ``ledger_update`` (one writer at a time), each document
in its own savepoint: a document the database refuses is rolled back alone and becomes a
``failures`` row, and the rest of the batch is kept. Whether a document is new, a changed
revision or unchanged is decided again inside the update, so two writers storing the same
document at once store it once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skyledger.ledger.group import Placement, place_claim
from skyledger.models import Claim, Document, Extraction, Failure
from skyledger.store import index
from skyledger.store.db import (
    JsonText,
    Store,
    ids_by_key,
    insert_rows,
    now_iso,
    put_cursor,
    read_cursor,
    upsert_insert,
    write_connection,
)
from skyledger.store.locking import ledger_update
from skyledger.store.runs import heartbeat
from skyledger.store.schema import claims, documents, failures
from skyledger.store.values import EXCERPT_LENGTH, failure_row_values

Status = Literal["new", "changed", "unchanged"]
Outcome = Literal["new", "changed", "unchanged", "failed"]
#: doc id → (content hash, revision, deleted) of its current revision
Current = dict[str, tuple[str, int, bool]]
#: Brings the events up to date with documents just written, in the same transaction: given
#: the ids of the documents written and their claims just stored (claim row id → claim, so
#: they need not be read back), returns how many events changed (``store.events``).
EventsUpdate = Callable[[Connection, Sequence[str], Mapping[int, Claim]], int]

#: Cursor set when documents were written and cleared when the events were rebuilt, so a run
#: killed between the two rebuilds them next time, and a run that changed nothing skips it.
EVENTS_STALE = "ledger:events-stale"


@dataclass(frozen=True, slots=True)
class WriteRow:
    """One document to store, as classified (and extracted) before the batch was written."""

    document: Document
    status: Status
    extraction: Extraction | None = None
    origin: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class BatchResult:
    """What a batch did: one outcome per row, claims stored, failures recorded."""

    outcomes: list[Outcome] = field(default_factory=list)
    claims: int = 0
    failures: int = 0
    #: Failures the database's refusals made (beside those the batch was given).
    refused: list[Failure] = field(default_factory=list)
    #: Events changed with the batch (when it was given an ``EventsUpdate``).
    events_changed: int = 0
    #: The claims stored, by claim row id.
    stored: dict[int, Claim] = field(default_factory=dict)


def current_revisions(conn: Connection, ids: Iterable[str]) -> Current:
    wanted = list(dict.fromkeys(ids))
    found: Current = {}
    for start in range(0, len(wanted), 500):
        rows = conn.execute(
            sa.select(
                documents.c.doc_id,
                documents.c.content_hash,
                documents.c.revision,
                documents.c.deleted,
                documents.c.published_utc,
            )
            .where(documents.c.doc_id.in_(wanted[start : start + 500]))
            .where(documents.c.current.is_(True))
        )
        for doc_id, digest, revision, deleted, published in rows:
            found[doc_id] = (_version(digest, published is not None), revision, bool(deleted))
    return found


def next_revision(current: Current, doc: Document) -> tuple[Status, int]:
    """New, changed or unchanged against ``current`` (by content hash; a date given to a
    document stored without one is a change too); a deleted post that comes back is changed
    (even with its old text)."""
    known = current.get(doc.id)
    if known is None:
        return "new", 1
    version, revision, deleted = known
    dated = doc.published_at is not None
    same = (_version(doc.content_hash, dated), _version(doc.content_hash, True))
    if version in same and not deleted:
        return "unchanged", revision
    return "changed", revision + 1


def remember(current: Current, doc: Document, revision: int) -> None:
    """``doc`` is now the current revision of its id (in ``current``)."""
    current[doc.id] = (_version(doc.content_hash, doc.published_at is not None), revision, False)


def classify(store: Store, docs: Sequence[Document]) -> list[tuple[Document, Status, int]]:
    """Whether each document is new, a changed revision or unchanged (``next_revision``)."""
    with store.engine.connect() as conn:
        current = current_revisions(conn, (d.id for d in docs))
    out: list[tuple[Document, Status, int]] = []
    for doc in docs:
        status, revision = next_revision(current, doc)
        if status != "unchanged":
            remember(current, doc, revision)
        out.append((doc, status, revision))
    return out


def _version(digest: str, dated: bool) -> str:
    """What tells two versions of a document apart: the content, and whether it has a date
    (an undated copy never replaces a dated one; a dated one replaces an undated one)."""
    return digest if dated else f"{digest}:undated"


def _extraction_meta(extraction: Extraction | None) -> dict[str, Any] | None:
    """What an extraction says of the whole document: its window and inconsistencies."""
    if extraction is None:
        return None
    window = extraction.window.model_dump(mode="json") if extraction.window else None
    return {"window": window, "inconsistencies": list(extraction.inconsistencies)}


def _document_row(
    doc: Document, revision: int, origin: str | None, extraction: Extraction | None
) -> dict[str, Any]:
    published = doc.published_at
    return {
        "doc_id": doc.id,
        "revision": revision,
        "current": True,
        "source": doc.source,
        "medium": doc.medium,
        "url": doc.url,
        "published_at": published.isoformat() if published else None,
        "published_utc": published.astimezone(UTC).isoformat() if published else None,
        "lang": doc.lang,
        "title": doc.title,
        "text": doc.text,
        "content_hash": doc.content_hash,
        "origin": origin,
        "extraction": _extraction_meta(extraction),
        "ingested_at": now_iso(),
    }


def claim_row(document_pk: int, claim: Claim, placement: Placement | None = None) -> dict[str, Any]:
    window = claim.window
    night = window.night.isoformat() if window and window.night else None
    value = claim.quantity.point() if claim.quantity is not None else None
    placed = placement or Placement("")
    return {
        "group_kind": placed.kind or None,
        "first_day": placed.first.isoformat() if placed.first else None,
        "last_day": placed.last.isoformat() if placed.last else None,
        "document_pk": document_pk,
        "doc_id": claim.document_id,
        "kind": claim.kind,
        "key": claim.key,
        "claimant": claim.claimant,
        "night": night,
        "value": value,
        "body": JsonText(claim.model_dump_json(exclude_defaults=True)),
    }


def claim_rows(document_pk: int, doc: Document, extraction: Extraction) -> list[dict[str, Any]]:
    """The rows of a document's claims, each with its placement."""
    return [
        claim_row(document_pk, claim, place_claim(claim, doc, extraction.window))
        for claim in extraction.claims
    ]


def _supersede(conn: Connection, doc_id: str) -> None:
    conn.execute(
        sa.update(documents)
        .where(documents.c.doc_id == doc_id)
        .where(documents.c.current.is_(True))
        .values(current=False)
    )


def _insert_document(
    conn: Connection,
    doc: Document,
    revision: int,
    origin: str | None,
    extraction: Extraction | None,
    notes: tuple[str, ...] = (),
    stored: dict[int, Claim] | None = None,
) -> int:
    if revision > 1:
        _supersede(conn, doc.id)
    row = _document_row(doc, revision, origin, extraction)
    row["notes"] = list(notes) or None
    index.index_claims(conn)  # every row below this document's is in the full-text indexes
    pk = int(conn.execute(sa.insert(documents).values(**row)).inserted_primary_key[0])  # type: ignore[index]
    found = claim_rows(pk, doc, extraction) if extraction is not None else []
    read = extraction.claims if extraction is not None else ()
    ids = _insert_claims(conn, found)
    _index_written(conn, [pk], [row], ids, read)
    if stored is not None:
        stored.update(zip(ids, read, strict=True))
    return pk


def _insert_claims(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert claim rows (in the order of their documents' rows); their ids, in order.

    A plain ``executemany`` (an ``INSERT … RETURNING`` of many rows costs as much again),
    then the ids read by document: ids grow with each row inserted, and one writer at a
    time inserts."""
    if not rows:
        return []
    insert_rows(conn, claims, rows)
    pks = sorted({row["document_pk"] for row in rows})
    ids: list[int] = []
    for start in range(0, len(pks), 500):
        ids.extend(
            conn.execute(
                sa.select(claims.c.id)
                .where(claims.c.document_pk.in_(pks[start : start + 500]))
                .order_by(claims.c.document_pk, claims.c.id)
            ).scalars()
        )
    if len(ids) != len(rows):
        raise AssertionError("claims of these documents were stored before them")
    return ids


def _index_written(
    conn: Connection,
    pks: Sequence[int],
    document_rows: Sequence[dict[str, Any]],
    claim_ids: Sequence[int],
    written: Sequence[Claim],
) -> None:
    """The documents and claims just written into the full-text indexes (``store.index``)."""
    seen: dict[str, str] = {}  # the words of each sentence, once
    index.add_written(
        conn,
        [(i, index.claim_words(c, seen)) for i, c in zip(claim_ids, written, strict=True)],
        [
            (pk, index.document_text(v["title"], v["text"]))
            for pk, v in zip(pks, document_rows, strict=True)
        ],
    )


#: What a driver raises for a value it cannot bind (an int past 64 bits, a lone surrogate).
_BIND_ERRORS = (ValueError, OverflowError, TypeError)


def refused_by_database(exc: Exception) -> bool:
    """Whether the database (or its driver) refused these values; not a lost connection, a
    lock or a mistake in a statement, which must stop the batch."""
    if isinstance(exc, sa.exc.DataError | sa.exc.IntegrityError):
        return True
    if isinstance(exc, sa.exc.StatementError):
        return not isinstance(exc, sa.exc.DBAPIError) and isinstance(exc.orig, _BIND_ERRORS)
    return isinstance(exc, _BIND_ERRORS)


def _reason(exc: Exception) -> str:
    cause = exc.orig if isinstance(exc, sa.exc.StatementError) else exc
    first = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {first[0] if first else 'refused'}"[:500]


def _write_one(
    conn: Connection, row: WriteRow, revision: int, stored: dict[int, Claim]
) -> tuple[bool, Failure | None]:
    """Store one document in a savepoint; if the database refuses its claims, the document
    alone. Whether it was stored, and the failure to record; its claims go in ``stored``."""
    doc = row.document
    try:
        written: dict[int, Claim] = {}
        with conn.begin_nested():
            _insert_document(conn, doc, revision, row.origin, row.extraction, row.notes, written)
        stored.update(written)
        return True, None
    except Exception as exc:
        if not refused_by_database(exc):
            raise
        reason = _reason(exc)
    source = doc.url or doc.id
    excerpt = doc.text[:EXCERPT_LENGTH]
    if row.extraction is not None and row.extraction.claims:
        note = f"claims not stored: the database refused them ({reason})"
        try:
            with conn.begin_nested():
                _insert_document(conn, doc, revision, row.origin, None, (*row.notes, note))
        except Exception as exc:
            if not refused_by_database(exc):
                raise
        else:
            return True, Failure(source=source, reason=f"{doc.id}: {note}", excerpt=excerpt)
    reason = f"document {doc.id} refused by the database: {reason}"
    return False, Failure(source=source, reason=reason, excerpt=excerpt)


def write_batch(
    store: Store,
    rows: Sequence[WriteRow],
    *,
    run_id: int | None = None,
    failures: Sequence[Failure] = (),
    wait: float | None = None,
    events: EventsUpdate | None = None,
) -> BatchResult:
    """Store new and changed documents with their claims, and the batch's failures, in one
    ledger update; ``LedgerBusy`` (nothing written) if another writer held it too long.

    The whole batch is tried first in one savepoint, a statement per table; if the database
    refuses any of it, each document is written in its own savepoint instead. With
    ``events`` the events are brought up to date in the same transaction; without, they are
    marked stale (the next ``refresh_events`` rebuilds them).
    """
    result = BatchResult()
    found = list(failures)
    if not found and all(r.status == "unchanged" for r in rows):
        result.outcomes = ["unchanged"] * len(rows)
        return result  # nothing to write: no need to wait for the ledger
    with ledger_update(store, wait) as conn:
        current = current_revisions(conn, (r.document.id for r in rows if r.status != "unchanged"))
        if not _write_together(conn, rows, dict(current), result):
            _write_each(conn, rows, current, result)
        found += result.refused
        written = [
            row.document.id
            for row, outcome in zip(rows, result.outcomes, strict=True)
            if outcome in ("new", "changed")
        ]
        if written:
            result.events_changed = _after_writing(conn, written, events, result.stored)
        result.failures = insert_failures(conn, run_id, found)
        if run_id is not None:
            heartbeat(conn, run_id)
    return result


def _plan(
    rows: Sequence[WriteRow], current: Current
) -> tuple[list[Outcome], list[tuple[WriteRow, int]]]:
    """Each row's outcome if every write succeeds, and the rows to write with their revision."""
    outcomes: list[Outcome] = []
    plan: list[tuple[WriteRow, int]] = []
    for row in rows:
        status: Status = "unchanged"
        if row.status != "unchanged":
            status, revision = next_revision(current, row.document)
            if status != "unchanged":
                remember(current, row.document, revision)
                plan.append((row, revision))
        outcomes.append(status)
    return outcomes, plan


def _write_together(
    conn: Connection, rows: Sequence[WriteRow], current: Current, result: BatchResult
) -> bool:
    """The whole batch in one savepoint; ``False`` (nothing kept) if the database refused any
    of it, or one document comes twice (its revisions must be written in turn)."""
    outcomes, plan = _plan(rows, current)
    if len({row.document.id for row, _ in plan}) < len(plan):
        return False
    if plan:
        try:
            with conn.begin_nested():
                stored = _insert_documents(conn, plan)
        except Exception as exc:
            if not refused_by_database(exc):
                raise
            return False
        result.stored.update(stored)
    result.outcomes = outcomes
    result.claims = sum(len(r.extraction.claims) for r, _ in plan if r.extraction is not None)
    return True


def _insert_documents(conn: Connection, plan: list[tuple[WriteRow, int]]) -> dict[int, Claim]:
    """Documents and claims of a batch, a statement per table (ids of distinct documents);
    the claims stored, by row id."""
    changed = [row.document.id for row, revision in plan if revision > 1]
    for start in range(0, len(changed), 500):
        conn.execute(
            sa.update(documents)
            .where(documents.c.doc_id.in_(changed[start : start + 500]))
            .where(documents.c.current.is_(True))
            .values(current=False)
        )
    values = []
    for row, revision in plan:
        value = _document_row(row.document, revision, row.origin, row.extraction)
        value["notes"] = list(row.notes) or None
        values.append(value)
    index.index_claims(conn)  # every row below the batch's is in the full-text indexes
    insert_rows(conn, documents, values)  # then their pks, by (doc_id, revision)
    keys = [(row.document.id, revision) for row, revision in plan]
    pks = ids_by_key(conn, documents.c.pk, (documents.c.doc_id, documents.c.revision), keys)
    found = [
        claim
        for pk, (row, _) in zip(pks, plan, strict=True)
        if row.extraction is not None
        for claim in claim_rows(pk, row.document, row.extraction)
    ]
    read = [
        claim for row, _ in plan if row.extraction is not None for claim in row.extraction.claims
    ]
    ids = _insert_claims(conn, found)
    _index_written(conn, pks, values, ids, read)
    return dict(zip(ids, read, strict=True))


def _write_each(
    conn: Connection, rows: Sequence[WriteRow], current: Current, result: BatchResult
) -> None:
    """One savepoint per document: a refused one becomes a failure, the rest are kept."""
    for row in rows:
        doc = row.document
        status: Status = "unchanged"
        revision = 0
        if row.status != "unchanged":
            status, revision = next_revision(current, doc)
        if status == "unchanged":
            result.outcomes.append("unchanged")
            continue
        stored, failure = _write_one(conn, row, revision, result.stored)
        if failure is not None:
            result.refused.append(failure)
        if stored:
            remember(current, doc, revision)
            if failure is None and row.extraction is not None:
                result.claims += len(row.extraction.claims)
        result.outcomes.append(status if stored else "failed")


def _after_writing(
    conn: Connection,
    written: Sequence[str],
    events: EventsUpdate | None,
    stored: Mapping[int, Claim] | None = None,
) -> int:
    """Update the events for the documents just written, or mark them stale."""
    if events is None:
        put_cursor(conn, EVENTS_STALE, "1")  # the events are stale until rebuilt
        return 0
    return events(conn, written, stored or {})


def mark_deleted(
    store: Store, doc_id: str, *, wait: float | None = None, events: EventsUpdate | None = None
) -> bool:
    """Record that a post was deleted at its source: a new revision marked ``deleted`` that
    keeps the last text, without claims (so it drops out of the ledger's figures); earlier
    revisions stay as history. ``False`` if the post is unknown or already deleted."""
    with ledger_update(store, wait) as conn:
        row = conn.execute(
            sa.select(documents)
            .where(documents.c.doc_id == doc_id)
            .where(documents.c.current.is_(True))
        ).first()
        if row is None or row.deleted:
            return False
        _supersede(conn, doc_id)
        values = {k: v for k, v in row._mapping.items() if k != "pk"}
        values.update(
            revision=row.revision + 1,
            current=True,
            deleted=True,
            ingested_at=now_iso(),
            notes=["deleted at its source"],
        )
        conn.execute(sa.insert(documents).values(**values))
        _after_writing(conn, [doc_id], events)
    return True


def _fingerprint(failure: Failure) -> str:
    """The same failure of the same input (same place, reason and excerpt) is kept once."""
    h = hashlib.sha256()
    for part in (failure.source, str(failure.line or ""), failure.reason, failure.excerpt):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def insert_failures(conn: Connection, run_id: int | None, items: Iterable[Failure]) -> int:
    """Record failures; one already recorded only gets its ``last_seen_at`` moved."""
    now = now_iso()
    rows: dict[str, dict[str, Any]] = {}
    count = 0
    for item in items:
        count += 1
        f = failure_row_values(item)
        fingerprint = _fingerprint(f)
        rows[fingerprint] = {
            "run_id": run_id,
            "source": f.source,
            "line": f.line,
            "reason": f.reason,
            "excerpt": f.excerpt,
            "created_at": now,
            "last_seen_at": now,
            "fingerprint": fingerprint,
        }
    if rows:
        stmt = upsert_insert(conn)(failures)
        stmt = stmt.on_conflict_do_update(
            index_elements=[failures.c.fingerprint],
            set_={"last_seen_at": stmt.excluded.last_seen_at},
        )
        conn.execute(stmt, list(rows.values()))
    return count


def record_failures(
    store: Store, run_id: int | None, items: Iterable[Failure], *, wait: float | None = None
) -> int:
    """Record failures in their own transaction; how many were given."""
    batch = list(items)
    if not batch:
        return 0
    with write_connection(store.engine, wait) as conn:
        return insert_failures(conn, run_id, batch)


def get_cursor(store: Store, key: str) -> str | None:
    with store.engine.connect() as conn:
        return read_cursor(conn, key)


def set_cursor(store: Store, key: str, value: str, *, wait: float | None = None) -> None:
    with write_connection(store.engine, wait) as conn:
        put_cursor(conn, key, value)
