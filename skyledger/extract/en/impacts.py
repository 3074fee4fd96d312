"""Impacts: locations hit, debris sites, and people killed and wounded (children apart)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from skyledger.extract.en.common import Reading
from skyledger.extract.en.geo import city_anaphor, is_title_or_facility, mentions
from skyledger.extract.en.lexicon import alternation, phrase, phrases
from skyledger.extract.en.text import bound_pattern, number_pattern, parse_number, quantity
from skyledger.models import Quantity


@cache
def _locations() -> re.Pattern[str]:
    nouns = alternation(list(phrases()["locations"]["hit"]), "locations.hit")
    return re.compile(
        rf"(?:(?P<bound>{bound_pattern()})\s+)?(?P<num>{number_pattern()})\s+"
        rf"(?:(?:separate|different|other|more|further|additional)\s+)?(?:{nouns}\b|(?P<rest>others|more)\b)",
        re.I,
    )


_PIECES = re.compile(
    r",\s*(?:and\s+|with\s+)?|\s+and\s+(?=(?:\w+\s+){0,2}(?:debris|fragments|wreckage|falling))"
    r"|;|\s-\s"
)
_IN_PLACE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:in|across)\s+(?:the\s+)?(?:capital|city)\b", re.I)


_ANY_LOCATION = re.compile(r"location|site|place|spot|point|others|more", re.I)


def read_locations(r: Reading) -> None:
    """ "hit 29 separate locations", "debris fell on 26 others", "strikes … in eight locations"."""
    text, pos = r.text, 0
    if not _ANY_LOCATION.search(text):
        return
    for piece in _PIECES.split(text):
        start = text.find(piece, pos)
        pos = start + len(piece)
        debris = phrase("locations.debris").search(piece)
        if not debris and not phrase("locations.hit_verbs").search(piece):
            continue
        matches = list(_locations().finditer(piece))
        if debris and not matches:  # "… and debris fell in four"
            matches = list(_bare_locations().finditer(piece))
        for m in matches:
            value = parse_number(m.group("num"))
            if value is None or _IN_PLACE.match(piece, m.end()) or _local_after(piece, m.end()):
                continue
            if m.group("rest") and not debris:  # "others", "more": debris sites only
                continue
            kind = "debris_locations" if debris else "hit_locations"
            q = quantity(m.group("bound"), value, m.group())
            r.add(kind, (r.span(start + m.start(), start + m.end()),), quantity=q)


@cache
def _bare_locations() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:fell|falling|landed|recorded)\s+(?:in|at|on)\s+(?:(?P<bound>{bound_pattern()})\s+)?"
        rf"(?P<num>{number_pattern()})(?P<rest>)\s*(?:[.;,]|$)",
        re.I,
    )


def _local_after(piece: str, end: int) -> bool:
    after = re.match(r"\s+in\s+(?:the\s+)?([A-Z][\w-]+)", piece[end:])
    return bool(after and any(m.name != "Ukraine" for m in mentions(after.group(1))))


@dataclass(frozen=True, slots=True)
class Casualty:
    key: str
    quantity: Quantity
    start: int
    end: int
    place: str | None


@cache
def _casualty_re() -> re.Pattern[str]:
    nouns = alternation(list(phrases()["casualty_nouns"]), "casualty_nouns")
    kids = alternation(list(phrases()["children_nouns"]), "children_nouns")
    num, bound = number_pattern(), bound_pattern()
    return re.compile(
        rf"(?:(?P<bound>{bound})\s+)?(?P<num>{num}|an?)(?P<of>\s+of\s+(?:the\s+)?{num})?"
        rf"(?:\s+(?:[\w-]+\s+)?(?:(?P<kids>{kids})|(?P<noun>{nouns})))?(?![\w-])",
        re.I,
    )


_AUX = (
    r"(?:\s*,\s*(?:including|among them|among whom)[^,]{1,60},|\s*,\s*\d{1,3}\s*,"
    r"|\s*,\s*[\w-]+\s+of\s+(?:them|whom)\s+[^,]{1,30},"
    r"|\s+(?:including|among them)\s+(?:an?|one|two|three|four|five|\d+)\s+[\w-]+)?\s*"
    r"(?:(?:were|was|have|has|had|been|are|so far|also|reportedly|confirmed|now|later|being)"
    r"\s+){0,4}"
)


def _measure_after(text: str, end: int) -> str | None:
    tail = text[end:]
    for measure in ("killed", "wounded"):
        m = re.match(_AUX + phrase(f"casualty.{measure}").pattern, tail, re.I)
        if m:
            return measure
    return None


def _measure_before(text: str, start: int) -> str | None:
    head = text[max(0, start - 30) : start]
    for measure in ("killed", "wounded"):
        if re.search(phrase(f"casualty.{measure}").pattern + r"\s+$", head, re.I):
            return measure
    return None


_ANY_CASUALTY = re.compile(r"kill|injur|wound|dead|died|hurt|hospitali|lives|fatalit|toll", re.I)


def find_casualties(text: str) -> list[Casualty]:
    """Every "N people were killed" / "killing N" / "N of whom were children" figure."""
    if not _ANY_CASUALTY.search(text):
        return []
    out: list[Casualty] = []
    for m in _casualty_re().finditer(text):
        word = m.group("num").lower()
        if m.group("of") or (word in ("a", "an") and not (m.group("noun") or m.group("kids"))):
            continue
        single_child = word in ("a", "an") and bool(m.group("kids"))
        value = 1 if word in ("a", "an") else parse_number(word)
        if value is None or (not m.group("noun") and not m.group("kids") and value > 100000):
            continue
        measure = (
            _measure_after(text, m.end())
            or _measure_before(text, m.start())
            or _measure_frame(text, m.start())
        )
        kids = bool(m.group("kids")) or bool(_OF_THEM_CHILDREN.match(text, m.end()))
        # "a boy was killed": one person, no children's figure; "six people including a child"
        # states one child among them
        kids = kids and (not single_child or _including(text, m.start()))
        if measure is None and kids:
            measure = _parent_measure(out)
        if measure is None:
            continue
        q = quantity(m.group("bound"), value, m.group())
        key = f"{measure}.children" if kids else measure
        out.append(Casualty(key, q, m.start(), m.end(), None))
    return _carry(text, out)


_OF_THEM_CHILDREN = re.compile(r"\s+of (?:them|whom) (?:were |being )?(?:children|minors)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among them)\s+$", re.I)


def _including(text: str, start: int) -> bool:
    return bool(_INCLUDING.search(text[max(0, start - 20) : start]))


_FRAMES = (
    ("killed", re.compile(r"\b(?:death toll|toll)\b(?:\s+\w+){0,7}?\s+(?:rose|climbed|increased|"
                          r"reached|grew|stands|stood|jumped|is|was)\s+(?:to|at)\s+$", re.I)),
    ("killed", re.compile(r"\bamong the (?:dead|killed|victims)\s+(?:were|are|was|is)\s+$", re.I)),
    ("wounded", re.compile(r"\bamong the (?:injured|wounded)\s+(?:were|are|was|is)\s+$", re.I)),
)  # fmt: skip


def _measure_frame(text: str, start: int) -> str | None:
    """ "the death toll rose to 14", "among the injured were five children"."""
    head = text[max(0, start - 90) : start]
    for measure, frame in _FRAMES:
        if frame.search(head):
            return measure
    return None


def _parent_measure(found: list[Casualty]) -> str | None:
    return found[-1].key.split(".")[0] if found else None


def _carry(text: str, found: list[Casualty]) -> list[Casualty]:
    """ "At least two people were killed and 17 injured": the bound carries; "killed at least 12
    people and wounded 48" (a verb of its own) does not."""
    out: list[Casualty] = []
    for c in found:
        prev = out[-1] if out else None
        if prev and c.quantity.exact is not None and prev.quantity.form == "bound":
            gap = text[prev.end : c.start]
            if re.fullmatch(r"\s*(?:(?:were|have been|had been)\s+)?\w+\s+and\s+", gap):
                bound = re.match(bound_pattern(), prev.quantity.wording, re.I)
                if bound:
                    q = quantity(bound.group(), c.quantity.exact, c.quantity.wording)
                    c = Casualty(c.key, q, c.start, c.end, c.place)
        out.append(c)
    return out


