"""Clauses of a sentence, verbs of counting, and the marks that set a sentence aside."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from skyledger.extract.en.lexicon import phrase, phrases

MEASURES = ("downed", "lost", "launched")


@dataclass(frozen=True, slots=True)
class Verb:
    start: int
    end: int
    measure: str
    finite_passive: bool


@cache
def _breaks() -> re.Pattern[str]:
    items = [str(i) for i in phrases()["clause_breaks"]]
    return re.compile("|".join(f"(?:{i})" for i in items), re.I)


@lru_cache(maxsize=1024)
def _clause_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.start() for m in _breaks().finditer(text)))


def clause_starts(text: str) -> list[int]:
    """Offsets where clauses begin (0 first)."""
    return list(_clause_starts(text))


def clause_bounds(starts: list[int], text: str, offset: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, offset) - 1
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    return starts[i], end


_AUX = re.compile(
    r"(?:were|was|are|is|have been|has been|had been|being|been)\s+(?:\w+\s+)?$", re.I
)


_HARD_TO = re.compile(r"\b(?:hard|harder|hardest|difficult|impossible|easy|easier)\s+to\s+$", re.I)


def verbs_in(text: str) -> list[Verb]:
    """Every counting verb with its measure; "launched by" relatives are left out."""
    out: list[Verb] = []
    taken: set[int] = set()
    for measure in MEASURES:
        for m in phrase(f"verbs.{measure}").finditer(text):
            if m.start() in taken:
                continue
            taken.update(range(m.start(), m.end()))
            if measure == "launched" and phrase("participle_by").match(text, m.start()):
                continue
            if measure == "downed" and _HARD_TO.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # "which are harder to intercept": no count of downing
            passive = bool(_AUX.search(text[max(0, m.start() - 25) : m.start()]))
            out.append(Verb(m.start(), m.end(), measure, passive))
    return sorted(out, key=lambda v: v.start)


_COMPARATIVE = re.compile(
    r"\b(?:largest|biggest|heaviest|deadliest|worst|most|first|record|highest|since)\b[^.;]{0,50}$",
    re.I,
)


def other_time(text: str) -> bool:
    """About another time: "in recent months", "last week", "since January" — unless it only
    compares this attack with them ("the largest attack in recent weeks")."""
    return any(
        not _COMPARATIVE.search(text[max(0, m.start() - 80) : m.start()])
        or _WHEN.match(text, m.end())
        for m in phrase("other_time").finditer(text)
    )


_WHEN = re.compile(r"[^,.;]{0,25},?\s+when\b", re.I)


def over_russia(text: str) -> bool:
    return bool(phrase("over_russia").search(text))


_YEAR = re.compile(
    r"(?<!since )(?<!since the )\b(?:in|during|of|on|from)\s+(?:\w+\s+){0,2}((?:19|20)\d\d)\b",
    re.I,
)


def other_year(text: str, year: int | None) -> bool:
    """A sentence dated to another year than the article's ("in November 2022")."""
    if year is None:
        return False
    return any(
        int(m.group(1)) != year
        and not re.search(r"\bsince\b[^,.;]{0,40}$", text[max(0, m.start() - 60) : m.start()])
        for m in _YEAR.finditer(text)
    )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SAID_ON = re.compile(r"\bsaid on (" + "|".join(_WEEKDAYS) + r")\b", re.I)
_ON_DAY = re.compile(r"\b(?:on|last) (" + "|".join(_WEEKDAYS) + r")\b(?! (?:evening|night))", re.I)


def other_day(text: str, weekday: int | None) -> bool:
    """A statement made on another weekday than publication, or a sentence naming a weekday
    ("on Tuesday") that is neither the publication day nor the day before."""
    if weekday is None:
        return False
    said = _SAID_ON.search(text)
    if said and _WEEKDAYS.index(said.group(1).lower()) != weekday:
        return True
    near = (weekday, (weekday - 1) % 7)
    return any(_WEEKDAYS.index(m.group(1).lower()) not in near for m in _ON_DAY.finditer(text))


def weekday_index(name: str) -> int:
    return _WEEKDAYS.index(name.lower())


WEEKDAY_NAMES = _WEEKDAYS
