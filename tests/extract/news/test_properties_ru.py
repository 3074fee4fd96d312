"""Properties of the Russian grammar on any input: no exception, spans inside their field,
and a figure's span contains the words of its number (or, for a sum of a list, its parts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from properties import check, phrase_numbers

from skyledger.extract.options import DEFAULT_OPTIONS
from skyledger.extract.ru import RUSSIAN, extract
from skyledger.models import Claim, Document

PIECES = [
    "Россия выпустила ", "не менее ", "более ", "около ", "653 ", "двух десятков ", "беспилотников",
    "ракет", " и ", ", ", "сбиты ", " из ", "«Калибр» ", "Х-101 ", "погибли ", "пострадали ",
    "в Киеве", ", сообщили в Воздушных силах.", "в ночь на 6 декабря ", "\n", "обломки упали ",
    " объектов", "«", "»", "—", " все ", "из них", " областях", "Харькове, Одессе и Сумах",
    "Минобороны заявило, что ", "цели удара достигнуты", " над Курской областью", "по его словам ",
    "Число жертв возросло до ", "Среди погибших ", " детей", "- 12 ракет;", ":", "Тогда ",
]  # fmt: skip
prose = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _check(doc: Document, claims: tuple[Claim, ...]) -> None:
    check(doc, claims, lambda words: phrase_numbers(words, RUSSIAN), sums_of_parts=True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=80)))
def test_any_text(text: str, title: str | None) -> None:
    doc = Document(id="p", lang="ru", text=text, title=title)
    _check(doc, extract(doc, DEFAULT_OPTIONS).claims)


@settings(max_examples=300, deadline=None)
@given(prose, st.one_of(st.none(), prose))
def test_report_like_text(text: str, title: str | None) -> None:
    doc = Document(id="p", lang="ru", text=text, title=title)
    _check(doc, extract(doc, DEFAULT_OPTIONS).claims)
