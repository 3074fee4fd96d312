"""Helpers for the uk grammar tests: run one hand-written report and read its facts.

These tests are the Air Force report grammar's: they call it directly, whatever
``extract.route`` would decide for a sentence this short."""

from __future__ import annotations

from datetime import datetime

from skyledger.extract import ExtractOptions
from skyledger.extract.uk import extract as extract_report
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
    return extract_report(doc, ExtractOptions())


def facts(text: str, published: str | None = PUBLISHED) -> dict[str, FactValue]:
    return document_facts(report(text, published)).facts


def sets(text: str, published: str | None = PUBLISHED) -> dict[str, set[str]]:
    return document_facts(report(text, published)).sets
