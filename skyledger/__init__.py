"""skyledger: every number about the air war, traced to the sentence that said it.

The public library API; the command line, the API server and the web pages only call this.
Names are imported on first use, so ``import skyledger`` (and ``skyledger --help``) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_HOMES = {
    "ExtractOptions": "skyledger.extract",
    "extract_document": "skyledger.extract",
    "Claim": "skyledger.models",
    "Document": "skyledger.models",
    "Event": "skyledger.models",
    "Extraction": "skyledger.models",
    "Quantity": "skyledger.models",
    "Span": "skyledger.models",
    "TimeWindow": "skyledger.models",
}

if TYPE_CHECKING:
    from skyledger.extract import ExtractOptions, extract_document
    from skyledger.models import Claim, Document, Event, Extraction, Quantity, Span, TimeWindow


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'skyledger' has no attribute {name!r}")
    return getattr(import_module(home), name)


__all__ = [
    "Claim",
    "Document",
    "Event",
    "ExtractOptions",
    "Extraction",
    "Quantity",
    "Span",
    "TimeWindow",
    "__version__",
    "extract_document",
]
