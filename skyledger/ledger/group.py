"""Group claims about the same happening into event drafts, across sources and languages.

An overnight air attack is one event per Kyiv night: every claim about launches, interceptions,
impacts, casualties, damaged infrastructure, launch areas and Moscow's counter-claim whose time
falls on that night joins it, whatever the source or language. The time of a claim comes from
its own window, else from its document's window, else from the document's publication time in
Kyiv. Daytime attacks (a window inside one day) and round-ups (a window longer than
``ROUNDUP_HOURS``) become events of their own. Talks, calls, power losses at a plant and
frontline reports group by kind, date and place. See ``docs/ledger.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from skyledger.models import COUNT_KINDS, KYIV, Claim, Document, Extraction, TimeWindow

#: A window longer than this is a round-up ("over the past week"), never one night.
ROUNDUP_HOURS = 36
#: A window starting at or after this hour (and not ending the same day before it) runs into
#: the next night.
EVENING_HOUR = 16
#: A window starting before this hour belongs to the night that is ending.
SMALL_HOURS = 5
#: A report, as-of time or window end before this hour is about the night that ended that morning.
MORNING_HOUR = 14
#: A report published at or after this hour with no window is about the night now beginning.
LATE_HOUR = 22

#: Claim kinds that belong to the air attack of their night.
ATTACK_KINDS = frozenset(COUNT_KINDS) | frozenset(
    {"air_attack", "infrastructure_hit", "counterclaim", "place_hit", "launch_area"}
)
#: Other event kinds, with how many days may separate two claims of one event.
DATED_KINDS: dict[str, int] = {"talks": 1, "call": 1, "nuclear_power_loss": 1, "frontline": 0}

AnchorKind = Literal["night", "day", "span", "dates", "pending", "undated"]

#: How many days away an attack claim can move another claim's event: an afternoon report
#: joins its own day's daytime attack or night (``resolve_pending``), and a retelling moves to
#: the night before when that night's report states its figures (``match_undated_nights``).
#: A claim whose own anchor is on day D therefore lands on D or D - 1, and a claim on day D
#: changes only the events of days D - 1, D and D + 1.
ATTACK_REACH = 1


@dataclass(frozen=True, slots=True, order=True)
class Anchor:
    """When an event happened: a night (the date it runs into), a day, a round-up's span of
    dates, or a range of dates. ``pending`` is an afternoon report with no window, resolved to
    that day's daytime attack if one is known, else to the night that ended that morning."""

    first: date
    last: date
    kind: AnchorKind
    document_id: str = ""  # only for ``undated``: one event per document

    @classmethod
    def of(cls, kind: AnchorKind, day: date, last: date | None = None) -> Anchor:
        return cls(day, last or day, kind)


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim with the document it was read from and its position in that extraction."""

    claim: Claim
    document: Document
    index: int
    document_window: TimeWindow | None = None

    @property
    def order(self) -> tuple[datetime, str, int, int]:
        """Chronological order of documents, then text order within one document."""
        published = self.document.published_at or datetime.min.replace(tzinfo=UTC)
        return (published, self.document.id, self.document.revision, self.index)


@dataclass(frozen=True, slots=True)
class EventDraft:
    """The claims of one event, before reconciliation."""

    kind: str
    anchor: Anchor
    refs: tuple[ClaimRef, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(ref.claim for ref in self.refs)


def kyiv(moment: datetime) -> datetime:
    """``moment`` in Kyiv time (a naive time is taken as Kyiv time already)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=KYIV)
    return moment.astimezone(KYIV)


def event_kind(claim: Claim) -> str:
    """The kind of event a claim belongs to."""
    return "air_attack" if claim.kind in ATTACK_KINDS else claim.kind


def _start_anchor(start: datetime, end: datetime | None) -> Anchor:
    if end is not None and end.date() > start.date():
        return Anchor.of("night", end.date())
    if start.hour >= EVENING_HOUR:
        return Anchor.of("night", start.date() + timedelta(days=1))
    if start.hour < SMALL_HOURS:
        return Anchor.of("night", start.date())
    return Anchor.of("day", start.date())


def _moment_anchor(moment: datetime) -> Anchor:
    kind: AnchorKind = "night" if moment.hour < MORNING_HOUR else "day"
    return Anchor.of(kind, moment.date())


