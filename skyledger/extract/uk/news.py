"""The Ukrainian news grammar: the shared news layer (``extract/news``) with Ukrainian words
(``resources/uk/news.yaml``), Ukrainian place forms (``extract/toponyms``), Ukrainian dates
(``uk/news_time.py``) and the language's own rule sets (``uk/news_rules.py``).

An Air Force summary does not come here: ``extract.route`` sends it to the report grammar of
this folder; every other Ukrainian text (news, officials' posts, a quoted Air Force passage
inside news) is read by ``UKRAINIAN``.
"""

from __future__ import annotations

import re

from skyledger.extract.news import events
from skyledger.extract.news.infrastructure import read_infrastructure
from skyledger.extract.news.morph import uk_key
from skyledger.extract.news.read import Language, Rule, read
from skyledger.extract.news.sentence import PlaceRef, Sentence
from skyledger.extract.news.text import PLAIN
from skyledger.extract.options import ExtractOptions
from skyledger.extract.toponyms import find_places
from skyledger.extract.uk import news_rules, news_time
from skyledger.models import Document, Extraction

_PLAIN = str.maketrans(PLAIN)
# Latin letters that look Cyrillic, written by mistake inside a Cyrillic word ("аеробаліcтичні").
_LOOKALIKES = str.maketrans("aceiopxyACEHIKMOPTXB", "асеіорхуАСЕНІКМОРТХВ")
# A word (a run of letters) and the two alphabets a mixed word has both of: each word is
# found once and checked twice, in linear time (one pattern for "a word with both" backtracks
# through every split of a long word: cubic).
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-zA-Z]")
_CYRILLIC_LETTER = re.compile(r"[а-яіїєґА-ЯІЇЄҐ]")


def plain(text: str) -> str:
    """Quotes, dashes and odd spaces as plain ASCII, and Latin look-alike letters inside a
    Cyrillic word as Cyrillic; one character for one."""
    text = text.translate(_PLAIN)
    if text.isascii():
        return text
    return _WORD.sub(_cyrillic, text)


def _cyrillic(m: re.Match[str]) -> str:
    word = m.group()
    if _LATIN.search(word) is None or _CYRILLIC_LETTER.search(word) is None:
        return word
    cyrillic = sum(1 for c in word if "а" <= c.lower() <= "я" or c.lower() in "іїєґ")
    return word.translate(_LOOKALIKES) if cyrillic * 2 >= len(word) else word


def _ends_at(s: Sentence, category: str, k: int, reach: int = 1) -> bool:
    """A mark of the category ends at token ``k`` or up to ``reach`` - 1 tokens before it."""
    for j in range(max(0, k - 4 - reach), k):
        for m in s.marks[j]:
            if m.is_(category) and k - reach < m.last <= k:
                return True
    return False


def _starts_in(s: Sentence, category: str, first: int, last: int) -> bool:
    return any(s.mark(k, category) for k in range(first, min(last, len(s.tokens))))


def _role(s: Sentence, first: int, last: int, kind: str, adjective: bool, locator: bool) -> str:
    """What the words around a place make it: someone's "title" ("голова Харківської ОВА",
    "мер Львова", "Київська міська прокуратура", "ДСНС Полтавщини"), a "facility" ("Трипільська
    ТЕС"), a "locator" of another place ("поблизу Києва", "Кременчук Полтавської області"), a
    bare "adjective" ("київські рятувальники"), or a "place"."""
    titled = _ends_at(s, "places.titles", first) or _ends_at(s, "places.institutions", first)
    if titled or _starts_in(s, "places.institutions", first, last + 2):
        return "title"
    if _starts_in(s, "places.facilities", last, last + 1):
        return "facility"
    if locator or _ends_at(s, "places.near", first):
        return "locator"
    if adjective and (kind != "oblast" or not _ends_at(s, "places.locative", first)):
        return "adjective"  # "київські рятувальники"; "в Одеській" (області) is a place
    return "place"


def _locates(s: Sentence, previous: tuple[str, int] | None, kind: str, first: int) -> bool:
    """An oblast or raion right after a town, joined by nothing or by a locator word ("Кременчук
    Полтавської області", "в Умані на Черкащині", "Українка, що у Київській області")."""
    if previous is None or kind not in ("oblast", "raion") or previous[0] != "city":
        return False
    after = previous[1]
    if after == first:
        return True
    if after >= len(s.marks):  # the town ends this piece of a long sentence
        return False
    return any(m.is_("places.locator_joins") and m.last == first for m in s.marks[after])


def places(s: Sentence) -> list[PlaceRef]:
    """The places of a sentence with the role their words give them."""
    out: list[PlaceRef] = []
    previous: tuple[str, int] | None = None
    for m in find_places(s.text, "uk"):
        first, last = s.token_at(m.start), s.token_at(m.end - 1) + 1
        role = _role(s, first, last, m.kind, m.adjective, _locates(s, previous, m.kind, first))
        out.append(PlaceRef(m.start, m.end, m.name, m.kind, role))
        previous = (m.kind, last)
    return out


def place_of(s: Sentence, first: int, last: int) -> str | None:
    """The one place tokens ``first``-``last`` are about: the first place there that is no
    title, facility or locator ("у Києві", "на Київщині", "атакували Львів"); a place abroad
    counts too, so that its figures can be left out."""
    for p in s.places:
        k = s.token_at(p.start)
        if not first <= k < last or p.role != "place" or p.name in ("Ukraine", "Russia"):
            continue
        if p.in_ukraine or p.kind in ("abroad", "launch_area"):
            return p.name
    return None


#: (name, rule, runs on sentences set aside: True always, "russia" when only Russia as the
#: target set them aside)
RULES: tuple[tuple[str, Rule, bool | str], ...] = (
    ("infrastructure", read_infrastructure, False),
    ("interception", news_rules.read_interception, False),
    *events.RULES,
    ("launch_areas", news_rules.read_launch_areas, False),
)


def _finish(sentences: list[Sentence], options: ExtractOptions) -> None:
    if options.enabled("figures"):
        news_rules.body_over_title(sentences)
    if options.enabled("places_hit"):
        news_rules.titles_give_way(sentences)
    events.finish(sentences)


UKRAINIAN = Language(
    code="uk",
    plain=plain,
    key=uk_key,
    places=places,
    place_of=place_of,
    rules=RULES,
    finish=_finish,
    window=news_time.read_window,
    aside=news_time.aside,
    inherit=frozenset({"ua_air_force", "ua_officials"}),
)


def extract(doc: Document, options: ExtractOptions) -> Extraction:
    """Every claim a Ukrainian news text or officials' post makes, in text order, with derived
    sums and the window."""
    return read(doc, UKRAINIAN, options)
