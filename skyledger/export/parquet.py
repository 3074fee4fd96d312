"""Parquet export (pyarrow): the CSV's rows with typed columns: ``night`` a date, ``start``
and ``end`` timestamps in Kyiv time, counts 64-bit integers, ``conflict`` a boolean.

The rows are written as they come, one row group per batch of events (``base.BATCH``), so
the export holds one batch at a time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from skyledger.export.base import BATCH, Written, batched
from skyledger.export.rows import COLUMN_TYPES, iter_figure_rows
from skyledger.models import Event


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
    batch: int = BATCH,
) -> Written:
    """Write the rows as one Parquet file, a row group per ``batch`` events; return how
    many rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    shape = schema()
    count = 0
    with pq.ParquetWriter(path, shape) as writer:
        for group in batched(events, batch):
            rows = list(iter_figure_rows(group, urls))
            writer.write_table(pa.Table.from_pylist(rows, schema=shape))
            count += len(rows)
            del group, rows  # not held while the next batch is taken
        if not count:  # no rows: the file still holds the columns, as an empty table
            writer.write_table(shape.empty_table())
    return Written(count)
