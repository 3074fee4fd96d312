"""Writing: documents with their claims (one transaction per batch), failures, runs, cursors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skyledger.models import Claim, Document, Extraction, Failure
from skyledger.store.db import Store, now_iso
from skyledger.store.schema import claims, cursors, documents, failures, runs

Status = Literal["new", "changed", "unchanged"]

#: Cursor set when documents were written and cleared when the events were rebuilt, so a run
#: killed between the two rebuilds them next time, and a run that changed nothing skips it.
EVENTS_STALE = "ledger:events-stale"


def classify(store: Store, docs: Sequence[Document]) -> list[tuple[Document, Status, int]]:
    """Whether each document is new, a changed revision or unchanged (by content hash; a date
    given to a document stored without one is a change too)."""
    ids = list({d.id for d in docs})
    current: dict[str, tuple[str, int]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                sa.select(
                    documents.c.doc_id,
                    documents.c.content_hash,
                    documents.c.revision,
                    documents.c.published_utc,
                )
                .where(documents.c.doc_id.in_(ids[start : start + 500]))
                .where(documents.c.current.is_(True))
            )
            for doc_id, digest, revision, published in rows:
                current[doc_id] = (_version(digest, published is not None), revision)
    out: list[tuple[Document, Status, int]] = []
    seen: dict[str, str] = {}
    for doc in docs:
        version = _version(doc.content_hash, doc.published_at is not None)
        if seen.get(doc.id) == version:
            out.append((doc, "unchanged", current.get(doc.id, ("", 1))[1]))
            continue
        seen[doc.id] = version
        if doc.id not in current:
            out.append((doc, "new", 1))
            current[doc.id] = (version, 1)
        elif current[doc.id][0] in (version, _version(doc.content_hash, True)):
            out.append((doc, "unchanged", current[doc.id][1]))
        else:
            revision = current[doc.id][1] + 1
            out.append((doc, "changed", revision))
            current[doc.id] = (version, revision)
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


def claim_row(document_pk: int, claim: Claim) -> dict[str, Any]:
    window = claim.window
    night = window.night.isoformat() if window and window.night else None
    value = claim.quantity.point() if claim.quantity is not None else None
    return {
        "document_pk": document_pk,
        "doc_id": claim.document_id,
        "kind": claim.kind,
        "key": claim.key,
        "claimant": claim.claimant,
        "night": night,
        "value": value,
        "body": claim.model_dump(mode="json", exclude_defaults=True),
    }


def _insert_document(
    conn: Connection,
    doc: Document,
    revision: int,
    origin: str | None,
    extraction: Extraction | None,
) -> int:
    if revision > 1:
        conn.execute(
            sa.update(documents)
            .where(documents.c.doc_id == doc.id)
            .where(documents.c.current.is_(True))
            .values(current=False)
        )
    result = conn.execute(
        sa.insert(documents).values(**_document_row(doc, revision, origin, extraction))
    )
    pk = int(result.inserted_primary_key[0])  # type: ignore[index]
    if extraction is not None and extraction.claims:
        conn.execute(sa.insert(claims), [claim_row(pk, c) for c in extraction.claims])
    return pk


def write_batch(
    store: Store,
    items: Iterable[tuple[Document, Status, int, Extraction | None, str | None]],
) -> None:
    """Store new and changed documents with their claims, all in one transaction."""
    with store.engine.begin() as conn:
        written = 0
        for doc, status, revision, extraction, origin in items:
            if status != "unchanged":
                _insert_document(conn, doc, revision, origin, extraction)
                written += 1
        if written:  # in the same transaction: the events are stale until rebuilt
            _set_cursor(conn, EVENTS_STALE, "1")


def record_failures(store: Store, run_id: int | None, items: Iterable[Failure]) -> int:
    rows = [
        {
            "run_id": run_id,
            "source": f.source,
            "line": f.line,
            "reason": f.reason,
            "excerpt": f.excerpt[:2000],
            "created_at": now_iso(),
        }
        for f in items
    ]
    if rows:
        with store.engine.begin() as conn:
            conn.execute(sa.insert(failures), rows)
    return len(rows)


def start_run(store: Store, command: str) -> int:
    with store.engine.begin() as conn:
        result = conn.execute(
            sa.insert(runs).values(command=command[:200], started_at=now_iso(), counts={})
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def finish_run(store: Store, run_id: int, counts: dict[str, int]) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(runs).where(runs.c.id == run_id).values(finished_at=now_iso(), counts=counts)
        )


def get_cursor(store: Store, key: str) -> str | None:
    with store.engine.connect() as conn:
        value = conn.execute(sa.select(cursors.c.value).where(cursors.c.key == key)).scalar()
    return str(value) if value is not None else None


def set_cursor(store: Store, key: str, value: str) -> None:
    with store.engine.begin() as conn:
        _set_cursor(conn, key, value)


def _set_cursor(conn: Connection, key: str, value: str) -> None:
    updated = conn.execute(
        sa.update(cursors).where(cursors.c.key == key).values(value=value, updated_at=now_iso())
    )
    if updated.rowcount == 0:
        conn.execute(sa.insert(cursors).values(key=key, value=value, updated_at=now_iso()))
