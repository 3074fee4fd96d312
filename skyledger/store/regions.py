"""The part of the ledger an ingest can change: a region of events and the claims behind them.

Every claim row carries its placement (``ledger.group.place_claim``): its event kind and the
dates of its own anchor. From the placements of the documents written (their old revisions'
claims and their new ones) follows the region whose events may change:

- air attacks: the days of those claims, and one day either side (``ATTACK_REACH``); the
  claims regrouped are those of the region's days and one more day either side, which is all
  a grouping rule reads to place a claim on a region's day;
- talks, calls, power losses, frontline: the run of dates linked to those claims one gap at a
  time (``DATED_KINDS``), grown until no claim of the kind links to it;
- undated claims: every undated event of the kind (they share one key and are numbered).

Regrouping the region's claims gives exactly the region's events of a full rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from skyledger.ledger.group import ATTACK_REACH, DATED_KINDS, EventDraft
from skyledger.models import Claim, Document, Extraction, TimeWindow
from skyledger.store.schema import claims, documents, event_claims, events

#: Rows per ``IN (…)`` list.
CHUNK = 500
ATTACK = "air_attack"

Items = list[tuple[Document, Extraction]]
Span = tuple[date, date]


@dataclass(slots=True)
class Region:
    """Events that may change: air attacks anchored on ``attack_days``; events of each dated
    kind within its runs of dates; the undated events of ``undated`` kinds."""

    attack_days: set[date] = field(default_factory=set)
    dated: dict[str, list[Span]] = field(default_factory=dict)
    undated: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.attack_days or self.dated or self.undated)

    def holds(self, draft: EventDraft) -> bool:
        """Whether a draft regrouped from the region's claims is one of its events."""
        if draft.anchor.kind == "undated":
            return draft.kind in self.undated
        if draft.kind == ATTACK:
            return draft.anchor.first in self.attack_days
        return draft.kind in self.dated


def live() -> sa.ColumnElement[bool]:
    """Current revisions of documents not deleted at their source."""
    return sa.and_(documents.c.current.is_(True), documents.c.deleted.is_(False))


def runs(days: Iterable[date]) -> list[Span]:
    """Consecutive days as (first, last) runs."""
    out: list[Span] = []
    for day in sorted(set(days)):
        if out and day - out[-1][1] <= timedelta(days=1):
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def merge(spans: Iterable[Span], gap: int) -> list[Span]:
    """Spans joined when they overlap or lie within ``gap`` days (``group._linked``)."""
    out: list[Span] = []
    for first, last in sorted(spans):
        if out and first - timedelta(days=gap) <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _days(
    kind: sa.ColumnElement[Any], column: sa.ColumnElement[Any], spans: Sequence[Span]
) -> sa.ColumnElement[bool]:
    """Air attacks on these runs of days: the kind repeated in each term, so each run is a
    range of the (kind, day) index (a kind outside the terms would scan every attack)."""
    return sa.or_(
        *(sa.and_(kind == ATTACK, column.between(a.isoformat(), b.isoformat())) for a, b in spans)
    )


def _overlaps(first: Any, last: Any, spans: Sequence[Span], gap: int) -> sa.ColumnElement[bool]:
    step = timedelta(days=gap)
    return sa.or_(
        *(
            sa.and_(first <= (b + step).isoformat(), last >= (a - step).isoformat())
            for a, b in spans
        )
    )


def _near(days: set[date]) -> set[date]:
    step = timedelta(days=ATTACK_REACH)
    return {d + k * step for d in days for k in (-1, 0, 1)}


def _claim_filter(region: Region) -> sa.ColumnElement[bool]:
    """The claims a region's events are regrouped from."""
    parts: list[sa.ColumnElement[bool]] = []
    if region.attack_days:
        attack_runs = runs(_near(region.attack_days))
        parts.append(_days(claims.c.group_kind, claims.c.first_day, attack_runs))
    for kind, spans in region.dated.items():
        gap = DATED_KINDS.get(kind, 0)
        parts.append(
            sa.and_(
                claims.c.group_kind == kind,
                _overlaps(claims.c.first_day, claims.c.last_day, spans, gap),
            )
        )
    if region.undated:
        parts.append(
            sa.and_(claims.c.group_kind.in_(sorted(region.undated)), claims.c.first_day.is_(None))
        )
    return sa.or_(*parts)


def event_filter(region: Region) -> sa.ColumnElement[bool]:
    """The stored events (active or not) a region's regrouping replaces."""
    parts: list[sa.ColumnElement[bool]] = []
    if region.attack_days:
        parts.append(_days(events.c.kind, events.c.first_day, runs(region.attack_days)))
    for kind, spans in region.dated.items():
        parts.append(
            sa.and_(
                events.c.kind == kind,
                _overlaps(events.c.first_day, events.c.last_day, spans, 0),
            )
        )
    if region.undated:
        parts.append(
            sa.and_(events.c.kind.in_(sorted(region.undated)), events.c.first_day.is_(None))
        )
    return sa.or_(*parts)


def _span(first: str | None, last: str | None) -> Span | None:
    if first is None:
        return None
    start = date.fromisoformat(first)
    return (start, date.fromisoformat(last) if last else start)


def seeds(conn: Connection, doc_ids: Sequence[str]) -> Region:
    """The placements of these documents' claims (every revision): their attack days, the
    dates of their other claims by kind, the kinds of their undated claims."""
    region = Region()
    ids = list(dict.fromkeys(doc_ids))
    for start in range(0, len(ids), CHUNK):
        rows = conn.execute(
            sa.select(claims.c.group_kind, claims.c.first_day, claims.c.last_day)
            .where(claims.c.doc_id.in_(ids[start : start + CHUNK]))
            .distinct()
        )
        for kind, first, last in rows:
            span = _span(first, last)
            if kind is None:
                continue
            if span is None:
                region.undated.add(kind)
            elif kind == ATTACK:
                region.attack_days.add(span[0])
            else:
                region.dated.setdefault(kind, []).append(span)
    return region


