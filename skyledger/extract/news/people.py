"""People killed and wounded: the figures of each sentence, then the article's choice.

A country-wide figure wins; else the figures of one place (or of places in one oblast); several
places with no overall figure give no figure (a mark of the event only). An update ("the death
toll rose to 13") supersedes the figures before it; a hospitalised count stands only when no
broader injured count is given; "no casualties" gives none.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from skyledger.extract.news.figures import people
from skyledger.extract.news.groups import Group
from skyledger.extract.news.predicates import Item, clause_of, clause_starts
from skyledger.extract.news.sentence import Sentence
from skyledger.extract.places import places
from skyledger.models import Quantity

_ABROAD = frozenset({"abroad", "launch_area"})
_MOSCOW = frozenset({"ru_mod", "ru_officials"})


@dataclass(slots=True)
class Casualty:
    key: str  # killed, wounded, killed.children, wounded.children
    quantity: Quantity
    sentence: Sentence
    first: int
    last: int
    place: str | None
    hospitalized: bool = False
    update: bool = False
    subgroup: bool = False
    singular: bool = False  # "a woman was killed": a detail beside any numbered figure


PlaceOf = Callable[[Sentence, int, int], str | None]


def read_people(s: Sentence, items: list[Item], place_of: PlaceOf) -> list[Casualty]:
    """The casualty figures of one sentence, each with the one place it is about (if any)."""
    if s.has("none") or s.aside == "time":
        return []
    if all(i.group.quantity is None for i in people(items)):
        _event(s)  # "є загиблі", "десятки поранених": casualties with no figure
        return []
    out: list[Casualty] = []
    starts = clause_starts(s)
    whole: Item | None = None
    seen: list[Group] = []  # the groups read before, whose places are theirs
    wholes = [i.group.first for i in people(items) if not i.group.part and i.group.number]
    nationals = [k for k in range(len(s.tokens)) if s.mark(k, "scope.national")]  # "по Україні"
    for item in people(items):
        g = item.group
        if not g.part:
            whole = item
        if g.quantity is None:
            continue
        affected = whole is not None and whole.measure == "wounded" and not g.children
        if g.part and affected and item.measure == "killed":
            if out and whole is not None and out[-1].first == whole.group.first:
                out.pop()  # "постраждали 12 людей, з них троє загинули": killed 3 only
        elif g.part and not g.children:
            continue  # "33 killed, 22 of them in Kyiv": a part is no figure of its own
        children = g.children and (g.number is not None or g.part)  # "a boy was killed": one
        key = f"{item.measure}.children" if children else item.measure
        lo, hi = _joined(s, *clause_of(starts, g.first, len(s.tokens)), g, wholes)
        at = bisect.bisect_left(nationals, lo)
        national = at < len(nationals) and nationals[at] < hi
        near = max([lo] + [o.last for o in seen if lo <= o.last <= g.first])
        place = None if national else (place_of(s, near, g.last) if near > lo else None)
        if place is None and not national:  # "…, в Одесі — трьох": the place nearest before
            place = place_of(s, lo, hi) or _title_place(s)
        seen.append(g)
        if place is not None and _abroad(s, place):
            continue  # casualties in Russia are not this attack's
        out.append(
            Casualty(
                key,
                g.quantity,
                s,
                g.first,
                g.last,
                place,
                item.hospitalized,
                g.update,
                g.subgroup,
                g.number is None and not g.update,  # "п'ята жертва" is a toll
            )
        )
    return out


def _joined(s: Sentence, lo: int, hi: int, g: Group, wholes: list[int]) -> tuple[int, int]:
    """The part of a clause a figure's place is looked for in: "three were killed in Kharkiv,
    and two in Odesa" joins two figures whose places are their own (``clauses.joins``); a join
    before no numbered figure of its own ("four killed, including one in Lutsk, and a man in
    Dnipro") leaves the clause whole, and so does a figure that is no numbered whole."""
    if not s.has("clauses.joins") or g.first not in wholes:
        return lo, hi
    for k in range(lo, hi):
        m = s.mark(k, "clauses.joins")
        if m is None:
            continue
        if m.last <= g.first:
            lo = m.last
        elif k >= g.last and any(m.last <= w < hi for w in wholes):
            return lo, k
    return lo, hi


def _title_place(s: Sentence) -> str | None:
    """ "the Kherson regional governor said one person died": a figure with no place of its
    own is about the region in its speaker's title."""
    titles = [p.name for p in s.places if p.role == "title" and p.in_ukraine]
    return titles[0] if len(set(titles)) == 1 else None


def _event(s: Sentence) -> None:
    """ "people were killed", "there are dead and injured": casualties with no figure."""
    if s.aside or not (s.has("people") or s.has("casualties")):
        return
    for m in s.find("predicates"):
        if m.leaf in ("killed", "wounded") and _people_near(s, m.first, m.last):
            s.add(m.leaf, (s.token_span(m.first, m.last),),
                  claimant=_narrator(s.event_claimant()))  # fmt: skip
            return


def _narrator(claimant: str) -> str:
    """Moscow never counts the dead and injured of its own strike: a casualty figure in a
    sentence that quotes it ("the ministry commented on the strike, in which 20 people were
    injured") is the outlet's narration."""
    return "media" if claimant in _MOSCOW else claimant


def _people_near(s: Sentence, first: int, last: int) -> bool:
    near = range(max(0, first - 4), min(len(s.tokens), last + 4))
    return any(s.mark(k, "people") or s.mark(k, "casualties") for k in near if k != first)


def _abroad(s: Sentence, place: str) -> bool:
    known = places().get(place)
    return any(p.name == place and p.kind in _ABROAD for p in s.places) or (
        known is not None and known.kind in _ABROAD
    )


def _region(place: str | None) -> str | None:
    """The oblast a place lies in: figures for Dnipro and for Dnipropetrovsk Oblast are one
    region's."""
    known = places().get(place) if place else None
    return known.oblast or place if known is not None else place


def choose(found: list[Casualty]) -> None:
    """Add the chosen figures to their sentences as claims: a country-wide figure, else one
    place's; figures of several places and none for the country give none at all."""
    regions = {_region(c.place) for c in found}
    if found and all(c.place is not None for c in found) and len(regions) > 1:
        c = found[0]
        c.sentence.add(c.key.split(".")[0], (c.sentence.token_span(c.first, c.last),),
                       flags=("regional_figures",))  # fmt: skip
        return
    by_key: dict[str, list[Casualty]] = {}
    for c in found:
        by_key.setdefault(c.key, []).append(c)
    for kind in ("killed", "wounded"):  # "five children among the dead": a total below it goes
        kids = [c.quantity.point() for c in by_key.get(f"{kind}.children", [])]
        if kids and kind in by_key:
            by_key[kind] = [c for c in by_key[kind] if c.quantity.point() >= max(kids)]
            if not by_key[kind]:
                del by_key[kind]
    for key, items in by_key.items():
        if any(not c.hospitalized for c in items):
            items = [c for c in items if not c.hospitalized]
        if any(not c.subgroup for c in items):
            items = [c for c in items if not c.subgroup]
        numbered = {_region(c.place) for c in items if not c.singular}
        if numbered:  # "a woman was killed" beside a figure for her place (or the country's)
            items = [c for c in items if not c.singular or not numbered & {None, _region(c.place)}]
        if any(not c.sentence.is_title for c in items):  # the body's figure, not the headline's
            items = [c for c in items if not c.sentence.is_title]
        updates = [i for i, c in enumerate(items) if c.update]
        if updates:
            items = items[updates[-1] :]
        national = [c for c in items if c.place is None]
        chosen = national or (items if len({_region(c.place) for c in items}) == 1 else [])
        kind, _, scope = key.partition(".")
        for c in chosen:
            c.sentence.add(kind, (c.sentence.token_span(c.first, c.last),), scope=scope or None,
                           quantity=c.quantity, places=(c.place,) if c.place else (),
                           claimant=_narrator(c.sentence.claimant))  # fmt: skip
        if not chosen:
            c = items[0]
            c.sentence.add(kind, (c.sentence.token_span(c.first, c.last),),
                           flags=("regional_figures",))  # fmt: skip
