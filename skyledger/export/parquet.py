"""Parquet export (pyarrow): the CSV's rows with typed columns."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from skyledger.export.rows import FIGURE_COLUMNS, INT_COLUMNS, figure_rows
from skyledger.models import Event


def _type(column: str) -> pa.DataType:
    if column in INT_COLUMNS:
        return pa.int64()
    if column == "conflict":
        return pa.bool_()
    return pa.string()


SCHEMA = pa.schema([pa.field(col, _type(col)) for col in FIGURE_COLUMNS])


def export_parquet(events: Iterable[Event], path: Path) -> int:
    """Write the rows as one Parquet file; return how many."""
    rows = figure_rows(events)
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    pq.write_table(table, path)
    return len(rows)
