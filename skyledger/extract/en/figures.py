"""From counted phrases to launched / downed / lost claims: parts, bounds, "N of M", "all"."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from skyledger.extract.en.common import Reading
from skyledger.extract.en.counts import Count, is_part, measured
from skyledger.extract.en.geo import mentions
from skyledger.extract.en.text import quantity
from skyledger.extract.en.weapons import class_of, model_of
from skyledger.models import Quantity

_TARGET = re.compile(
    r"\s*(?:[\w'-]+\s+){0,4}?(?:at|on|against)\s+(?P<t>(?:the\s+)?(?:[\w'-]+\s*){1,4})", re.I
)
_LOCAL_WORDS = re.compile(r"\b(?:capital|city|town|village|facility|plant|building)\b", re.I)
_ALONE = re.compile(r"\balone\b|\bthe city itself\b", re.I)


_LEADING_PART = re.compile(r"\b(?:including|among them|among which)\s+(?:\w+\s+)?$", re.I)


@dataclass(slots=True)
class Item:
    count: Count
    measure: str
    part: bool = False
    parent_scope: str | None = None


def is_local(text: str, c: Count) -> bool:
    """A figure for one place: "31 cruise missiles at Kyiv", "at a facility in …", "alone"."""
    match = _TARGET.match(text, c.end)
    if match:
        target = match.group("t")
        if _LOCAL_WORDS.search(target):
            return True
        if any(p.name != "Ukraine" for p in mentions(target)):
            return True
    return False


def _items(text: str) -> list[Item]:
    """Counts with their measure, marked as parts of the count before them where they are."""
    out: list[Item] = []
    for c, measure in measured(text):
        item = Item(c, measure)
        prev = out[-1] if out else None
        same = prev is not None and prev.measure == measure
        part = is_part(text, prev.count.end, c.start) if prev and same else None
        parent = (prev.parent_scope if prev.part else prev.count.scope) if prev else None
        if part is not False and prev is not None and _sibling(parent, c.scope):
            part = False  # "70 missiles, including KN-23 missiles, and 145 drones"
        if part and prev is not None:
            item.part, item.parent_scope = True, parent
        elif part is None and prev is not None and prev.part and same:
            item.part, item.parent_scope = True, prev.parent_scope
        elif prev is None and _LEADING_PART.search(text[max(0, c.start - 30) : c.start]):
            item.part = True  # "a barrage of weapons, including six missiles": a part of a whole
        out.append(item)
    return _carry_bounds(text, _merge_modes(text, out))


_MODE_GAP = re.compile(
    r"\s*(?:shot down|downed|intercepted|destroyed|neutrali[sz]ed)\s+and\s+", re.I
)


def _merge_modes(text: str, items: list[Item]) -> list[Item]:
    """ "270 drones shot down and 208 jammed": two ways of downing, one downed figure."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        c = item.count
        if (
            prev is not None and prev.measure == item.measure == "downed"
            and prev.count.scope == c.scope and prev.count.model == c.model
            and prev.count.quantity is not None and c.quantity is not None
            and (_MODE_GAP.fullmatch(text, prev.count.end, c.start)
                 or _jammed_besides(text, prev.count, c))
        ):  # fmt: skip
            wording = text[prev.count.start : c.end]
            q = Quantity.model_validate(
                {**(prev.count.quantity + c.quantity).model_dump(), "wording": wording}
            )
            prev.count = replace(prev.count, end=c.end, quantity=q)
            continue
        out.append(item)
    return out


_BESIDES_GAP = re.compile(r"[^.;]{0,40}?(?:,\s*(?:while|and|but)|\s+(?:and|while))\s+", re.I)
_JAMMED_AFTER = re.compile(
    r"\s*(?:more\s+|others\s+)?(?:were|was|had been|have been)?\s*(?:also\s+)?"
    r"(?:jammed|suppressed|neutrali[sz]ed)\b",
    re.I,
)
_SHOT = re.compile(r"\b(?:shot down|downed|destroyed|intercepted)\b", re.I)


def _jammed_besides(text: str, first: Count, second: Count) -> bool:
    """ "shot down 60 drones, while 25 were jammed": a second way of downing, not a subset."""
    gap = text[first.end : second.start]
    return (
        second.anaphor
        and bool(_BESIDES_GAP.fullmatch(gap))
        and not re.search(r"\b(?:of them|of which|including|among)\b", gap, re.I)
        and bool(_JAMMED_AFTER.match(text, second.end))
        and bool(_SHOT.search(text, max(0, first.start - 40), second.start))
    )


