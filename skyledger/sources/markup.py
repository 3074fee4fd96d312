"""HTML article pages, Telegram web-preview pages and feeds saved as files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from skyledger.errors import ReadError
from skyledger.models import Document, Failure


def read_markup(path: Path, kind: str, text: str) -> Iterator[Document | Failure]:
    """Documents from a saved page or feed, by the kind ``detect.sniff`` found."""
    if kind == "telegram_web":
        from skyledger.sources.telegram_web import parse_channel_page, post_document

        page = parse_channel_page(text)
        for post in page.posts:
            yield post_document(post)
        for problem in page.problems:
            yield Failure(source=str(path), reason=problem)
    elif kind == "feed":
        from skyledger.sources.rss import entry_document, read_feed

        for entry in read_feed(text, path.resolve().as_uri()):
            try:
                yield entry_document(entry)
            except (ReadError, ValueError) as exc:
                yield Failure(source=str(path), reason=f"feed entry {entry.id}: {exc}")
    else:
        from skyledger.sources.html import read_html_article

        yield read_html_article(text, None)
