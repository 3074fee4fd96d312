"""JSON export: every event in full (figures, claims with their spans, conflicts, sources)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from skyledger.models import Event


def export_json(events: Iterable[Event], path: Path) -> int:
    """Write ``{"events": [...]}``; return how many events."""
    data = [event.model_dump(mode="json") for event in events]
    path.write_text(
        json.dumps({"events": data}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return len(data)
