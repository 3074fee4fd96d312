"""When, in Russian: the night an attack runs into.

"в ночь на 25 мая" fixes the night; "в ночь на субботу" fixes it from a dated page (the last
such weekday on or before the publication day); "ночной удар … 16 мая" dates a night attack in
one sentence. "этой ночью", "минувшей ночью" alone fix nothing, nor does a morning strike.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from skyledger.extract.news.sentence import Sentence
from skyledger.models import TimeWindow

KYIV = ZoneInfo("Europe/Kyiv")


def local_date(published: datetime | None) -> date | None:
    return published.astimezone(KYIV).date() if published is not None else None


def _value(s: Sentence, k: int, category: str) -> int | None:
    m = s.mark(k, category)
    if m is None or m.entry.value is None:
        return None
    return int(m.entry.value)


def _dated(day: int, month: int, published: date) -> date | None:
    year = published.year - (1 if month > published.month else 0)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(text: str) -> bool:
    """Whether a number token can be a day of the month (one or two digits)."""
    return text.isdecimal() and len(text) <= 2


def day_month_at(s: Sentence, k: int, published: date) -> date | None:
    """ "25 мая" starting at token ``k``."""
    if k + 1 >= len(s.tokens) or s.tokens[k].kind != "num" or not _day(s.tokens[k].text):
        return None
    month = _value(s, k + 1, "dates.months")
    return _dated(int(s.tokens[k].text), month, published) if month else None


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def night_in(s: Sentence, published: date) -> date | None:
    """The night one sentence fixes, or None."""
    for m in s.find("dates.night"):
        found = day_month_at(s, m.last, published)
        if found is not None:
            return found
        weekday = _value(s, m.last, "dates.weekdays")
        if weekday is not None:
            return _weekday_on_or_before(published, weekday)
    if s.has("dates.nightly"):  # "во время ночного удара … 16 мая"
        for k in range(len(s.tokens)):
            found = day_month_at(s, k, published)
            if found is not None:
                return found
    return None


def read_window(sentences: list[Sentence], published: datetime | None) -> TimeWindow | None:
    """The first night a sentence about this attack fixes."""
    day = local_date(published)
    if day is None:
        return None
    for s in sentences:
        if s.aside:
            continue
        night = night_in(s, day)
        if night is not None:
            return TimeWindow(night=night)
    return None
