"""Counts the API and dashboard need beyond ``queries``: totals for paging, and a plain text
search over documents. Numbers and rows only; ``ledger.series`` shapes the per-night and
per-week figures of the attacks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skyledger.store.db import Store
from skyledger.store.queries import filter_claims
from skyledger.store.schema import claims, documents, failures


def count_claims(
    store: Store,
    *,
    key: str | None = None,
    kind: str | None = None,
    claimant: str | None = None,
    text: str | None = None,
) -> int:
    """How many claims ``queries.list_claims`` would page through with the same filters."""
    if text:
        query = filter_claims(
            sa.select(sa.func.count()).select_from(claims),
            key=key,
            kind=kind,
            claimant=claimant,
            text=text,
        )
        with store.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)
    with store.engine.connect() as conn:
        return current_claims(conn, claim_filters(key=key, kind=kind, claimant=claimant))


def claim_filters(
    *, key: str | None = None, kind: str | None = None, claimant: str | None = None
) -> list[sa.ColumnElement[bool]]:
    """The conditions on the claims' own columns of ``queries.filter_claims``."""
    found = [(claims.c.key, key), (claims.c.kind, kind), (claims.c.claimant, claimant)]
    return [column == value for column, value in found if value]


def current_claims(
    conn: Connection, where: Sequence[sa.ColumnElement[bool]], every: Any = None
) -> int:
    """How many claims of current documents meet ``where``: those of every revision (read
    from an index of the claims; ``every`` when the caller has that count) less those of
    the few revisions that are not current, so no claim is joined to its document."""
    if every is None:
        every = sa.select(sa.func.count()).select_from(claims).where(*where)
    total = int(conn.execute(every).scalar() or 0)
    superseded = sa.select(documents.c.pk).where(documents.c.current == sa.false())
    pks = sorted(conn.execute(superseded).scalars())  # few, through their partial index
    for start in range(0, len(pks), 500):
        stale = (
            sa.select(sa.func.count())
            .select_from(claims)
            .where(claims.c.document_pk.in_(pks[start : start + 500]), *where)
        )
        total -= int(conn.execute(stale).scalar() or 0)
    return total


def count_failures(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(failures)).scalar() or 0)


def search_documents(store: Store, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Current documents whose title or text contains ``text`` (case-insensitive)."""
    pattern = f"%{text.lower()}%"
    query = (
        sa.select(documents.c.doc_id, documents.c.title, documents.c.source)
        .where(documents.c.current.is_(True))
        .where(
            sa.or_(
                sa.func.lower(documents.c.text).like(pattern),
                sa.func.lower(sa.func.coalesce(documents.c.title, "")).like(pattern),
            )
        )
        .order_by(documents.c.published_utc, documents.c.doc_id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
