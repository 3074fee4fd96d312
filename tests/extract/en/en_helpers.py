"""Build an English article and read its gold-form facts."""

from __future__ import annotations

from datetime import datetime

from skyledger.extract.en import extract
from skyledger.extract.options import DEFAULT_OPTIONS
from skyledger.ledger.facts import DocumentFacts, document_facts
from skyledger.models import Document, Extraction


def article(
    text: str, title: str | None = None, published: str = "2025-06-14T09:00+03:00"
) -> Document:
    return Document(
        id="t",
        lang="en",
        medium="news",
        title=title,
        text=text,
        published_at=datetime.fromisoformat(published),
    )


def read(
    text: str, title: str | None = None, published: str = "2025-06-14T09:00+03:00"
) -> Extraction:
    return extract(article(text, title, published), DEFAULT_OPTIONS)


def facts(
    text: str, title: str | None = None, published: str = "2025-06-14T09:00+03:00"
) -> DocumentFacts:
    return document_facts(read(text, title, published))
