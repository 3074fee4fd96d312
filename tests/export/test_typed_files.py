"""CSV and Parquet read back with the types a user expects (pandas and pyarrow), one column
per documented field, with the documents behind each figure; GeoJSON holds only the places
hit in attacks, where the gazetteer puts them."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from skyledger.export import exporters
from skyledger.export.geojson import feature_collection
from skyledger.export.rows import COLUMN_TYPES, FIGURE_COLUMNS
from skyledger.models import Event, TimeWindow

pd = pytest.importorskip("pandas")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"
URLS = {"news-test-2025-12-10": "https://example.org/odesa-port"}


def with_undated_event(events: list[Event]) -> list[Event]:
    """The test ledger plus a daytime event with no night (its start gives the moment)."""
    window = TimeWindow(start=datetime.fromisoformat("2025-12-15T14:30:00+02:00"))
    return [*events, Event(id=99, kind="talks", window=window, places=("Istanbul",))]


def test_csv_reads_back_typed_with_pandas(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    exporters()["csv"](with_undated_event(events), path, URLS)
    frame = pd.read_csv(path, parse_dates=["night"], date_format="%Y-%m-%d")
    assert list(frame.columns) == list(FIGURE_COLUMNS)
    assert str(frame["night"].dtype).startswith("datetime64")
    moments = pd.to_datetime(frame["start"], utc=True, format="ISO8601")
    assert moments.notna().sum() > 0
    assert frame["event_id"].dtype == "int64"
    assert frame.loc[frame["event_id"] == 99, "night"].isna().all()
    assert not frame["night"].dropna().astype(str).str.contains(":").any()
    downed = frame[(frame["key"] == "downed.drones") & (frame["event_id"] == 1)].iloc[0]
    assert downed["exact"] == 104 and downed["documents"] == "af-test-2025-12-10"
    launched = frame[(frame["key"] == "launched.drones") & (frame["event_id"] == 1)].iloc[0]
    assert launched["documents"] == "af-test-2025-12-10; news-test-2025-12-10"
    assert launched["urls"] == "https://example.org/odesa-port"


def test_parquet_has_typed_columns(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "ledger.parquet"
    exporters()["parquet"](with_undated_event(events), path, URLS)
    schema = pq.read_schema(path)
    assert schema.field("night").type == pa.date32()
    assert schema.field("start").type == pa.timestamp("ms", tz="Europe/Kyiv")
    assert schema.field("exact").type == pa.int64()
    assert schema.field("documents").type == pa.string()
    frame = pd.read_parquet(path)
    assert str(frame["start"].dtype) == "datetime64[ms, Europe/Kyiv]"
    first = frame[frame["event_id"] == 1].iloc[0]
    assert pd.Timestamp(first["night"]).date() == date(2025, 12, 10)
    assert first["start"].isoformat() == "2025-12-09T18:00:00+02:00"
    assert pd.isna(frame[frame["event_id"] == 99].iloc[0]["night"])


def test_every_column_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \| (int|bool|date|timestamp|text) \|", text, re.M))
    assert documented == set(COLUMN_TYPES.items())


def test_geojson_holds_only_places_hit_in_attacks(events: list[Event]) -> None:
    talks = Event(
        id=98,
        kind="talks",
        window=TimeWindow(night=date(2025, 12, 7)),
        places=("Florida", "Miami", "Abu Dhabi"),
    )
    data = feature_collection([*events, talks])
    names = {f["properties"]["name"] for f in data["features"]}
    assert names == {"Kharkiv", "Odesa"}
    assert data["unlocated"] == [] and data["not_in_ukraine"] == []


def test_geojson_places_only_what_the_gazetteer_knows(events: list[Event]) -> None:
    hits = Event(
        id=97,
        kind="air_attack",
        window=TimeWindow(night=date(2025, 12, 16)),
        places=("Florida", "Moscow", "Fastiv"),
    )
    data = feature_collection([hits])
    assert [f["properties"]["name"] for f in data["features"]] == ["Fastiv"]
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 49.9 < lat < 50.2 and 29.8 < lon < 30.1
    assert data["unlocated"] == ["Florida"]  # never a namesake in Colombia
    assert data["not_in_ukraine"] == ["Moscow"]


def test_geojson_export_notes_the_unlocated(tmp_path: Path) -> None:
    hits = Event(
        id=96, kind="air_attack", window=TimeWindow(night=date(2025, 12, 16)), places=("Nowhere",)
    )
    written = exporters()["geojson"]([hits], tmp_path / "x.geojson", {})
    assert written.notes == ["not on the map (no coordinates in the gazetteer): Nowhere"]
    assert json.loads((tmp_path / "x.geojson").read_text())["unlocated"] == ["Nowhere"]
