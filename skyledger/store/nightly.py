"""Per-night and per-period statistics of the attacks from the rows ``store.index`` keeps per
night and scope: the nights as stored, the weeks and months summed by SQL aggregates.

Each function gives what ``ledger.summary`` computes from the events themselves
(``night_figures``, ``period_figures``, ``Tally``), with the same truthful-rate rules: a rate
counts only the nights that give both launched and downed (the neutralised rate only those
that also give lost), and a rate above 100 % carries its flag.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from skyledger.ledger.summary import OVER_100, rates_of
from skyledger.store.db import Store
from skyledger.store.index import event_index, night_scopes

PERIODS = ("week", "month")
#: Attacks whose scopes are read per round trip.
CHUNK = 500
#: Nights of ``/api/stats`` in one answer unless asked otherwise, and at most.
NIGHTS_PAGE = 1000
MAX_NIGHTS = 5000


def _in_range(night: Any, since: date | None, until: date | None) -> list[Any]:
    """``night`` is a night of the range."""
    where = [night.is_not(None)]
    if since:
        where.append(night >= since.isoformat())
    if until:
        where.append(night <= until.isoformat())
    return where


def _attack_nights(since: date | None, until: date | None) -> list[Any]:
    """The attacks with a night in the range (an attack's day is its night when it has one):
    a range of the (active, kind, night) index."""
    return [
        event_index.c.active.is_(True),
        event_index.c.kind == "air_attack",
        *_in_range(event_index.c.night, since, until),
    ]


def nights(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Every attack with a night, oldest first (``limit`` of them from ``offset``):
    launched, downed, lost and both rates per scope (``ledger.summary.night_figures`` of
    each)."""
    heads = _heads(since, until)
    if limit is not None:
        heads = heads.limit(limit).offset(offset)
    with store.engine.connect() as conn:
        found = [(int(pk), night) for pk, night in conn.execute(heads)]
        return _figures(conn, found)


def _figures(conn: sa.Connection, found: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """The scopes of these attacks (event id, night), read by their ids (a join on a range
    of nights made PostgreSQL read every night's scopes)."""
    rates = ("shot_down", "neutralised", "flag")
    out = {pk: {"night": night, "event_id": pk} for pk, night in found}
    s = night_scopes.c
    ids = sorted(out)
    for start in range(0, len(ids), CHUNK):
        scopes = (
            sa.select(s.event_id, s.scope, s.launched, s.downed, s.lost, *(s[m] for m in rates))
            .where(s.event_id.in_(ids[start : start + CHUNK]))
            .order_by(s.event_id, s.position)
        )
        for event_id, scope, launched, downed, lost, *rest in conn.execute(scopes):
            out[event_id][scope] = {
                "launched": None if launched is None else int(launched),
                "downed": None if downed is None else int(downed),
                "lost": None if lost is None else int(lost),
                **dict(zip(rates, rest, strict=True)),
            }
    return list(out.values())


def _heads(since: date | None, until: date | None) -> Any:
    """The attacks with a night in the range, oldest first: (event id, night)."""
    return (
        sa.select(event_index.c.event_id, event_index.c.night)
        .where(*_attack_nights(since, until))
        .order_by(event_index.c.night, event_index.c.event_id)
    )


def newest_night(store: Store) -> date | None:
    """The night of the newest attack (none without one)."""
    query = sa.select(sa.func.max(event_index.c.night)).where(*_attack_nights(None, None))
    with store.engine.connect() as conn:
        found = conn.execute(query).scalar()
    return date.fromisoformat(found) if found else None


def count_nights(store: Store, since: date | None = None, until: date | None = None) -> int:
    """How many attacks with a night ``nights`` gives in all."""
    query = sa.select(sa.func.count()).select_from(event_index).where(*_attack_nights(since, until))
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _paired() -> Any:
    """A night's scope counts toward the rates: launched (not zero), downed and a rate."""
    s = night_scopes.c
    return sa.and_(
        s.launched.is_not(None), s.launched != 0, s.downed.is_not(None), s.shot_down.is_not(None)
    )


def tally(
    launched: int | None,
    downed: int | None,
    lost: int | None,
    paired: tuple[int, int, int],
    with_lost: tuple[int, int, int, int],
) -> dict[str, Any]:
    """A period's scope: the sums, and the rates of the nights that give the figures they need
    (``paired``: launched, downed, how many nights; ``with_lost`` the same and lost)."""
    found = rates_of(paired[0], paired[1], None)
    neutralised = None
    if with_lost[3]:
        neutralised = rates_of(with_lost[0], with_lost[1], with_lost[2]).neutralised
    flag = found.flag or (OVER_100 if neutralised and neutralised > 1 else None)
    return {
        "launched": launched,
        "downed": downed,
        "lost": lost,
        "shot_down": found.shot_down,
        "neutralised": neutralised,
        "flag": flag,
        "nights_paired": paired[2],
    }


def periods(
    store: Store, period: str, since: date | None = None, until: date | None = None
) -> list[dict[str, Any]]:
    """The nights summed per ISO week (Monday first) or calendar month, each scope's sums and
    rates computed by the database (``ledger.summary.period_figures`` of ``nights``)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: week or month")
    s = night_scopes.c
    column = s.week if period == "week" else s.month
    paired = _paired()
    lost = sa.and_(paired, s.lost.is_not(None))

    def when(cond: Any, value: Any) -> Any:
        return sa.func.sum(sa.case((cond, value), else_=0))

    sums = (  # the scopes of the active attacks in the range, alone (``night_scopes``)
        sa.select(
            column,
            s.scope,
            sa.func.sum(s.launched),
            sa.func.sum(s.downed),
            sa.func.sum(s.lost),
            when(paired, s.launched),
            when(paired, s.downed),
            when(paired, 1),
            when(lost, s.launched),
            when(lost, s.downed),
            when(lost, s.lost),
            when(lost, 1),
        )
        .where(*_in_range(s.night, since, until))
        .group_by(column, s.scope)
    )
    index_column = event_index.c.week if period == "week" else event_index.c.month
    counts = (
        sa.select(index_column, sa.func.count())
        .where(*_attack_nights(since, until))
        .group_by(index_column)
    )

    def num(value: Any) -> int | None:
        return None if value is None else int(value)

    scopes: dict[str, dict[str, Any]] = defaultdict(dict)
    with store.engine.connect() as conn:
        nights_in = {start: int(n) for start, n in conn.execute(counts)}
        for start, scope, la, do, lo, pl, pd, pn, ll, ld, lx, ln in conn.execute(sums):
            scopes[start][scope] = tally(
                num(la),
                num(do),
                num(lo),
                (int(pl or 0), int(pd or 0), int(pn or 0)),
                (int(ll or 0), int(ld or 0), int(lx or 0), int(ln or 0)),
            )
    out = []
    for start in sorted(nights_in):
        day = date.fromisoformat(start)
        label = day.strftime("%Y-%m")
        if period == "week":
            year, week, _ = day.isocalendar()
            label = f"{year}-W{week:02d}"
        found = scopes.get(start, {})
        out.append(
            {
                period: label,
                "start": start,
                "nights": nights_in[start],
                **{scope: found[scope] for scope in sorted(found)},
            }
        )
    return out


def _within(first: date, last: date, since: date | None, until: date | None) -> tuple[date, date]:
    return max(first, since or first), min(last, until or last)


def stats(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> dict[str, Any]:
    """The nights, weeks and months of ``/api/stats``: how many nights in all (``total``),
    ``limit`` of them from ``offset`` (every one without a limit), and every week and month
    that holds one of those, each summed over all its nights in the range (a week at the
    edge of a page is whole, and comes again on the next page), summed by the database over
    the range of their nights."""
    total = count_nights(store, since, until)
    found = nights(store, since, until, limit=limit, offset=offset)
    weeks: list[dict[str, Any]] = []
    months: list[dict[str, Any]] = []
    if found and limit is None:
        weeks = periods(store, "week", since, until)
        months = periods(store, "month", since, until)
    elif found:
        first = date.fromisoformat(found[0]["night"])
        last = date.fromisoformat(found[-1]["night"])
        spans = {  # the whole weeks and months the page's nights fall in
            "week": (first - timedelta(days=first.weekday()), last + timedelta(6 - last.weekday())),
            "month": (
                first.replace(day=1),
                (last.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1),
            ),
        }
        weeks = periods(store, "week", *_within(*spans["week"], since, until))
        months = periods(store, "month", *_within(*spans["month"], since, until))
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "nights": found,
        "weeks": weeks,
        "months": months,
    }
