"""Sentences and spans: every claim points at character offsets and its sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from skyledger.extract.limits import sentence_bounds
from skyledger.models import Span

# A sentence ends at . ! ? … followed by space and a capital/digit/quote, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZА-ЯІЇЄҐ0-9])|\n+")


@dataclass(frozen=True, slots=True)
class Sentences:
    """The sentence boundaries of one text, for turning offsets into spans."""

    document_id: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    field: str = "text"

    @classmethod
    def of(cls, document_id: str, text: str, field: str = "text") -> Sentences:
        starts, ends = [], []
        pos = 0
        for match in _BOUNDARY.finditer(text):
            if match.start() > pos:
                starts.append(pos)
                ends.append(match.start())
            pos = match.end()
        if pos < len(text):
            starts.append(pos)
            ends.append(len(text))
        return cls(document_id, text, tuple(starts), tuple(ends), field)

    def index(self, offset: int) -> int:
        """The index of the sentence holding ``offset`` (the nearest before it, if between)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def sentence(self, offset: int) -> str:
        if not self.starts:
            return ""
        i = self.index(offset)
        return self.text[self.starts[i] : self.ends[i]].strip()

    def span(self, start: int, end: int) -> Span:
        """A span over ``text[start:end]`` with the sentence it lies in (a very long one cut
        around the span: ``limits.sentence_bounds``)."""
        if self.starts:
            i = self.index(start)
            first, last = sentence_bounds(self.starts[i], self.ends[i], start, end)
            sentence = self.text[first:last].strip()
        else:
            sentence = ""
        return Span(
            document_id=self.document_id,
            start=start,
            end=end,
            sentence=sentence,
            field="title" if self.field == "title" else "text",
        )
