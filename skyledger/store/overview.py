"""What the dashboard shows beside the nightly series, by SQL over the side tables of
``store.index``: the largest attacks, launched and downed per weapon model, and how many
attacks name each place. Each gives what ``web.dashboard`` computes from every event."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from skyledger.store.db import Store
from skyledger.store.index import event_index, event_places, night_scopes, place_names


def _attacks() -> list[Any]:
    return [event_index.c.active.is_(True), event_index.c.kind == "air_attack"]


def largest_attacks(store: Store, n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` attacks with the most launched in all, then by night, then in event order.

    Read from the index of launched per scope: the ``n``-th largest figure first, then the
    attacks with at least as many (ties included), which alone are ordered."""
    s = night_scopes.c
    total = (s.scope == "total", s.launched.is_not(None))  # the scopes of active attacks
    nth = sa.select(s.launched).where(*total).order_by(s.launched.desc()).limit(1).offset(n - 1)
    label = sa.func.coalesce(sa.func.substr(event_index.c.day, 1, 10), "")
    query = (
        sa.select(
            s.event_id,
            label,
            s.launched,
            s.downed,
            s.lost,
            s.shot_down,
            s.neutralised,
            s.flag,
            event_index.c.conflicts,
        )
        .join(event_index, event_index.c.event_id == s.event_id)
        .where(*_attacks(), *total)
        .order_by(s.launched.desc(), label, event_index.c.day, event_index.c.event_id)
        .limit(n)
    )
    names = ("id", "night", "launched", "downed", "lost", "shot_down", "neutralised", "flag")
    with store.engine.connect() as conn:
        least = conn.execute(nth).scalar()
        if least is not None:
            query = query.where(s.launched >= least)
        out = []
        for row in conn.execute(query):
            item = dict(zip(names, row[:8], strict=True))
            for key in ("launched", "downed", "lost"):
                item[key] = None if item[key] is None else int(item[key])
            item["conflicts"] = int(row[8])
            out.append(item)
    return out


def weapon_breakdown(store: Store) -> list[dict[str, Any]]:
    """Per weapon model: launched and downed summed over the attacks that give both, how many
    those are (``nights``) and how many give one of the two (``unpaired``)."""
    s = night_scopes.c
    both = sa.and_(s.launched.is_not(None), s.downed.is_not(None))

    def when(value: Any) -> Any:
        return sa.func.sum(sa.case((both, value), else_=0))

    query = (
        sa.select(
            s.scope,
            when(s.launched),
            when(s.downed),
            when(1),
            sa.func.sum(sa.case((both, 0), else_=1)),
        )
        .where(s.scope.like("model:%"))  # the rows of active attacks alone
        .group_by(s.scope)
    )
    with store.engine.connect() as conn:
        rows = [
            {
                "model": scope.removeprefix("model:"),
                "launched": int(launched or 0),
                "downed": int(downed or 0),
                "nights": int(nights or 0),
                "unpaired": int(unpaired or 0),
            }
            for scope, launched, downed, nights, unpaired in conn.execute(query)
        ]
    return sorted(rows, key=lambda r: (-r["launched"], r["model"]))


def place_counts(store: Store) -> list[tuple[str, int, int]]:
    """Each place the attacks name: how many name it and the first of them (event order)."""
    order = sa.func.row_number().over(
        partition_by=event_places.c.place_id, order_by=(event_index.c.day, event_index.c.event_id)
    )
    ranked = (
        sa.select(
            event_places.c.place_id,
            event_places.c.event_id,
            order.label("rank"),
            sa.func.count().over(partition_by=event_places.c.place_id).label("n"),
        )
        .join(event_index, event_index.c.event_id == event_places.c.event_id)
        .where(*_attacks())
        .subquery()
    )
    query = (
        sa.select(place_names.c.name, ranked.c.n, ranked.c.event_id)
        .join(ranked, ranked.c.place_id == place_names.c.id)
        .where(ranked.c.rank == 1)
    )
    with store.engine.connect() as conn:  # sorted here: the database's collation may differ
        return sorted((name, int(n), int(first)) for name, n, first in conn.execute(query))
