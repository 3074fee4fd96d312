"""The Russian news grammar: the shared news layer (``extract/news``) with Russian words
(``resources/ru/news.yaml``, matched on pymorphy3 lemmas), Russian place forms
(``toponyms.find_places``) and the night of "в ночь на …" (``window.py``).

Events without figures are the layer's (``extract/news/events.py``) read from the Russian words
under ``events.<kind>``: Moscow's statements about its strikes become its counter-claim, claims
in the name of ``ru_mod`` / ``ru_officials`` that the facts builder keeps out of a document's
facts. What stays here is Russian only: place roles from Russian case forms, the dates of
``window.py``, a text only about Ukraine's drones over Russia giving nothing, and two readings of
weapon figures the conventions give for Russian texts alone (``figures.py``).
"""

from __future__ import annotations

from datetime import datetime

from skyledger.extract.news import events as news_events
from skyledger.extract.news.figures import (
    all_of_them,
    class_parts,
    list_items,
    vague_downing,
)
from skyledger.extract.news.infrastructure import read_infrastructure
from skyledger.extract.news.morph import ru_key
from skyledger.extract.news.read import Language, Rule, read
from skyledger.extract.news.sentence import PlaceRef, Sentence
from skyledger.extract.news.text import PLAIN
from skyledger.extract.options import ExtractOptions
from skyledger.extract.ru import figures
from skyledger.extract.ru.window import read_window
from skyledger.extract.toponyms import find_places
from skyledger.models import Document, Extraction

_PLAIN = str.maketrans(PLAIN)
#: Places outside Ukraine: where a text about Russia as the target is set.
_RUSSIA = frozenset({"launch_area", "abroad"})
#: Claims that report an attack on Ukraine; a text with none and a sentence about Russia as
#: the target is about Russia only.
_ATTACK = frozenset(
    {"launched", "downed", "lost", "air_attack", "counterclaim", "hit_locations",
     "debris_locations", "nuclear_power_loss", "frontline", "talks", "call"}
)  # fmt: skip

__all__ = ["RUSSIAN", "extract"]


def plain(text: str) -> str:
    return text.translate(_PLAIN)


def _ends_at(s: Sentence, k: int, category: str) -> bool:
    """A mark of ``category`` ends right before token ``k``."""
    return any(m.is_(category) and m.last == k for j in range(max(0, k - 3), k) for m in s.marks[j])


def _places(s: Sentence) -> list[PlaceRef]:
    out: list[PlaceRef] = []
    for p in find_places(s.text, "ru"):
        if p.start > 0 and s.text[p.start - 1] == '"':
            continue  # "«Брянская губерния»": a name, not the place
        first, last = s.token_at(p.start), s.token_at(p.end)
        role = "place"
        if _ends_at(s, first, "places.government"):
            role = "government"  # "заявления Киева": the authorities
        elif _locator(s, p.start, out) and p.kind == "oblast":
            role = "locator"  # "в районе Прилук (Черниговской области)"
        elif _ends_at(s, first, "places.title") or (
            p.adjective and any(s.mark(k, "places.title") for k in range(last, last + 3))
        ):
            role = "title"
        elif s.mark(last, "places.facility"):
            role = "facility"
        elif p.kind in _RUSSIA or p.kind == "sea":
            role = "launch" if _ends_at(s, first, "places.launch") else "abroad"
        out.append(PlaceRef(p.start, p.end, p.name, p.kind, role))
    return out


def _locator(s: Sentence, start: int, before: list[PlaceRef]) -> bool:
    """An oblast in brackets right after a town: where the town lies."""
    return bool(before) and s.text[before[-1].end : start].strip() == "("


def _place_of(s: Sentence, first: int, last: int) -> str | None:
    """The one place (in Ukraine or Russia) tokens ``first``-``last`` name, if one."""
    if first >= last:
        return None
    lo, hi = s.tokens[first].start, s.tokens[last - 1].end
    names = {
        p.name for p in s.places
        if lo <= p.start < hi and p.role in ("place", "abroad", "title")
        and (p.in_ukraine or p.kind in _RUSSIA)
    }  # fmt: skip
    return names.pop() if len(names) == 1 else None


def _aside(s: Sentence, published: datetime | None) -> str:
    """A sentence naming a place in Russia as where things happen is about Russia."""
    return "russia" if any(p.role == "abroad" for p in s.places) else ""


RULES: tuple[tuple[str, Rule, bool | str], ...] = (
    ("infrastructure", read_infrastructure, False),
    *news_events.RULES,
)


def _only_russia(sentences: list[Sentence]) -> bool:
    """Some sentence is about Russia as the target and no other reports an attack on Ukraine
    (Moscow's counter-claim counts wherever it stands)."""
    return any(s.aside == "russia" for s in sentences) and not any(
        c.kind in _ATTACK and (not s.aside or c.kind == "counterclaim")
        for s in sentences
        for c in s.claims
    )


def _finish(sentences: list[Sentence], options: ExtractOptions) -> None:
    news_events.finish(sentences)
    if options.enabled("figures"):
        previous: Sentence | None = None
        for s in sentences:
            all_of_them(s, previous)
            vague_downing(s, previous)
            previous = s
        list_items(sentences)
        figures.class_repeats(sentences)
        class_parts(sentences)
        figures.missile_lists(sentences)
    if _only_russia(sentences):
        for s in sentences:
            s.claims.clear()
            s.held.clear()
            s.aside = s.aside or "russia"


RUSSIAN = Language(
    code="ru",
    plain=plain,
    key=ru_key,
    places=_places,
    place_of=_place_of,
    rules=RULES,
    finish=_finish,
    window=read_window,
    aside=_aside,
    inherit=frozenset({"ua_air_force", "ua_officials", "iaea"}),
)


def extract(doc: Document, options: ExtractOptions) -> Extraction:
    """Every claim a Russian text makes, in text order, with derived sums and the window."""
    return read(doc, RUSSIAN, options)
