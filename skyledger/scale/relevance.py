"""The cheap relevance pre-filter of archive runs: one Aho-Corasick pass over a document's
lower-cased title and text for the words a claim needs.

A document passes when a word starts with one of the attack stems or the names of the two
countries (``resources/scale/relevance.yaml``, all three languages at once), or is one of the
weapon aliases of ``weapons.yaml`` or the place names of the gazetteer. A document with none of
them cannot give a claim and is skipped without being extracted; the filter errs towards
letting a document through (``tests/scale/test_relevance.py`` checks that no document of the
corpora that gives a claim is dropped).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import ahocorasick

from skyledger.errors import ResourceError
from skyledger.models import Document
from skyledger.resources import load_tsv, load_yaml, weapons

LEXICON = "scale/relevance.yaml"
SECTIONS = ("attack", "subjects")
LANGS = ("uk", "en", "ru")
#: Gazetteer kinds whose names make a document relevant (places abroad do not).
PLACE_KINDS = frozenset({"oblast", "city", "raion", "hromada", "region", "sea", "launch_area"})
PLACE_FILES = ("gazetteer/uk_toponyms.tsv", "gazetteer/ru_toponyms.tsv")


@dataclass(frozen=True, slots=True)
class Entry:
    """A lexicon word: ``whole`` when it must end at a word boundary, not only start at one."""

    lexicon: str
    whole: bool
    length: int


def _words(section: str) -> list[str]:
    data = load_yaml(LEXICON)
    where = f"resources/{LEXICON}: {section}"
    if not isinstance(data, dict) or not isinstance(data.get(section), dict):
        raise ResourceError(f"{where}: missing, expected a mapping of language to stems")
    found: list[str] = []
    for lang in LANGS:
        items = data[section].get(lang)
        if not isinstance(items, list) or not items:
            raise ResourceError(f"{where}.{lang}: missing or empty list")
        for item in items:
            word = str(item)
            if not word.strip("=").strip() or word != word.lower():
                raise ResourceError(f"{where}.{lang}: {word!r} is empty or not lower case")
            found.append(word)
    return found


def place_names() -> set[str]:
    """Lower-case names and case forms of the gazetteer's places in Ukraine and Russia."""
    names: set[str] = set()
    for row in load_tsv("gazetteer/places.tsv"):
        if row["kind"] in PLACE_KINDS:
            names.add(row["name"].lower())
            names.update(a.lower() for a in row["aliases"].split("|") if a)
    for file in PLACE_FILES:
        for row in load_tsv(file):
            names.update(f.lower() for f in row["forms"].split(";") if f)
    return {n.strip() for n in names if len(n.strip()) > 2}


@cache
def automaton() -> ahocorasick.Automaton:
    """Every word of the three lexicons in one automaton (built once per process)."""
    auto = ahocorasick.Automaton()
    for section in SECTIONS:
        for word in _words(section):
            whole = word.startswith("=")
            auto.add_word(word.lstrip("="), Entry(section, whole, len(word.lstrip("="))))
    for weapon in weapons().values():
        for alias in weapon.aliases:
            auto.add_word(alias, Entry("weapons", False, len(alias)))
    for name in place_names():
        if name not in auto:
            auto.add_word(name, Entry("places", True, len(name)))
    auto.make_automaton()
    return auto


def _bounded(text: str, start: int, end: int, whole: bool) -> bool:
    if start > 0 and text[start - 1].isalnum():
        return False
    return not (whole and end < len(text) and text[end].isalnum())


def relevant_text(text: str) -> str | None:
    """The lexicon (``attack``, ``subjects``, ``weapons``, ``places``) of the first word of
    lower-cased ``text`` found in one, or None."""
    found: Iterator[tuple[int, Entry]] = automaton().iter(text)
    for end, entry in found:
        if _bounded(text, end + 1 - entry.length, end + 1, entry.whole):
            return entry.lexicon
    return None


def is_relevant(doc: Document) -> bool:
    """Whether ``doc`` may give a claim (its title and text name something of the war)."""
    head = doc.title.lower() if doc.title else ""
    return relevant_text(f"{head}\n{doc.text.lower()}") is not None