def _sibling(parent: str | None, scope: str) -> bool:
    """Drones are never a part of a missile figure, nor missiles of a drone figure."""
    return {parent, scope} == {"drones", "missiles"}


def _carry_bounds(text: str, items: list[Item]) -> list[Item]:
    """A bound before the first of coordinated figures carries to the next ("at least 127
    missiles and 109 drones")."""
    for prev, item in itertools.pairwise(items):
        c, p = item.count, prev.count
        gap = text[p.end : c.start]
        if c.bound or not p.bound or c.quantity is None or p.quantity is None:
            continue
        if item.measure == prev.measure and re.fullmatch(r"\s*(?:,|,? and)\s*", gap):
            value = c.quantity.exact
            if value is not None:
                q = quantity(p.bound, value, c.quantity.wording)
                item.count = Count(c.start, c.end, q, c.scope, c.model, p.bound, c.of_quantity)
    return items


def _class_allowed(item: Item, items: list[Item]) -> bool:
    """A part of a class figure, or one of several model figures of one class, gives only its
    model key; the class figure is then their sum (or is stated)."""
    if item.part and item.parent_scope != "total":
        return False
    same = [
        i for i in items
        if i.measure == item.measure and i.count.scope == item.count.scope and i.part == item.part
    ]  # fmt: skip
    return not (len(same) > 1 and all(i.count.model for i in same))


def read_figures(r: Reading) -> None:
    """Add the sentence's launched / downed / lost claims to ``r``."""
    items = _items(r.text)
    if not items or r.speaker in ("ru_mod", "ru_officials"):
        return
    local = [_is_local_item(r.text, i, items) for i in items]
    if _ALONE.search(r.text):
        local = [True] * len(items)
    if any(local):
        r.add(
            "air_attack",
            (r.span(items[0].count.start, items[-1].count.end),),
            flags=("local_figure",),
            detail=r.text[items[0].count.start : items[-1].count.end],
        )
    national = [i for i, held in zip(items, local, strict=True) if not held]
    _emit_all(r, national, items)
    if national == items:
        return
    before = len(r.claims)  # held back: the article's figure only if it has no country-wide one
    _emit_all(r, [i for i in items if i not in national], items)
    r.held.extend(c.model_copy(update={"flags": ("local_figure",)}) for c in r.claims[before:])
    del r.claims[before:]


def _is_local_item(text: str, item: Item, items: list[Item]) -> bool:
    """A count aimed at one place; a whole counted for one place takes its parts with it."""
    if is_local(text, item.count):
        return True
    if not item.part:
        return any(is_local(text, i.count) for i in items if not i.part)
    return False


def _emit_all(r: Reading, chosen: list[Item], items: list[Item]) -> None:
    numbered = {(i.measure, i.count.scope) for i in items if not i.count.singular}
    for item in chosen:
        c = item.count
        if c.ukrainian or (c.singular and _lone_singular(item, items, numbered)):
            continue
        _emit(r, item, _class_allowed(item, items), _stated_launches(items, item))


def _lone_singular(item: Item, items: list[Item], numbered: set[tuple[str, str]]) -> bool:
    """ "a missile hit the hospital as Russia fired 38 missiles": the singular is one of the 38,
    not a figure; "a ballistic missile and 126 drones" is one."""
    if (item.measure, item.count.scope) in numbered:
        return item.count.model is None
    return not any(i.measure == item.measure for i in items if i is not item)


def _stated_launches(items: list[Item], item: Item) -> set[str]:
    """Class scopes the sentence counts as launched apart from this item."""
    return {i.count.scope for i in items if i.measure == "launched" and i is not item}


def _emit(r: Reading, item: Item, with_class: bool, launched: set[str]) -> None:
    c = item.count
    span = (r.span(c.start, c.end),)
    scopes = [c.scope] if with_class and c.scope else []
    if c.model:
        scopes.append(f"model:{c.model}")
    for scope in scopes:
        r.add(item.measure, span, scope=scope, quantity=c.quantity)
        if c.of_quantity is not None and item.measure != "launched" and scope not in launched:
            r.add("launched", span, scope=scope, quantity=c.of_quantity)
        if c.all_ and item.measure == "downed" and c.quantity is not None:
            r.add("launched", span, scope=scope, quantity=c.quantity)
    if not scopes and c.quantity is None:
        r.add(item.measure, span)


