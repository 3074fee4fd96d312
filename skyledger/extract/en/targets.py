"""Places hit (settlements and regions) and launch areas, as claims with ``places``."""

from __future__ import annotations

import re

from skyledger.extract.news.sentence import Sentence as Reading
from skyledger.extract.en.geo import (
    Mention,
    city_anaphor,
    is_title_or_facility,
    mentions,
    near_of,
)
from skyledger.extract.en.lexicon import phrase
from skyledger.extract.places import places

_RU = frozenset({"ru_mod", "ru_officials"})
#: Who reports damage in Ukraine; a foreign leader's reaction names the place, not the damage.
_DAMAGE_SOURCES = frozenset({"ua_air_force", "ua_officials", "iaea", "media", "unknown"})


def _hit_places(r: Reading) -> list[Mention]:
    """Places named in a clause that reports a hit, and not in a not-hit clause."""
    text = r.text
    if not phrase("hit_cues").search(text):
        return []
    found = mentions(text)
    out: list[Mention] = []
    previous: Mention | None = None
    hit: dict[tuple[int, int], bool] = {}
    for m in sorted(found + city_anaphor(text, found), key=lambda m: m.start):
        keep = m.place.in_ukraine and m.name not in ("Ukraine", "Crimea")
        if keep and not is_title_or_facility(text, m) and not near_of(text, m, previous):
            bounds = r.clause_chars(m.start)
            if bounds not in hit:
                hit[bounds] = _is_hit(text[bounds[0] : bounds[1]])
            if hit[bounds]:
                out.append(_near(text, m))
        previous = m
    return out


def _is_hit(text: str) -> bool:
    return bool(phrase("hit_cues").search(text)) and not phrase("not_hit_cues").search(text)


def _near(text: str, m: Mention) -> Mention:
    """ "died near the capital, Kyiv" → Kyiv Oblast."""
    if m.place.kind == "city" and re.search(
        r"\bnear\s+(?:the\s+capital,?\s+)?$", text[max(0, m.start - 30) : m.start]
    ):
        oblast = places().get(f"{m.name} Oblast")  # "near Fastiv" stays Fastiv
        if oblast is not None:
            return Mention(m.start, m.end, oblast)
    return m


def read_places_hit(r: Reading) -> None:
    if r.speaker in _RU or r.aside:
        return
    seen: set[str] = set()
    claimant = r.event_claimant()
    if claimant not in _DAMAGE_SOURCES:
        claimant = "unknown"  # "Trump said he was unhappy with the strikes on Kyiv"
    for m in _hit_places(r):
        if m.name in seen:
            continue
        seen.add(m.name)
        r.add("place_hit", (r.span(m.start, m.end),), places=(m.name,), claimant=claimant)


_FROM = re.compile(r"\bfrom\b", re.I)
_LAUNCH = re.compile(r"\b(?:launch\w*|fired|drones?|missiles?|directions?|aircraft|ships?)\b", re.I)


def read_launch_areas(r: Reading) -> None:
    """ "launched from the directions of Bryansk and Orel", "from ships off the Black Sea"."""
    first = _FROM.search(r.text)
    if first is None or not _LAUNCH.search(r.text) or r.aside:
        return
    found = mentions(r.text[first.start() :])
    previous: Mention | None = None
    for m in found:
        kind = m.place.kind
        if kind in ("launch_area", "sea") or m.name == "Crimea":
            locator = (
                previous is not None and r.text[first.start() :][previous.end : m.start] == ", "
            )
            if not (locator and kind == "launch_area" and m.name.endswith("Oblast")):
                s = first.start()
                r.add("launch_area", (r.span(s + m.start, s + m.end),), places=(m.name,),
                      claimant=r.event_claimant())  # fmt: skip
        previous = m
