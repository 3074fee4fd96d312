"""From one ``Document`` to its ``Claim``s: shared parts here, grammars in ``uk/``, ``en/``
and ``ru/``.

Pure: text in, claims out; no I/O and no global state beyond cached, read-only resources.
``NATIVE`` tells whether the grammar's hot modules run compiled (a wheel built with
``SKYLEDGER_COMPILE=1``) or as Python.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from skyledger.extract.limits import DocumentTooLarge, capped, check_size
from skyledger.extract.native import NativeState
from skyledger.extract.options import DEFAULT_OPTIONS, ExtractOptions
from skyledger.models import Document, Extraction, Failure

NATIVE = NativeState()

Extractor = Callable[[Document, ExtractOptions], Extraction]


@cache
def _english() -> Extractor:
    from skyledger.extract.en import extract

    return extract


@cache
def _russian() -> Extractor:
    from skyledger.extract.ru import extract

    return extract


@cache
def _report() -> Extractor:
    from skyledger.extract.uk import extract

    return extract


@cache
def _ukrainian() -> Extractor:
    from skyledger.extract.uk.news import extract

    return extract


@cache
def _router() -> Callable[[Document], str]:
    from skyledger.extract.route import route

    return route


def _grammar(doc: Document) -> Extractor:
    """The grammar for a document, each imported once when first needed (an import statement
    in every call would cost more than routing)."""
    if doc.lang == "en":
        return _english()
    if doc.lang == "ru":
        return _russian()
    if _router()(doc) == "news":
        return _ukrainian()
    return _report()


def extract_document(doc: Document, options: ExtractOptions = DEFAULT_OPTIONS) -> Extraction:
    """Every claim one document makes, with spans. A ``uk`` text goes to the Air Force report
    grammar when ``route`` finds a report, else to the Ukrainian news grammar.

    Raises ``DocumentTooLarge`` for a document past ``limits.MAX_DOCUMENT_CHARS``; keeps at
    most the claims ``limits`` allows per document and per sentence (a note in
    ``inconsistencies`` says how many were dropped)."""
    check_size(doc)
    extraction = _grammar(doc)(doc, options)
    claims, dropped = capped(extraction.claims)
    if claims is extraction.claims:
        return extraction
    notes = extraction.inconsistencies
    if dropped:
        notes = (*notes, f"{dropped} claims past the limits per document and sentence dropped")
    return extraction.model_copy(update={"claims": claims, "inconsistencies": notes})


def extract_or_failure(
    doc: Document, options: ExtractOptions = DEFAULT_OPTIONS
) -> Extraction | Failure:
    """``extract_document``, or the failure that names why a document gave nothing: past the
    size limit, or a grammar error (that document only: a run goes on)."""
    try:
        return extract_document(doc, options)
    except DocumentTooLarge as exc:
        reason = str(exc)
    except Exception as exc:  # a grammar bug must not lose the document or stop the run
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
    return Failure(source=doc.id, reason=reason, excerpt=doc.text[:200])


__all__ = ["NATIVE", "DocumentTooLarge", "ExtractOptions", "extract_document", "extract_or_failure"]
