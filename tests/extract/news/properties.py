"""What the property tests of every news grammar check: spans inside their field, a bounded
figure's bounds in order, and a figure's span holding the words of its number (each language
says which numbers its words hold)."""

from __future__ import annotations

from collections.abc import Callable

from skyledger.extract.news.numbers import number_phrases
from skyledger.extract.news.read import Language, sentences_of
from skyledger.models import Claim, Document, Span


def field(doc: Document, span: Span) -> str:
    return (doc.title or "") if span.field == "title" else doc.text


def phrase_numbers(words: str, lang: Language) -> set[int]:
    """The numbers the layer's number phrases read in some words, and their wholes."""
    found: set[int] = set()
    for s in sentences_of(Document(id="n", lang=lang.code, text=words), lang):
        for phrase in number_phrases(s):
            if phrase.value is not None:
                found.add(phrase.value)
            if phrase.whole is not None:
                found.add(phrase.whole.point())
    return found


def check(
    doc: Document,
    claims: tuple[Claim, ...],
    numbers_in: Callable[[str], set[int]],
    *,
    sums_of_parts: bool = False,
) -> None:
    """``sums_of_parts``: a claim with several spans is a sum of listed parts, each span
    holding a part's number, not the sum's."""
    for claim in claims:
        for span in claim.spans:
            assert 0 <= span.start <= span.end <= len(field(doc, span))
        q = claim.quantity
        if q is None or claim.derived or (sums_of_parts and len(claim.spans) > 1):
            continue
        if q.min is not None and q.max is not None:
            assert q.min <= q.max
        words = "".join(field(doc, s)[s.start : s.end] for s in claim.spans)
        stated = {v + d for v in numbers_in(words) for d in (-1, 0, 1)}
        assert q.point() in stated, (q, words)
