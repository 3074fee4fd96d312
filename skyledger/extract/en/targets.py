"""Launch areas named in English prose, as claims with ``places``. The words are data:
``resources/en/targets.yaml``."""

from __future__ import annotations

from skyledger.extract.en.geo import Mention, mentions
from skyledger.extract.news.sentence import Sentence as Reading
from skyledger.resources.patterns import pattern_file

TARGETS = pattern_file("en/targets.yaml")
_FROM = TARGETS.compile("from")
_LAUNCH = TARGETS.compile("launch")


def read_launch_areas(r: Reading) -> None:
    """ "launched from the directions of Bryansk and Orel", "from ships off the Black Sea"."""
    lo, hi = r.reach()
    first = _FROM.search(r.text, lo, hi)
    if first is None or not _LAUNCH.search(r.text, lo, hi) or r.aside:
        return
    rest = r.text[first.start() : hi]
    found = mentions(rest)
    previous: Mention | None = None
    for m in found:
        kind = m.place.kind
        if kind in ("launch_area", "sea") or m.name == "Crimea":
            locator = previous is not None and rest[previous.end : m.start] == ", "
            if not (locator and kind == "launch_area" and m.name.endswith("Oblast")):
                s = first.start()
                r.add("launch_area", (r.span(s + m.start, s + m.end),), places=(m.name,),
                      claimant=r.event_claimant())  # fmt: skip
        previous = m
