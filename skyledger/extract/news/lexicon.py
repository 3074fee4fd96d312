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
    # the entries a token can start, by its first word: one-word entries and those whose
    # second word is a gap; the others by their first two words (most phrases of a common
    # first word, "the", "in", are then never tried); each with its rank among the entries
    # of its first word, longest first
    first: dict[str, tuple[tuple[int, Entry], ...]]
    pairs: dict[tuple[str, str], tuple[tuple[int, Entry], ...]]
    values: dict[str, dict[str, float]]  # category → one-word entry → its value
    categories: frozenset[str]  # every category and every prefix of one ("numbers")

    def uses(self, category: str) -> bool:
        """Whether the language has words of a category (or below it): a step for a category
        the language leaves out can be skipped."""
        return category in self.categories

    def marks(self, tokens: Sequence[Token]) -> list[list[Mark]]:
        """Per token, the entries that start there (longest first)."""
        out: list[list[Mark]] = [[] for _ in tokens]
        n = len(tokens)
        for i, tok in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < n else None
            forms = (tok.low,) if tok.key == tok.low else (tok.low, tok.key)
            row = out[i]
            for form in forms:  # the lower-case form's entries first, then the key's
                found = self._starting(form, nxt)
                for _rank, entry in found:
                    words = entry.words
                    head = words[0]
                    if len(head) > 1 and head[0] == SURFACE and head[1:] != tok.low:
                        continue  # "=жінка": that form only
                    last = i + 1 if len(words) == 1 else _match(words, tokens, i + 1, 1)
                    if last is not None:
                        row.append(Mark(i, last, entry))
                        if _RECORDED is not None:
                            _RECORDED.add(entry.where)
            if len(row) > 1:
                row.sort(key=_longest_first)
        return out

    def _starting(self, form: str, nxt: Token | None) -> tuple[tuple[int, Entry], ...]:
        """The entries whose first word is ``form`` and that can match before ``nxt``, in
        their rank order."""
        found = self.first.get(form, ())
        if nxt is None:
            return found
        pairs = self.pairs
        more = pairs.get((form, nxt.low), ())
        if nxt.key != nxt.low:
            other = pairs.get((form, nxt.key), ())
            more = (*more, *other) if more and other else (more or other)
        if not more:
            return found
        return tuple(sorted((*found, *more), key=_rank)) if found else more

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
    if (
        len(word) > 1 and word[0] == SURFACE
    ):  # pragma: no cover - no file has one after a first word
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


def _rank(ranked: tuple[int, Entry]) -> int:
    return ranked[0]


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
    starts: dict[str, list[tuple[int, Entry]]] = {}
    pairs: dict[tuple[str, str], list[tuple[int, Entry]]] = {}
    for word, listed in first.items():
        for rank, entry in enumerate(sorted(listed, key=lambda e: -len(e.words))):
            second = entry.words[1] if len(entry.words) > 1 else GAP
            if second == GAP:
                starts.setdefault(word, []).append((rank, entry))
            else:
                pairs.setdefault((word, bare(second)), []).append((rank, entry))
    return Lexicon(
        lang,
        tuple(entries),
        {k: tuple(v) for k, v in starts.items()},
        {k: tuple(v) for k, v in pairs.items()},
        values,
        frozenset(prefixes),
    )
