"""``export`` (the ledger to CSV, JSON, Parquet, GeoJSON or the piterfm CSV) and ``compare``
(night-by-night agreement with a piterfm-format CSV)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from skyledger.commands.common import db_option, err, fail, open_db, out, parse_day

if TYPE_CHECKING:
    from skyledger.models import Event


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    parquet = "parquet"
    geojson = "geojson"
    piterfm = "piterfm"


@contextmanager
def _events(
    db: str | None, since: str | None, until: str | None
) -> Iterator[tuple[Generator[Event, None, None], dict[str, str]]]:
    """The ledger's events from the first night to the last, streamed (read a batch at a
    time while the store stays open), and the documents' links."""
    from skyledger.store import queries

    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    store = open_db(db)
    try:
        urls = queries.document_urls(store)
        events = queries.iter_events(store, since=first, until=last)
        try:
            yield events, urls
        finally:
            events.close()
    finally:
        store.close()


def export_cmd(
    format: ExportFormat = typer.Option(
        ..., "--format", "-f", help="csv, json, parquet, geojson or piterfm."
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="The file to write, or - for standard output."
    ),
    since: str | None = typer.Option(None, "--since", help="First night (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last night (YYYY-MM-DD)."),
    db: str | None = db_option(),
) -> None:
    """Write the ledger to a file: one row per event figure with typed columns (csv,
    parquet), every event in full (json), the places hit in attacks with coordinates
    (geojson), or the columns of the piterfm "Massive Missile Attacks on Ukraine" dataset
    (piterfm), whose rows add up to each night's totals.

    What cannot be written (a night whose figures contradict each other, a place with no
    coordinates) is named on standard error. The events are read and written a batch at a
    time, so the memory an export needs does not grow with the ledger.

    Example: skyledger export --format piterfm -o attacks.csv --since 2025-12-01
    """
    from skyledger.export import exporters
    from skyledger.export.base import Counted

    to_stdout = str(output) == "-"
    with _events(db, since, until) as (stream, urls):
        events = Counted(stream)  # counted as the exporter takes them
        target = _temporary(format.value) if to_stdout else output
        try:
            written = exporters()[format.value](events, target, urls)
            if to_stdout:
                with target.open("rb") as fh:
                    sys.stdout.flush()
                    shutil.copyfileobj(fh, sys.stdout.buffer)
                    sys.stdout.buffer.flush()
        except OSError as exc:
            raise fail(f"{output}: cannot write: {exc.strerror or exc}") from exc
        finally:
            if to_stdout:
                shutil.rmtree(target.parent, ignore_errors=True)
    for note in written.notes:
        err.print(f"note: {note}", markup=False)
    where = "standard output" if to_stdout else str(output)
    err.print(
        f"wrote {written.records} {format.value} records from {events.count} events to {where}",
        markup=False,
    )


def _temporary(suffix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix="skyledger-export-")) / f"export.{suffix}"


def compare_cmd(
    reference: Path = typer.Argument(..., help="A CSV in the piterfm dataset's columns."),
    since: str | None = typer.Option(None, "--since", help="First night (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last night (YYYY-MM-DD)."),
    source: str = typer.Option(
        "kpszsu",
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
    from skyledger.errors import SkyledgerError
    from skyledger.export.compare import compare_nights, ledger_nights, read_reference, render_text

    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    try:
        ref, skipped = read_reference(reference, source)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    with _events(db, None, None) as (events, _):
        ours = ledger_nights(events)
    result = compare_nights(ours, ref, first, last)
    result.skipped_rows = skipped
    out.print(render_text(result, table=not summary), markup=False, highlight=False)
    if skipped:
        err.print(f"{skipped} daytime or undated reference rows left out", markup=False)
