"""Properties of the uk grammar: it never fails on any text, every span lies inside the text,
and the words of a stated figure contain the number it claims."""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.extract import ExtractOptions
from skyledger.extract.canonical import canonical
from skyledger.extract.uk import extract as extract_report
from skyledger.extract.uk.numbers import number_words, read_number
from skyledger.models import COUNT_KINDS, Claim, Document, Quantity

PUBLISHED = datetime.fromisoformat("2025-11-20T08:30:00+02:00")
WORDS = re.compile(r"\d{1,3}(?: \d{3})+(?!\d)|\d+|[^\W\d_]+(?:'[^\W\d_]+)*")


def run(text: str) -> tuple[Claim, ...]:
    doc = Document(id="p", text=text, published_at=PUBLISHED)
    return extract_report(doc, ExtractOptions()).claims


def _stated_numbers(qty: Quantity) -> set[int]:
    """The numbers that, written in the text, could give this quantity."""
    out = {v for v in (qty.exact, qty.approx, qty.min, qty.max) if v is not None}
    if qty.min is not None:
        out.add(qty.min - 1)  # "понад N" → min N+1
    if qty.max is not None:
        out.add(qty.max + 1)  # "менше N" → max N-1
    return out


def _numbers_in(text: str) -> set[int]:
    text = canonical(text)[0]  # as the grammar reads it: "1  200" is 1200
    words = [w.replace(" ", "") for w in WORDS.findall(text.lower().replace("’", "'"))]
    found = set()
    for i in range(len(words)):
        got = read_number(words, i)
        if got is not None:
            found.add(got[0])
    return found


def check_claims(text: str, claims: tuple[Claim, ...]) -> None:
    for claim in claims:
        for span in claim.spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end].strip() in span.sentence
        if claim.kind in COUNT_KINDS and claim.quantity is not None and not claim.derived:
            words = " ".join(text[s.start : s.end] for s in claim.spans)
            numbers = _numbers_in(words)
            single = not numbers and claim.quantity.exact == 1
            assert single or numbers & _stated_numbers(claim.quantity), (claim.key, words)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_exception_on_any_text(text: str) -> None:
    check_claims(text, run(text))


NUMBER = st.one_of(
    st.integers(min_value=1, max_value=999).map(str),
    st.sampled_from(sorted(number_words())),
    st.integers(min_value=1_000, max_value=9_999).map(lambda n: f"{n // 1000} {n % 1000:03d}"),
)
BOUND = st.sampled_from(["", "понад ", "близько ", "до ", "не менше "])
DRONES = st.sampled_from(["ударними БпЛА типу Shahed", "ударних БпЛА", "ворожі БпЛА", "шахедів"])
MISSILES = st.sampled_from(
    ["балістичними ракетами Іскандер-М", "крилатих ракет Х-101", "ракетою Х-59", "ракет"]
)
VERB = st.sampled_from(["противник атакував", "збито/подавлено", "знищено", "ворог застосував"])
JUNK = st.text(alphabet=st.sampled_from(list("аб вгд,.;:()–-!\n«»\"'’ 0123")), max_size=12)


@st.composite
def reports(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        group = draw(st.sampled_from([DRONES, MISSILES]))
        parts.append(
            f"{draw(JUNK)}{draw(VERB)} {draw(BOUND)}{draw(NUMBER)} {draw(group)}"
            f"{draw(st.sampled_from(['', ' та ', ', ', ' із напрямків: Курськ, Орел. ']))}"
        )
    parts.append(draw(st.sampled_from(["", "Зафіксовано влучання на 7 локаціях.", "\n\n"])))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(reports())
def test_report_like_texts(text: str) -> None:
    check_claims(text, run(text))
