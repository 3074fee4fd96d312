"""Properties of the Russian grammar on any input: no exception, spans inside their field,
and a figure's span contains the words of its number (or, for a sum of a list, its parts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.extract.news.numbers import number_phrases
from skyledger.extract.news.read import sentences_of
from skyledger.extract.options import DEFAULT_OPTIONS
from skyledger.extract.ru import RUSSIAN, extract
from skyledger.models import Claim, Document, Span

PIECES = [
    "Россия выпустила ", "не менее ", "более ", "около ", "653 ", "двух десятков ", "беспилотников",
    "ракет", " и ", ", ", "сбиты ", " из ", "«Калибр» ", "Х-101 ", "погибли ", "пострадали ",
    "в Киеве", ", сообщили в Воздушных силах.", "в ночь на 6 декабря ", "\n", "обломки упали ",
    " объектов", "«", "»", "—", " все ", "из них", " областях", "Харькове, Одессе и Сумах",
    "Минобороны заявило, что ", "цели удара достигнуты", " над Курской областью", "по его словам ",
    "Число жертв возросло до ", "Среди погибших ", " детей", "- 12 ракет;", ":", "Тогда ",
]  # fmt: skip
prose = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _field(doc: Document, span: Span) -> str:
    return (doc.title or "") if span.field == "title" else doc.text


def _numbers_in(words: str) -> set[int]:
    found: set[int] = set()
    for s in sentences_of(Document(id="n", lang="ru", text=words), RUSSIAN):
        for phrase in number_phrases(s):
            if phrase.value is not None:
                found.add(phrase.value)
            if phrase.whole is not None:
                found.add(phrase.whole.point())
    return found


def _check(doc: Document, claims: tuple[Claim, ...]) -> None:
    for claim in claims:
        for span in claim.spans:
            field = _field(doc, span)
            assert 0 <= span.start <= span.end <= len(field)
        q = claim.quantity
        if q is None or claim.derived or len(claim.spans) > 1:
            continue  # a sum of listed parts holds each part's number
        if q.min is not None and q.max is not None:
            assert q.min <= q.max
        words = "".join(_field(doc, s)[s.start : s.end] for s in claim.spans)
        stated = {v + d for v in _numbers_in(words) for d in (-1, 0, 1)}
        assert q.point() in stated, (q, words)


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
