"""One pass over a report: a single Aho-Corasick automaton holds the weapon catalogue's
aliases, the gazetteer's case forms and the literal starts of the verb cues and of the
infrastructure phrases, so the text is scanned once for all four."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from skyledger.extract.uk.gazetteer import Forms, form_keys
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.weapons import Alias, alias_keys

#: What a key gives: a weapon alias, place forms, the length of a verb stem, the length of an
#: infrastructure stem (None or 0 where the key is not one).
Value = tuple[Alias | None, Forms | None, int, int]


@dataclass(slots=True)
class Marks:
    """Every match of the pass, by kind."""

    weapons: list[tuple[int, Alias]]  # (last offset, alias)
    places: list[tuple[int, Forms]]  # (last offset, forms)
    verb_starts: list[int]  # sorted, unique
    infra_starts: list[int]  # sorted, unique


@cache
def automaton() -> ahocorasick.Automaton:
    """Every key of the four lists, each with what it is in each (``Value``)."""
    aliases, forms = alias_keys(), form_keys()
    verbs, infra = set(lexicon().verb_stems), set(lexicon().infra_stems)
    auto = ahocorasick.Automaton()
    for key in aliases.keys() | forms.keys() | verbs | infra:
        value: Value = (
            aliases.get(key),
            forms.get(key),
            len(key) if key in verbs else 0,
            len(key) if key in infra else 0,
        )
        auto.add_word(key, value)
    auto.make_automaton()
    return auto


def scan(norm: str) -> Marks:
    """The weapon, place, verb and infrastructure matches of a normalised text."""
    weapons: list[tuple[int, Alias]] = []
    places: list[tuple[int, Forms]] = []
    verbs: set[int] = set()
    infra: set[int] = set()
    for last, value in automaton().iter(norm):
        alias, forms, verb, infra_size = value
        if alias is not None:
            weapons.append((last, alias))
        if forms is not None:
            places.append((last, forms))
        if verb:
            verbs.add(last + 1 - verb)
        if infra_size:
            infra.add(last + 1 - infra_size)
    return Marks(weapons, places, sorted(verbs), sorted(infra))
