"""Weapon noun phrases in English: the head noun's scope and the most specific model id."""

from __future__ import annotations

import re
from functools import cache

from skyledger.extract.en.lexicon import alternation, literal, weapon_words
from skyledger.resources import weapons

_GENERIC = frozenset({"cruise", "ballistic", "guided-air", "decoy"})


@cache
def head_pattern() -> str:
    """The head nouns, longest first, not followed by a compound tail ("missile strikes")."""
    ww = weapon_words()
    nouns = [h for h in ww.heads if h.lower() not in ww.aliases]
    models = [h for h in ww.heads if h.lower() in ww.aliases]
    tails = alternation(literal(list(ww.compound_tails)), "compound_tails")
    noun = alternation([r"\s+".join(map(re.escape, h.split())) for h in nouns], "heads")
    # a model name ends the phrase only when no weapon noun follows ("Kh-101 cruise missiles")
    model = alternation(literal(models), "heads") + _NO_NOUN_AFTER
    return rf"(?P<head>{noun}|{model})(?![\w-])(?![\s-]+{tails}\b)"


_NO_NOUN_AFTER = (
    r"(?![\w/-])(?!(?:[\s,/]+(?!\d)[\w'()-]+){0,6}?[\s-]+(?:missiles?|drones?|uavs?)\b)"
)


@cache
def _alias_re() -> re.Pattern[str]:
    aliases = sorted(weapon_words().aliases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, aliases)) + r")(?![\w])", re.I)


@cache
def _groups() -> dict[frozenset[str], str]:
    return {frozenset(w.split("/")): w for w in weapons() if "/" in w}


def scope_of(head: str) -> str:
    return weapon_words().heads.get(" ".join(head.lower().split()), "total")


def model_of(phrase_text: str) -> str | None:
    """The most specific catalogue id the words name, a known group, or a generic class."""
    text = phrase_text.lower()
    if re.search(r"\bother types?\b|\bof other\b|\bvarious types\b", text) and "of the" not in text:
        return _generic(text)
    ids = {weapon_words().aliases[m.group().lower()] for m in _alias_re().finditer(text)}
    if "decoy" in ids and (len(ids) > 1 or " and " in text or "attack" in text):
        return None  # strike drones and decoys counted together: no model of their own
    specific = ids - _GENERIC
    if len(specific) == 1:
        return next(iter(specific))
    if len(specific) > 1:
        return _group_of(frozenset(specific)) or _generic(text)
    if ids == {"decoy"}:
        return "decoy"
    return _generic(text)


def _group_of(ids: frozenset[str]) -> str | None:
    """The smallest catalogue group holding every id ("Kh-101 and Kh-555" → kh-101/kh-555/kh-55)."""
    holding = [(len(members), gid) for members, gid in _groups().items() if ids <= members]
    return min(holding)[1] if holding else None


def _generic(text: str) -> str | None:
    for word, wid in weapon_words().classes.items():
        if re.search(rf"\b{word}\b", text):
            return wid
    return None


def class_of(model: str | None, scope: str) -> str:
    """The scope a model belongs to (drones or missiles), or the head's own scope."""
    if model is None or model not in weapons():
        return scope
    kind = weapons()[model].kind
    return {"drone": "drones", "missile": "missiles"}.get(kind, scope)
