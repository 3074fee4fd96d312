"""CSV export: one row per event figure (``rows.FIGURE_COLUMNS``), UTF-8 with a header; dates
and times in ISO 8601 (``2025-12-10``, ``2025-12-09T18:00:00+02:00``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from skyledger.export.base import Written
from skyledger.export.rows import FIGURE_COLUMNS, figure_rows, text_cell
from skyledger.models import Event


def export_csv(
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write the rows; return how many."""
    rows = figure_rows(events, urls)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FIGURE_COLUMNS))
        writer.writeheader()
        writer.writerows({k: text_cell(v) for k, v in row.items()} for row in rows)
    return Written(len(rows))
