"""Numbers as written in reports: digits (with spaces inside), case suffixes ("181-м", "17-ма"),
Ukrainian number words in every case ("двома", "шістьма", "дев'яти") and bound words
("понад", "до", "близько") that turn a number into a ``Quantity``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from skyledger.errors import ResourceError
from skyledger.extract.limits import MAX_DIGITS
from skyledger.models import Quantity
from skyledger.resources import load_yaml

#: Digits, with thin/normal spaces between groups of three and an optional case suffix.
DIGITS = re.compile(r"(\d{1,3}(?: \d{3})+|\d+)(?:-[^\W\d_]{1,3})?$")

BOUND_KINDS = ("over", "at_least", "up_to", "under", "about", "all")


@cache
def number_words() -> dict[str, int]:
    """Every case form of every Ukrainian cardinal in ``resources/uk/numbers.yaml``."""
    data = load_yaml("uk/numbers.yaml")
    out: dict[str, int] = {}
    try:
        for entry in data["cardinals"]:
            for form in entry["forms"]:
                out[str(form)] = int(entry["value"])
    except (KeyError, TypeError) as exc:
        raise ResourceError(f"resources/uk/numbers.yaml: bad entry ({exc})") from exc
    return out


@cache
def bound_words() -> dict[tuple[str, ...], str]:
    """Bound phrases as word tuples (``("не", "менше")``) → bound kind."""
    data = load_yaml("uk/grammar.yaml")["bounds"]
    out: dict[tuple[str, ...], str] = {}
    for kind in BOUND_KINDS:
        for phrase in data.get(kind, []):
            out[tuple(str(phrase).split())] = kind
    return out


@lru_cache(maxsize=65_536)
def digits_value(token: str) -> int | None:
    """``"1 200"`` → 1200, ``"181-м"`` → 181; ``None`` for anything else, and for more than
    ``MAX_DIGITS`` digits (no count; a phone number or digits run together)."""
    match = DIGITS.match(token)
    if match is None:
        return None
    digits = match.group(1).replace(" ", "")
    return int(digits) if len(digits) <= MAX_DIGITS else None


def read_number(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """The number starting at ``words[i]``: (value, index after it), or ``None``."""
    if i >= len(words):
        return None
    word = words[i]
    if word[0].isdigit():
        return (value, i + 1) if (value := digits_value(word)) is not None else None
    table = number_words()
    total, last, j = 0, 10_000, i
    while j < len(words) and words[j] in table:
        part = table[words[j]]
        if part >= last or (part < 10 and last < 20):
            break
        total, last, j = total + part, part, j + 1
    return (total, j) if j > i else None


@cache
def _bound_firsts() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in bound_words())


def read_bound(words: Sequence[str], i: int) -> tuple[str | None, int]:
    """A bound phrase starting at ``words[i]``: (kind, index after it) or (None, i)."""
    if i >= len(words) or words[i] not in _bound_firsts():
        return None, i
    table = bound_words()
    for size in (3, 2, 1):
        kind = table.get(tuple(words[i : i + size]))
        if kind is not None and len(words[i : i + size]) == size:
            return kind, i + size
    return None, i


def bounded(value: int, bound: str | None) -> tuple[str, int]:
    """The ``Quantity`` field a number with its bound word sets, and its value (FORMAT.md value
    forms): "понад 50" → ("min", 51)."""
    if bound == "over":
        return "min", value + 1
    if bound == "at_least":
        return "min", value
    if bound == "up_to":
        return "max", value
    if bound == "under":
        return "max", max(value - 1, 0)
    if bound == "about":
        return "approx", value
    return "exact", value


def quantity(value: int, bound: str | None, wording: str) -> Quantity:
    """A number and its bound word as a ``Quantity`` (FORMAT.md value forms)."""
    name, number = bounded(value, bound)
    if name == "min":
        return Quantity(min=number, wording=wording)
    if name == "max":
        return Quantity(max=number, wording=wording)
    if name == "approx":
        return Quantity(approx=number, wording=wording)
    return Quantity(exact=number, wording=wording)
