"""English numbers and bounds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skyledger.extract.en.text import number_pattern, parse_number, quantity

WORDS = [
    ("seven", 7), ("Twenty-seven", 27), ("fifty one", 51), ("a hundred", 100),
    ("one hundred and twenty", 120), ("two thousand", 2000), ("1,100", 1100), ("653", 653),
    ("a dozen", 12), ("both", 2),
]  # fmt: skip


@pytest.mark.parametrize(("words", "value"), WORDS)
def test_parse_number(words: str, value: int) -> None:
    assert parse_number(words) == value
    assert re.fullmatch(number_pattern(), words, re.I)


@pytest.mark.parametrize(
    ("bound", "form"),
    [("at least", {"min": 8}), ("over", {"min": 9}), ("more than", {"min": 9}),
     ("nearly", {"approx": 8}), ("up to", {"max": 8}), ("fewer than", {"max": 7}), (None, 8)],
)  # fmt: skip
def test_bounds(bound: str | None, form: object) -> None:
    assert quantity(bound, 8, "").gold() == form


@given(st.integers(min_value=0, max_value=10_000_000))
def test_digits_round_trip(value: int) -> None:
    assert parse_number(f"{value:,}") == value
    assert parse_number(str(value)) == value


def test_not_numbers() -> None:
    text = "a 3-month-old child, X-101 missiles, 79% of drones, Tu-95MC bombers"
    found = [m.group() for m in re.finditer(number_pattern(), text, re.I)]
    assert found == ["79"]
