"""Dates in English sentences: another year or another weekday than the article's sets a
sentence aside."""

from __future__ import annotations

import re
from datetime import date

_YEAR = re.compile(
    r"(?<!since )(?<!since the )\b(?:in|during|of|on|from)\s+(?:\w+\s+){0,2}((?:19|20)\d\d)\b",
    re.I,
)


def other_year(text: str, year: int | None) -> bool:
    """A sentence dated to another year than the article's ("in November 2022")."""
    if year is None:
        return False  # pragma: no cover - callers pass a date
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
        return False  # pragma: no cover - callers pass a date
    said = _SAID_ON.search(text)
    if said and _WEEKDAYS.index(said.group(1).lower()) != weekday:
        return True
    near = (weekday, (weekday - 1) % 7)
    return any(_WEEKDAYS.index(m.group(1).lower()) not in near for m in _ON_DAY.finditer(text))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ON_DATE = re.compile(
    r"\b(?:on|of)\s+(?:the\s+(?:morning|evening|night)\s+of\s+)?(?:(\d{1,2})\s+)?"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(\d{1,2})?\b(?!\s*-)",
    re.I,
)


def other_date(text: str, published: date) -> bool:
    """A sentence dated to a day other than the publication day and the day before ("on the
    morning of September 28", "on Oct. 17")."""
    for m in _ON_DATE.finditer(text):
        day = m.group(1) or m.group(3)
        night = "night" in m.group().lower() or re.search(
            r"\b(?:night|overnight)\s+$", text[: m.start()]
        )
        if not day or night:
            continue  # "on the night of June 12": the attack's own night
        month = _MONTHS.index(m.group(2).lower()[:3]) + 1
        try:
            when = date(published.year - (1 if month > published.month else 0), month, int(day))
        except ValueError:  # pragma: no cover - an impossible day (June 31)
            continue
        if (published - when).days not in (0, 1):
            return True
    return False


def weekday_index(name: str) -> int:
    return _WEEKDAYS.index(name.lower())


WEEKDAY_NAMES = _WEEKDAYS
