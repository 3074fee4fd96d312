"""Properties of the Ukrainian news grammar on any input: no exception, spans inside their
field, and a figure's span holds the words of its number (a singular person or casualty with no
numeral is one, an ordinal toll its ordinal)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from properties import check, field, phrase_numbers

from skyledger.extract.news.numbers import digits
from skyledger.extract.news.read import sentences_of
from skyledger.extract.options import DEFAULT_OPTIONS
from skyledger.extract.uk.news import UKRAINIAN, extract
from skyledger.models import Claim, Document

PIECES = [
    "Росія випустила ", "понад ", "близько ", "щонайменше ", "майже ", "до ", "653 ", "двох ",
    "п'ятьох ", "двадцять ", "сто ", "півтора десятка ", "дронів", "ракет", " і ", ", ",
    "збито ", " з ", "шахедів ", "Х-101 ", "людей загинули ", "поранені ", "у Києві",
    ", повідомив голова ОВА.", "у ніч на 6 грудня ", "\n", "падіння уламків на ", " локаціях",
    "«", "’", "—", " – ", "усі ", "з них", " областях", "Харківській, Одеській та Сумській",
    "жінка", " загинула", "із ", "Серед них ", " дітей", "Кількість загиблих зросла до ",
    "п'ята жертва", "16-річна дівчина", "а саме ", "до 40 збільшилася кількість поранених",
    "Нагадаємо, ", "станом на 9:00 ", "поранено ", "троє з них - діти", "(", ")", "35 крилатих",
    "За даними Повітряних сил, ", "Про це повідомив мер.", "є загиблий", "16:00",
]  # fmt: skip
prose = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _numbers_in(words: str) -> set[int]:
    """Every number the layer reads in some words, independently of the claim that names
    them: number phrases and their wholes, ordinals (with the tens before them), digits before a
    hyphen, and 1 where a singular person or casualty is named."""
    found = phrase_numbers(words, UKRAINIAN)
    for s in sentences_of(Document(id="n", lang="uk", text=words), UKRAINIAN):
        tens = 0
        for k, tok in enumerate(s.tokens):
            ordinal = s.mark(k, "numbers.ordinals")
            if ordinal is not None and ordinal.entry.value is not None:
                found |= {int(ordinal.entry.value), tens + int(ordinal.entry.value)}
            ten = s.mark(k, "numbers.tens")
            tens = int(ten.entry.value) if ten is not None and ten.entry.value else 0
            if tok.kind == "num" and (value := digits(tok.text)) is not None:
                found.add(value)
            if s.mark(k, "singular_people") or s.mark(k, "singular_casualties"):
                found.add(1)
    return found


def _check(doc: Document, claims: tuple[Claim, ...]) -> None:
    check(doc, claims, _numbers_in)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=80)))
def test_any_text(text: str, title: str | None) -> None:
    doc = Document(id="p", lang="uk", text=text, title=title)
    _check(doc, extract(doc, DEFAULT_OPTIONS).claims)


@settings(max_examples=300, deadline=None)
@given(prose, st.one_of(st.none(), prose))
def test_news_like_text(text: str, title: str | None) -> None:
    doc = Document(id="p", lang="uk", text=text, title=title)
    _check(doc, extract(doc, DEFAULT_OPTIONS).claims)


def test_span_holds_its_number() -> None:
    doc = Document(id="s", lang="uk", title="Понад 500 дронів атакували Україну",
                   text="Сили ППО збили 418 дронів, повідомили Повітряні сили.")  # fmt: skip
    for claim in extract(doc, DEFAULT_OPTIONS).claims:
        if claim.quantity is None or claim.derived:
            continue
        span = claim.spans[0]
        words = field(doc, span)[span.start : span.end]
        assert str(claim.quantity.exact or (claim.quantity.min or 1) - 1) in words


def test_long_lists_are_read() -> None:
    """Long runs with no full stop are read in pieces (their speed is bench/'s to measure)."""
    for text in (("Київ, " * 3000) + "області пошкоджено", "Калібр " * 5000, "12 дронів, " * 2000,
                 "загинула жінка, " * 2000):  # fmt: skip
        doc = Document(id="long", lang="uk", text=text)
        _check(doc, extract(doc, DEFAULT_OPTIONS).claims)
