"""One report, normalised once: the lower-cased text with the same offsets, its sentences
(with the paragraph they sit in and whether they are list items) and their word tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skyledger.extract.weapons import WeaponHit, find_weapons, normalize

_TOKEN = re.compile(
    r"\d{1,3}(?: \d{3})+(?!\d)|\d+(?:-[^\W\d_]{1,3}(?!\w))?|[^\W\d_]+(?:['-][^\W\d_]+)*|\S"
)
# A sentence ends at a line break, or after . ! ? … before anything but a lower-case word,
# or punctuation ("обл., рф", "рф)., 169" stay inside one sentence).
_BREAK = re.compile(r"\n\s*|(?<=[.!?…])[ \t]+(?=[^\sa-zа-яіїєґ,;:()\-–—.\"'«»“”])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"[-–—•▪️🔹🔸]\s*")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    bullet: bool
    tokens: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [t[2] for t in self.tokens]


@dataclass(slots=True)
class Report:
    """A document's text prepared for the grammar."""

    text: str
    norm: str
    sentences: list[Sentence]
    weapons: list[WeaponHit]

    @classmethod
    def of(cls, text: str) -> Report:
        norm = normalize(text)
        return cls(text, norm, _sentences(text, norm), find_weapons(norm))


def _sentences(text: str, norm: str) -> list[Sentence]:
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    out: list[Sentence] = []
    pos, para = 0, 0
    for match in [*_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if end > pos:
            while para < len(breaks) and breaks[para] < pos:
                para += 1
            out.append(_sentence(norm, pos, end, para))
        if match is None:
            break
        pos = match.end()
    return out


def _sentence(norm: str, start: int, end: int, para: int) -> Sentence:
    bullet = _BULLET.match(norm, start) is not None and not norm[start].isdigit()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm, start, end)]
    return Sentence(start, end, para, bullet, tokens)
