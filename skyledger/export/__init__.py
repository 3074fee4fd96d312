"""Exports of the ledger, one module per format, registered by name (``exporters``)."""

from __future__ import annotations

from skyledger.export.base import Exporter, Written


def exporters() -> dict[str, Exporter]:
    """Format name → function writing the events to a file."""
    from skyledger.export.csv import export_csv
    from skyledger.export.geojson import export_geojson
    from skyledger.export.json import export_json
    from skyledger.export.parquet import export_parquet
    from skyledger.export.piterfm import export_piterfm

    return {
        "csv": export_csv,
        "json": export_json,
        "parquet": export_parquet,
        "geojson": export_geojson,
        "piterfm": export_piterfm,
    }


FORMATS: tuple[str, ...] = ("csv", "json", "parquet", "geojson", "piterfm")

__all__ = ["FORMATS", "Exporter", "Written", "exporters"]