def window_anchor(window: TimeWindow | None) -> Anchor | None:
    """The attack anchor a stated window gives, or None when it gives no time."""
    if window is None:
        return None
    start = kyiv(window.start) if window.start else None
    end = kyiv(window.end) if window.end else None
    if start and end and end - start > timedelta(hours=ROUNDUP_HOURS):
        return Anchor.of("span", start.date(), end.date())
    if window.night is not None:
        return Anchor.of("night", window.night)
    if start is not None:
        return _start_anchor(start, end)
    if end is not None:
        return _moment_anchor(end)
    if window.as_of is not None:
        return _moment_anchor(kyiv(window.as_of))
    return None


def published_anchor(document: Document) -> Anchor:
    """The attack anchor of a claim whose only time is its document's publication."""
    if document.published_at is None:
        return Anchor(date.min, date.min, "undated", document.id)
    moment = kyiv(document.published_at)
    if moment.hour >= LATE_HOUR:
        return Anchor.of("night", moment.date() + timedelta(days=1))
    if moment.hour < MORNING_HOUR:
        return Anchor.of("night", moment.date())
    return Anchor.of("pending", moment.date())


def stated_window(ref: ClaimRef) -> TimeWindow | None:
    """The window that dates a claim: its own if it gives a time, else its document's."""
    for window in (ref.claim.window, ref.document_window):
        if window_anchor(window) is not None:
            return window
    return None


def attack_anchor(ref: ClaimRef) -> Anchor:
    """Claim window, then document window, then publication time."""
    return window_anchor(stated_window(ref)) or published_anchor(ref.document)


def resolve_pending(anchors: Sequence[Anchor]) -> list[Anchor]:
    """Afternoon reports go to that day's daytime attack if one is known, else to the night."""
    days = {a.first for a in anchors if a.kind == "day"}
    return [
        Anchor.of("day" if a.first in days else "night", a.first) if a.kind == "pending" else a
        for a in anchors
    ]


def _window_dates(window: TimeWindow | None) -> tuple[date, date] | None:
    if window is None:
        return None
    start = kyiv(window.start).date() if window.start else None
    end = kyiv(window.end).date() if window.end else None
    first = start or window.night or end or (kyiv(window.as_of).date() if window.as_of else None)
    if first is None:
        return None
    return (first, max(first, end or first))


def claim_dates(ref: ClaimRef) -> tuple[date, date] | None:
    """The Kyiv dates a talks/call/power-loss/frontline claim is about."""
    dates = _window_dates(ref.claim.window) or _window_dates(ref.document_window)
    if dates is None and ref.document.published_at is not None:
        day = kyiv(ref.document.published_at).date()
        dates = (day, day)
    return dates


def _linked(a: tuple[tuple[date, date], ClaimRef], b: tuple[tuple[date, date], ClaimRef]) -> bool:
    gap = timedelta(days=DATED_KINDS.get(a[1].claim.kind, 0))
    (a0, a1), (b0, b1) = a[0], b[0]
    if a0 - gap > b1 or b0 - gap > a1:
        return False
    pa, pb = set(a[1].claim.places), set(b[1].claim.places)
    return not pa or not pb or bool(pa & pb)


