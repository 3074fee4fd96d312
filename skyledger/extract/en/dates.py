"""Dates in English sentences: another year or another weekday than the article's sets a
sentence aside. The words are data: ``resources/en/dates.yaml``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from skyledger.resources.patterns import pattern_file

DATES = pattern_file("en/dates.yaml")
WEEKDAY_NAMES = DATES.names["weekdays"]
MONTH_NAMES = DATES.names["months"]


def _group(alternatives: Iterable[str]) -> str:
    return "(?:" + "|".join(alternatives) + ")"


#: The slots the module fills in ``dates.yaml`` and ``window.yaml``: a weekday, a month's first
#: three letters, a month in full or by its first three letters ("Jan.", "January").
SLOTS = {
    "weekday": _group(WEEKDAY_NAMES),
    "month3": _group(m[:3] for m in MONTH_NAMES),
    "month": _group(m[:3] + r"(?:" + m[3:] + r")?\.?" for m in MONTH_NAMES),
}
_MONTH3 = tuple(m[:3] for m in MONTH_NAMES)

_YEAR = DATES.compile("year", SLOTS)
_SINCE = DATES.compile("since_before", SLOTS)


def other_year(text: str, year: int | None) -> bool:
    """A sentence dated to another year than the article's ("in November 2022")."""
    if year is None:
        return False  # pragma: no cover - callers pass a date
    return any(
        int(m.group(1)) != year and not _SINCE.search(text[max(0, m.start() - 60) : m.start()])
        for m in _YEAR.finditer(text)
    )


_SAID_ON = DATES.compile("said_on", SLOTS)
_ON_DAY = DATES.compile("on_day", SLOTS)


def other_day(text: str, weekday: int | None) -> bool:
    """A statement made on another weekday than publication, or a sentence naming a weekday
    ("on Tuesday") that is neither the publication day nor the day before."""
    if weekday is None:
        return False  # pragma: no cover - callers pass a date
    said = _SAID_ON.search(text)
    if said and weekday_index(said.group(1)) != weekday:
        return True
    near = (weekday, (weekday - 1) % 7)
    return any(weekday_index(m.group(1)) not in near for m in _ON_DAY.finditer(text))


_ON_DATE = DATES.compile("on_date", SLOTS)
_NIGHT_BEFORE = DATES.compile("night_before", SLOTS)


def other_date(text: str, published: date) -> bool:
    """A sentence dated to a day other than the publication day and the day before ("on the
    morning of September 28", "on Oct. 17")."""
    for m in _ON_DATE.finditer(text):
        day = m.group("day") or m.group("day_after")
        night = m.group("night") or _NIGHT_BEFORE.search(text[: m.start()])
        if not day or night:
            continue  # "on the night of June 12": the attack's own night
        month = _MONTH3.index(m.group("month").lower()) + 1
        try:
            when = date(published.year - (1 if month > published.month else 0), month, int(day))
        except ValueError:  # pragma: no cover - an impossible day (June 31)
            continue
        if (published - when).days not in (0, 1):
            return True
    return False


def weekday_index(name: str) -> int:
    return WEEKDAY_NAMES.index(name.lower())
