"""Parquet export (pyarrow): the CSV's rows with typed columns: ``night`` a date, ``start``
and ``end`` timestamps in Kyiv time, counts 64-bit integers, ``conflict`` a boolean.

The rows are written as the events come, a row group of ``ROW_GROUP`` rows at a time, so the
export holds one group's rows and never the events read before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from skyledger.export.base import Written
from skyledger.export.rows import COLUMN_TYPES, iter_figure_rows
from skyledger.models import Event

#: Rows per row group.
ROW_GROUP = 10_000


def schema() -> Any:
    import pyarrow as pa

    types = {
        "int": pa.int64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("ms", tz="Europe/Kyiv"),
        "text": pa.string(),
    }
    return pa.schema([pa.field(col, types[kind]) for col, kind in COLUMN_TYPES.items()])


def export_parquet(
    events: Iterable[Event],
    path: Path,
    urls: Mapping[str, str] | None = None,
    group: int = ROW_GROUP,
) -> Written:
    """Write the rows as one Parquet file, ``group`` rows to a row group (the last one
    shorter; one empty group when there are no rows); return how many rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if group < 1:
        raise ValueError("a row group holds at least one row")
    shape = schema()
    count = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, shape) as writer:
        for row in iter_figure_rows(events, urls):
            rows.append(row)
            if len(rows) == group:
                writer.write_table(pa.Table.from_pylist(rows, schema=shape))
                count, rows = count + len(rows), []
        if rows or not count:
            writer.write_table(pa.Table.from_pylist(rows, schema=shape))
            count += len(rows)
    return Written(count)