def add(into: Region, more: Region) -> None:
    """Add the seeds of ``more`` to ``into``."""
    into.attack_days |= more.attack_days
    into.undated |= more.undated
    for kind, spans in more.dated.items():
        into.dated[kind] = merge([*into.dated.get(kind, []), *spans], DATED_KINDS.get(kind, 0))


def expand(conn: Connection, found: Region) -> Region:
    """The region the claims placed at ``found`` (``seeds``) can change."""
    return Region(
        attack_days=_near(found.attack_days),
        dated={kind: closure(conn, kind, spans) for kind, spans in found.dated.items()},
        undated=set(found.undated),
    )


def touched(conn: Connection, doc_ids: Sequence[str]) -> Region:
    """The region the claims of these documents (every revision) can change."""
    return expand(conn, seeds(conn, doc_ids))


def split(region: Region, days: int) -> list[Region]:
    """The region in parts to regroup one after another: air attacks ``days`` days at a
    time, each dated kind, the undated events."""
    ordered = sorted(region.attack_days)
    out = [Region(attack_days=set(ordered[i : i + days])) for i in range(0, len(ordered), days)]
    out += [Region(dated={kind: spans}) for kind, spans in region.dated.items()]
    if region.undated:
        out.append(Region(undated=set(region.undated)))
    return out


def closure(conn: Connection, kind: str, seeds: Sequence[Span]) -> list[Span]:
    """Runs of dates holding ``seeds`` and every claim of ``kind`` linked to them by date,
    one gap at a time (a superset of the single-link groups the seeds' claims join)."""
    gap = DATED_KINDS.get(kind, 0)
    spans = merge(seeds, gap)
    while True:
        rows = conn.execute(
            sa.select(claims.c.first_day, claims.c.last_day)
            .join(documents, documents.c.pk == claims.c.document_pk)
            .where(live(), claims.c.group_kind == kind)
            .where(_overlaps(claims.c.first_day, claims.c.last_day, spans, gap))
            .distinct()
        )
        found = [s for first, last in rows if (s := _span(first, last)) is not None]
        grown = merge([*spans, *found], gap)
        if grown == spans:
            return spans
        spans = grown


def builder_document(row: Row[Any], text: str = "", revision: int = 1) -> Document:
    """A stored document as the builder sees it: revision 1 (how many came before is
    history, not content: the reconciler breaks ties between reports of one source published
    at the same moment by revision); ``revision`` and ``text`` as stored for a reader."""
    published = row.published_at
    return Document(
        id=row.doc_id,
        source=row.source,
        medium=row.medium,
        url=row.url,
        published_at=datetime.fromisoformat(published) if published else None,
        lang=row.lang,
        title=row.title,
        text=text,
        content_hash=row.content_hash,
        revision=revision,
    )


def extraction_of(row: Row[Any], doc: Document, found: Sequence[Claim]) -> Extraction:
    meta = row.extraction or {}
    window = TimeWindow.model_validate(meta["window"]) if meta.get("window") else None
    return Extraction(
        document_id=doc.id,
        lang=doc.lang,
        claims=tuple(found),
        window=window,
        inconsistencies=tuple(meta.get("inconsistencies") or ()),
    )


DOCUMENT_COLUMNS = [
    c for c in documents.c if c.name not in ("text", "origin", "notes", "ingested_at")
]


def load_items(
    conn: Connection, region: Region, known: Mapping[int, Claim] | None = None
) -> tuple[Items, dict[int, int]]:
    """The region's current claims with their documents (text left out: no event reads it),
    and claim object id → claim row id. ``known`` holds claims in hand by row id (those a
    run just stored): only the others are read back."""
    by_doc: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    have = known or {}
    rows = conn.execute(
        sa.select(claims.c.id, claims.c.document_pk, sa.cast(claims.c.body, sa.Text))
        .join(documents, documents.c.pk == claims.c.document_pk)
        .where(live(), _claim_filter(region))
        .order_by(claims.c.id)
    )
    used: set[int] = set()
    for claim_id, document_pk, body in rows:
        claim = have.get(claim_id)
        if claim is None:  # the stored JSON read by pydantic at once
            claim = Claim.model_validate_json(body)
        elif id(claim) in used:  # one object stored twice: each row its own (links by object)
            claim = claim.model_copy()
        used.add(id(claim))
        by_doc[document_pk].append((claim_id, claim))
    items: Items = []
    claim_ids: dict[int, int] = {}
    pks = sorted(by_doc)
    for start in range(0, len(pks), CHUNK):
        query = sa.select(*DOCUMENT_COLUMNS).where(documents.c.pk.in_(pks[start : start + CHUNK]))
        for row in conn.execute(query):
            pairs = by_doc[row.pk]
            claim_ids.update((id(claim), claim_id) for claim_id, claim in pairs)
            doc = builder_document(row)
            items.append((doc, extraction_of(row, doc, [c for _, c in pairs])))
    return items, claim_ids


def stored_links(conn: Connection, event_ids: Sequence[int]) -> dict[int, set[int]]:
    """Event row id → the claim row ids it links."""
    linked: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(event_ids), CHUNK):
        rows = conn.execute(
            sa.select(event_claims).where(
                event_claims.c.event_id.in_(event_ids[start : start + CHUNK])
            )
        )
        for event_id, claim_id in rows:
            linked[event_id].add(claim_id)
    return linked
