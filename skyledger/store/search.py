"""Search: claims by their sentences and places, documents by their text, events by place.

``search`` is the one entry point the API and the dashboard call; a full-text index (FTS5 on
SQLite, tsvector on PostgreSQL) can replace its body without changing its callers.

A query matches what a reader sees, never the stored record's field names: a claim's source
sentences and its places, a document's title and text. A place name is searched in every
spelling and case form the gazetteers know ("Фастів", "Фастові", "Fastiv", "Fastov" find the
same claims). Counts are true counts; results come a page at a time.

How it runs today: the database narrows the claims to those whose stored record contains a
search term (``LIKE``), then each candidate's sentences and places are checked here, so the
count and the page are exact.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from skyledger.models import Claim, Event
from skyledger.resources import load_tsv
from skyledger.store.db import Store
from skyledger.store.queries import filter_claims, list_events
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


def _matches(claim: Claim, terms: tuple[str, ...], places: tuple[str, ...]) -> bool:
    if places and any(p in claim.places for p in places):
        return True
    texts = [_fold(s.sentence) for s in claim.spans] + [_fold(p) for p in claim.places]
    return any(term in text for term in terms for text in texts)


def _like(column: Any, terms: tuple[str, ...]) -> Any:
    escaped = [t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for t in terms]
    return sa.or_(*(sa.func.lower(column).like(f"%{t}%", escape="\\") for t in escaped))


def _claim_candidates(
    store: Store, terms: tuple[str, ...], filters: dict[str, Any]
) -> Iterator[Any]:
    query = filter_claims(
        sa.select(claims.c.body, documents.c.published_at).select_from(claims), **filters
    )
    query = query.where(_like(sa.cast(claims.c.body, sa.Text), terms)).order_by(claims.c.id)
    with store.engine.connect() as conn:
        yield from conn.execute(query)


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
    """Claims whose sentences or places match ``text`` (any form of a place), a page of them
    and the true count."""
    terms, places = expand(text)
    page = Page()
    if not terms:
        return page
    filters = {"key": key, "kind": kind, "claimant": claimant}
    for body, published in _claim_candidates(store, terms, filters):
        claim = Claim.model_validate(body)
        if not _matches(claim, terms, places):
            continue
        if offset <= page.total < offset + limit:
            moment = datetime.fromisoformat(published) if published else None
            page.items.append(ClaimHit(claim, moment))
        page.total += 1
    return page


def search_documents(store: Store, text: str, *, limit: int = 50, offset: int = 0) -> Page:
    """Current documents whose title or text holds ``text`` (any form of a place)."""
    terms, _ = expand(text)
    if not terms:
        return Page()
    where = sa.or_(
        _like(documents.c.text, terms), _like(sa.func.coalesce(documents.c.title, ""), terms)
    )
    base = sa.select(documents).where(documents.c.current.is_(True)).where(where)
    count = sa.select(sa.func.count()).select_from(base.subquery())
    rows = base.order_by(documents.c.published_utc, documents.c.doc_id).limit(limit).offset(offset)
    columns = ("doc_id", "title", "source", "published_at", "lang")
    with store.engine.connect() as conn:
        total = int(conn.execute(count).scalar() or 0)
        items = [{c: getattr(r, c) for c in columns} for r in conn.execute(rows)]
    return Page(total, items)


def search_events(store: Store, text: str, *, limit: int = 50, offset: int = 0) -> Page:
    """Events that name the place ``text`` names (any form), or a place containing it."""
    terms, places = expand(text)
    if not terms:
        return Page()
    wanted = set(places)
    found: list[Event] = []
    for event in list_events(store):
        names = [_fold(p) for p in event.places]
        if wanted & set(event.places) or any(t in n for t in terms for n in names):
            found.append(event)
    return Page(len(found), found[offset : offset + limit])


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
