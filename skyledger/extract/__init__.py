"""From one ``Document`` to its ``Claim``s: shared parts here, grammars in ``uk/``, ``en/``
and ``ru/``.

Pure: text in, claims out; no I/O and no global state beyond cached, read-only resources.
``NATIVE`` tells whether the grammar's hot modules run compiled (a wheel built with
``SKYLEDGER_COMPILE=1``) or as Python.
"""

from __future__ import annotations

from collections.abc import Callable

from skyledger.extract.native import NativeState
from skyledger.extract.options import DEFAULT_OPTIONS, ExtractOptions
from skyledger.models import Document, Extraction

NATIVE = NativeState()

Extractor = Callable[[Document, ExtractOptions], Extraction]


def _grammar(lang: str) -> Extractor:
    if lang == "en":
        from skyledger.extract.en import extract as extract_en

        return extract_en
    if lang == "ru":
        from skyledger.extract.ru import extract as extract_ru

        return extract_ru
    from skyledger.extract.uk import extract as extract_uk

    return extract_uk


def extract_document(doc: Document, options: ExtractOptions = DEFAULT_OPTIONS) -> Extraction:
    """Every claim one document makes, with spans."""
    return _grammar(doc.lang)(doc, options)


__all__ = ["NATIVE", "ExtractOptions", "extract_document"]
