"""When: the night an overnight attack runs into, relative to publication, and "as of" times."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from skyledger.extract.en.dates import WEEKDAY_NAMES, weekday_index
from skyledger.models import KYIV, TimeWindow

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_MONTH = r"(?:" + "|".join(m[:3] + r"(?:" + m[3:] + r")?\.?" for m in _MONTHS) + r")"
_DAY = r"(" + "|".join(WEEKDAY_NAMES) + r")"
_NIGHT_OF = re.compile(
    rf"\bnight of (?:({_MONTH})\s+)?(\d{{1,2}})(?:\s*-\s*(\d{{1,2}}))?(?:\s+({_MONTH}))?", re.I
)
_ON_DATE = re.compile(
    rf"\bovernight (?:on|into|to) (?:({_MONTH})\s+(?:\d{{1,2}}\s*-\s*)?(\d{{1,2}})"
    rf"|(?:\d{{1,2}}\s*-\s*)?(\d{{1,2}})\s+({_MONTH}))\b",
    re.I,
)
_INTO = re.compile(rf"\bovernight (?:into|on|to) {_DAY}", re.I)
_BEGAN = re.compile(rf"\b(?:began|started) (?:on )?{_DAY}", re.I)
_EVENING = re.compile(
    rf"\b(?:began|started) (?:on )?{_DAY} (?:evening|night)|\b{_DAY} night\b", re.I
)
_OVERNIGHT = re.compile(r"\b(?:overnight|all-night|last night|this night|night attack|at night|"
                        r"during the night)\b", re.I)  # fmt: skip
_ATTACK = re.compile(r"\b(?:attack\w*|strikes?|barrages?|assaults?|drones?|missiles?|shelling|"
                     r"explosions?|air raid)\b", re.I)  # fmt: skip
_AS_OF = re.compile(
    r"\b(?:as of|by|(?:wrote|said|reported|posted|updated) at) (\d{1,2})(?:[:.](\d{2}))?"
    r"\s*(a\.?m\.?|p\.?m\.?)?(?![\d-])",
    re.I,
)


def local_date(published: datetime | None) -> date | None:
    return published.astimezone(KYIV).date() if published is not None else None


def _month(word: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, 1) if word.lower().startswith(m[:3]))


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
        month_word = m.group(1) or m.group(4)
        month = _month(month_word) if month_word else published.month
        day = int(m.group(3) or m.group(2))
        year = published.year - (1 if month > published.month else 0)
        try:
            return date(year, month, day)
        except ValueError:  # pragma: no cover - an impossible day (June 31)
            return None
    if (m := _ON_DATE.search(text)) is not None:
        return _dated(m.group(1) or m.group(4), int(m.group(2) or m.group(3)), published)
    if (m := _INTO.search(text)) is not None:
        return _weekday_on_or_before(published, m.group(1))
    if (m := _EVENING.search(text)) is not None and _ATTACK.search(text):
        name = m.group(1) or m.group(2)
        return _weekday_on_or_before(published - timedelta(days=1), name) + timedelta(days=1)
    if _OVERNIGHT.search(text) and _ATTACK.search(text):
        began = _BEGAN.search(text)
        if began:
            name = began.group(1) or began.group(2)
            return _weekday_on_or_before(published - timedelta(days=1), name) + timedelta(days=1)
        return published
    return None


#: "early on Thursday", "on Friday morning", "a daytime barrage": the attack was by day.
_DAYTIME = re.compile(
    rf"(?<!said )(?<!reported )\b(?:early on {_DAY}|daytime|in broad daylight|during the day)\b",
    re.I,
)


def as_of_in(text: str, published: date) -> datetime | None:
    m = _AS_OF.search(text)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) and m.group(3).lower().startswith("p") and hour < 12:
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
