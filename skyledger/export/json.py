"""JSON export: every event in full (figures, claims with their spans, conflicts, sources).

The document is ``{"events": [...], "urls": {document id: link}}`` as ``json.dumps`` writes it
with ``indent=1``; it is written one event at a time, each event dumped on its own and indented
to its depth, so the file is the same byte for byte as one dump of the whole document while
no more than one event is held.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from skyledger.export.base import Written
from skyledger.models import Event


def _dump(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=1)`` writes it ``depth`` levels down a document
    (its first line not indented: it follows its key or the list's own indent)."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + " " * depth)  # JSON strings hold no raw newline


def export_json(
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write ``{"events": [...], "urls": {document id: link}}``; return how many events."""
    count = 0
    ids: set[str] = set()
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{\n "events": [')
        for event in events:
            fh.write(",\n  " if count else "\n  ")
            fh.write(_dump(event.model_dump(mode="json"), 2))
            ids.update(event.sources)
            count += 1
        fh.write("\n ]" if count else "]")
        links = {i: u for i, u in sorted((urls or {}).items()) if i in ids}
        fh.write(',\n "urls": ' + _dump(links, 1) + "\n}\n")
    return Written(count)
