"""The attack window: "У ніч на 6 грудня (з 18:00 5 грудня)", "Протягом дня 29 серпня
(із 6.30 до 18.00)", "(07.00–16.30)", and the report's "станом на 09:00", in Kyiv time."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

from skyledger.extract.uk import build
from skyledger.extract.uk.context import Context
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.time import kyiv_at, local_date, resolve_date
from skyledger.models import TimeWindow


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month = "|".join(lexicon().months)
    day = rf"(?P<d>\d{{1,2}})(?:-?(?:го|е))? (?P<mon>{month})(?: (?P<y>\d{{4}}))?"
    clock = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})"
    return {
        # each branch starts with its word (what the regex engine scans for), the word edge
        # before it checked after
        "night": re.compile(
            rf"(?:ніч(?<!\wніч) на|ночі(?<!\wночі) на"
            rf"|вночі(?<!\wвночі)(?: (?:та|і|й) (?:зранку|вранці))?) {day}"
        ),
        "day": re.compile(rf"(?<!\w)протягом (?:дня|доби) {day}"),
        "date": re.compile(day),
        "start": re.compile(rf"(?<![\w:.])(?:з|із|від) {clock}(?: (?:ранку|вечора))?(?: {day})?"),
        "range": re.compile(rf"\({clock} ?- ?\d{{1,2}}[:.]\d{{2}}\)"),
        # "станом на 09:00", "За попередніми підсумками на 09:00", "💥 На 08:30": "на" and a
        # clock time (a literal first, so the search is fast; the word edge is checked after)
        "as_of": re.compile(rf"на {clock}(?:[^.\n\d]{{0,20}}{day})?"),
    }


def _date(m: re.Match[str], published: datetime | None) -> date | None:
    if m.group("d") is None:
        return None
    year = int(m.group("y")) if m.group("y") else None
    return resolve_date(int(m.group("d")), lexicon().months[m.group("mon")], year, published)


def read_window(ctx: Context) -> TimeWindow | None:
    """Start, night and as-of time as stated; ``None`` when the report states none."""
    norm, published = ctx.report.norm, ctx.doc.published_at
    pats = _patterns()
    night_m = pats["night"].search(norm) if "ніч" in norm or "ночі" in norm else None
    night = _date(night_m, published) if night_m else None
    start = _start(norm, night, published)
    as_of = _as_of(norm, night, published)
    if night is None and start is None and as_of is None:
        return None
    return build.window(start, night, as_of)


def _start(norm: str, night: date | None, published: datetime | None) -> datetime | None:
    """ "(з 18:00 5 грудня)", "з 06:00 ранку", "Від 07:00 до 18:00 18 квітня", "(07.00–16.30)":
    the day is the one stated with the time, else the day of the night's evening, else the
    date nearest the time in its sentence, else the publication day."""
    pats = _patterns()
    m = pats["start"].search(norm) or pats["range"].search(norm)
    if m is None:
        return None
    hour, minute = int(m.group("h")), int(m.group("mi"))
    day = _date(m, published) if "d" in m.re.groupindex else None
    if day is None:
        day_m = pats["day"].search(norm) if "протягом" in norm else None
        if day_m is not None:
            day = _date(day_m, published)
        elif night is not None:
            day = night - timedelta(days=1) if hour >= 12 else night
        else:
            day = _nearest_date(norm, m, published) or local_date(published)
    return kyiv_at(day, hour, minute) if day else None


def _nearest_date(norm: str, m: re.Match[str], published: datetime | None) -> date | None:
    """The date written closest to a clock time in its line ("31 грудня, протягом дня (з
    08:00 до 23:00)", "Від 07:00 до 18:00 18 квітня")."""
    first = norm.rfind("\n", 0, m.start()) + 1
    last = norm.find("\n", m.end())
    last = len(norm) if last < 0 else last
    found = list(_patterns()["date"].finditer(norm, first, last))
    if not found:
        return None
    near = min(found, key=lambda d: min(abs(d.start() - m.end()), abs(m.start() - d.end())))
    return _date(near, published)


def _as_of(norm: str, night: date | None, published: datetime | None) -> datetime | None:
    m = _patterns()["as_of"].search(norm)
    while m is not None and m.start() and norm[m.start() - 1].isalnum():
        m = _patterns()["as_of"].search(norm, m.end())
    if m is None:
        return None
    day = _date(m, published) or local_date(published) or night
    return kyiv_at(day, int(m.group("h")), int(m.group("mi"))) if day else None
