"""The tokeniser of the uk grammar against its plain definition: words (letters, with inner
apostrophes and hyphens), numbers ("1 200", "181-м"), any other character; white space between.
The fast form (explicit letter ranges, possessive repeats, offsets from lengths) must give the
same tokens at the same offsets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.extract.uk.text import Sentence

PLAIN = re.compile(
    r"[^\W\d_]+(?:['-][^\W\d_]+)*|\d{1,3}(?: \d{3})+(?!\d)|\d+(?:-[^\W\d_]{1,3}(?!\w))?|\S"
)
PIECES = st.sampled_from(
    ["а", "ї", "б", "x", "Z", "1", "2", "9", "0", " ", "  ", "'", "-", ".", ",", "\n", "\t", "²",
     "_", "м", "1 200", "12-го", "181-м", "(", "«", "💥", "\u00a0"]
)  # fmt: skip


def plain_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in PLAIN.finditer(text, start, end)]


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join), st.data())
def test_tokens_match_the_plain_definition(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    sentence = Sentence(text, start, end, 0, False)
    assert sentence.tokens == plain_tokens(text, start, end)
    assert sentence.words == [t[2] for t in sentence.tokens]
    assert sentence.starts == [t[0] for t in sentence.tokens]


def test_a_report_line() -> None:
    text = "у ніч на 9-го  вересня збито 1 210 цілей (в т.ч. 38 ракет х-101)"
    sentence = Sentence(text, 0, len(text), 0, False)
    assert sentence.tokens == plain_tokens(text, 0, len(text))
    assert "1 210" in sentence.words and "х-101" not in sentence.words


# Sentence breaks in one search: a line break and the white space after it, or the spaces after
# . ! ? … before anything but a lower-case word or punctuation.
PLAIN_BREAK = re.compile(
    r"[\n \t](?:(?<=\n)\s*|(?<=[.!?…][ \t])[ \t]*(?=[^\sa-zа-яіїєґ,;:()\-–—.\"'«»“”]))"
)
BREAK_PIECES = st.sampled_from(
    ["а", "Б", "x", "1", ".", "!", "?", "…", " ", "  ", "\t", "\n", "\n\n", ",", "(", "«", "-"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(BREAK_PIECES, max_size=30).map("".join))
def test_sentence_breaks_match_the_plain_definition(text: str) -> None:
    from skyledger.extract.uk.text import sentence_breaks

    expected = [(m.start(), m.end()) for m in PLAIN_BREAK.finditer(text)]
    assert sentence_breaks(text) == expected