def _components(size: int, linked: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in linked:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(size):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _undated(kind: str, refs: Iterable[ClaimRef]) -> list[EventDraft]:
    """Claims with no time at all: one event per document."""
    buckets: dict[Anchor, list[tuple[Anchor, ClaimRef]]] = {}
    for ref in refs:
        anchor = Anchor(date.min, date.min, "undated", ref.document.id)
        buckets.setdefault(anchor, []).append((anchor, ref))
    return [EventDraft(kind, anchor, _ordered(members)) for anchor, members in buckets.items()]


def _dated_drafts(kind: str, refs: Sequence[ClaimRef]) -> list[EventDraft]:
    """Single-link groups of one kind: dates within the kind's gap, places compatible."""
    dated = [(dates, ref) for ref in refs if (dates := claim_dates(ref)) is not None]
    drafts = _undated(kind, (ref for ref in refs if claim_dates(ref) is None))
    dated.sort(key=lambda item: (item[0], item[1].order))
    gap = timedelta(days=DATED_KINDS.get(kind, 0))
    pairs = []
    for i, (dates, _) in enumerate(dated):  # sorted by first date: only near ones can link
        for j in range(i + 1, len(dated)):
            if dated[j][0][0] - gap > dates[1]:
                break
            if _linked(dated[i], dated[j]):
                pairs.append((i, j))
    for group in _components(len(dated), pairs):
        members = [dated[i] for i in group]
        first = min(d[0] for d, _ in members)
        last = max(d[1] for d, _ in members)
        drafts.append(EventDraft(kind, Anchor.of("dates", first, last), _ordered(members)))
    return drafts


def _ordered(members: Iterable[tuple[object, ClaimRef]]) -> tuple[ClaimRef, ...]:
    return tuple(sorted((ref for _, ref in members), key=lambda r: r.order))


#: Figures that identify one night's attack when a retelling does not say which night it is.
MATCH_KINDS = frozenset({"launched", "downed"})


def _fingerprints(pairs: Iterable[tuple[Anchor, ClaimRef]]) -> dict[Anchor, set[tuple[str, int]]]:
    """Exact launched/downed figures stated for each anchor."""
    out: dict[Anchor, set[tuple[str, int]]] = {}
    for anchor, ref in pairs:
        q = ref.claim.quantity
        if ref.claim.kind in MATCH_KINDS and q is not None and q.exact is not None:
            out.setdefault(anchor, set()).add((ref.claim.key, q.exact))
    return out


def match_undated_nights(anchors: list[Anchor], refs: Sequence[ClaimRef]) -> list[Anchor]:
    """Move a document dated only by its publication to the night before when its figures are
    that night's, as stated by a report that names the night (a retelling published a day
    later); it stays put when its own night has the same figures or none match."""
    inferred = [stated_window(ref) is None for ref in refs]
    stated = _fingerprints(
        (a, r) for a, r, guess in zip(anchors, refs, inferred, strict=True) if not guess
    )
    by_doc: dict[str, list[int]] = {}
    for i, guess in enumerate(inferred):
        if guess and anchors[i].kind == "night":
            by_doc.setdefault(refs[i].document.id, []).append(i)
    out = list(anchors)
    for positions in by_doc.values():
        own = _fingerprints((anchors[i], refs[i]) for i in positions).get(anchors[positions[0]])
        if not own or own & stated.get(anchors[positions[0]], set()):
            continue
        before = Anchor.of("night", anchors[positions[0]].first - timedelta(days=1))
        if own & stated.get(before, set()):
            for i in positions:
                out[i] = before
    return out


def _attack_drafts(refs: Sequence[ClaimRef]) -> list[EventDraft]:
    anchors = match_undated_nights(resolve_pending([attack_anchor(ref) for ref in refs]), refs)
    buckets: dict[Anchor, list[tuple[Anchor, ClaimRef]]] = {}
    for anchor, ref in zip(anchors, refs, strict=True):
        buckets.setdefault(anchor, []).append((anchor, ref))
    return [
        EventDraft("air_attack", anchor, _ordered(members)) for anchor, members in buckets.items()
    ]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a claim can land, known from the claim and its document alone: its event kind
    and the dates of its own anchor (an attack claim: ``attack_anchor`` before pending
    reports are resolved and retellings matched; other kinds: ``claim_dates``); no dates when
    it is undated (one event per document)."""

    kind: str
    first: date | None = None
    last: date | None = None


def place_claim(claim: Claim, document: Document, window: TimeWindow | None) -> Placement:
    """The ``Placement`` of ``claim``, read from ``document`` whose window is ``window``."""
    ref = ClaimRef(claim, document, 0, window)
    kind = event_kind(claim)
    if kind == "air_attack":
        anchor = attack_anchor(ref)
        if anchor.kind == "undated":
            return Placement(kind)
        return Placement(kind, anchor.first, anchor.last)
    dates = claim_dates(ref)
    return Placement(kind) if dates is None else Placement(kind, *dates)


def claim_refs(items: Iterable[tuple[Document, Extraction]]) -> list[ClaimRef]:
    """Every claim of every extraction, with its document."""
    return [
        ClaimRef(claim, document, index, extraction.window)
        for document, extraction in items
        for index, claim in enumerate(extraction.claims)
    ]


def group_claims(items: Iterable[tuple[Document, Extraction]]) -> list[EventDraft]:
    """Group every claim into exactly one draft event; the result ignores input order."""
    by_kind: dict[str, list[ClaimRef]] = {}
    for ref in claim_refs(items):
        by_kind.setdefault(event_kind(ref.claim), []).append(ref)
    drafts: list[EventDraft] = []
    for kind, refs in by_kind.items():
        refs.sort(key=lambda r: r.order)
        drafts.extend(_attack_drafts(refs) if kind == "air_attack" else _dated_drafts(kind, refs))
    return sorted(drafts, key=lambda d: (d.anchor, d.kind, [r.order for r in d.refs]))
