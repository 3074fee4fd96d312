"""Helpers for the uk grammar tests: run one hand-written report and read its facts."""

from __future__ import annotations

from datetime import datetime

from skyledger.extract import ExtractOptions, extract_document
from skyledger.ledger.facts import FactValue, document_facts
from skyledger.models import Document, Extraction

PUBLISHED = "2025-12-06T09:10:00+02:00"


def report(text: str, published: str | None = PUBLISHED, medium: str = "telegram") -> Extraction:
    doc = Document(
        id="t",
        source="Ukrainian Air Force",
        medium=medium,
        lang="uk",
        text=text,
        published_at=datetime.fromisoformat(published) if published else None,
    )
    return extract_document(doc, ExtractOptions())


def facts(text: str, published: str | None = PUBLISHED) -> dict[str, FactValue]:
    return document_facts(report(text, published)).facts


def sets(text: str, published: str | None = PUBLISHED) -> dict[str, set[str]]:
    return document_facts(report(text, published)).sets
