"""Reading the ledger back: events, their history, documents, claims and failures."""

from __future__ import annotations

from collections.abc import Generator, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from skyledger.models import Claim, Document, Event
from skyledger.store import bodies
from skyledger.store.db import Store
from skyledger.store.events import row_document
from skyledger.store.index import event_index
from skyledger.store.schema import claims, documents, event_history, events, failures, runs


def _events(conn: sa.Connection, rows: Iterable[Any]) -> list[Event]:
    return bodies.unpack_all(conn, [(row.id, row.body) for row in rows])


#: Events ``iter_events`` reads from the database at a time (with their claims).
CHUNK = 100


def _events_query(kind: str | None, since: date | None, until: date | None) -> Any:
    """Active events, oldest first (by night, else start, then id), filtered by kind and
    night (inclusive)."""
    query = sa.select(events).where(events.c.active.is_(True))
    if kind:
        query = query.where(events.c.kind == kind)
    if since:
        query = query.where(sa.func.coalesce(events.c.night, events.c.start) >= since.isoformat())
    if until:
        query = query.where(
            sa.func.coalesce(events.c.night, events.c.start) < (until.isoformat() + "~")
        )
    return query.order_by(sa.func.coalesce(events.c.night, events.c.start), events.c.id)


def list_events(
    store: Store,
    *,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Event]:
    """Active events, oldest first, filtered by kind and night (inclusive)."""
    query = _events_query(kind, since, until)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return _events(conn, conn.execute(query))


def iter_events(
    store: Store,
    *,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    chunk: int = CHUNK,
) -> Generator[Event, None, None]:
    """The events ``list_events`` gives, in its order, read ``chunk`` rows at a time: the
    memory an export or a listing needs does not grow with the ledger.

    One statement reads them all, so they are one snapshot of the ledger even while an
    ingest writes: on PostgreSQL through a server-side cursor, on SQLite stepping the
    statement as rows are taken. The connection stays open until the generator is
    exhausted or closed.
    """
    query = _events_query(kind, since, until)
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=max(1, chunk)).execute(query)
        for rows in result.partitions():
            yield from _events(conn, rows)


def get_event(store: Store, event_id: int) -> Event | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(events).where(events.c.id == event_id)).first()
        return bodies.unpack(conn, row.id, row.body) if row is not None else None


@dataclass(frozen=True, slots=True)
class EventRevision:
    revision: int
    changed_at: str
    reason: str
    event: Event


def event_revisions(store: Store, event_id: int) -> list[EventRevision]:
    query = (
        sa.select(event_history)
        .where(event_history.c.event_id == event_id)
        .order_by(event_history.c.revision, event_history.c.id)
    )
    with store.engine.connect() as conn:
        rows = list(conn.execute(query))
        found = bodies.unpack_all(conn, [(event_id, r.body) for r in rows])
    return [
        EventRevision(r.revision, r.changed_at, r.reason, event)
        for r, event in zip(rows, found, strict=True)
    ]


def get_document(
    store: Store, doc_id: str, revision: int | None = None
) -> tuple[Document, list[Claim]] | None:
    """A document (current revision unless one is named) with its claims."""
    query = sa.select(documents).where(documents.c.doc_id == doc_id)
    query = (
        query.where(documents.c.revision == revision)
        if revision
        else query.where(documents.c.current.is_(True))
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None:
            return None
        bodies = conn.execute(
            sa.select(claims.c.body).where(claims.c.document_pk == row.pk).order_by(claims.c.id)
        ).scalars()
        return row_document(row), [Claim.model_validate(b) for b in bodies]


def document_revisions(store: Store, doc_id: str) -> list[Document]:
    query = sa.select(documents).where(documents.c.doc_id == doc_id).order_by(documents.c.revision)
    with store.engine.connect() as conn:
        return [row_document(r) for r in conn.execute(query)]


def filter_claims(
    query: Any,
    *,
    key: str | None = None,
    kind: str | None = None,
    claimant: str | None = None,
    text: str | None = None,
) -> Any:
    """Restrict a query over claims of current documents; ``text`` searches the sentences."""
    query = query.join(documents, documents.c.pk == claims.c.document_pk).where(
        documents.c.current.is_(True)
    )
    if key:
        query = query.where(claims.c.key == key)
    if kind:
        query = query.where(claims.c.kind == kind)
    if claimant:
        query = query.where(claims.c.claimant == claimant)
    if text:
        pattern = f"%{text.lower()}%"
        query = query.where(sa.func.lower(sa.cast(claims.c.body, sa.Text)).like(pattern))
    return query


def list_claims(
    store: Store,
    *,
    key: str | None = None,
    kind: str | None = None,
    claimant: str | None = None,
    text: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Claim]:
    """Claims of current documents, filtered; ``text`` searches the claim's sentences."""
    query = filter_claims(
        sa.select(claims.c.body).select_from(claims),
        key=key,
        kind=kind,
        claimant=claimant,
        text=text,
    )
    query = query.order_by(claims.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [Claim.model_validate(b) for b in conn.execute(query).scalars()]


def list_failures(store: Store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    query = sa.select(failures).order_by(failures.c.id.desc()).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def counts(store: Store) -> dict[str, int]:
    """How many documents (current, not deleted at their source), revisions, claims, events,
    failures and runs."""
    return {**ledger_counts(store), **log_counts(store)}


def ledger_counts(store: Store) -> dict[str, int]:
    """How many documents (current, not deleted at their source), revisions, claims and
    events: what changes only with ``store.index.version``."""
    with store.engine.connect() as conn:

        def n(query: Any) -> int:
            return int(conn.execute(query).scalar() or 0)

        return {
            "documents": n(
                sa.select(sa.func.count())
                .select_from(documents)
                .where(documents.c.current.is_(True), documents.c.deleted.is_(False))
            ),
            "revisions": n(sa.select(sa.func.count()).select_from(documents)),
            "claims": n(sa.select(sa.func.count()).select_from(claims)),
            "events": n(  # from the index of the events (the events' rows hold their bodies)
                sa.select(sa.func.count())
                .select_from(event_index)
                .where(event_index.c.active.is_(True))
            ),
        }


def log_counts(store: Store) -> dict[str, int]:
    """How many failures and runs are recorded (they come without a change to the ledger)."""
    with store.engine.connect() as conn:
        return {
            name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
            for name, table in (("failures", failures), ("runs", runs))
        }


def document_urls(store: Store) -> dict[str, str]:
    """Current document id → its http(s) link, for the documents that have one."""
    query = (
        sa.select(documents.c.doc_id, documents.c.url)
        .where(documents.c.current.is_(True))
        .where(documents.c.url.is_not(None))
    )
    with store.engine.connect() as conn:
        return {
            doc_id: url
            for doc_id, url in conn.execute(query)
            if url.lower().startswith(("http://", "https://"))
        }


def ledger_version(store: Store) -> tuple[int, int, int, str]:
    """What changes whenever an event does: how many are active, the sum of their revisions
    (each update adds one), the highest id and the latest update; a cheap key for caching
    what is computed from every event."""
    active = sa.func.sum(sa.case((events.c.active.is_(True), 1), else_=0))
    query = sa.select(
        active,
        sa.func.sum(events.c.revision),
        sa.func.max(events.c.id),
        sa.func.max(events.c.updated_at),
    ).select_from(events)
    with store.engine.connect() as conn:
        count, revisions, top, updated = conn.execute(query).one()
    return int(count or 0), int(revisions or 0), int(top or 0), str(updated or "")
