"""Token-level machinery of the group scanner: a sentence's tokens with the weapon names over
them, and the cached word tests (head nouns, verbs, words that may open a group)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress

from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.numbers import bound_words, number_words
from skyledger.extract.uk.text import Report, Sentence
from skyledger.extract.weapons import WeaponHit, weapon

KIND_OF_WEAPON = {"drone": "drone", "missile": "missile", "loitering-munition": "loitering"}


@dataclass(slots=True)
class Scan:
    """One sentence being scanned: its words and tokens, and the weapon names over them."""

    report: Report
    sentence: Sentence
    words: list[str]
    hit_at: dict[int, WeaponHit]
    hits: list[WeaponHit]
    toks: list[tuple[int, int, str]]

    _cover: list[WeaponHit | None] | None = None

    def hit_covering(self, i: int) -> WeaponHit | None:
        """The weapon name over token ``i``, if any (one pass over the tokens, on first use)."""
        if self._cover is None:
            self._cover = self._covering()
        return self._cover[i]

    def _covering(self) -> list[WeaponHit | None]:
        out: list[WeaponHit | None] = []
        hits, k, n = self.hits, 0, len(self.hits)
        for start, _end, _w in self.toks:
            while k < n and hits[k].end <= start:
                k += 1
            out.append(hits[k] if k < n and hits[k].start <= start else None)
        return out

    def head_kind(self, i: int) -> tuple[str, WeaponHit | None] | None:
        hit = self.hit_at.get(self.toks[i][0])
        if hit is not None:
            info = weapon(hit.id)
            kind = "bomb" if info is None or info.kind == "bomb" else KIND_OF_WEAPON[info.kind]
            return ("sub" if hit.id == "shahed-jet" else kind), hit
        kind = head_word(self.words[i])
        return (kind, None) if kind else None


@lru_cache(maxsize=8192)
def head_word(word: str) -> str:
    """The kind of means a noun names ("ракетами" → missile), or ""."""
    heads = lexicon().heads
    for kind in ("missile", "loitering", "drone", "total"):
        if heads[kind].match(word):
            return kind
    return ""


@lru_cache(maxsize=8192)
def verb_at(word: str, following: str) -> bool:
    """Whether a verb cue starts at ``word`` (some cues have two words)."""
    return lexicon().verbs.match(f"{word} {following}") is not None


def sentence_hits(report: Report, sentence: Sentence) -> list[WeaponHit]:
    """The weapon names inside a sentence."""
    first = bisect.bisect_left(report.weapon_ends, sentence.start + 1)
    last = bisect.bisect_left(report.weapon_starts, sentence.end, first)
    return report.weapons[first:last]


@cache
def starters() -> frozenset[str]:
    """Words that may open a group: number words and the first word of a bound phrase."""
    return frozenset(number_words()) | {phrase[0] for phrase in bound_words()}


def candidates(scan: Scan) -> list[int]:
    """Token indices where a group may start (a number, a bound word, a missile or munition
    noun, a weapon name), in order; fills in the weapon name over each token on the way."""
    words = scan.words
    out = list(compress(range(len(words)), _openers(words)))
    cover: list[WeaponHit | None] = [None] * len(words)
    scan._cover = cover
    if not scan.hits:
        return out
    starts = scan.sentence.starts
    heads: list[int] = []
    for hit in scan.hits:
        first = bisect.bisect_left(starts, hit.start)
        last = bisect.bisect_left(starts, hit.end, first)
        cover[first:last] = [hit] * (last - first)
        if first < last and starts[first] == hit.start and _heads_alone(hit.id):
            heads.append(first)  # a munition named without a number ("боєприпасом Ланцет")
    out = [n for n in out if cover[n] is None]
    return sorted(out + heads) if heads else out


@lru_cache(maxsize=1024)
def _heads_alone(wid: str) -> bool:
    """Whether a weapon name at a group's start may head a group with no number before it:
    only a loitering munition's (``items._unnumbered``); a number before a name opens the
    group at the number, and a name inside a group is never a start of its own."""
    info = weapon(wid)
    return wid != "shahed-jet" and info is not None and info.kind == "loitering-munition"


_OPENERS: dict[str, bool] = {}  # word → whether it may open a group (reports reuse words)
_MAX_OPENERS = 100_000


def _openers(words: list[str]) -> list[bool | None]:
    """``_opener`` of each word, looked up in one C-level pass; unseen words are decided once."""
    flags = list(map(_OPENERS.get, words))
    if None in flags:
        if len(_OPENERS) > _MAX_OPENERS:
            _OPENERS.clear()
        for n, flag in enumerate(flags):
            if flag is None:
                flags[n] = _OPENERS[words[n]] = _opener(words[n])
    return flags


def _opener(word: str) -> bool:
    """Whether a word may open a group."""
    return (
        word[0].isdigit()
        or word in starters()
        or "ракет" in word
        or "боєприпас" in word
        or head_word(word) == "drone"
    )
