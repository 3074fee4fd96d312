"""Source text with the claimed words marked: every piece escaped, ``<mark>`` added around
span offsets. Text from a document never reaches the page as markup."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from skyledger.models import Span

#: Characters shown each side of a span when its sentence cannot be found in the text.
CONTEXT = 160


def merge(ranges: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Ranges clipped to ``[0, length]``, sorted, overlapping ones joined, empty ones dropped."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in ranges):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def mark(text: str, ranges: Iterable[tuple[int, int]]) -> Markup:
    """``text`` escaped, with each range wrapped in ``<mark>``."""
    parts: list[Markup] = []
    pos = 0
    for start, end in merge(ranges, len(text)):
        parts.append(escape(text[pos:start]))
        parts.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        pos = end
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def sentence_start(text: str, span: Span) -> int | None:
    """Where the span's sentence starts in ``text`` (the occurrence that holds the span)."""
    sentence = span.sentence
    if not sentence:
        return None
    pos = text.find(sentence)
    while pos != -1:
        if pos <= span.start and span.end <= pos + len(sentence):
            return pos
        pos = text.find(sentence, pos + 1)
    return None


def field_text(title: str | None, text: str, span: Span) -> str:
    return (title or "") if span.field == "title" else text


def marked_sentence(title: str | None, text: str | None, spans: list[Span]) -> Markup:
    """The sentence of ``spans[0]`` with every span of the list that falls inside it marked.

    Without the document's text, or when the sentence is not found there, a window of text
    around the span (or the bare sentence) is shown instead.
    """
    first = spans[0]
    source = field_text(title, text, first) if text is not None else ""
    start = sentence_start(source, first)
    if start is not None:
        end = start + len(first.sentence)
    elif source and first.end <= len(source):
        start, end = max(0, first.start - CONTEXT), min(len(source), first.end + CONTEXT)
    else:
        return escape(first.sentence)
    same = [s for s in spans if s.field == first.field and start <= s.start and s.end <= end]
    return mark(source[start:end], [(s.start - start, s.end - start) for s in same])