_LOCAL = re.compile(
    r"\b(?i:in|on|near|at|across)\s+(?:the\s+)?(?:central\s+)?(?:[a-z]+ern\s+)?(?:Ukraine's\s+)?"
    r"(?:Ukrainian\s+)?(?:(?:city|town|village) of\s+)?$"
)


def place_of(text: str) -> str | None:
    """The one place a casualty sentence is about ("in Kyiv", "attack on the city"), if any."""
    found = [m for m in mentions(text) if m.place.in_ukraine and not is_title_or_facility(text, m)]
    anaphors = city_anaphor(text, mentions(text))
    for m in sorted(found + anaphors, key=lambda m: m.start):
        if _LOCAL.search(text[max(0, m.start - 60) : m.start]) or text[m.start : m.end].startswith(
            "the "
        ):
            return m.name
    return None


_SAME_ATTACK = re.compile(r"^\W*(?:The|This|That) (?:attack|strike|assault|blast)\b|^\W*It\b")


def read_casualties(
    r: Reading, previous: Reading | None = None
) -> list[tuple[Casualty, str | None, Reading]]:
    """Figures of the sentence with their place; no-figure mentions become event claims."""
    if phrase("no_casualties").search(r.text) or _abroad(r.text):
        return []
    found = find_casualties(r.text)
    if not found and _casualty_event(r.text):
        r.add("killed" if phrase("casualty.killed").search(r.text) else "wounded",
              (r.span(0, len(r.text)),), claimant=r.event_claimant())  # fmt: skip
    place = place_of(r.text) if found else None
    if found and place is None and previous is not None and _SAME_ATTACK.match(r.text):
        place = place_of(previous.text)
    return [(c, place, r) for c in found]


