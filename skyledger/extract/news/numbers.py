"""Number phrases: a figure with its bound, and the whole it is part of.

"more than 650", "at least two", "nearly 120", "51 of the 67", "all 14", "two dozen",
"1,100", "5 963", "двох", "два десятки", "понад 40", "40 з 48". Digits beyond any plausible
count (more than seven) and percentages are no figure. A vague quantity ("dozens of",
"кілька") is a phrase with no value: a count named without a figure; a word that is vague on
its own and a number after a bound ("десятки людей", "понад сотню") is vague only on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from skyledger.extract.limits import MAX_DIGITS
from skyledger.extract.news.sentence import Sentence
from skyledger.models import Quantity


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """Tokens ``first``-``last`` (exclusive) of a figure: bound, number and "of M"."""

    first: int
    last: int
    number: int  # token index where the number itself starts
    value: int | None  # None: a vague quantity ("dozens of")
    bound: str | None  # min_inclusive, min_exclusive, max_inclusive, max_exclusive, approx
    whole: Quantity | None = None  # "51 of the 67" → 67
    all_: bool = False  # "all 14 drones"

    def quantity(self, wording: str, bound: str | None = "") -> Quantity | None:
        """The figure as a ``Quantity``; ``bound`` overrides the phrase's own when given."""
        if self.value is None:
            return None
        return make_quantity(self.bound if bound == "" else bound, self.value, wording)


def make_quantity(bound: str | None, value: int, wording: str) -> Quantity:
    """FORMAT.md value forms: "over N" → min N+1, "fewer than N" → max N-1…"""
    if bound == "min_inclusive":
        return Quantity(min=value, wording=wording)
    if bound == "min_exclusive":
        return Quantity(min=value + 1, wording=wording)
    if bound == "max_exclusive":
        return Quantity(max=max(value - 1, 0), wording=wording)
    if bound == "max_inclusive":
        return Quantity(max=value, wording=wording)
    if bound == "approx":
        return Quantity(approx=value, wording=wording)
    return Quantity(exact=value, wording=wording)


def digits(text: str) -> int | None:
    """ "1,100" → 1100, "5 963" → 5963; a decimal or an implausibly long run → None."""
    plain = text.replace(",", "").replace(" ", "")
    if not plain.isdecimal() or len(plain) > MAX_DIGITS:
        return None
    return int(plain)


def _word_value(s: Sentence, i: int) -> tuple[str, float] | None:
    m = s.mark(i, "numbers")
    if m is None or m.last != i + 1 or m.entry.value is None:
        return None
    return m.leaf, m.entry.value


def _hyphenated(s: Sentence, i: int) -> int | None:
    """ "twenty-five", "fifty-one": a number word written with a hyphen."""
    tok = s.tokens[i]
    if tok.kind != "word" or "-" not in tok.low:
        return None
    parts = tok.low.split("-")
    if len(parts) != 2:
        return None
    values = [_part(s, p) for p in parts]
    if values[0] is None or values[1] is None or values[0] < 20 or values[1] >= 10:
        return None
    return values[0] + values[1]


def _part(s: Sentence, word: str) -> int | None:
    for category in ("numbers.tens", "numbers.units"):
        value = s.lex.values.get(category, {}).get(word)
        if value is not None:
            return int(value)
    return None


def read_value(s: Sentence, i: int) -> tuple[int, int] | None:
    """The number starting at token ``i``: (value, token after it), or None."""
    toks = s.tokens
    if i >= len(toks):
        return None
    tok = toks[i]
    if tok.kind == "num":
        value = digits(tok.text)
        if value is None and _decimal(tok.text) is None:
            return None
        j = i + 1
        scale = _word_value(s, j)
        if scale is not None and scale[0] == "scales":
            base = value if value is not None else _decimal(tok.text)
            assert base is not None
            return _checked(base * scale[1], j + 1)
        if value is None:
            return None
        counted = _word_value(s, j)
        if counted is not None and counted[0] == "counted":
            return _checked(value * counted[1], j + 1)
        return value, j
    if (v := _hyphenated(s, i)) is not None:
        return v, i + 1
    return _words(s, i)


