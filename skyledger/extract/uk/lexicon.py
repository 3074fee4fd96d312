"""The uk grammar's word lists (``resources/uk/grammar.yaml``), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from skyledger.errors import ResourceError
from skyledger.resources import load_yaml

_FILE = "resources/uk/grammar.yaml"


def _alternation(patterns: list[Any], where: str) -> str:
    if not patterns:
        raise ResourceError(f"{_FILE}: {where} is empty (an empty group would match everything)")
    for pattern in patterns:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ResourceError(f"{_FILE}: {where}: bad pattern {pattern!r}: {exc}") from exc
    return "|".join(f"(?:{p})" for p in sorted(map(str, patterns), key=len, reverse=True))


def _word_regex(patterns: list[Any], where: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{_alternation(patterns, where)})$")


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]
    verbs: re.Pattern[str]
    post_verbs: frozenset[str]
    heads: dict[str, re.Pattern[str]]
    classes: dict[str, str]
    vague: frozenset[str]
    cues: dict[str, re.Pattern[str]]
    skip: frozenset[str]
    killed: re.Pattern[str]
    wounded: re.Pattern[str]
    negation: re.Pattern[str]
    casualty_stems: tuple[str, ...]
    verb_stems: tuple[str, ...]  # literal starts of the verb cues (uk/marks.py scans for them)
    impact: re.Pattern[str]
    debris: re.Pattern[str]
    infrastructure: dict[str, re.Pattern[str]]
    strike: re.Pattern[str]
    alert: re.Pattern[str]
    infra_stems: tuple[str, ...]  # literal starts of the infrastructure phrases
    impact_stems: dict[str, tuple[str, ...]]


def _verbs(data: dict[str, list[Any]]) -> re.Pattern[str]:
    groups = [f"(?P<{kind}>{_alternation(data[kind], f'verbs.{kind}')})" for kind in data]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])")


def _phrases(patterns: list[Any], where: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(patterns, where)})(?!\w)")


def _stems(patterns: list[Any]) -> tuple[str, ...]:
    """The literal start of each pattern: a text without any of them cannot match."""
    return tuple(re.split(r"[\\\[(?*+|.]", str(p), maxsplit=1)[0] for p in patterns)


def _literal_starts(stems: tuple[str, ...], where: str = "verbs") -> tuple[str, ...]:
    for stem in stems:
        if not stem:
            raise ResourceError(f"{_FILE}: a pattern under {where} has no literal start")
    return stems


@cache
def lexicon() -> Lexicon:
    """The compiled grammar lists; errors name the file and key."""
    data = load_yaml("uk/grammar.yaml")
    try:
        casualties = data["casualties"]
        return Lexicon(
            months={str(k): int(v) for k, v in data["months"].items()},
            verbs=_verbs(data["verbs"]),
            post_verbs=frozenset(data["post_verbs"]),
            heads={k: _word_regex(v, f"heads.{k}") for k, v in data["heads"].items()},
            classes={str(k): str(v) for k, v in data["classes"].items()},
            vague=frozenset(data["vague"]),
            cues={k: _word_regex(v, f"place_cues.{k}") for k, v in data["place_cues"].items()},
            skip=frozenset(data["place_skip"]),
            killed=_phrases(casualties["killed"], "casualties.killed"),
            wounded=_phrases(casualties["wounded"], "casualties.wounded"),
            negation=_phrases(casualties["negation"], "casualties.negation"),
            casualty_stems=_stems(casualties["killed"] + casualties["wounded"]),
            verb_stems=_literal_starts(_stems([p for v in data["verbs"].values() for p in v])),
            impact=_phrases(
                casualties["killed"] + casualties["wounded"] + data["damage"], "damage"
            ),
            debris=_phrases(data["debris"], "debris"),
            infrastructure={
                str(k): _phrases(v, f"infrastructure.{k}")
                for k, v in data["infrastructure"].items()
            },
            strike=_phrases(data["strike_words"], "strike_words"),
            alert=_phrases(data["alert"], "alert"),
            impact_stems={"hit": ("влучан",), "debris": _stems(data["debris"])},
            infra_stems=_literal_starts(
                _stems([p for v in data["infrastructure"].values() for p in v]), "infrastructure"
            ),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ResourceError(f"{_FILE}: missing or malformed key {exc}") from exc
