"""CSV export: one row per event figure (``rows.FIGURE_COLUMNS``), UTF-8 with a header; dates
and times in ISO 8601 (``2025-12-10``, ``2025-12-09T18:00:00+02:00``). Rows are written as
the events come."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from skyledger.export.base import Written
from skyledger.export.rows import FIGURE_COLUMNS, iter_figure_rows, text_cell
from skyledger.models import Event


def export_csv(
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write the rows; return how many."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FIGURE_COLUMNS))
        writer.writeheader()
        for row in iter_figure_rows(events, urls):
            writer.writerow({k: text_cell(v) for k, v in row.items()})
            count += 1
    return Written(count)
