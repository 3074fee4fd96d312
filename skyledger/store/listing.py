"""Events listed by indexed SQL: filtered by kind, nights, place and weapon on the side tables
of ``store.index``, counted and paged in the database, so a page reads only its own events.

The filters mean what the API documents: ``place`` is a part of a place's name (any case),
``weapon`` a weapon id with figures (or a member of a group such as ``iskander-m/kn-23``),
``since``/``until`` the first and last night, inclusive (an event with no night is dated by
its start). Events come oldest first, then by id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from skyledger.store.db import Store
from skyledger.store.index import event_index, event_places, event_weapons, place_names


@dataclass(slots=True)
class EventPage:
    """One page of events (their cards, ``ledger.cards.event_summary``) and how many match."""

    total: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def place_ids_containing(column: Any, needles: Iterable[str]) -> Any:
    """The ids of the place names whose ``column`` (lower or folded) contains a needle."""
    parts = [column.like(f"%{_escape_like(n)}%", escape="\\") for n in needles if n]
    return sa.select(place_names.c.id).where(sa.or_(*parts) if parts else sa.false())


def events_naming(place_ids: Any) -> Any:
    """The ids of the events naming one of ``place_ids`` (a select of place ids)."""
    return sa.select(event_places.c.event_id).where(event_places.c.place_id.in_(place_ids))


def event_filter(
    *,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    weapon: str | None = None,
) -> list[Any]:
    """The conditions on ``event_index`` for the filters (active events only)."""
    where: list[Any] = [event_index.c.active.is_(True)]
    if kind:
        where.append(event_index.c.kind == kind)
    if since:
        where.append(event_index.c.day >= since.isoformat())
    if until:
        where.append(event_index.c.day < until.isoformat() + "~")
    if place is not None and place.strip():
        ids = place_ids_containing(place_names.c.lower, [place.strip().lower()])
        where.append(event_index.c.event_id.in_(events_naming(ids)))
    if weapon is not None and weapon.strip():
        holding = sa.select(event_weapons.c.event_id).where(
            event_weapons.c.weapon == weapon.strip().lower()
        )
        where.append(event_index.c.event_id.in_(holding))
    return where


#: Matching events up to which a page is read from their ids, found first.
FEW = 1000


def page_events(store: Store, where: list[Any], *, limit: int, offset: int) -> EventPage:
    """The events matching ``where`` (conditions on ``event_index``): a page of their cards
    and the count.

    When few events match, their ids are found first and only those are ordered: walking
    every event in order to test each (the plan a database picks for a page of a filter it
    expects many to match) reads the whole ledger for a filter that matches none or few."""
    count = sa.select(sa.func.count()).select_from(event_index).where(*where)
    with store.engine.connect() as conn:
        total = int(conn.execute(count).scalar() or 0)
        if total == 0 or offset >= total:
            return EventPage(total, [])
        if total <= FEW:
            found = sa.select(event_index.c.event_id).where(*where)
            where = [event_index.c.event_id.in_(list(conn.execute(found).scalars()))]
        cards = (
            sa.select(event_index.c.card)
            .where(*where)
            .order_by(event_index.c.day, event_index.c.event_id)
            .limit(limit)
            .offset(offset)
        )
        items = list(conn.execute(cards).scalars())
    return EventPage(total, items)


def list_events(
    store: Store,
    *,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    weapon: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> EventPage:
    """Active events, filtered, oldest first: one page of cards and the true count."""
    where = event_filter(kind=kind, since=since, until=until, place=place, weapon=weapon)
    return page_events(store, where, limit=limit, offset=offset)
