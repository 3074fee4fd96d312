"""When: the night an overnight attack runs into, relative to publication, and "as of" times.
The words are data: ``resources/en/window.yaml``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from skyledger.extract.en.dates import MONTH_NAMES, SLOTS, weekday_index
from skyledger.models import KYIV, TimeWindow
from skyledger.resources.patterns import pattern_file

WINDOW = pattern_file("en/window.yaml")
_NIGHT_OF = WINDOW.compile("night_of", SLOTS)
_ON_DATE = WINDOW.compile("overnight_on_date", SLOTS)
_INTO = WINDOW.compile("overnight_into", SLOTS)
_BEGAN = WINDOW.compile("began", SLOTS)
_EVENING = WINDOW.compile("evening", SLOTS)
_OVERNIGHT = WINDOW.compile("overnight", SLOTS)
_ATTACK = WINDOW.compile("attack", SLOTS)
_AS_OF = WINDOW.compile("as_of", SLOTS)


def local_date(published: datetime | None) -> date | None:
    return published.astimezone(KYIV).date() if published is not None else None


def _month(word: str) -> int:
    return next(i for i, m in enumerate(MONTH_NAMES, 1) if word.lower().startswith(m[:3]))


def _dated(month_word: str, day: int, published: date) -> date | None:
    month = _month(month_word)
    year = published.year - (1 if month > published.month else 0)
    try:
        return date(year, month, day)
    except ValueError:  # pragma: no cover - an impossible day (June 31)
        return None


def _weekday_on_or_before(day: date, name: str) -> date:
    return day - timedelta(days=(day.weekday() - weekday_index(name)) % 7)


def night_in(text: str, published: date) -> date | None:
    """The night a sentence fixes, or None."""
    m = _NIGHT_OF.search(text)
    if m:
        month_word = m.group("month") or m.group("month_after")
        month = _month(month_word) if month_word else published.month
        day = int(m.group("day2") or m.group("day"))
        year = published.year - (1 if month > published.month else 0)
        try:
            return date(year, month, day)
        except ValueError:  # pragma: no cover - an impossible day (June 31)
            return None
    if (m := _ON_DATE.search(text)) is not None:
        return _dated(
            m.group("month") or m.group("month2"), int(m.group("day") or m.group("day2")), published
        )
    if (m := _INTO.search(text)) is not None:
        return _weekday_on_or_before(published, m.group("day"))
    if (m := _EVENING.search(text)) is not None and _ATTACK.search(text):
        name = m.group("day") or m.group("day2")
        return _weekday_on_or_before(published - timedelta(days=1), name) + timedelta(days=1)
    if _OVERNIGHT.search(text) and _ATTACK.search(text):
        began = _BEGAN.search(text)
        if began:
            name = began.group("day")
            return _weekday_on_or_before(published - timedelta(days=1), name) + timedelta(days=1)
        return published
    return None


#: "early on Thursday", "on Friday morning", "a daytime barrage": the attack was by day.
_DAYTIME = WINDOW.compile("daytime", SLOTS)


def as_of_in(text: str, published: date) -> datetime | None:
    m = _AS_OF.search(text)
    if m is None:
        return None
    hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
    if m.group("pm") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None  # pragma: no cover - an impossible time (25:00)
    return datetime.combine(published, time(hour, minute), tzinfo=KYIV)


def _dated_night(text: str) -> bool:
    """The sentence names the night's date or weekday itself."""
    return bool(_NIGHT_OF.search(text) or _ON_DATE.search(text) or _INTO.search(text))


def read_window(texts: list[tuple[str, bool]], published: datetime | None) -> TimeWindow | None:
    """From (sentence, has-a-figure) pairs in order: the first night and the first as-of. A
    night the text dates ("on the night of July 31") comes before one it only calls
    "overnight" (the night before publication: a toll that rose overnight)."""
    day = local_date(published)
    if day is None:
        return None
    night: date | None = None
    dated: date | None = None
    as_of: datetime | None = None
    daytime = False
    # the pieces of one long sentence share its text: each text is read once
    seen: dict[str, tuple[bool, date | None, bool]] = {}
    times: dict[str, datetime | None] = {}
    for text, counted in texts:
        facts = seen.get(text)
        if facts is None:
            by_day = bool(_DAYTIME.search(text) and _ATTACK.search(text))
            facts = seen[text] = (by_day, night_in(text, day), _dated_night(text))
        by_day, found, names_night = facts
        daytime = daytime or by_day
        if found is not None and not (daytime and found == day and not names_night):
            night = night or found
            if dated is None and names_night:
                dated = found
        if counted and as_of is None:
            if text not in times:
                times[text] = as_of_in(text, day)
            as_of = times[text]
    night = dated or night
    if night is None and as_of is None:
        return None
    return TimeWindow(night=night, as_of=as_of)
