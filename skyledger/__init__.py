"""skyledger: every number about the air war, traced to the sentence that said it.

The public library API; the command line, the API server and the web pages only call this.
"""

from __future__ import annotations

from skyledger.extract import ExtractOptions, extract_document
from skyledger.models import Claim, Document, Event, Extraction, Quantity, Span, TimeWindow

__version__ = "0.1.0"

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
