"""Events in the store: rebuilt from the current claims, keyed stably, with their history.

The events are a function of the current documents: they are loaded in a fixed order (by
document id, then claim order), so the same documents give the same events whatever order
they were stored in, and every event's links point at the claims of the current revisions.
A rebuild runs inside one ``ledger_update``; ``refresh_events`` rebuilds only when documents
changed since the last rebuild, and clears that mark in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from skyledger.models import Claim, Document, Event, Extraction, TimeWindow
from skyledger.store import index
from skyledger.store.db import Store, now_iso
from skyledger.store.locking import ledger_update
from skyledger.store.schema import claims, documents, event_claims, event_history, events
from skyledger.store.writes import EVENTS_STALE, put_cursor, read_cursor

Builder = Callable[[Iterable[tuple[Document, Extraction]]], list[Event]]


def row_document(row: Row[Any]) -> Document:
    published = row.published_at
    return Document(
        id=row.doc_id,
        source=row.source,
        medium=row.medium,
        url=row.url,
        published_at=datetime.fromisoformat(published) if published else None,
        lang=row.lang,
        title=row.title,
        text=row.text,
        content_hash=row.content_hash,
        revision=row.revision,
    )


def _live() -> sa.ColumnElement[bool]:
    """Current revisions of documents not deleted at their source."""
    return sa.and_(documents.c.current.is_(True), documents.c.deleted.is_(False))


def load_current(conn: Connection) -> tuple[list[tuple[Document, Extraction]], dict[int, int]]:
    """Current documents (by id, each as revision 1) with their stored claims; and claim
    object id → claim row id. Deleted documents are left out."""
    by_doc: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    rows = conn.execute(
        sa.select(claims.c.id, claims.c.document_pk, claims.c.body)
        .join(documents, documents.c.pk == claims.c.document_pk)
        .where(_live())
        .order_by(claims.c.id)
    )
    for claim_id, document_pk, body in rows:
        by_doc[document_pk].append((claim_id, Claim.model_validate(body)))
    items: list[tuple[Document, Extraction]] = []
    claim_ids: dict[int, int] = {}
    query = sa.select(documents).where(_live()).order_by(documents.c.doc_id)
    for row in conn.execute(query):
        # how many revisions came before is history, not content: the builder sees each
        # current document as it would after a clean ingest (the reconciler breaks ties
        # between reports of one source published at the same moment by revision)
        doc = row_document(row).model_copy(update={"revision": 1})
        pairs = by_doc.get(row.pk, [])
        for claim_id, claim in pairs:
            claim_ids[id(claim)] = claim_id
        meta = row.extraction or {}
        window = TimeWindow.model_validate(meta["window"]) if meta.get("window") else None
        extraction = Extraction(
            document_id=doc.id,
            lang=doc.lang,
            claims=tuple(c for _, c in pairs),
            window=window,
            inconsistencies=tuple(meta.get("inconsistencies") or ()),
        )
        items.append((doc, extraction))
    return items, claim_ids


def event_key(event: Event) -> str:
    window = event.window
    night = window.night.isoformat() if window.night else ""
    start = window.start.isoformat() if window.start and not window.night else ""
    place = "" if event.kind == "air_attack" else ",".join(event.places[:1])
    return f"{event.kind}|{night}|{start}|{place}"


def _body(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json", exclude={"id"})


def _unique_keys(built: list[Event]) -> list[tuple[str, Event]]:
    seen: dict[str, int] = defaultdict(int)
    out = []
    for event in built:
        key = event_key(event)
        seen[key] += 1
        out.append((key if seen[key] == 1 else f"{key}#{seen[key]}", event))
    return out


def _claim_links(event: Event, claim_ids: dict[int, int]) -> set[int]:
    return {claim_ids[id(c)] for c in event.claims if id(c) in claim_ids}


def _relink(conn: Connection, event_id: int, links: set[int]) -> None:
    conn.execute(sa.delete(event_claims).where(event_claims.c.event_id == event_id))
    if links:
        conn.execute(
            sa.insert(event_claims),
            [{"event_id": event_id, "claim_id": i} for i in sorted(links)],
        )


def refresh_events(
    store: Store, build: Builder, reason: str = "ingest", *, wait: float | None = None
) -> int:
    """Rebuild the events if documents changed since the last rebuild; how many changed.

    Inside one ledger update, so the rebuild sees every committed document and nothing is
    committed beside it; ``LedgerBusy`` if another writer held the ledger too long (the
    documents stay marked, and the next writer's refresh rebuilds them).
    """
    with store.engine.connect() as conn:  # nothing of ours can be pending if it reads "0"
        if read_cursor(conn, EVENTS_STALE) != "1":
            return 0
    with ledger_update(store, wait) as conn:
        if read_cursor(conn, EVENTS_STALE) != "1":
            return 0  # another writer's rebuild saw our documents
        changed = rebuild_in(conn, build, reason)
        put_cursor(conn, EVENTS_STALE, "0")
    return changed


def rebuild_events(
    store: Store, build: Builder, reason: str = "ingest", *, wait: float | None = None
) -> int:
    """Rebuild every event from current claims; returns how many events changed."""
    with ledger_update(store, wait) as conn:
        changed = rebuild_in(conn, build, reason)
        put_cursor(conn, EVENTS_STALE, "0")
    return changed


def rebuild_in(conn: Connection, build: Builder, reason: str) -> int:
    """The rebuild, on a connection inside a ledger update."""
    changed = 0
    items, claim_ids = load_current(conn)
    built = _unique_keys(build(items))
    existing = {r.event_key: r for r in conn.execute(sa.select(events))}
    linked: dict[int, set[int]] = defaultdict(set)
    for event_id, claim_id in conn.execute(sa.select(event_claims)):
        linked[event_id].add(claim_id)
    for key, event in built:
        row = existing.pop(key, None)
        old_links = linked.get(row.id, set()) if row is not None else set()
        changed += _upsert(conn, key, event, row, claim_ids, old_links, reason)
    for row in existing.values():
        if row.active:
            conn.execute(
                sa.update(events)
                .where(events.c.id == row.id)
                .values(active=False, updated_at=now_iso())
            )
            conn.execute(sa.delete(event_claims).where(event_claims.c.event_id == row.id))
            _history(conn, row.id, row.revision + 1, "no claims left", row.body)
            changed += 1
    index.refresh(conn)  # the side tables the read paths query (store/index.py)
    return changed


def _upsert(
    conn: Connection,
    key: str,
    event: Event,
    row: Row[Any] | None,
    claim_ids: dict[int, int],
    old_links: set[int],
    reason: str,
) -> int:
    """Insert or update one event; 1 if it changed. Links to the claims of superseded
    revisions are moved to the current ones even when the event itself did not change."""
    body = _body(event)
    links = _claim_links(event, claim_ids)
    window = event.window
    values = {
        "kind": event.kind,
        "night": window.night.isoformat() if window.night else None,
        "start": window.start.isoformat() if window.start else None,
        "body": body,
        "active": True,
        "updated_at": now_iso(),
    }
    if row is not None and row.body == body and row.active:
        if links != old_links:
            _relink(conn, row.id, links)
        return 0
    if row is None:
        result = conn.execute(sa.insert(events).values(event_key=key, revision=1, **values))
        event_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        revision = 1
    else:
        event_id, revision = row.id, row.revision + 1
        conn.execute(
            sa.update(events).where(events.c.id == event_id).values(revision=revision, **values)
        )
    _relink(conn, event_id, links)
    _history(conn, event_id, revision, reason, body)
    return 1


def _history(
    conn: Connection, event_id: int, revision: int, reason: str, body: dict[str, Any]
) -> None:
    conn.execute(
        sa.insert(event_history).values(
            event_id=event_id, revision=revision, changed_at=now_iso(), reason=reason, body=body
        )
    )
