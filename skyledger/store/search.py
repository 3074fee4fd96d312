"""Search: claims by their sentences and places, documents by their text, events by place.

``search`` is the one entry point the API and the dashboard call; a full-text index (FTS5 on
SQLite, tsvector on PostgreSQL) can replace its body without changing its callers.

A query matches what a reader sees, never the stored record's field names: a claim's source
sentences and its places, a document's title and text. A place name is searched in every
spelling and case form the gazetteers know ("Фастів", "Фастові", "Fastiv", "Fastov" find the
same claims). Counts are true counts; results come a page at a time.

How it runs: claims through the full-text index of ``store.index`` (SQLite FTS5, PostgreSQL
``tsvector`` with the ``simple`` configuration, which splits Ukrainian, Russian and English
alike): a query term matches as a phrase of whole words, its last word as a prefix ("ракет"
finds "ракети", "ракетами"); events through the place names they hold (``event_places``);
documents by their title and text (the same indexes). The count and the page come from the
database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from skyledger.models import Claim
from skyledger.resources import load_tsv
from skyledger.store import index, listing, stats
from skyledger.store.db import Store
from skyledger.store.index import event_index, place_names
from skyledger.store.queries import filter_claims
from skyledger.store.schema import claims, documents

#: Longest query accepted (the API refuses longer ones with 422).
MAX_QUERY = 500


@dataclass(frozen=True, slots=True)
class ClaimHit:
    """A claim found, with the day it speaks of (its night, else its document's date)."""

    claim: Claim
    published_at: datetime | None

    @property
    def day(self) -> date | None:
        if self.claim.window is not None and self.claim.window.night is not None:
            return self.claim.window.night
        return self.published_at.date() if self.published_at else None


@dataclass(slots=True)
class Page:
    """One page of results and how many there are in all."""

    total: int = 0
    items: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class SearchResult:
    query: str
    terms: tuple[str, ...]
    places: tuple[str, ...]
    claims: Page
    documents: Page
    events: Page


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").replace("ʼ", "'").split())


@cache
def _place_forms() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Every spelling and case form of a place (folded) → its names; name → its forms."""
    by_form: dict[str, set[str]] = {}
    by_name: dict[str, set[str]] = {}

    def add(name: str, forms: list[str]) -> None:
        for form in [name, *forms]:
            folded = _fold(form)
            if folded:
                by_form.setdefault(folded, set()).add(name)
                by_name.setdefault(name, set()).add(folded)

    for row in load_tsv("gazetteer/places.tsv"):
        add(row["name"], row.get("aliases", "").split("|"))
    for row in load_tsv("gazetteer/uk_places.tsv"):
        add(row["name"], row.get("forms", "").split(";"))
    return by_form, by_name


def expand(query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folded terms to look for, and the places the query names (in any form)."""
    folded = _fold(query)
    by_form, by_name = _place_forms()
    places = sorted(by_form.get(folded, set()))
    terms = {folded}
    for name in places:
        terms |= by_name[name]
    return tuple(sorted(t for t in terms if t)), tuple(places)


def _phrases(terms: tuple[str, ...], places: tuple[str, ...]) -> list[list[str]]:
    """Each term (and place name) as the words the full-text indexes hold, once each."""
    found: dict[tuple[str, ...], None] = {}
    for text in (*terms, *places):
        found.setdefault(tuple(index.words(text)))
    return [list(p) for p in found if p]


def fts_query(dialect: str, phrases: list[list[str]]) -> str:
    """The full-text query: any of the phrases, its last word a prefix (the words hold only
    letters and digits, so nothing in them needs quoting)."""
    if dialect == "sqlite":
        return " OR ".join('"' + " ".join(p) + '"*' for p in phrases)
    return " | ".join("(" + " <-> ".join([*p[:-1], p[-1] + ":*"]) + ")" for p in phrases)


def matching(dialect: str, name: str, phrases: list[list[str]]) -> Any:
    """The ids of the ``name`` rows (``claim`` or ``document``) whose indexed text holds one of
    the phrases."""
    query = fts_query(dialect, phrases)
    if dialect == "sqlite":
        return (
            sa.select(sa.literal_column("rowid"))
            .select_from(sa.table(f"{name}_fts"))
            .where(sa.literal_column(f"{name}_fts").op("MATCH")(query))
        )
    match = sa.text("tsv @@ to_tsquery('simple', CAST(:fts AS text))").bindparams(fts=query)
    return sa.select(sa.literal_column("id")).select_from(sa.table(f"{name}_search")).where(match)


def _through_the_index(conn: sa.Connection) -> None:
    """On PostgreSQL, read the matches of a search without filters through the GIN index for
    the rest of this read: the planner prices a ``tsvector`` match as cheap and would test
    every row for a query of many prefixes or phrases (all the forms of a place): five times
    slower at 90,000 claims. (With filters the choice is less clear, and left to it.)"""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")


#: Matching documents beyond which a page of them is read in the documents' order, not sorted.
IN_ORDER = 2000
#: Search counts a store keeps (the oldest state's go first).
COUNTS = 256


def _count(
    store: Store, conn: sa.Connection, search: tuple[object, ...], count: Callable[[], int]
) -> int:
    """The true count of a search, counted once per state of the ledger: a common word matches
    most of a large ledger, and counting every match of it costs far more than a page, so the
    pages after the first (and the same search again) reuse the count while nothing changes."""
    key = (index.current_version(conn), *search)
    total = store.counts.get(key)
    if total is None:
        total = count()
        if len(store.counts) >= COUNTS:
            store.counts.clear()
        store.counts[key] = total
    return total


def search_claims(
    store: Store,
    text: str,
    *,
    limit: int = 50,
    offset: int = 0,
    key: str | None = None,
    kind: str | None = None,
    claimant: str | None = None,
) -> Page:
    """Claims whose sentences or places hold ``text`` (any form of a place; its last word may
    be the start of a word), a page of them and the true count, from the full-text index."""
    terms, places = expand(text)
    phrases = _phrases(terms, places)
    if not phrases:
        return Page()
    dialect = store.engine.dialect.name
    filters = {"key": key, "kind": kind, "claimant": claimant}
    found = matching(dialect, "claim", phrases)
    match = claims.c.id.in_(found)
    where = [*stats.claim_filters(**filters), match]
    # every claim is in the index once: without filters, the index counts the matches alone
    every = None if len(where) > 1 else sa.select(sa.func.count()).select_from(found.subquery())
    columns = sa.select(claims.c.body, documents.c.published_at)
    if dialect == "sqlite":
        # driven by the index, which gives its matches in id order: a page of a common word
        # reads its own rows, not every match first
        fts = sa.table("claim_fts", sa.column("rowid"))
        source = fts.join(claims, claims.c.id == fts.c.rowid)
        order: Any = fts.c.rowid
        match = sa.literal_column("claim_fts").op("MATCH")(fts_query(dialect, phrases))
        columns = columns.select_from(source)
    else:
        order = claims.c.id
        columns = columns.select_from(claims)
    rows = (
        filter_claims(columns, **filters).where(match).order_by(order).limit(limit).offset(offset)
    )
    with store.engine.connect() as conn:
        if every is not None:
            _through_the_index(conn)
        counted = ("claims", dialect, *map(tuple, phrases), key, kind, claimant)
        total = _count(store, conn, counted, lambda: stats.current_claims(conn, where, every))
        items = [
            ClaimHit(Claim.model_validate(body), datetime.fromisoformat(p) if p else None)
            for body, p in conn.execute(rows)
        ]
    return Page(total, items)


def search_documents(store: Store, text: str, *, limit: int = 50, offset: int = 0) -> Page:
    """Current documents whose title or text holds ``text`` (any form of a place; its last
    word may be the start of a word), from the full-text index. A post deleted at its source
    is not found: its last revision keeps the text as history, not as a document of the
    ledger (as in ``queries.counts``)."""
    terms, _ = expand(text)
    phrases = _phrases(terms, ())
    if not phrases:
        return Page()
    dialect = store.engine.dialect.name
    found = matching(dialect, "document", phrases)
    live = (documents.c.current.is_(True), documents.c.deleted.is_(False))
    count = (
        sa.select(sa.func.count()).select_from(documents).where(*live, documents.c.pk.in_(found))
    )
    columns = ("doc_id", "title", "source", "published_at", "lang")
    with store.engine.connect() as conn:
        counted = ("documents", *map(tuple, phrases))
        total = _count(store, conn, counted, lambda: int(conn.execute(count).scalar() or 0))
        where = documents.c.pk.in_(found)
        if dialect == "sqlite" and total > IN_ORDER:
            # a common word: SQLite would read and sort every match to give a page; the
            # documents in their order (``ix_documents_listed``), each looked up in the
            # matches, give it at once ("+ 0" keeps the matches from driving the read)
            where = (documents.c.pk + 0).in_(found)
        rows = (
            sa.select(*(documents.c[c] for c in columns))
            .where(*live, where)
            .order_by(documents.c.published_utc, documents.c.doc_id)
            .limit(limit)
            .offset(offset)
        )
        items = [dict(zip(columns, r, strict=True)) for r in conn.execute(rows)]
    return Page(total, items)


def search_events(store: Store, text: str, *, limit: int = 50, offset: int = 0) -> Page:
    """Events that name the place ``text`` names (any form), or a place containing it."""
    terms, places = expand(text)
    if not terms:
        return Page()
    ids = listing.place_ids_containing(place_names.c.folded, terms)
    if places:
        ids = sa.union(ids, sa.select(place_names.c.id).where(place_names.c.name.in_(places)))
    where = [event_index.c.active.is_(True), event_index.c.event_id.in_(listing.events_naming(ids))]
    found = listing.page_events(store, where, limit=limit, offset=offset)
    return Page(found.total, list(found.items))


def search(store: Store, text: str, *, limit: int = 50, offset: int = 0) -> SearchResult:
    """Claims, documents and events matching ``text``; each a page with its true count."""
    terms, places = expand(text)
    return SearchResult(
        query=text,
        terms=terms,
        places=places,
        claims=search_claims(store, text, limit=limit, offset=offset),
        documents=search_documents(store, text, limit=limit, offset=offset),
        events=search_events(store, text, limit=limit, offset=offset),
    )


__all__ = [
    "MAX_QUERY",
    "ClaimHit",
    "Page",
    "SearchResult",
    "expand",
    "search",
    "search_claims",
    "search_documents",
    "search_events",
]
