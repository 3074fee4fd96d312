"""The English news grammar: the shared news layer (``extract/news``) with English words
(``resources/en/news.yaml``), English places, dates and the event rule sets of this folder.

Rule sets run in a fixed, named order (``RULES``); ``ExtractOptions.disabled_rules`` switches
one off by name (the layer's own: ``figures``, ``locations``, ``casualties``, ``totals``,
``window``).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from skyledger.extract.en import targets
from skyledger.extract.en.dates import other_date, other_day, other_year
from skyledger.extract.en.geo import (
    GEO,
    Mention,
    city_anaphor,
    is_facility,
    is_title,
    mentions,
    near_oblast,
    near_of,
    place_of,
)
from skyledger.extract.en.window import local_date, read_window
from skyledger.extract.news import events
from skyledger.extract.news.figures import (
    all_of_them,
    class_parts,
    definite_model,
    list_items,
    unnumbered,
    vague_downing,
)
from skyledger.extract.news.infrastructure import read_infrastructure
from skyledger.extract.news.read import Language, Rule, read
from skyledger.extract.news.sentence import PlaceRef, Sentence
from skyledger.extract.news.text import PLAIN
from skyledger.extract.options import ExtractOptions
from skyledger.extract.places import places
from skyledger.models import Document, Extraction, TimeWindow
from skyledger.resources.patterns import pattern_file

# One character for one character: quotes, dashes, odd spaces, and Cyrillic letters that look
# Latin ("Kalіbr"; resources/en/plain.yaml).
_PLAIN = str.maketrans({**PLAIN, **pattern_file("en/plain.yaml").maps["lookalikes"]})


def plain(text: str) -> str:
    return text.translate(_PLAIN)


def key(low: str) -> str:
    """English words are matched as written (lower-cased)."""
    return low


_REGIONAL = GEO.compile("regional_title")


def _places(s: Sentence) -> list[PlaceRef]:
    text = s.text
    found = mentions(text)
    out: list[PlaceRef] = []
    previous: Mention | None = None
    for m in sorted(found + city_anaphor(text, found), key=lambda m: m.start):
        role = "place"
        if is_title(text, m):
            role = "title"
        elif is_facility(text, m):
            role = "facility"
        elif near_of(text, m, previous):
            role = "locator"
        place = near_oblast(text, m).place
        if role == "title" and _REGIONAL.match(text, m.end):  # "the Kherson regional governor"
            place = places().get(f"{place.name} Oblast", place)
        out.append(PlaceRef(m.start, m.end, place.name, place.kind, role))
        previous = m
    return out


def _place_of(s: Sentence, first: int, last: int) -> str | None:
    if first >= last:
        return None  # pragma: no cover - people pass a whole clause
    return place_of(s.text[s.tokens[first].start : s.tokens[last - 1].end])


def _aside(s: Sentence, published: datetime | None) -> str:
    day = local_date(published)
    if day is None:
        return ""
    return "time" if _timed(s.text, day) else ""


@lru_cache(maxsize=4)
def _timed(text: str, day: date) -> bool:
    """Whether a sentence's text is dated to another time (kept for the pieces of one long
    sentence, which share its text: reading it once per piece would be quadratic)."""
    return other_year(text, day.year) or other_day(text, day.weekday()) or other_date(text, day)


#: (name, rule, runs on sentences set aside: True always, "russia" when only Russia as target
#: set them aside — Moscow's word on the strike often names Ukraine's attacks on Russia)
RULES: tuple[tuple[str, Rule, bool | str], ...] = (
    ("unnumbered", unnumbered, False),
    ("infrastructure", read_infrastructure, False),
    *events.RULES,
    ("launch_areas", targets.read_launch_areas, "russia"),
)


def _finish(sentences: list[Sentence], options: ExtractOptions) -> None:
    if options.enabled("figures"):
        previous: Sentence | None = None
        for s in sentences:
            all_of_them(s, previous)
            vague_downing(s, previous)
            previous = s
        list_items(sentences)
        class_parts(sentences)
        definite_model(sentences)
    events.finish(sentences)


def _window(sentences: list[Sentence], published: datetime | None) -> TimeWindow | None:
    texts = [
        (s.text, any(c.quantity is not None for c in s.claims))
        for s in sentences
        if s.aside != "time"
    ]
    return read_window(texts, published)


ENGLISH = Language(
    code="en",
    plain=plain,
    key=key,
    places=_places,
    place_of=_place_of,
    rules=RULES,
    finish=_finish,
    window=_window,
    aside=_aside,
    inherit=frozenset({"ua_air_force", "ua_officials", "iaea"}),
)


def extract(doc: Document, options: ExtractOptions) -> Extraction:
    """Every claim an English text makes, in text order, with derived sums and the window."""
    return read(doc, ENGLISH, options)
