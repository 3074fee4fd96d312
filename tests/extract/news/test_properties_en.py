"""Properties of the English grammar on any input: no exception, spans inside their field,
and a figure's span contains the words of its number."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from properties import check, field, phrase_numbers

from skyledger.extract.en import ENGLISH, extract
from skyledger.extract.options import DEFAULT_OPTIONS
from skyledger.models import Claim, Document

PIECES = [
    "Russia launched ", "at least ", "over ", "nearly ", "653 ", "fifty-one ", "drones", "missiles",
    " and ", ", ", "shot down ", " of the ", "Shahed ", "Kh-101 ", "people were killed ",
    "injured ", "in Kyiv", " the air force said.", "overnight ", "\n", "debris fell on ",
    " locations", "“", "’", "—", " all ", "of them", " regions", "Kharkiv, Odesa and Sumy",
    "a ballistic missile", " were shot down", "out of ", "both ", "Of the ", ". All of them",
    "the death toll rose to ", "Among the injured were ", " children", " others",
]  # fmt: skip
prose = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _numbers_in(words: str) -> set[int]:
    """Every number the layer reads in some words (and 1 for "a"/"an"), independently of the
    claim that names them."""
    found = phrase_numbers(words, ENGLISH)
    if re.search(r"\b(?:a|an)\b", words, re.I):
        found.add(1)
    return found


def _check(doc: Document, claims: tuple[Claim, ...]) -> None:
    check(doc, claims, _numbers_in)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=80)))
def test_any_text(text: str, title: str | None) -> None:
    doc = Document(id="p", lang="en", text=text, title=title)
    _check(doc, extract(doc, DEFAULT_OPTIONS).claims)


@settings(max_examples=300, deadline=None)
@given(prose, st.one_of(st.none(), prose))
def test_report_like_text(text: str, title: str | None) -> None:
    doc = Document(id="p", lang="en", text=text, title=title)
    _check(doc, extract(doc, DEFAULT_OPTIONS).claims)


def test_span_holds_its_number() -> None:
    doc = Document(id="s", lang="en", title="Over 500 drones hit Ukraine",
                   text="Air defences shot down 418 drones, the air force said.")  # fmt: skip
    for claim in extract(doc, DEFAULT_OPTIONS).claims:
        if claim.quantity is None or claim.derived:
            continue
        span = claim.spans[0]
        words = field(doc, span)[span.start : span.end]
        assert str(claim.quantity.exact or (claim.quantity.min or 1) - 1) in words


def test_long_lists_stay_linear() -> None:
    import time

    for text in (("Kyiv, " * 3000) + "regions were hit", "Kalibr " * 5000, "12 drones, " * 2000):
        start = time.process_time()
        extract(Document(id="long", lang="en", text=text), DEFAULT_OPTIONS)
        assert time.process_time() - start < 2.0
