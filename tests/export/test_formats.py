"""Each export format on the hand-written ledger, through the library and the CLI."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from skyledger.cli import app
from skyledger.export import FORMATS, exporters
from skyledger.export.coords import coordinates, in_ukraine_box
from skyledger.export.piterfm import COLUMNS, event_rows, model_name
from skyledger.export.rows import FIGURE_COLUMNS, figure_rows
from skyledger.models import Event


def test_every_format_is_registered() -> None:
    assert tuple(exporters()) == FORMATS


def test_figure_rows(events: list[Event]) -> None:
    rows = figure_rows(events)
    assert all(tuple(r) == FIGURE_COLUMNS for r in rows)
    row = next(r for r in rows if r["key"] == "downed.drones" and r["night"] == date(2025, 12, 10))
    assert (row["value"], row["exact"], row["claimant"], row["conflict"]) == (
        "104",
        104,
        "ua_air_force",
        False,
    )
    assert "104 БпЛА" in row["sentence"]
    launched = next(r for r in rows if r["key"] == "launched.drones" and r["event_id"] == 1)
    assert launched["conflict"] is True and launched["claims"] == 2


def test_csv(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    n = exporters()["csv"](events, path, {}).records
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n == len(figure_rows(events))
    assert tuple(rows[0]) == FIGURE_COLUMNS


def test_json_round_trips_events(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    exporters()["json"](events, path, {})
    loaded = [Event.model_validate(e) for e in json.loads(path.read_text())["events"]]
    assert loaded == events


def test_parquet(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "ledger.parquet"
    n = exporters()["parquet"](events, path, {}).records
    table = pq.read_table(path)
    assert table.num_rows == n
    assert tuple(table.column_names) == FIGURE_COLUMNS
    assert str(table.schema.field("exact").type) == "int64"
    assert str(table.schema.field("conflict").type) == "bool"


def test_geojson(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "places.geojson"
    exporters()["geojson"](events, path, {})
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert set(by_name) == {"Kharkiv", "Odesa"}
    lon, lat = by_name["Odesa"]["geometry"]["coordinates"]
    assert 46 < lat < 47 and 30 < lon < 31
    assert by_name["Odesa"]["properties"]["event_ids"] == [1]
    assert by_name["Odesa"]["properties"]["events"][0]["figures"]["downed.drones"] == "104"


@pytest.mark.parametrize("name", ["Kyiv", "Odesa", "Kharkiv Oblast", "Fastiv", "Lviv"])
def test_coordinates_of_ukrainian_places(name: str) -> None:
    point = coordinates(name)
    assert point is not None and in_ukraine_box(point)


def test_coordinates_of_an_unknown_place() -> None:
    assert coordinates("Nowhere-on-Earth-ville") is None
    assert coordinates("") is None


@pytest.mark.parametrize(
    ("weapon", "name"),
    [
        ("shahed", "Shahed-136/131"),
        ("gerbera", "Shahed-136/131"),
        ("kh-101", "X-101/X-555"),
        ("kh-101/kh-555/kh-55", "X-101/X-555"),
        ("iskander-m/kn-23", "Iskander-M/KN-23"),
        ("iskander-m/s-400", "C-400 and Iskander-M"),
        ("kh-22/kh-32", "X-22 and X-32"),
        ("kinzhal", "X-47 Kinzhal"),
        ("s-300/s-400", "C-300/C-400"),
        ("zircon", "3M22 Zircon"),
    ],
)
def test_model_names(weapon: str, name: str) -> None:
    assert model_name(weapon) == name


def test_piterfm_rows(events: list[Event]) -> None:
    first = event_rows(events[0])
    assert [tuple(r) for r in first] == [COLUMNS, COLUMNS]
    drones, missiles = first
    assert (drones["model"], drones["launched"], drones["destroyed"]) == (
        "Shahed-136/131",
        120,
        104,
    )
    assert (drones["time_start"], drones["time_end"]) == ("2025-12-09 18:00", "2025-12-10 08:30")
    assert drones["num_hit_location"] == 7
    assert drones["affected region"] == "['Odesa']"
    assert (missiles["model"], missiles["launched"], missiles["destroyed"]) == (
        "X-101/X-555",
        6,
        5,
    )
    assert missiles["num_hit_location"] is None
    assert event_rows(events[2])[0]["time_start"] == "2025-12-13"  # night only: dates only


def test_piterfm_adds_the_unknown_missile_remainder(events: list[Event]) -> None:
    from skyledger.models import Figure, Quantity

    extra = Figure(key="launched.missiles", quantity=Quantity(exact=9), claimant="ua_air_force")
    figures = (*(f for f in events[0].figures if f.key != "launched.missiles"), extra)
    rows = event_rows(events[0].model_copy(update={"figures": figures}))
    assert [r["model"] for r in rows] == ["Shahed-136/131", "X-101/X-555", "Unknown Missile"]
    assert rows[2]["launched"] == 3 and rows[2]["destroyed"] == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_command(ledger_url: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        app, ["export", "--format", fmt, "-o", str(out), "--db", ledger_url]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    assert f"from 3 events to {out}" in result.output


def test_export_command_filters_nights(ledger_url: str, tmp_path: Path) -> None:
    out = tmp_path / "some.json"
    args = ["export", "-f", "json", "-o", str(out), "--since", "2025-12-11", "--db", ledger_url]
    assert CliRunner().invoke(app, args).exit_code == 0
    nights = [e["window"]["night"] for e in json.loads(out.read_text())["events"]]
    assert nights == ["2025-12-12", "2025-12-14"]


def test_export_command_errors(ledger_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    bad_day = runner.invoke(
        app,
        [
            "export",
            "-f",
            "csv",
            "-o",
            str(tmp_path / "x.csv"),
            "--since",
            "12/11",
            "--db",
            ledger_url,
        ],
    )
    assert bad_day.exit_code == 1
    assert "--since '12/11': expected a date as YYYY-MM-DD" in bad_day.output
    no_dir = runner.invoke(
        app, ["export", "-f", "csv", "-o", str(tmp_path / "no" / "x.csv"), "--db", ledger_url]
    )
    assert no_dir.exit_code == 1
    assert "Error:" in no_dir.output and "cannot write" in no_dir.output
