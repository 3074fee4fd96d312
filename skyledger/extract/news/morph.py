"""Dictionary keys of Ukrainian and Russian words: their lemma, from pymorphy3.

A key is looked up once per distinct word and kept (``lru_cache``): news texts repeat their
words, and a parse costs about a tenth of a millisecond. Words pymorphy3 does not know come
back as they are written, as do words with letters outside Cyrillic; place names never go
through here (the gazetteer holds their forms).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

_CACHE = 200_000


@cache
def _analyzer(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _lemma(lang: str, word: str) -> str:
    """A Cyrillic word's lemma; any other word as it is (pymorphy3 fails on letters that have no
    Unicode name)."""
    if not word or not word[0].isalpha() or word.isascii():
        return word
    if any(c.isalpha() and not "\u0400" <= c <= "\u04ff" for c in word):
        return word
    try:
        parses = _analyzer(lang).parse(word)
    except ValueError:  # pragma: no cover - only arbitrary text (the property tests) has them
        return word  # pymorphy3 asks unicodedata for the name of a letter that has none
    return str(parses[0].normal_form) if parses else word


#: Letters past which a "word" is no word of either language (the longest have some 35): it
#: keys as it is written, and is neither parsed (pymorphy3 walks its dictionary one recursive
#: step per letter, so thousands of letters run together raised RecursionError) nor kept.
MAX_WORD = 48


def uk_key(word: str) -> str:
    """The Ukrainian lemma of a lower-case word ("загиблих" → "загиблий")."""
    return word if len(word) > MAX_WORD else _uk_key(word)


def ru_key(word: str) -> str:
    """The Russian lemma of a lower-case word ("погибших" → "погибший")."""
    return word if len(word) > MAX_WORD else _ru_key(word)


@lru_cache(maxsize=_CACHE)
def _uk_key(word: str) -> str:
    return _lemma("uk", word)


@lru_cache(maxsize=_CACHE)
def _ru_key(word: str) -> str:
    return _lemma("ru", word)
