"""Parquet export (pyarrow): the CSV's rows with typed columns: ``night`` a date, ``start``
and ``end`` timestamps in Kyiv time, counts 64-bit integers, ``conflict`` a boolean."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from skyledger.export.base import Written
from skyledger.export.rows import COLUMN_TYPES, figure_rows
from skyledger.models import Event


def schema() -> object:
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
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write the rows as one Parquet file; return how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = figure_rows(events, urls)
    table = pa.Table.from_pylist(rows, schema=schema())
    pq.write_table(table, path)
    return Written(len(rows))