_PEOPLE_HURT = re.compile(
    r"\b(?:people|civilians|residents|victims|casualties|dozens|scores|children)\b[^.]{0,40}?"
    r"\b(?:killed|injured|wounded|dead|hurt|died)\b|\bcasualties\b|\b(?:killing|injuring|wounding)\b"
    r"|\bwere (?:killed|injured|wounded)\b",
    re.I,
)


def _abroad(text: str) -> bool:
    """ "Three people were killed in the Moscow region": casualties outside Ukraine (and in no
    Ukrainian place the sentence names)."""
    placed = [m for m in mentions(text) if _LOCAL.search(text[max(0, m.start - 60) : m.start])]
    foreign = [m for m in placed if m.place.kind in ("abroad", "launch_area")]
    return bool(foreign) and not any(m.place.in_ukraine for m in placed)


def _casualty_event(text: str) -> bool:
    return bool(_PEOPLE_HURT.search(text))


def choose_casualties(found: list[tuple[Casualty, str | None, Reading]]) -> None:
    """Country-wide figures win; else the figures of one place; several places: no figure."""
    by_key: dict[str, list[tuple[Casualty, str | None, Reading]]] = {}
    for item in found:
        by_key.setdefault(item[0].key, []).append(item)
    for key, items in by_key.items():
        national = [i for i in items if i[1] is None]
        chosen = national or (items if len({i[1] for i in items}) == 1 else [])
        kind, _, scope = key.partition(".")
        for c, place, r in chosen:
            r.add(kind, (r.span(c.start, c.end),), scope=scope or None, quantity=c.quantity,
                  places=(place,) if place else ())  # fmt: skip
        if not chosen:
            c, _, r = items[0]
            r.add(kind, (r.span(c.start, c.end),), flags=("regional_figures",))
