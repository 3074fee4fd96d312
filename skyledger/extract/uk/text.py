"""One report, normalised once: the lower-cased text with the same offsets, its sentences
(with the paragraph they sit in and whether they are list items) and their word tokens."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from skyledger.extract.canonical import Origin, canonical, original_span
from skyledger.extract.uk.gazetteer import Found, place_hits
from skyledger.extract.uk.marks import scan
from skyledger.extract.weapons import WeaponHit, normalize, weapon_hits


def letter_class() -> str:
    """``[^\\W\\d_]`` (a letter: a word character but no digit or "_") for the Basic
    Multilingual Plane, as explicit ranges: the regex engine tests a character against those
    with one bitmap lookup instead of two Unicode-category lookups, which made tokenising a
    third slower. (A letter beyond the plane — no report has one — is read as a symbol.)"""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        ch = chr(code)
        if ch.isalnum() and not ch.isdecimal() and ch != "_":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = [f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges]
    return "[" + "".join(parts) + "]"


# Words first (most tokens; a word and a number never start on the same character), then
# numbers ("1 200" before "1200", "181-м"), then any other character.
_L = letter_class()
# (A word is taken whole, "++"/"*+" not giving back: nothing after it could need a letter of
# it, and the regex engine keeps no backtracking state.)
_TOKEN = rf"{_L}++(?:['-]{_L}++)*+|\d{{1,3}}(?: \d{{3}})+(?!\d)|\d+(?:-{_L}{{1,3}}(?!\w))?|\S"
# Each token with the white space before it: the lengths give the offsets (no match objects).
_SPACED_TOKEN = re.compile(rf"(\s*+)({_TOKEN})")
# A sentence ends at a line break (with the white space after it), or at the spaces after
# . ! ? … before anything but a lower-case word or punctuation ("обл., рф", "рф)., 169" stay
# inside one sentence). Two searches, each starting with what the regex engine scans for fast
# (a line break; one of . ! ? …); their matches never overlap.
_LINE_BREAK = re.compile(r"\n\s*")
_SENTENCE_STOP = re.compile(r"[.!?…]([ \t]+)(?=[^\sa-zа-яіїєґ,;:()\-–—.\"'«»“”])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"[-–—•▪️🔹🔸]\s*")


@dataclass(slots=True)
class Sentence:
    """One sentence: offsets, paragraph number, whether it is a list item; its tokens are
    made on first use (most sentences of a report are never tokenised)."""

    norm: str
    start: int
    end: int
    paragraph: int
    bullet: bool
    _tokens: list[tuple[int, int, str]] | None = None
    _words: list[str] | None = None
    _starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        got = self._starts
        if got is None:
            return self._tokenise()[0]
        return got

    @property
    def tokens(self) -> list[tuple[int, int, str]]:
        got = self._tokens
        if got is None:
            return self._tokenise()[2]
        return got

    @property
    def words(self) -> list[str]:
        got = self._words
        if got is None:
            return self._tokenise()[1]
        return got

    def _tokenise(self) -> tuple[list[int], list[str], list[tuple[int, int, str]]]:
        """Tokens, their words and their starts. ``findall`` gives each word with the white
        space before it (tokens cover every other character), so adding up their lengths gives
        the offsets without a match object or a search per token."""
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = self.start
        # white space at the end holds no token: left out, it is not scanned again from each
        # of its characters (a long run of it would be quadratic)
        end = self.end
        while end > self.start and self.norm[end - 1].isspace():
            end -= 1
        for space, word in _SPACED_TOKEN.findall(self.norm, self.start, end):
            pos += len(space)
            starts.append(pos)
            words.append(word)
            pos += len(word)
            ends.append(pos)
        self._words = words
        self._starts = starts
        tokens = self._tokens = list(zip(starts, ends, words, strict=True))
        return starts, words, tokens


@dataclass(slots=True)
class Report:
    """A document's text prepared for the grammar: ``text`` is the ``canonical`` text (every
    offset of the grammar indexes it); ``origin`` maps its offsets back to the document's text
    when they differ."""

    text: str
    norm: str
    sentences: list[Sentence]
    weapons: list[WeaponHit]
    weapon_starts: list[int]
    weapon_ends: list[int]
    sentence_starts: list[int]
    places: list[Found]  # gazetteer mentions (uk/gazetteer.py)
    verb_starts: list[int]  # where a verb cue may start
    infra_starts: list[int]  # where an infrastructure phrase may start
    origin: Origin | None = None  # canonical offset → offset in the document's text
    source: str = ""  # the document's text (set when it differs from ``text``)

    @classmethod
    def of(cls, original: str) -> Report:
        text, origin = canonical(original)
        norm = normalize(text)
        marks = scan(norm)  # weapons, places, verb and infrastructure starts in one pass
        hits = weapon_hits(norm, marks.weapons)
        starts, ends = [h.start for h in hits], [h.end for h in hits]
        sentences = _sentences(text, norm)
        firsts = [s.start for s in sentences]
        places = place_hits(norm, marks.places)
        return cls(
            text, norm, sentences, hits, starts, ends, firsts, places,
            marks.verb_starts, marks.infra_starts, origin, original if text != original else "",
        )  # fmt: skip

    def quote(self, start: int, end: int) -> str:
        """The document's own words at canonical offsets ``start``-``end``."""
        if not self.source:
            return self.text[start:end]
        first, last = self.original(start, end)
        return self.source[first:last]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Canonical offsets ``start``-``end`` as offsets into the document's text."""
        return original_span(self.origin, start, end)

    def sentence_index(self, offset: int) -> int:
        """The index of the sentence holding ``offset`` (the nearest before it, if between)."""
        starts = self.sentence_starts
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def by_sentence(self, offsets: list[tuple[int, object]]) -> dict[int, list[object]]:
        out: dict[int, list[object]] = {}
        for offset, value in offsets:
            out.setdefault(self.sentence_index(offset), []).append(value)
        return out


def sentence_breaks(text: str) -> list[tuple[int, int]]:
    """Where sentences break: (end of one, start of the next), in order."""
    bounds = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)]
    stops = [m.span(1) for m in _SENTENCE_STOP.finditer(text)]
    return sorted(bounds + stops) if stops else bounds


def _sentences(text: str, norm: str) -> list[Sentence]:
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    nbreaks = len(breaks)
    out: list[Sentence] = []
    pos, para = 0, 0
    bounds = sentence_breaks(text)
    bounds.append((len(text), -1))
    bullet_at = _BULLET.match
    for end, after in bounds:
        if end > pos:
            while para < nbreaks and breaks[para] < pos:
                para += 1
            bullet = bullet_at(norm, pos) is not None and not norm[pos].isdigit()
            out.append(Sentence(norm, pos, end, para, bullet))
        pos = after
    return out
