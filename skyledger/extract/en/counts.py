"""Weapon counts: "Russia launched 653 drones and 51 missiles", "shot down 51 of the 67 cruise
missiles", "of which 38 missiles and 412 drones were shot down", "51 of them were destroyed"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from skyledger.extract.en.clauses import Verb, clause_bounds, clause_starts, verbs_in
from skyledger.extract.en.lexicon import alternation, literal, numbers, phrase
from skyledger.extract.en.text import bound_pattern, number_pattern, parse_number, quantity
from skyledger.extract.en.weapons import class_of, head_pattern, model_of, scope_of
from skyledger.models import Quantity

_STOP = (
    r"(?!(?:were|was|are|is|been|have|has|had|hit|struck|at|in|on|from|by|into|with|to|that|"
    r"which|who|them|and\s+\d|including|among)\b)(?!\d)"
)
MOD = rf"(?:{_STOP}[\w'\"()/.-]+\s+)"
_POST = re.compile(
    r"""\s*(?:\([^)]{1,60}\)|["'][^"']{1,30}["']|[A-Z][\w-]*\d[\w-]*(?:\s+["'][^"']{1,20}["'])?"""
    r"""|of\s+(?:the\s+)?[^.;]{0,60}?\btypes?\b(?:\s+and\s+\w+)?)"""
)


_OTHER_TYPES = re.compile(
    r"\s+(?:and|as well as|plus)\s+(?:other\s+types|(?:[\w-]+\s+){0,3}of\s+other\s+types|others\b|"
    r"(?:[\w-]+\s+){0,2}(?:decoys?|simulators?|imitators?|dummy|dummies)\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Count:
    """One counted phrase of a sentence (offsets local to the sentence)."""

    start: int
    end: int
    quantity: Quantity | None
    scope: str
    model: str | None
    bound: str | None = None
    of_quantity: Quantity | None = None
    all_: bool = False
    singular: bool = False
    anaphor: bool = False
    ukrainian: bool = False


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    num, bound, head = number_pattern(), bound_pattern(), head_pattern()
    vague = alternation(literal(list(numbers().vague)), "vague")
    fill = r"(?:(?P<fill>all|a total of|another|a further)\s+)?"
    count = (
        rf"(?:(?P<bound>{bound})\s+)?{fill}(?P<num>{num})(?!\s*(?:%|percent))"
        rf"(?:\s+(?:of|out of|out)\s+(?:the\s+)?(?:(?P<bound2>{bound})\s+)?(?P<num2>{num}))?"
        rf"\s+(?P<mods>{MOD}{{0,6}}?){head}"
    )
    anaphor = (
        rf"(?:(?P<bound>{bound})\s+)?(?P<num>{num})\s+(?:of\s+(?:them|these|those)\b|"
        rf"(?:more|others|other ones)(?=\s+(?:were|was|had|have|failed|did|went)\b)|"
        rf"(?=(?:were|was|had been|have been)\s+(?:\w+\s+)?(?:shot|downed|destroyed|"
        rf"intercepted|neutrali[sz]ed|suppressed|jammed|lost|locationally|brought)\b)|"
        rf"(?=(?:jammed|suppressed|neutrali[sz]ed)\b))"
    )
    vague_re = rf"(?P<vague>{vague})\s+(?:the\s+)?(?P<mods>{MOD}{{0,3}}?){head}"
    single = rf"(?<![\w-])(?:a|an)\s+(?P<mods>{MOD}{{0,3}}?)(?P<head>missile|drone)(?![\w-])"
    return tuple(re.compile(p, re.I) for p in (count, anaphor, vague_re, single))


@cache
def _out_of() -> re.Pattern[str]:
    return re.compile(
        rf"\s+(?:out\s+)?of\s+(?:the\s+)?(?P<num>{number_pattern()})(?!\s+(?:\w+\s+)?(?:drones|missiles))",
        re.I,
    )


def _post(text: str, end: int) -> int:
    match = _POST.match(text, end)
    return match.end() if match else end


def _count(text: str, m: re.Match[str]) -> Count:
    end = _post(text, m.end())
    words = text[m.start() : end]
    model = model_of(words[len(m.group("num")) :] if m.group("num") else words)
    if _OTHER_TYPES.match(text, end):
        model = None
    scope = class_of(model, scope_of(m.group("head")))
    num2 = m.groupdict().get("num2")
    if not num2 and (out_of := _out_of().match(text, end)):
        num2 = out_of.group("num")
    value = parse_number(m.group("num"))
    of_q = None
    if num2 and (v2 := parse_number(num2)) is not None:
        of_q = quantity(m.groupdict().get("bound2"), v2, num2)
    q = quantity(m.group("bound"), value, words) if value is not None else None
    return Count(
        m.start(), end, q, scope, model, m.group("bound"), of_q,
        all_=(m.group("fill") or m.group("num")).lower() in ("all", "both"),
        ukrainian="ukrain" in (m.group("mods") or "").lower(),
    )  # fmt: skip


_ANY_WEAPON = re.compile(
    r"drone|missile|uav|unmanned|shahed|rocket|target|threat|weapon|decoy|kinzhal|projectile|"
    r"means|ones\b|\bof (?:them|these|those)\b|\b(?:more|others)\b",
    re.I,
)


def find_counts(text: str, context: str | None = None) -> list[Count]:
    """Every counted weapon phrase, anaphor ("51 of them") and vague count, in text order."""
    if not _ANY_WEAPON.search(text):
        return []
    found: list[Count] = _vague(text)
    if _numeric().search(text):
        found += _numbered(text)
    return _resolve(text, _no_overlap(found), context)


@cache
def _numeric() -> re.Pattern[str]:
    """A quick test that a sentence holds a figure at all."""
    skip = {"a", "an", "single"}
    words = [w for w in (*numbers().units, *numbers().tens, *numbers().scales) if w not in skip]
    return re.compile(r"\d|\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


def _vague(text: str) -> list[Count]:
    if not _VAGUE_HINT.search(text):
        return []
    return [
        Count(m.start(), m.end(), None, scope_of(m.group("head")), None)
        for m in _patterns()[2].finditer(text)
    ]


_VAGUE_HINT = re.compile(r"dozen|hundreds|scores|number|several|many|multiple|numerous|most", re.I)


def _numbered(text: str) -> list[Count]:
    count_re, anaphor_re, _, single_re = _patterns()
    found: list[Count] = [
        _count(text, m)
        for m in count_re.finditer(text)
        if not (m.group("num").lower() == "both" and " and " in m.group())
    ]
    for m in single_re.finditer(text):
        end = _post(text, m.end())
        model = model_of(text[m.start() : end])
        found.append(Count(m.start(), end, Quantity(exact=1, wording=text[m.start() : end]),
                           class_of(model, "missiles" if "missile" in m.group("head").lower()
                                    else "drones"), model, singular=True))  # fmt: skip
    for m in anaphor_re.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None:
            q = quantity(m.group("bound"), value, m.group())
            found.append(Count(m.start(), m.end(), q, "", None, m.group("bound"), anaphor=True))
    return found


def _no_overlap(found: list[Count]) -> list[Count]:
    out: list[Count] = []
    for c in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _resolve(text: str, found: list[Count], context: str | None = None) -> list[Count]:
    """An anaphor takes the noun of the count before it: of the one just before ("89 drones were
    downed and 34 were lost"), or of all before it when they are of one kind."""
    out: list[Count] = []
    for c in found:
        if c.anaphor:
            prev = next((p for p in reversed(out) if not p.anaphor), None)
            scopes = {p.scope for p in out if not p.anaphor}
            near = prev is not None and len(text[prev.end : c.start].split()) <= 6
            if prev is None and context is not None:
                out.append(replace(c, scope=context))
                continue
            if prev is None or (len(scopes) > 1 and not near):
                continue
            c = replace(c, scope=prev.scope, model=prev.model)
        out.append(c)
    return out


_AUX_START = re.compile(r"(?:were|was)\b", re.I)
_IMMEDIATE = re.compile(r"^\s*(?:were|was|have been|had been|has been)\s+", re.I)


def verb_for(text: str, c: Count, verbs: list[Verb], starts: list[int]) -> Verb | None:
    """The counting verb of a phrase: "were shot down" right after it, else the nearest verb
    before it in its clause, else a verb after it in its clause (a finite passive first)."""
    lo, hi = clause_bounds(starts, text, c.start)
    after = [v for v in verbs if c.end <= v.start < hi]
    if after and c.of_quantity is None:
        gap = text[c.end : after[0].start]
        aux_in_verb = _AUX_START.match(text, after[0].start) and not gap.strip()
        if _IMMEDIATE.match(gap) or aux_in_verb:
            return after[0]
    before = [v for v in verbs if lo <= v.start and v.end <= c.start]
    if before:
        return before[-1]
    if after and c.of_quantity is None and not text[c.end : after[0].start].strip():
        return after[0]  # "Of the 120 drones launched, …"
    passive = [v for v in after if v.finite_passive]
    if passive:
        return passive[0]
    return after[-1] if after else None


_HIT = re.compile(r"\b(?:hit|struck|impacted|landed|strikes|hits)\b", re.I)


def clause_has_other_verb(text: str, c: Count, starts: list[int]) -> bool:
    lo, hi = clause_bounds(starts, text, c.start)
    return bool(_HIT.search(text, lo, hi))


def measured(text: str, context: str | None = None) -> list[tuple[Count, str]]:
    """The counts of a sentence with the measure each is counted under."""
    counts = find_counts(text, context)
    if not counts:
        return []
    verbs, starts = verbs_in(text), clause_starts(text)
    out: list[tuple[Count, str]] = []
    for c in counts:
        if _fronted_whole(text, c):
            out.append((c, "launched"))
            continue
        verb = verb_for(text, c, verbs, starts)
        if verb is not None:
            out.append((c, verb.measure))
        elif out and not clause_has_other_verb(text, c, starts):
            out.append((c, out[-1][1]))
        elif not out and _AMONG_LAUNCHED.match(text):
            out.append((c, "launched"))
    return out


_FRONTED_OF = re.compile(r"(?:^|[,;:]\s*)\W*(?:of|out of)\s+(?:the|all|those|these)\s+$", re.I)


def _fronted_whole(text: str, c: Count) -> bool:
    """ "Of the 102 drones, 80 were shot down": the whole the figures after it are parts of."""
    head = text[max(0, c.start - 30) : c.start]
    return bool(_FRONTED_OF.search(head)) and text[c.end : c.end + 2].startswith(",")


#: "Among the missiles were 32 Iskander-M …": parts of the launched weapons named before.
_AMONG_LAUNCHED = re.compile(
    r"\W*among (?:them|these|those|the (?:[\w-]+\s+)?(?:missiles|drones|weapons))\s+(?:were|was)\b",
    re.I,
)


def is_part(text: str, prev_end: int, start: int) -> bool | None:
    """True after "including"/"among them", False after "as well as", None for a plain list."""
    gap = text[prev_end:start].lower()
    reset = re.search(r"as well as|along with|alongside|plus|in addition to", gap)
    marker = phrase("part_markers").search(gap)
    if marker and not (reset and reset.start() > marker.start()):
        return True
    if reset or re.search(r"[.;:]", gap) or len(gap.split()) > 3:
        return False
    return None
