"""Places in English prose: gazetteer mentions, "X and Y regions", places hit, launch areas.

The words around a place are data: ``resources/en/geo.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from skyledger.extract.places import Place, place_names, places
from skyledger.resources.patterns import pattern_file

GEO = pattern_file("en/geo.yaml")
_REGIONS_AFTER = GEO.compile("regions_after")
_REGIONS_BEFORE = GEO.compile("regions_before")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    place: Place

    @property
    def name(self) -> str:
        return self.place.name


@cache
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    names = dict(place_names())
    names.update(GEO.maps["oblast_stems"])
    for spelling, name in names.items():
        auto.add_word(spelling, (len(spelling), name))
    auto.make_automaton()
    return auto


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-")


def mentions(text: str) -> list[Mention]:
    """Gazetteer places named in ``text`` (capitalised, longest match, no all-caps datelines)."""
    found: list[Mention] = []
    for end, (length, name) in _automaton().iter(text.lower()):
        start = end - length + 1
        words = text[start : end + 1]
        if not words[0].isupper() or (words.isupper() and len(words) > 3):
            continue
        if _boundary(text, start, end + 1):
            found.append(Mention(start, end + 1, places()[name]))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return _distribute(text, out)


def _as_oblast(m: Mention) -> Mention:
    if m.place.kind == "oblast":
        return m
    name = place_names().get(f"{m.name.lower()} region")
    return Mention(m.start, m.end, places()[name]) if name else m


_SEP = GEO.compile("list_sep")


#: Characters between two places in a list at most (", and north-eastern "): a longer gap is
#: no separator, and is not matched (``_SEP`` backtracks over a long run of spaces).
_SEP_MOST = 64


def _separated(text: str, end: int, start: int) -> bool:
    return start - end <= _SEP_MOST and _SEP.fullmatch(text, end, start) is not None


def _distribute(text: str, found: list[Mention]) -> list[Mention]:
    """ "Kyiv, Sumy and Poltava regions", "the regions of Sumy, Kharkiv …" → oblasts."""
    out = list(found)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _separated(text, out[j].end, out[j + 1].start):
            j += 1
        after = _REGIONS_AFTER.match(text, out[j].end)
        before = _REGIONS_BEFORE.search(text[max(0, out[i].start - 60) : out[i].start])
        if after or (before and j >= i):
            out[i : j + 1] = [_as_oblast(m) for m in out[i : j + 1]]
        i = j + 1
    return out


_TITLE_AFTER = GEO.compile("title_after")
_TITLE_BEFORE = GEO.compile("title_before")
_FACILITY = GEO.compile("facility")  # "Zaporizhzhia nuclear plant", "Khmelnytskyi and Rivne NPPs"


def is_title(text: str, m: Mention) -> bool:
    """ "Kyiv Mayor", "mayor of Kharkiv": a place in someone's title."""
    return bool(
        _TITLE_AFTER.match(text, m.end)
        or _TITLE_BEFORE.search(text[max(0, m.start - 40) : m.start])
    )


def is_facility(text: str, m: Mention) -> bool:
    """ "Zaporizhzhia nuclear plant", "Dnipro HPP": a facility's name, not a place."""
    return bool(_FACILITY.match(text, m.end))


def is_title_or_facility(text: str, m: Mention) -> bool:
    """ "Kyiv Mayor", "mayor of Kharkiv", "Zaporizhzhia nuclear plant": not places hit."""
    return is_title(text, m) or is_facility(text, m)


_LOCATOR = GEO.compile("locator")
_NEAR_CAPITAL = GEO.compile("near_capital")
_NEAR_CAPITAL_OBLAST = GEO.compile("near_capital_oblast")
_CITY_ANAPHOR = GEO.compile("city_anaphor")
_DEFINITE = GEO.compile("definite")


def near_of(text: str, m: Mention, previous: Mention | None) -> bool:
    """ "Fastiv, near Kyiv", "Vyshhorod, north of Kyiv", "near Kyiv": a place that only
    locates another ("near the capital, Kyiv" is the capital's region)."""
    head = text[max(0, m.start - 30) : m.start]
    return bool(_LOCATOR.search(head)) and not _NEAR_CAPITAL.search(head)


def city_anaphor(text: str, found: list[Mention]) -> list[Mention]:
    """ "the city" / "the capital" → the city named before it in the sentence (or Kyiv)."""
    out = []
    for match in _CITY_ANAPHOR.finditer(text):
        if match.group("capital"):
            out.append(Mention(match.start(), match.end(), places()["Kyiv"]))
            continue
        cities = [m for m in found if m.end <= match.start() and m.place.kind == "city"]
        if cities:
            out.append(Mention(match.start(), match.end(), cities[-1].place))
    return out


_LOCAL = GEO.compile("local")


def place_of(text: str) -> str | None:
    """The one place a casualty clause is about ("in Kyiv", "attack on the city"), if any; a
    place abroad ("in the Moscow region") counts too, so that its figures can be left out."""
    found = [
        m
        for m in mentions(text)
        if (m.place.in_ukraine or m.place.kind in ("abroad", "launch_area"))
        and m.name not in ("Ukraine", "Russia")
        and not is_title_or_facility(text, m)
    ]
    for m in sorted(found + city_anaphor(text, mentions(text)), key=lambda m: m.start):
        if _LOCAL.search(text[max(0, m.start - 60) : m.start]) or _DEFINITE.match(
            text, m.start, m.end
        ):
            return m.name
    return None


def near_oblast(text: str, m: Mention) -> Mention:
    """ "died near the capital, Kyiv" → Kyiv Oblast ("near Fastiv" stays Fastiv)."""
    if m.place.kind == "city" and _NEAR_CAPITAL_OBLAST.search(text[max(0, m.start - 30) : m.start]):
        oblast = places().get(f"{m.name} Oblast")
        if oblast is not None:
            return Mention(m.start, m.end, oblast)
    return m
