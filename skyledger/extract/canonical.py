"""The text a grammar reads: line breaks, spaces and tabs made plain, with the way back.

Posts typed in a hurry double their spaces, news pages carry non-breaking spaces, files from
Windows end their lines with "\\r\\n"; none of that changes a figure. ``canonical`` gives the
text the grammars read and an ``Origin`` that maps its offsets back to the document's text, so
every span still points at the document's own characters.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_SPACES = ("\u00a0", "\u202f", "\u2009", "\u2007", "\t")  # white space read as one plain space
_AS_SPACE = str.maketrans(dict.fromkeys(_SPACES, " "))
_DROPPED = re.compile(r"\r(?=\n)| {2,}")  # the "\r" of "\r\n"; a run of spaces but its first


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the characters of a canonical text were in the document's text: from canonical
    offset ``at[i]`` on, ``shift[i]`` characters had been dropped before."""

    at: list[int]
    shift: list[int]

    def of(self, offset: int) -> int:
        i = bisect.bisect_right(self.at, offset) - 1
        return offset + self.shift[i] if i >= 0 else offset


def canonical(text: str) -> tuple[str, Origin | None]:
    """The text the grammar reads: line breaks as "\\n" ("\\r\\n", "\\r"), non-breaking and
    thin spaces and tabs as plain spaces, runs of spaces as one; with, when characters were
    dropped, where the others were. Posts typed in a hurry double their spaces; their figures
    are the same."""
    spaced = any(c in text for c in _SPACES)
    if "\r" not in text and "  " not in text and not spaced:
        return text, None
    if spaced:
        text = text.translate(_AS_SPACE)
    parts: list[str] = []
    at: list[int] = []
    shift: list[int] = []
    pos = dropped = 0
    for m in _DROPPED.finditer(text):
        start, end = m.span()
        keep = start + 1 if text[start] == " " else start
        parts.append(text[pos:keep])
        dropped += end - keep
        at.append(end - dropped)  # where the next kept character lands
        shift.append(dropped)
        pos = end
    parts.append(text[pos:])
    out = "".join(parts).replace("\r", "\n")
    return out, (Origin(at, shift) if at else None)


def original_span(origin: Origin | None, start: int, end: int) -> tuple[int, int]:
    """Canonical offsets ``start``-``end`` as offsets into the original text (a dropped run
    right after the last character stays outside)."""
    if origin is None:
        return start, end
    if start >= end:
        first = origin.of(start)
        return first, first
    return origin.of(start), origin.of(end - 1) + 1
