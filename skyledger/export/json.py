"""JSON export: every event in full (figures, claims with their spans, conflicts, sources)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from skyledger.export.base import Written
from skyledger.models import Event


def export_json(
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write ``{"events": [...], "urls": {document id: link}}``; return how many events."""
    found = list(events)
    data = [event.model_dump(mode="json") for event in found]
    ids = {s for event in found for s in event.sources}
    links = {i: u for i, u in sorted((urls or {}).items()) if i in ids}
    body = {"events": data, "urls": links}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return Written(len(data))
