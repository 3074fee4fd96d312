"""The en grammar (placeholder: returns no claims until the grammar lands)."""

from __future__ import annotations

from skyledger.extract.options import ExtractOptions
from skyledger.models import Document, Extraction


def extract(doc: Document, options: ExtractOptions) -> Extraction:
    return Extraction(document_id=doc.id, lang=doc.lang)
