"""Normalised text units (title and body sentences) and English numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from skyledger.extract.canonical import Origin, canonical, original_span
from skyledger.extract.en.lexicon import alternation, literal, numbers
from skyledger.extract.spans import Sentences
from skyledger.models import Document, Quantity, Span

# One character for one character, so offsets into the normalised text are offsets into the
# original: quotes, dashes, odd spaces, and Cyrillic letters that look Latin ("Kalіbr").
_SAME_LENGTH = str.maketrans(
    {
        "’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"',
        "–": "-", "—": "-", "‑": "-", "−": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
        "і": "i", "а": "a", "е": "e", "о": "o", "с": "c", "р": "p", "х": "x", "у": "y",
        "І": "I", "А": "A", "Е": "E", "О": "O", "С": "C", "Р": "P", "Х": "X", "К": "K", "М": "M",
        "Т": "T", "Н": "H", "В": "B",
    }
)  # fmt: skip


def normalize(text: str) -> str:
    return text.translate(_SAME_LENGTH)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of the title or the body: its normalised words and where it lies."""

    index: int
    field: str
    start: int
    text: str  # normalised and canonical (``skyledger.extract.canonical``)
    sentences: Sentences
    lower: str = ""
    origin: Origin | None = None  # offsets in ``text`` → offsets in the unit's own words

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower())

    @property
    def is_title(self) -> bool:
        return self.field == "title"

    def span(self, start: int, end: int) -> Span:
        """A span for ``text[start:end]`` of this unit (offsets local to the unit)."""
        first, last = original_span(self.origin, start, end)
        return self.sentences.span(self.start + first, self.start + last)


_ABBREVIATION = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|No|St|Gen|Lt|Col|Mr|Mrs|Ms|"
    r"Dr|Jr|Sr|vs|approx|a\.m|p\.m)\.$"
)


def _ranges(raw: str, sents: Sentences) -> list[tuple[int, int]]:
    """Sentence ranges, with a break after "Dec." or "U.S." (not a sentence end) undone."""
    out: list[tuple[int, int]] = []
    for start, end in zip(sents.starts, sents.ends, strict=True):
        previous = raw[out[-1][0] : out[-1][1]] if out else ""
        if out and _ABBREVIATION.search(previous) and "\n" not in raw[out[-1][1] : start]:
            out[-1] = (out[-1][0], end)
            continue
        out.append((start, end))
    return out


def units_of(doc: Document) -> list[Unit]:
    """Title sentences first, then body sentences, in order."""
    out: list[Unit] = []
    fields = [("title", doc.title or ""), ("text", doc.text)]
    for field, raw in fields:
        sents = Sentences.of(doc.id, raw, field=field)
        for start, end in _ranges(raw, sents):
            text, origin = canonical(normalize(raw[start:end]))
            out.append(Unit(len(out), field, start, text, sents, origin=origin))
    return out


@cache
def number_pattern() -> str:
    """Digits (``1,100``, ``5 963``) or number words (``fifty-one``, ``a hundred``)."""
    n = numbers()
    unit = alternation(literal([u for u in n.units if u not in ("a", "an", "single")]), "units")
    ten = alternation(literal(list(n.tens)), "tens")
    scale = alternation(literal(list(n.scales)), "scales")
    word = rf"(?:(?:{ten}(?:[- ]{unit})?|{unit})(?:[- ]{scale})?|an? {scale}|a dozen)"
    word += rf"(?:(?: and)? (?:{ten}(?:[- ]{unit})?|{unit}))?"
    digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    return rf"(?<![\w.,-])(?:(?:{digits})(?: (?:thousand|hundred))?|{word})(?![\w-])"


_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_number(words: str) -> int | None:
    """``"fifty-one"`` → 51, ``"1,100"`` → 1100, ``"a hundred"`` → 100; None if not a number."""
    text = words.lower().strip()
    if not text:
        return None
    n = numbers()
    if " ".join(text.split()) in n.units:
        return n.units[" ".join(text.split())]
    total = 0.0  # "2.5 thousand" passes through a fraction
    current = 0.0
    seen = False
    for token in _WORD_SPLIT.split(text.replace(" and ", " ")):
        digits = token.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            current += float(digits)
        elif token in n.units or token in ("a", "an"):
            current += n.units.get(token, 1)
        elif token in n.tens:
            current += n.tens[token]
        elif token in n.scales:
            current = max(current, 1.0) * n.scales[token]
            if n.scales[token] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    value = total + current
    return int(value) if seen and float(value).is_integer() else None


@cache
def bound_pattern() -> str:
    every = [b for group in numbers().bounds.values() for b in group]
    return alternation(literal(every), "bounds")


def quantity(bound: str | None, value: int, wording: str) -> Quantity:
    """The figure a bound word and a number state (FORMAT.md: over N → min N+1)."""
    kind = bound_kind(bound)
    if kind == "min_inclusive":
        return Quantity(min=value, wording=wording)
    if kind == "min_exclusive":
        return Quantity(min=value + 1, wording=wording)
    if kind == "max_exclusive":
        return Quantity(max=max(value - 1, 0), wording=wording)
    if kind == "max_inclusive":
        return Quantity(max=value, wording=wording)
    if kind == "approx":
        return Quantity(approx=value, wording=wording)
    return Quantity(exact=value, wording=wording)


def bound_kind(bound: str | None) -> str | None:
    if not bound:
        return None
    key = " ".join(bound.lower().split())
    for kind, group in numbers().bounds.items():
        if key in group:
            return kind
    return None
