"""The ledger: claims from every source grouped into events and reconciled into figures.

``build_events`` is the entry point (the store and CLI call it); ``group`` decides which claims
describe the same happening, ``reconcile`` decides each event's figures and conflicts, and
``facts`` turns one document's extraction into gold-form facts; ``summary`` and ``series``
give flat views of events for tables and charts. Pure code: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby

from skyledger.ledger.group import (
    Anchor,
    ClaimRef,
    EventDraft,
    group_claims,
    stated_window,
)
from skyledger.ledger.reconcile import (
    InterceptionRates,
    Reconciled,
    interception_rate,
    interception_rates,
    reconcile_claims,
    reconcile_event,
)
from skyledger.models import KYIV, Document, Event, Extraction, TimeWindow

__all__ = [
    "Anchor",
    "ClaimRef",
    "EventDraft",
    "InterceptionRates",
    "Reconciled",
    "build_drafted",
    "build_events",
    "event_of",
    "group_claims",
    "interception_rate",
    "interception_rates",
    "reconcile_claims",
    "reconcile_event",
]

#: Where an undated event sorts: after every dated one.
_END_OF_TIME = datetime.max.replace(tzinfo=UTC)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=KYIV)


def event_window(draft: EventDraft) -> TimeWindow:
    """The night (for overnight attacks) with the earliest stated start and latest end.

    Daytime attacks and other events with no stated hours span their whole Kyiv day(s).
    """
    anchor = draft.anchor
    if anchor.kind == "undated":
        return TimeWindow()
    windows = [w for w in (stated_window(ref) for ref in draft.refs) if w is not None]
    starts = [w.start for w in windows if w.start is not None]
    ends = [w.end for w in windows if w.end is not None]
    as_of = max((w.as_of for w in windows if w.as_of is not None), default=None)
    start, end = min(starts, default=None), max(ends, default=None)
    if anchor.kind == "night":
        return TimeWindow(night=anchor.first, start=start, end=end, as_of=as_of)
    if start is None and end is None:
        start = _midnight(anchor.first)
        end = _midnight(anchor.last) + timedelta(days=1)
    return TimeWindow(start=start, end=end, as_of=as_of)


def event_places(draft: EventDraft) -> tuple[str, ...]:
    """Places hit for an attack; every place named for the other kinds of event."""
    claims = draft.claims
    if draft.kind == "air_attack":
        claims = tuple(c for c in claims if c.kind == "place_hit")
    return tuple(sorted({place for claim in claims for place in claim.places}))


def event_of(draft: EventDraft) -> Event:
    """Reconcile one draft into an ``Event`` (``id`` is left for the store)."""
    documents = {ref.document.id: ref.document for ref in draft.refs}
    reconciled = reconcile_claims(draft.claims, documents)
    return Event(
        kind=draft.kind,
        window=event_window(draft),
        places=event_places(draft),
        figures=reconciled.figures,
        claims=draft.claims,
        conflicts=reconciled.conflicts,
        sources=tuple(sorted(documents)),
    )


def _moment(draft: EventDraft, event: Event) -> datetime:
    if draft.anchor.kind == "undated":
        return _END_OF_TIME
    if event.window.start is not None:
        return event.window.start
    if draft.anchor.kind == "night":
        return _midnight(draft.anchor.first) - timedelta(hours=6)
    return _midnight(draft.anchor.first)


def build_drafted(items: Iterable[tuple[Document, Extraction]]) -> list[tuple[EventDraft, Event]]:
    """``build_events`` with the draft (and so the anchor) of each event."""
    keyed = [((_moment(d, e), e.kind), (d, e)) for d in group_claims(items) for e in [event_of(d)]]
    keyed.sort(key=lambda item: item[0])
    events: list[tuple[EventDraft, Event]] = []
    for _, tied in groupby(keyed, key=lambda item: item[0]):
        pairs = [pair for _, pair in tied]
        if len(pairs) > 1:  # events of one kind at one moment: in the order of their content
            pairs.sort(key=lambda pair: pair[1].model_dump_json())
        events.extend(pairs)
    return events


def build_events(items: Iterable[tuple[Document, Extraction]]) -> list[Event]:
    """Every claim of ``items`` in exactly one event, events in time order."""
    return [event for _, event in build_drafted(items)]
