"""``export`` (the ledger to CSV, JSON, Parquet, GeoJSON or the piterfm CSV) and ``compare``
(night-by-night agreement with a piterfm-format CSV)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from skyledger.commands.common import db_option, err, fail, open_db, out, parse_day
from skyledger.errors import SkyledgerError
from skyledger.export import exporters
from skyledger.export.compare import (
    DEFAULT_SOURCE,
    compare_nights,
    ledger_nights,
    read_reference,
    render_text,
)
from skyledger.models import Event
from skyledger.store import queries


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    parquet = "parquet"
    geojson = "geojson"
    piterfm = "piterfm"


def _events(db: str | None, since: str | None, until: str | None) -> list[Event]:
    store = open_db(db)
    try:
        return queries.list_events(
            store, since=parse_day(since, "--since"), until=parse_day(until, "--until")
        )
    finally:
        store.close()


def export_cmd(
    format: ExportFormat = typer.Option(
        ..., "--format", "-f", help="csv, json, parquet, geojson or piterfm."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write."),
    since: str | None = typer.Option(None, "--since", help="First night (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last night (YYYY-MM-DD)."),
    db: str | None = db_option(),
) -> None:
    """Write the ledger to a file: one row per event figure (csv, parquet), every event in
    full (json), the places hit with coordinates (geojson), or the columns of the piterfm
    "Massive Missile Attacks on Ukraine" dataset (piterfm).

    Example: skyledger export --format piterfm -o attacks.csv --since 2025-12-01
    """
    events = _events(db, since, until)
    try:
        n = exporters()[format.value](events, output)
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}") from exc
    err.print(f"wrote {n} {format.value} records from {len(events)} events to {output}")


def compare_cmd(
    reference: Path = typer.Argument(..., help="A CSV in the piterfm dataset's columns."),
    since: str | None = typer.Option(None, "--since", help="First night (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last night (YYYY-MM-DD)."),
    source: str = typer.Option(
        DEFAULT_SOURCE,
        "--source",
        help="Keep reference rows whose source contains this ('' keeps all rows).",
    ),
    summary: bool = typer.Option(False, "--summary", help="Print the summary only."),
    db: str | None = db_option(),
) -> None:
    """Compare our launched and destroyed totals with a piterfm-format CSV night by night:
    exact, within 5%, differing, or present on one side only. Without --since/--until the
    span of our own nights is compared.

    Example: skyledger compare missile_attacks_daily.csv --since 2025-12-01
    """
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    try:
        ref, skipped = read_reference(reference, source)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    ours = ledger_nights(_events(db, None, None))
    result = compare_nights(ours, ref, first, last)
    out.print(render_text(result, table=not summary), markup=False, highlight=False)
    if skipped:
        err.print(f"{skipped} daytime or undated reference rows left out")
