"""When, in Ukrainian news: the night an attack runs into, the "станом на" time of a figure,
and the dates that put a sentence about another day or year aside.

Words come from the ``time`` section of ``resources/uk/news.yaml``: "у ніч на 6 грудня", "у ніч
проти п'ятниці, 28 квітня", "вночі 3 жовтня", "близько 2 години ночі 26 жовтня" and "у ніч на
вівторок" (the weekday on or before publication) fix the night (CONVENTIONS "Time": "сьогодні
вночі" alone does not). "станом на 7:00", "станом на 21.55", "станом на 8 ранку" give ``as_of``
only for a sentence whose figure is the one the text's figures settle on, in a text that writes
the date out.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from skyledger.extract.news.sentence import Sentence
from skyledger.extract.news.totals import best
from skyledger.extract.uk.time import kyiv_at, local_date, resolve_date
from skyledger.models import COUNT_KINDS, Claim, TimeWindow


def _value(s: Sentence, k: int, category: str) -> int | None:
    m = s.mark(k, category)
    if m is None or m.entry.value is None:
        return None
    return int(m.entry.value)


def _digits(s: Sentence, k: int, most: int) -> int | None:
    if k >= len(s.tokens):
        return None
    tok = s.tokens[k]
    if tok.kind != "num" or not tok.text.isdecimal() or len(tok.text) > most:
        return None
    return int(tok.text)


def _skip_commas(s: Sentence, k: int) -> int:
    while k < len(s.tokens) and s.tokens[k].text == ",":
        k += 1
    return k


def date_at(s: Sentence, k: int, published: datetime | None) -> tuple[date, int] | None:
    """ "6 грудня", "8 липня 2024 року" at token ``k``: the date and the token after it."""
    day = _digits(s, k, 2)
    month = _value(s, k + 1, "dates") if day is not None else None
    if day is None or month is None:
        return None
    end = k + 2
    year = _digits(s, end, 4)
    if year is not None and year > 1900 and s.mark(end + 1, "time.year"):
        end += 2
    else:
        year = None
    found = resolve_date(day, month, year, published)
    return (found, end) if found is not None else None


def night_in(s: Sentence, published: datetime | None) -> date | None:
    """The night a sentence fixes, or None."""
    today = local_date(published)
    for m in s.find("time"):
        if not (m.is_("time.night_of") or m.is_("time.at_night")):
            continue
        k = _skip_commas(s, m.last)
        weekday = _value(s, k, "time.weekdays") if m.is_("time.night_of") else None
        if weekday is not None:
            k = _skip_commas(s, k + 1)
        dated = date_at(s, k, published)
        if dated is not None:
            return dated[0]
        if weekday is not None and today is not None:
            return today - timedelta(days=(today.weekday() - weekday) % 7)
    return None


def as_of_in(s: Sentence, published: datetime | None) -> datetime | None:
    """ "станом на 7:00", "станом на 21.55", "станом на 8 ранку" on the publication day."""
    today = local_date(published)
    if today is None:
        return None
    for m in s.find("time.as_of"):
        k = m.last
        if k >= len(s.tokens) or s.tokens[k].kind != "num":
            continue
        text = s.tokens[k].text
        if ":" in text or "." in text or "," in text:
            hour, _, minute = text.replace(",", ".").replace(":", ".").partition(".")
        elif s.mark(k + 1, "time.morning"):
            hour, minute = text, "0"
        else:
            continue
        if hour.isdecimal() and minute.isdecimal() and len(hour) <= 2 and len(minute) <= 2:
            found = kyiv_at(today, int(hour), int(minute))
            if found is not None:
                return found
    return None


def _winners(sentences: list[Sentence]) -> dict[str, Claim]:
    """The figure each fact key settles on, ranked as the facts builder ranks them."""
    claims = [c for s in sentences for c in s.claims if c.claimant != "other"]
    out: dict[str, Claim] = {}
    for c in claims:
        if c.kind in COUNT_KINDS and c.quantity is not None and c.key not in out:
            won = best(claims, c.kind, c.scope) if c.scope else _unscoped(claims, c.kind)
            if won is not None:
                out[c.key] = won
    return out


def _unscoped(claims: list[Claim], kind: str) -> Claim | None:
    """``best`` for a measure with no scope (killed, wounded, hit_locations)."""
    return best([c.model_copy(update={"scope": "-"}) if c.scope is None else c for c in claims],
                kind, "-")  # fmt: skip


def _settled(s: Sentence, winners: dict[str, Claim]) -> bool:
    """Every figure of the sentence is the one the text settles on (the same value): "станом на
    19:57 відомо про 14 загиблих" is an earlier count when the text settles on 16."""
    figures = [c for c in s.claims if c.kind in COUNT_KINDS and c.quantity is not None]
    for c in figures:
        won = winners.get(c.key)
        if won is None or won.quantity is None or c.quantity is None:
            return False
        if c.quantity.gold() != won.quantity.gold():
            return False
    return bool(figures)


def _dated(sentences: list[Sentence], published: datetime | None) -> bool:
    """The text writes out the date of publication or of the day before."""
    today = local_date(published)
    if today is None:
        return False
    for s in sentences:
        for k in range(len(s.tokens)):
            found = date_at(s, k, published)
            if found is not None and (today - found[0]).days in (0, 1):
                return True
    return False


def read_window(sentences: list[Sentence], published: datetime | None) -> TimeWindow | None:
    """The first night the text fixes and the "станом на" time of its settled figure."""
    current = [s for s in sentences if not s.aside]
    night = next((n for s in current if (n := night_in(s, published)) is not None), None)
    as_of = None
    if any(s.find("time.as_of") for s in current) and _dated(current, published):
        winners = _winners(sentences)
        for s in current:
            if _settled(s, winners) and (as_of := as_of_in(s, published)) is not None:
                break
    if night is None and as_of is None:
        return None
    return TimeWindow(night=night, as_of=as_of)


def aside(s: Sentence, published: datetime | None) -> str:
    """ "time" for a sentence dated to another day than publication and the day before, or to
    another year, or about a month's tally ("протягом вересня", "у вересні"); else ""."""
    today = local_date(published)
    if today is None:
        return ""
    for k in range(len(s.tokens)):
        found = date_at(s, k, published)
        if found is not None and (today - found[0]).days not in (0, 1):
            return "time"
        year = _digits(s, k, 4)
        if year is not None and year > 1900 and year != today.year and s.mark(k + 1, "time.year"):
            return "time"
        if s.mark(k, "time.during") and s.mark(k + 1, "dates"):
            return "time"
        if s.mark(k, "time.in") and s.mark(k + 1, "time.months_in"):
            return "time"
    return ""