_OF_THOSE = re.compile(r"\W*of (?:those|these|them|which|this number|the total)\b", re.I)


def follow_on(r: Reading, previous: Reading | None) -> None:
    """ "Russia launched 273 drones. Of those, 88 were shot down …": figures for the noun of the
    sentence before, when it counted one kind."""
    if previous is None or r.aside or not _OF_THOSE.match(r.text):
        return
    if any(c.kind in _MEASURES and c.quantity is not None for c in r.claims):
        return
    scopes = {c.scope for c in previous.claims if c.kind == "launched" and c.quantity is not None}
    scopes &= {"drones", "missiles", "total"}
    if len(scopes) != 1:
        return
    for count, measure in measured(r.text, context=scopes.pop()):
        if count.anaphor and count.quantity is not None:
            r.add(measure, (r.span(count.start, count.end),), scope=count.scope,
                  quantity=count.quantity)  # fmt: skip


def all_of_them(r: Reading, previous: Reading | None) -> None:
    """ "All of them were shot down." after a list of launched figures: each one downed."""
    if previous is None or not re.match(r"\W*all\s+(?:of\s+)?(?:them|these|those)\b", r.text, re.I):
        return
    if not re.search(r"shot down|destroyed|intercepted|downed", r.text, re.I):
        return
    for claim in previous.claims:
        if claim.kind == "launched" and claim.quantity is not None:
            r.add("downed", claim.spans, scope=claim.scope, quantity=claim.quantity)


def unnumbered(r: Reading) -> None:
    """ "intercepted most of the drones", "missiles were flying toward …": events, no figure."""
    kinds = {c.kind for c in r.claims}
    has_weapon = re.search(r"\b(?:drones?|missiles?|shaheds?|uavs?|rockets?)\b", r.text, re.I)
    if not has_weapon:
        return
    if "downed" not in kinds and re.search(
        r"\b(?:shot down|intercepted|downed|neutrali[sz]ed)\b", r.text, re.I
    ):
        r.add("downed", (r.span(has_weapon.start(), has_weapon.end()),))
    if not kinds & {"launched", "air_attack"} and re.search(
        r"\b(?:launch\w*|fired|fires|firing|attack\w*|strikes?|struck|flying toward|barrage)\b",
        r.text,
        re.I,
    ):
        r.add("air_attack", (r.span(has_weapon.start(), has_weapon.end()),))


_MEASURES = frozenset({"launched", "downed", "lost"})
_GENERIC_IDS = frozenset({"cruise", "ballistic", "guided-air", "decoy"})


_DEFINITE = re.compile(r"\bthe\s+((?:[\w-]+\s+){1,2})(drones|missiles)\b", re.I)


def release_local(readings: list[Reading]) -> None:
    """Figures for one place count when the article gives no country-wide weapon figure."""
    if any(c.kind in _MEASURES and c.quantity for r in readings for c in r.claims):
        return
    for r in readings:
        r.claims.extend(r.held)


def definite_model(readings: list[Reading]) -> None:
    """ "… all 14 drones." then "the Shahed drones were downed …": the counted drones were that
    model, when the article names no other model for them."""
    claims = [c for r in readings for c in r.claims]
    for r in readings:
        for m in _DEFINITE.finditer(r.text):
            model = model_of(m.group(1))
            scope = "drones" if m.group(2).lower() == "drones" else "missiles"
            before = r.text[max(0, m.start() - 80) : m.start()]
            partitive = re.search(r"\b(?:most|some|part|many|several|half|majority)\s+of\b", before)
            if partitive or model is None or class_of(model, scope) != scope:
                continue
            if model in _GENERIC_IDS:
                continue
            if any(c.scope and c.scope.startswith("model:") for c in claims):
                return
            for claim in claims:
                if claim.scope == scope and claim.quantity is not None and not claim.derived:
                    r.add(claim.kind, claim.spans, scope=f"model:{model}",
                          quantity=claim.quantity, claimant=claim.claimant)  # fmt: skip
            return
