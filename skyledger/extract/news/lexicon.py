"""A language's news words (``resources/<lang>/news.yaml``) and the marks they leave on tokens.

Every entry is a phrase of one or more words, each matched against a token's lower-case form
or its dictionary key (the lemma, in languages that decline), so a file may list surface forms
("shot down") or lemmas ("збити"); a word written with a leading ``=`` matches the lower-case
form only ("=жінка": that form, not "жінок", whose lemma is "жінка"). Entries sit under dotted
categories (``predicates.downed``, ``bounds.min_exclusive``, ``claimants.ua_officials``); a
mapping of words to integers (``numbers.units``) gives each word a value. ``Lexicon.marks``
finds every entry in a unit's tokens in one pass, longest first at each token.

For the gate that keeps the grammar honest, ``recording()`` collects the entries that matched
while it is active: every entry must be matched by a test sentence of our own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from skyledger.errors import ResourceError
from skyledger.extract.news.text import Token
from skyledger.resources import load_yaml


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of the file: its category, its words, its value (numbers), where it is."""

    category: str
    words: tuple[str, ...]
    value: float | None
    where: str
    prefixes: frozenset[str] = frozenset()  # the category and every category above it


@dataclass(slots=True)
class Mark:
    """An entry found in a unit: tokens ``first`` to ``last`` (exclusive)."""

    first: int
    last: int
    entry: Entry

    @property
    def category(self) -> str:
        return self.entry.category

    def is_(self, prefix: str) -> bool:
        return prefix in self.entry.prefixes

    @property
    def leaf(self) -> str:
        """The last part of the category (``downed`` of ``predicates.downed``)."""
        return self.entry.category.rsplit(".", 1)[-1]


_RECORDED: set[str] | None = None


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect ``Entry.where`` of every entry matched inside the block."""
    global _RECORDED
    saved, _RECORDED = _RECORDED, set()
    try:
        yield _RECORDED
    finally:
        _RECORDED = saved


def _entries(node: Any, path: str, file: str, out: list[Entry]) -> None:
    where = f"resources/{file}: {path}"
    if isinstance(node, dict):
        if not node:
            raise ResourceError(f"{where}: empty mapping")  # pragma: no cover - a bad resource file
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in node.values()):
            for word, value in node.items():
                out.append(_entry(path, str(word), float(value), f"{where}[{word}]"))
            return
        for key, child in node.items():
            _entries(child, f"{path}.{key}" if path else str(key), file, out)
        return
    if not isinstance(node, list) or not node:
        raise ResourceError(f"{where}: expected a non-empty list or mapping")  # pragma: no cover
    for i, item in enumerate(node):
        if not isinstance(item, str) or not item.strip():
            raise ResourceError(f"{where}[{i}]: expected a non-empty phrase")  # pragma: no cover
        out.append(_entry(path, item, None, f"{where}[{i}]"))


def _entry(category: str, phrase: str, value: float | None, where: str) -> Entry:
    words = tuple(phrase.lower().split())
    if not words:
        raise ResourceError(f"{where}: empty phrase")  # pragma: no cover - a bad resource file
    if words[0] == GAP or words[-1] == GAP:  # pragma: no cover - a bad resource file
        raise ResourceError(f"{where}: a phrase cannot start or end with {GAP}")
    parts = category.split(".")
    prefixes = frozenset(".".join(parts[: i + 1]) for i in range(len(parts)))
    return Entry(category, words, value, where, prefixes)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every entry of one language's file, indexed by its first word."""

    lang: str
    entries: tuple[Entry, ...]
    first: dict[str, tuple[Entry, ...]]
    values: dict[str, dict[str, float]]  # category → one-word entry → its value
    categories: frozenset[str]  # every category and every prefix of one ("numbers")

    def uses(self, category: str) -> bool:
        """Whether the language has words of a category (or below it): a step for a category
        the language leaves out can be skipped."""
        return category in self.categories

    def marks(self, tokens: Sequence[Token]) -> list[list[Mark]]:
        """Per token, the entries that start there (longest first)."""
        out: list[list[Mark]] = [[] for _ in tokens]
        first = self.first
        for i, tok in enumerate(tokens):
            found = first.get(tok.low)
            if tok.key != tok.low:
                other = first.get(tok.key)
                if other:
                    found = other if not found else (*found, *other)
            if not found:
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            for entry in found:
                words = entry.words
                head = words[0]
                if len(head) > 1 and head[0] == SURFACE and not _fits(head, tok):
                    continue  # "=жінка": that form only
                if len(words) == 1:
                    last: int | None = i + 1
                elif nxt is None:
                    continue
                elif words[1] != GAP and not _fits(words[1], nxt):
                    continue  # the usual miss, decided without a call
                else:
                    last = _match(words, tokens, i + 1, 1)
                if last is not None:
                    out[i].append(Mark(i, last, entry))
                    if _RECORDED is not None:
                        _RECORDED.add(entry.where)
            out[i].sort(key=_longest_first)
        return out

    def words_of(self, category: str) -> tuple[Entry, ...]:  # pragma: no cover - unused
        """The entries of one category or of every category below it."""
        return tuple(
            e
            for e in self.entries
            if e.category == category or e.category.startswith(category + ".")
        )


#: In a phrase, "…" stands for up to this many words of any kind ("met … envoys").
GAP = "…"
MAX_GAP = 4
#: A word written "=form" matches a token's lower-case form only, never its lemma.
SURFACE = "="


def bare(word: str) -> str:
    """A phrase word without its surface-only mark."""
    return word[1:] if len(word) > 1 and word[0] == SURFACE else word


def _fits(word: str, tok: Token) -> bool:
    """Whether one phrase word matches a token (its lower-case form or key; "=form": the form)."""
    if len(word) > 1 and word[0] == SURFACE:
        return word[1:] == tok.low
    return word == tok.low or word == tok.key


def _match(words: tuple[str, ...], tokens: Sequence[Token], k: int, w: int) -> int | None:
    """The token after a match of ``words[w:]`` starting at token ``k``, or None."""
    n = len(tokens)
    while w < len(words):
        word = words[w]
        if word == GAP:
            for skip in range(MAX_GAP + 1):
                end = _match(words, tokens, k + skip, w + 1)
                if end is not None:
                    return end
            return None
        if k >= n or not _fits(word, tokens[k]):
            return None
        k, w = k + 1, w + 1
    return k


def _longest_first(mark: Mark) -> int:
    return -(mark.last - mark.first)


@cache
def lexicon(lang: str) -> Lexicon:
    """The news lexicon of one language, validated once."""
    file = f"{lang}/news.yaml"
    data = load_yaml(file)
    if not isinstance(data, dict):
        raise ResourceError(f"resources/{file}: top level must be a mapping")  # pragma: no cover
    entries: list[Entry] = []
    _entries(data, "", file, entries)
    first: dict[str, list[Entry]] = {}
    values: dict[str, dict[str, float]] = {}
    for entry in entries:
        first.setdefault(bare(entry.words[0]), []).append(entry)
        if entry.value is not None and len(entry.words) == 1:
            values.setdefault(entry.category, {})[bare(entry.words[0])] = entry.value
    prefixes = {
        e.category.rsplit(".", n)[0] for e in entries for n in range(e.category.count(".") + 1)
    }
    return Lexicon(
        lang,
        tuple(entries),
        {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in first.items()},
        values,
        frozenset(prefixes),
    )
