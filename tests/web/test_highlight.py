"""Marked-up source text: pieces escaped, ``<mark>`` from span offsets only."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skyledger.models import Span
from skyledger.web.highlight import mark, marked_sentence, merge


@pytest.mark.parametrize(
    ("text", "ranges", "expected"),
    [
        ("збито 65 дронів", [(6, 8)], "збито <mark>65</mark> дронів"),
        ("a <b>5</b> c", [(5, 6)], "a &lt;b&gt;<mark>5</mark>&lt;/b&gt; c"),
        ("x & y", [], "x &amp; y"),
        ("0123456789", [(2, 4), (3, 6)], "01<mark>2345</mark>6789"),
        ("0123456789", [(8, 20)], "01234567<mark>89</mark>"),
        ("0123456789", [(4, 4)], "0123456789"),
        ("<script>alert(1)</script>", [(8, 16)],
         "&lt;script&gt;<mark>alert(1)</mark>&lt;/script&gt;"),
    ],
)  # fmt: skip
def test_mark(text: str, ranges: list[tuple[int, int]], expected: str) -> None:
    assert str(mark(text, ranges)) == expected


def test_merge_joins_touching_ranges() -> None:
    assert merge([(5, 7), (0, 2), (2, 3)], 10) == [(0, 3), (5, 7)]


TEXT = "Перше речення. У ніч на 12 грудня збито 65 дронів. Третє речення."


def span(words: str, sentence: str) -> Span:
    start = TEXT.index(words)
    return Span(document_id="d", start=start, end=start + len(words), sentence=sentence)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([span("65 дронів", "У ніч на 12 грудня збито 65 дронів.")],
         "У ніч на 12 грудня збито <mark>65 дронів</mark>."),
        ([span("65", "У ніч на 12 грудня збито 65 дронів."),
          span("12 грудня", "У ніч на 12 грудня збито 65 дронів.")],
         "У ніч на <mark>12 грудня</mark> збито <mark>65</mark> дронів."),
        # a sentence that is not in the text: a window around the span instead
        ([span("65 дронів", "no such sentence")],
         TEXT.replace("65 дронів", "<mark>65 дронів</mark>")),
    ],
)  # fmt: skip
def test_marked_sentence(spans: list[Span], expected: str) -> None:
    assert str(marked_sentence(None, TEXT, spans)) == expected


def test_marked_sentence_without_text_shows_the_escaped_sentence() -> None:
    quote = marked_sentence(None, None, [Span(document_id="d", start=0, end=1, sentence="<i>")])
    assert str(quote) == "&lt;i&gt;"


@given(
    st.text(max_size=80),
    st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=4),
)
def test_mark_never_lets_markup_through(text: str, ranges: list[tuple[int, int]]) -> None:
    out = str(mark(text, ranges))
    bare = out.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in bare and ">" not in bare
    assert html.unescape(bare) == text
    assert len(re.findall("<mark>", out)) == len(merge(ranges, len(text)))
