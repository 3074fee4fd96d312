"""Weapon names in text: one Aho-Corasick pass over the normalised text finds every alias of
the catalogue (``resources/weapons.yaml``), declined forms included.

Aliases ending in a Cyrillic letter are matched as stems: the final vowel (or soft sign) may be
replaced by a case ending of up to four letters ("шахед" → "шахедів", "гербера" → "герберою").
Ukrainian and Russian letters both count ("кинжалы", "имитаторов", "гераней").
Generic class aliases ("крилаті ракети") are left to the grammars, which read the adjectives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import ahocorasick

from skyledger.resources import Weapon, weapons

_VOWELS = frozenset("аеєиіїоуюяьйыэё")
_MAX_ENDING = 4
#: Catalogue entries that name a class, not a model: the grammar reads these from adjectives.
GENERIC_IDS = frozenset({"cruise", "ballistic", "guided-air"})

_REPLACE = tuple(
    {
        "’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'",
        "“": '"', "”": '"', "«": '"', "»": '"', "„": '"',
        "–": "-", "—": "-", "−": "-", "‑": "-", "‒": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    }.items()
)  # fmt: skip


def normalize(text: str) -> str:
    """Lower-case, one apostrophe, one quote, one dash, plain spaces; offsets unchanged."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for old, new in _REPLACE:
        if old in low:
            low = low.replace(old, new)
    return low


def _is_cyr(ch: str) -> bool:
    return "а" <= ch <= "я" or ch in "іїєґё'"


def _is_word(ch: str) -> bool:
    return ch.isalnum()


@dataclass(frozen=True, slots=True)
class WeaponHit:
    """One weapon mention: offsets into the text and the catalogue id."""

    start: int
    end: int
    id: str


def hyphen_variants(alias: str) -> set[str]:
    """A name with its hyphens written with spaces around them too ("іскандер - м")."""
    out = {alias}
    if "-" in alias:
        out |= {alias.replace("-", " - "), alias.replace("-", "- "), alias.replace("-", " -")}
    return out


def _stem(alias: str) -> tuple[str, bool]:
    """The key to search for and whether case endings may follow it."""
    last = alias[-1]
    if not _is_cyr(last):
        return alias, False
    if last in _VOWELS and len(alias) > 4:
        return alias[:-1], True
    return alias, True


#: What an automaton key of the catalogue gives: the key's length, the weapon id, and whether
#: case endings may follow it.
Alias = tuple[int, str, bool]


@cache
def alias_keys() -> dict[str, Alias]:
    """Every model alias (and its stem) of the catalogue, normalised → what it names (a key
    two weapons share names the later one)."""
    out: dict[str, Alias] = {}
    for weapon in weapons().values():
        if weapon.id in GENERIC_IDS:
            continue
        for alias in weapon.aliases:
            for variant in hyphen_variants(normalize(alias)):
                key, declines = _stem(variant)
                out[key] = (len(key), weapon.id, declines)
    return out


@cache
def automaton() -> ahocorasick.Automaton:
    """One automaton over ``alias_keys``."""
    auto = ahocorasick.Automaton()
    for key, value in alias_keys().items():
        auto.add_word(key, value)
    auto.make_automaton()
    return auto


#: Cyrillic letters (no apostrophe) after a stem, one more than a case ending may have.
_ENDING = re.compile(f"[а-яіїєґё]{{0,{_MAX_ENDING + 1}}}")


def _end_of(text: str, end: int, declines: bool) -> int | None:
    """Where a match ending at ``end`` really ends (after a case ending), or None if inside
    a longer word."""
    if not declines:
        return end if end >= len(text) or not _is_word(text[end]) else None
    j = _ENDING.match(text, end).end()  # type: ignore[union-attr]  # {0,n} always matches
    if j - end > _MAX_ENDING or (j < len(text) and _is_word(text[j])):
        return None
    return j


def find_weapons(norm: str) -> list[WeaponHit]:
    """Leftmost-longest weapon mentions in a normalised text, without overlaps."""
    return weapon_hits(norm, automaton().iter(norm))


def weapon_hits(norm: str, matches: Iterable[tuple[int, Alias]]) -> list[WeaponHit]:
    """``find_weapons`` from the automaton's matches (last offset, alias), made by this
    module's automaton or by a grammar's own one pass over the text."""
    found: list[tuple[int, int, str]] = []
    for last, (size, wid, declines) in matches:
        start = last + 1 - size
        if start > 0 and norm[start - 1].isalnum():
            continue
        end = _end_of(norm, last + 1, declines)
        if end is not None:
            found.append((start, -end, wid))
    found.sort(key=_position)
    out: list[WeaponHit] = []
    for start, neg_end, wid in found:
        if not out or start >= out[-1].end:
            out.append(WeaponHit(start, -neg_end, wid))
    return out


def _position(hit: tuple[int, int, str]) -> tuple[int, int]:
    return hit[0], hit[1]


def weapon(wid: str) -> Weapon | None:
    return weapons().get(wid)


def group_id(ids: list[str]) -> str | None:
    """The catalogue id of several models counted together, if the catalogue has it."""
    unique = list(dict.fromkeys(ids))
    if len(unique) == 1:
        return unique[0]
    joined = "/".join(unique)
    return joined if joined in weapons() else None
