"""Numbers as reports write them: digits, spaces inside, case suffixes, Ukrainian words in
every case, and the bound words in front of them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skyledger.extract.uk.numbers import (
    digits_value,
    number_words,
    quantity,
    read_bound,
    read_number,
)

UNITS = ["", "один", "два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять"]
TEENS = ["десять", "одинадцять", "дванадцять", "тринадцять", "чотирнадцять", "п'ятнадцять",
         "шістнадцять", "сімнадцять", "вісімнадцять", "дев'ятнадцять"]  # fmt: skip
TENS = ["", "", "двадцять", "тридцять", "сорок", "п'ятдесят", "шістдесят", "сімдесят",
        "вісімдесят", "дев'яносто"]  # fmt: skip
HUNDREDS = ["", "сто", "двісті", "триста", "чотириста", "п'ятсот", "шістсот", "сімсот",
            "вісімсот", "дев'ятсот"]  # fmt: skip


def spell(n: int) -> list[str]:
    """A number below 1000 in words (nominative), for the round-trip property."""
    words = [HUNDREDS[n // 100]]
    rest = n % 100
    if 10 <= rest < 20:
        words.append(TEENS[rest - 10])
    else:
        words += [TENS[rest // 10], UNITS[rest % 10]]
    return [w for w in words if w]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["653"], 653),
        (["1 200"], 1200),
        (["181-м"], 181),
        (["17-ма"], 17),
        (["двома"], 2),
        (["шістьма"], 6),
        (["одну"], 1),
        (["дев'яти"], 9),
        (["п'ятьма"], 5),
        (["сорока"], 40),
        (["двадцять", "п'ять"], 25),
        (["сто", "сорок", "два"], 142),
        (["трьомастами"], 300),
    ],
)
def test_read_number(words: list[str], value: int) -> None:
    assert read_number(words, 0) == (value, len(words))


@pytest.mark.parametrize("words", [["ракет"], ["-"], [], ["х-101"], ["18:00"]])
def test_not_a_number(words: list[str]) -> None:
    assert read_number(words, 0) is None


def test_two_numbers_in_a_row_stay_apart() -> None:
    assert read_number(["два", "три"], 0) == (2, 1)


@pytest.mark.parametrize(
    ("phrase", "value", "gold"),
    [
        ("понад 90", 90, {"min": 91}),
        ("не менше 8", 8, {"min": 8}),
        ("до 100", 100, {"max": 100}),
        ("близько 140", 140, {"approx": 140}),
        ("менше 20", 20, {"max": 19}),
        ("усі 14", 14, 14),
        ("77", 77, 77),
    ],
)
def test_bounds(phrase: str, value: int, gold: object) -> None:
    words = phrase.split()
    bound, i = read_bound(words, 0)
    assert read_number(words, i) == (value, len(words))
    assert quantity(value, bound, phrase).gold() == gold


def test_digits_value_rejects_other_tokens() -> None:
    assert digits_value("х-101") is None
    assert digits_value("12ab") is None


def regular_forms(nominative: str) -> set[str]:
    """Every case form of a cardinal declined like "п'ять" (a nominative in -ь) or like
    "п'ятдесят": genitive and locative in -и, dative -ом, instrumental -ма or -ома, and the
    -ох form. Written from the grammar, not read from the data file."""
    stem = nominative.removesuffix("ь")
    return {nominative, stem + "и", *(stem + "ь" + end for end in ("ма", "ом", "ома", "ох"))}


REGULAR = {5: "п'ять", 9: "дев'ять", 10: "десять", 11: "одинадцять", 12: "дванадцять",
           13: "тринадцять", 14: "чотирнадцять", 15: "п'ятнадцять", 16: "шістнадцять",
           17: "сімнадцять", 18: "вісімнадцять", 19: "дев'ятнадцять", 20: "двадцять",
           30: "тридцять", 50: "п'ятдесят", 60: "шістдесят", 70: "сімдесят",
           80: "вісімдесят"}  # fmt: skip


@pytest.mark.parametrize(("value", "nominative"), REGULAR.items(), ids=map(str, REGULAR))
def test_regular_cardinals_have_every_case_form(value: int, nominative: str) -> None:
    forms = regular_forms(nominative)
    assert {form for form, v in number_words().items() if v == value} == forms
    for form in forms:
        assert read_number([form], 0) == (value, 1)


@pytest.mark.parametrize(
    ("value", "forms"),
    [
        (1, "один одна одне одного одній одну одним однією"),
        (2, "два дві двох двом двома"),
        (3, "три трьох трьом трьома"),
        (4, "чотири чотирьох чотирьом чотирма"),
        (6, "шість шести шістьох шістьом шістьма шістьома"),
        (7, "сім семи сімох сімом сімома"),
        (8, "вісім восьми вісьмох вісьмом вісьма вісьмома"),
        (40, "сорок сорока"),
        (90, "дев'яносто дев'яноста"),
        (100, "сто ста"),
        (200, "двісті двохсот двомстам двомастами двохстах"),
        (300, "триста трьохсот трьомстам трьомастами трьохстах"),
        (500, "п'ятсот п'ятисот п'ятистам п'ятьмастами п'ятистах"),
        (800, "вісімсот восьмисот восьмистам вісьмастами восьмистах"),
        (1000, "тисяча тисячі тисяч тисячу тисячею тисячам тисячами тисячах"),
    ],
    ids=lambda x: str(x) if isinstance(x, int) else "forms",
)
def test_irregular_cardinals_read_in_every_case(value: int, forms: str) -> None:
    for form in forms.split():
        assert read_number([form], 0) == (value, 1), form


@given(st.integers(min_value=1, max_value=999))
def test_number_words_round_trip(n: int) -> None:
    words = spell(n)
    assert read_number(words, 0) == (n, len(words))


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["", "over", "up_to", "about"]))
def test_bounds_are_ordered(n: int, bound: str) -> None:
    q = quantity(n, bound or None, str(n))
    assert q.min is None or q.max is None or q.min <= q.max
