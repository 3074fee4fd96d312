"""What one document may ask of the extractor, so that any text is read in bounded time and
memory: a size limit that ``extract``, ``ingest``, the readers and the API share, and caps on
the claims one document and one sentence give.

The limits lie far past any report or article (the longest development text is a few thousand
characters; an Air Force summary gives a few dozen claims, at most a dozen from one sentence):
only a text built to be hostile, or several documents run together, meets them.
"""

from __future__ import annotations

from collections import Counter

from skyledger.errors import SkyledgerError
from skyledger.models import MAX_DOCUMENT_CHARS, Claim, Document, too_large_reason

__all__ = [
    "MAX_CLAIMS_PER_DOCUMENT",
    "MAX_CLAIMS_PER_SENTENCE",
    "MAX_DIGITS",
    "MAX_DOCUMENT_CHARS",
    "MAX_DOCUMENT_TOKENS",
    "MAX_GROUPS_PER_SENTENCE",
    "MAX_SENTENCES",
    "MAX_SENTENCE_CHARS",
    "MAX_SPANS_PER_CLAIM",
    "DocumentTooLarge",
    "capped",
    "check_size",
    "reading_notes",
    "sentence_bounds",
    "too_large_reason",
]

#: Digits a number may have to be read as a figure: a longer run is no count of anything the
#: ledger holds (a phone number, an id, digits run together) and is read as no figure.
MAX_DIGITS = 7
#: Claims kept from one document; the rest are dropped with a note.
MAX_CLAIMS_PER_DOCUMENT = 2_000
#: Claims kept from one sentence (a sentence listing hundreds of figures is not a report).
MAX_CLAIMS_PER_SENTENCE = 50
#: Spans kept on one claim (a sum names its parts; no report sums more than a dozen).
MAX_SPANS_PER_CLAIM = 100
#: Sentences of one document the news grammars read: a text of more (thousands of one-line
#: figures, a list run together) is read to there, with a note. Each sentence costs up to
#: about 0.15 ms, so any document reads in under a second; the longest article has a few
#: hundred sentences, the development texts at most 28.
MAX_SENTENCES = 5_000
#: Words and marks of one document the news grammars read (a few hundred bytes each while it
#: is read): one "sentence" of hundreds of thousands of them is cut there, with a note. A long
#: article has a few thousand.
MAX_DOCUMENT_TOKENS = 100_000
#: Counted groups ("355 drones", "45") the news grammars read in one sentence (or piece of a
#: long one): twice the claims a sentence may give; a run of bare numbers is read to there,
#: with a note. The development texts have at most a handful.
MAX_GROUPS_PER_SENTENCE = 100
#: Characters of its sentence a span carries: a longer "sentence" (a text without stops) is
#: cut to this many characters around the span, so that spans do not each copy the text.
MAX_SENTENCE_CHARS = 2_000


class DocumentTooLarge(SkyledgerError):
    """A document past ``MAX_DOCUMENT_CHARS``: not read, named with its size."""

    def __init__(self, document_id: str, size: int) -> None:
        self.document_id = document_id
        self.size = size
        super().__init__(too_large_reason(size))


def document_size(doc: Document) -> int:
    return len(doc.text) + len(doc.title or "")


def check_size(doc: Document) -> None:
    """Raise ``DocumentTooLarge`` for a document past the limit."""
    size = document_size(doc)
    if size > MAX_DOCUMENT_CHARS:
        raise DocumentTooLarge(doc.id, size)


def sentence_bounds(first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence ``first``-``last`` a span ``start``-``end`` carries: all of
    it, or ``MAX_SENTENCE_CHARS`` around the span's start when the sentence is longer (a span
    longer than that, read from a hostile text, is carried in part)."""
    if last - first <= MAX_SENTENCE_CHARS:
        return first, last
    lo = max(first, start - MAX_SENTENCE_CHARS // 4)
    return lo, min(last, lo + MAX_SENTENCE_CHARS)


def reading_notes(units: int, tokens: int, groups_cut: bool = False) -> tuple[str, ...]:
    """The notes on a news text read to its limits: ``units`` sentences found (one more than
    ``MAX_SENTENCES`` when there were more), ``tokens`` words and marks read, whether a
    sentence held more counted groups than were read."""
    notes = []
    if groups_cut:
        notes.append(f"figures of a sentence past its first {MAX_GROUPS_PER_SENTENCE} not read")
    if units > MAX_SENTENCES:
        notes.append(f"text past its first {MAX_SENTENCES:,} sentences not read")
    if tokens >= MAX_DOCUMENT_TOKENS:
        notes.append(f"text past its first {MAX_DOCUMENT_TOKENS:,} words and marks not read")
    return tuple(notes)


def capped(claims: tuple[Claim, ...]) -> tuple[tuple[Claim, ...], int]:
    """``claims`` within the caps (in their order) and how many were dropped."""
    if any(len(c.spans) > MAX_SPANS_PER_CLAIM for c in claims):
        claims = tuple(
            c.model_copy(update={"spans": c.spans[:MAX_SPANS_PER_CLAIM]})
            if len(c.spans) > MAX_SPANS_PER_CLAIM
            else c
            for c in claims
        )
    if len(claims) <= MAX_CLAIMS_PER_SENTENCE:
        return claims, 0
    per_sentence: Counter[tuple[str, str]] = Counter()
    kept: list[Claim] = []
    for claim in claims:
        if len(kept) >= MAX_CLAIMS_PER_DOCUMENT:
            break
        where = _sentence_key(claim)
        per_sentence[where] += 1
        if per_sentence[where] <= MAX_CLAIMS_PER_SENTENCE:
            kept.append(claim)
    return tuple(kept), len(claims) - len(kept)


def _sentence_key(claim: Claim) -> tuple[str, str]:
    """The sentence a claim is counted against: its first span's, where every sentence cut
    to ``MAX_SENTENCE_CHARS`` counts as one (the spans of one long sentence carry different
    parts of it)."""
    if not claim.spans:
        return "", ""
    span = claim.spans[0]
    if len(span.sentence) > MAX_SENTENCE_CHARS // 2:
        return span.field, ""
    return span.field, span.sentence