def _decimal(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _checked(value: float, j: int) -> tuple[int, int] | None:
    if not float(value).is_integer() or value >= 10**MAX_DIGITS:
        return None  # pragma: no cover - no count reaches it
    return int(value), j


def _words(s: Sentence, i: int) -> tuple[int, int] | None:
    """Number words: "one hundred and forty", "two dozen", "a dozen", "двадцять п'ять"."""
    total, current, j, last_small = 0.0, 0.0, i, 10.0**9
    seen = False
    while j < len(s.tokens):
        got = _word_value(s, j)
        if got is None:
            hyph = _hyphenated(s, j)
            got = ("tens", float(hyph)) if hyph is not None else None
        if got is None:
            if seen and s.mark(j, "numbers.joiners") and _word_value(s, j + 1):
                j += 1
                continue
            break
        kind, value = got
        if kind == "article":
            nxt = _word_value(s, j + 1)
            if seen or nxt is None or nxt[0] not in ("scales", "counted"):
                break
            current, seen, j = 1.0, True, j + 1
            continue
        if kind == "both" and seen:
            break
        if kind in ("units", "tens", "hundreds", "fractions", "both"):
            if seen and value >= last_small:
                break
            current += value
            last_small = value
        elif kind in ("scales", "counted"):
            if not seen and kind == "scales":
                break
            current = max(current, 1.0) * value
            if value >= 1000:
                total, current = total + current, 0.0
            last_small = 10.0**9 if value >= 1000 else value
        else:
            break  # pragma: no cover - a numbers.* mapping the layer does not know
        seen = True
        j += 1
    if not seen:
        return None
    return _checked(total + current, j)


def _bound_at(s: Sentence, i: int) -> tuple[str | None, int]:
    m = s.mark(i, "bounds")
    return (m.leaf, m.last) if m else (None, i)


def _skip_fillers(s: Sentence, i: int) -> tuple[int, bool]:
    all_ = False
    for _ in range(3):
        m = s.mark(i, "all")
        if m is not None and read_value(s, m.last) is not None:
            all_, i = True, m.last
            continue
        m = s.mark(i, "fillers")
        if m is None or (read_value(s, m.last) is None and not s.mark(m.last, "bounds")):
            break
        i = m.last
    return i, all_


def _percent(s: Sentence, j: int) -> bool:
    return s.mark(j, "numbers.percent") is not None


def _of_percent(s: Sentence, i: int) -> bool:
    """Token ``i`` is the whole of a percentage ("90 percent of the 400 drones"): the figure
    the sentence gives is the share, no count."""
    for k in range(max(1, i - 3), i):
        m = s.mark(k, "partitive.whole")
        if m is not None and m.last == i and _percent(s, k - 1):
            return True
    return False


def phrase_at(s: Sentence, i: int) -> NumberPhrase | None:
    """The number phrase starting at token ``i``, or None."""
    start = i
    vague = s.mark(start, "vague")
    if vague is not None and read_value(s, vague.last) is None:
        return NumberPhrase(start, vague.last, start, None, None)  # "десятки людей"
    i, all_ = _skip_fillers(s, i)
    bound, i = _bound_at(s, i)
    i, all2 = _skip_fillers(s, i)
    got = read_value(s, i)
    if got is None:
        return None
    value, j = got
    if _percent(s, j) or _of_percent(s, i):
        return None
    whole, end = whole_at(s, j)
    return NumberPhrase(start, end, i, value, bound, whole, all_ or all2)


def whole_at(s: Sentence, j: int) -> tuple[Quantity | None, int]:
    """ "of 67", "out of the 67", "з 48": the whole a figure is part of."""
    m = s.mark(j, "partitive.whole")
    if m is None:
        return None, j
    bound, k = _bound_at(s, m.last)
    got = read_value(s, k)
    if got is None:
        return None, j
    value, end = got
    return make_quantity(bound, value, s.words(m.last, end)), end


#: Categories a number phrase may start with (besides digits).
_OPENERS = frozenset({"numbers", "bounds", "fillers", "all", "vague"})


def number_phrases(s: Sentence) -> list[NumberPhrase]:
    """Every number phrase of a sentence, left to right, without overlaps."""
    out: list[NumberPhrase] = []
    i, n = 0, len(s.tokens)
    dates = s.lex.uses("dates")

    if not (_OPENERS & s.present) and not any(t.kind == "num" or "-" in t.low for t in s.tokens):
        return out
    while i < n:
        tok = s.tokens[i]
        if tok.kind != "num" and not (_OPENERS & s.index[i]) and "-" not in tok.low:
            i += 1
            continue
        found = phrase_at(s, i)
        if found is None:
            i += 1
            continue
        if dates and s.mark(found.last, "dates") is not None:
            i = found.last  # "6 березня": a date, no count
            continue
        out.append(found)
        i = found.last
    return out
