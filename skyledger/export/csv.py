"""CSV export: one row per event figure (``rows.FIGURE_COLUMNS``), UTF-8 with a header."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from skyledger.export.rows import FIGURE_COLUMNS, figure_rows
from skyledger.models import Event


def export_csv(events: Iterable[Event], path: Path) -> int:
    """Write the rows; return how many."""
    rows = figure_rows(events)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FIGURE_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
