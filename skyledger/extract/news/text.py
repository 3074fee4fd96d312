"""The words a news grammar reads: sentence units of the title and body, and their tokens.

A ``Unit`` is one sentence of the title or the body in canonical form (``extract.canonical``),
made plain by the language's one-for-one character map, so offsets into it are offsets into the
document once mapped back through its ``Origin``. A ``Token`` is a word, a number or a
punctuation mark of a unit, with its offsets, its lower-case form and its dictionary key (the
lemma for languages that decline, the lower-case form otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from skyledger.extract.canonical import Origin, canonical, original_span
from skyledger.extract.spans import Sentences
from skyledger.models import Document, Span
from skyledger.resources.patterns import pattern_file

#: Quotes, dashes and odd spaces as plain ASCII, one character for one (every language).
PLAIN = {
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"',
    "„": '"', "–": "—", "‒": "—", "‑": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of the title or the body: its plain words and where they lie."""

    index: int
    field: str
    start: int  # offset of the sentence in its field
    text: str  # plain and canonical
    sentences: Sentences
    paragraph: int  # paragraphs are separated by line breaks; the title is paragraph -1
    origin: Origin | None = None

    @property
    def is_title(self) -> bool:
        return self.field == "title"

    def span(self, start: int, end: int) -> Span:
        """A span for ``text[start:end]`` of this unit (offsets local to the unit)."""
        first, last = original_span(self.origin, start, end)
        return self.sentences.span(self.start + first, self.start + last)


#: A sentence ending in an abbreviation ("Dec.", "U.S.", "обл."): no sentence end.
_ABBREVIATION = pattern_file("abbreviations.yaml").compile("abbreviation")
#: Characters at the end of a sentence the abbreviation is looked for in (the longest is short).
_TAIL = 40


def _ranges(raw: str, sents: Sentences) -> list[tuple[int, int]]:
    """Sentence ranges, with a break after "Dec.", "U.S." or "обл." (not a sentence end) undone."""
    out: list[tuple[int, int]] = []
    for start, end in zip(sents.starts, sents.ends, strict=True):
        if out:
            first, last = out[-1]
            # the end of the sentence before (a range joined again and again grows long)
            ends_short = _ABBREVIATION.search(raw, max(first, last - _TAIL), last)
            if ends_short and "\n" not in raw[last:start]:
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def iter_units(doc: Document, plain: Callable[[str], str]) -> Iterator[Unit]:
    """Title sentences first, then body sentences, in order, each made ``plain``, one at a
    time (a reader may stop early)."""
    index = 0
    for field, raw in (("title", doc.title or ""), ("text", doc.text)):
        sents = Sentences.of(doc.id, raw, field=field)
        paragraph = -1 if field == "title" else 0
        previous_end = 0
        for start, end in _ranges(raw, sents):
            if field == "text" and "\n" in raw[previous_end:start]:
                paragraph += 1
            previous_end = end
            text, origin = canonical(plain(raw[start:end]))
            yield Unit(index, field, start, text, sents, paragraph, origin)
            index += 1


@dataclass(slots=True)
class Token:
    """A word, number or mark of a unit: offsets local to the unit, the lower-case form and the
    dictionary key the lexicon is matched on."""

    start: int
    end: int
    text: str
    low: str
    key: str
    kind: str  # "word", "num" or "mark"

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


# Digits with thousands separators ("1,100", "5 963" with one space inside), a clock time
# ("16:00", one token that is no count), or plain digits with a decimal part; words with
# apostrophes and hyphenated tails ("п'ятьох", "Kh-101", "Іскандер-М", "twenty-five"); any other
# non-space character alone.
_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?![\d])|(?<![\d:.,])\d{1,3}(?: \d{3})+(?![\d,.]?\d)"
    r"|\d{1,2}:\d{2}(?!\d)|\d+(?:[.,]\d+)?)"
    r"|(?P<word>(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:'[^\W\d_]+)*(?:-[^\W_]+)*)"
    r"|(?P<mark>\S)"
)


def tokenize(text: str, key: Callable[[str], str], most: int | None = None) -> list[Token]:
    """The tokens of one unit (its first ``most``, when given); ``key`` gives a lower-case
    word's dictionary key."""
    out: list[Token] = []
    for m in islice(_TOKEN.finditer(text), most):
        kind = m.lastgroup or "mark"
        word = m.group()
        low = word.lower()
        out.append(Token(m.start(), m.end(), word, low, key(low) if kind == "word" else low, kind))
    return out
