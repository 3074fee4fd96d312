"""The news layer's pipeline: a document to claims, the same for every language.

units → tokens and marks → speaker and claimant → set aside or not → number phrases → counted
groups → predicates → weapon, location and casualty claims → the language's event rules →
article-wide choices (casualties, one place's figures) → sums → time window.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from skyledger.extract.limits import MAX_DOCUMENT_TOKENS, MAX_SENTENCES, reading_notes
from skyledger.extract.news.aside import aside_of, background, carried
from skyledger.extract.news.figures import read_locations, read_weapons, resolve
from skyledger.extract.news.groups import PEOPLE, groups, weapon_ids
from skyledger.extract.news.lexicon import lexicon
from skyledger.extract.news.people import Casualty, PlaceOf, choose, read_people
from skyledger.extract.news.places import read_places_hit
from skyledger.extract.news.predicates import Item, attach
from skyledger.extract.news.sentence import PlaceRef, Sentence, build
from skyledger.extract.news.speakers import assign
from skyledger.extract.news.text import Token, Unit, iter_units, tokenize
from skyledger.extract.news.totals import derive_totals, inconsistencies
from skyledger.extract.options import ExtractOptions
from skyledger.models import Claim, Document, Extraction, TimeWindow

Rule = Callable[[Sentence], None]
Finish = Callable[[list[Sentence], ExtractOptions], None]
Window = Callable[[list[Sentence], datetime | None], TimeWindow | None]
Places = Callable[[Sentence], list[PlaceRef]]
Aside = Callable[[Sentence, datetime | None], str]
Context = tuple[str, str | None] | None  # the weapon scope (and model) counted just before


@dataclass(frozen=True, slots=True)
class Language:
    """What a language gives the layer: how to read its words and its own rule sets."""

    code: str
    plain: Callable[[str], str]  # one-for-one character map (quotes, dashes, look-alikes)
    key: Callable[[str], str]  # a lower-case word's dictionary key
    places: Places  # place mentions of a sentence, with the role their words give them
    place_of: PlaceOf  # the one place tokens first-last are about, if any
    rules: tuple[tuple[str, Rule, bool | str], ...]  # (name, rule, runs on sentences set aside)
    finish: Finish  # article-wide steps after every sentence is read
    window: Window
    aside: Aside  # reasons of the language's own to set a sentence aside ("" if none)
    inherit: frozenset[str]  # claimants an unattributed figure may inherit


#: Tokens the grammar reads as one sentence at most: a longer run (a list with no full stop) is
#: read in pieces, so that no step costs more than linear time in the text.
MAX_TOKENS = 250


def _pieces(tokens: list[Token]) -> list[list[Token]]:
    """A long token run cut before a comma or a line's end near every ``MAX_TOKENS`` tokens."""
    if len(tokens) <= MAX_TOKENS:
        return [tokens]
    out: list[list[Token]] = []
    start = 0
    while start < len(tokens):
        end = min(len(tokens), start + MAX_TOKENS)
        if end < len(tokens):
            cut = next((k for k in range(end, start + MAX_TOKENS // 2, -1)
                        if tokens[k].text in (",", ";")), end)  # fmt: skip
            end = cut
        out.append(tokens[start:end])
        start = end
    return out


def _place_start(place: PlaceRef) -> int:
    return place.start


def sentences_of(doc: Document, lang: Language, units: list[Unit] | None = None) -> list[Sentence]:
    """The sentences of ``units`` (all the document's when not given), built and read for
    their speakers and asides."""
    lex = lexicon(lang.code)
    out = []
    left = MAX_DOCUMENT_TOKENS  # the words and marks read in all: a unit past them is cut
    for unit in iter_units(doc, lang.plain) if units is None else units:
        tokens = tokenize(unit.text, lang.key, most=max(0, left))
        left -= len(tokens)
        pieces = _pieces(tokens)
        if len(pieces) == 1:
            s = build(unit, tokens, lex, doc.id)
            s.places = lang.places(s)
            out.append(s)
            continue
        # the places of a long sentence are read once, with the words of the whole sentence
        # around them (a title or locator word may end the piece before), and each piece
        # keeps those within it
        places = lang.places(build(unit, tokens, lex, doc.id))
        for tokens in pieces:
            s = build(unit, tokens, lex, doc.id)
            s.piece = True
            lo, hi = tokens[0].start, tokens[-1].end  # places are in text order
            first = bisect.bisect_left(places, lo, key=_place_start)
            s.places = places[first : bisect.bisect_left(places, hi, key=_place_start)]
            out.append(s)
    assign(out, lang.inherit)
    previous: Sentence | None = None
    for s in out:
        s.aside = aside_of(s) or lang.aside(s, doc.published_at) or carried(s, previous)
        previous = s
    background(out)
    return out


def _context(previous: Sentence | None) -> Context:
    """The one weapon scope the sentence before counted as launched ("Russia launched 273
    drones. Of those, 88 were shot down"), with its one model if it named one ("близько 70
    крилатих ракет. З них збили 51")."""
    if previous is None:
        return None
    launched = [c for c in previous.claims if c.kind == "launched" and c.quantity]
    scopes = {c.scope for c in launched} & {"drones", "missiles", "total"}
    if launched and launched[0].scope == "total":
        return "total", None  # "537 weapons, including 477 drones … Of these, 249 were shot down"
    if len(scopes) != 1:
        return None
    scope = scopes.pop()
    models = {c.scope[6:] for c in launched if c.scope and c.scope.startswith("model:")}
    return (scope, models.pop() if len(models) == 1 else None) if scope else None


def read_sentences(sentences: list[Sentence], lang: Language, options: ExtractOptions) -> None:
    casualties: list[Casualty] = []
    previous: Sentence | None = None
    people: Item | None = None  # the last people group of the sentence before
    where = _Where(lang) if _setting(lang, "carry_place") else None
    for s in sentences:
        if _nothing_to_read(s):
            people, previous = None, s
            continue
        if s.aside in ("", "russia"):
            items = resolve(s, attach(s, groups(s), people), _context(previous))
            if options.enabled("figures"):
                read_weapons(s, items)
            if options.enabled("locations"):
                read_locations(s, items)
            if options.enabled("casualties"):
                casualties += read_people(s, items, where or lang.place_of)
            if options.enabled("places_hit"):
                read_places_hit(s, items)
            people = next((i for i in reversed(items) if i.kind == PEOPLE), None)
            if where is not None:
                where.seen(s)
        else:
            people = None
        for name, rule, on_aside in lang.rules:
            if options.enabled(name) and (not s.aside or on_aside in (True, s.aside)):
                rule(s)
        previous = s
    choose(casualties)
    release_local(sentences)
    lang.finish(sentences, options)


def _nothing_to_read(s: Sentence) -> bool:
    """A sentence with no word of the lexicon, no number, no place and no weapon, from which
    no rule can read anything: skipped, so that a text of many short lines costs little per
    line."""
    if s.present or s.places or any(t.kind == "num" for t in s.tokens):
        return False
    return not weapon_ids(s)


def _setting(lang: Language, name: str) -> bool:
    return bool(lexicon(lang.code).values.get("settings", {}).get(name))


class _Where:
    """The place a casualty clause is about, for a language whose local news names a place
    once (``settings.carry_place``): the clause's own, else its sentence's, else the place the
    text named last ("У Тернополі … Загинули 25 людей")."""

    def __init__(self, lang: Language) -> None:
        self.place_of = lang.place_of
        self.last: str | None = None

    def __call__(self, s: Sentence, first: int, last: int) -> str | None:
        return self.place_of(s, first, last) or self.place_of(s, 0, len(s.tokens)) or self.last

    def seen(self, s: Sentence) -> None:
        self.last = self.place_of(s, 0, len(s.tokens)) or self.last


def release_local(sentences: list[Sentence]) -> None:
    """One place's weapon figures count when the text gives no country-wide weapon figure."""
    weapons = ("launched", "downed", "lost")
    if any(c.kind in weapons and c.quantity is not None for s in sentences for c in s.claims):
        return
    for s in sentences:
        s.claims.extend(s.held)


def read(doc: Document, lang: Language, options: ExtractOptions) -> Extraction:
    """Every claim of one news text, in text order, with derived sums and the window."""
    units = list(islice(iter_units(doc, lang.plain), MAX_SENTENCES + 1))
    sentences = sentences_of(doc, lang, units[:MAX_SENTENCES])
    read_sentences(sentences, lang, options)
    read_tokens = sum(len(s.tokens) for s in sentences)
    claims: list[Claim] = [c for s in sentences for c in s.claims]
    if options.enabled("totals"):
        claims += derive_totals(doc.id, claims)
    window = lang.window(sentences, doc.published_at) if options.enabled("window") else None
    return Extraction(
        document_id=doc.id,
        lang=doc.lang,
        claims=tuple(claims),
        window=window,
        inconsistencies=(
            *inconsistencies(claims),
            *reading_notes(len(units), read_tokens, any(s.groups_cut for s in sentences)),
        ),
    )
