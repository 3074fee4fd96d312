"""Exports and listings stream the ledger: ``queries.iter_events`` gives ``list_events``'s
events in its order a batch at a time, and every exporter takes its events once, writing as
it goes, with the same output as for a list of the same events; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import weakref
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import skyledger.resources
from skyledger.cli import app
from skyledger.export import FORMATS, exporters
from skyledger.export.base import Counted
from skyledger.export.geojson import ATTACK_KINDS, feature_collection, place_events
from skyledger.export.parquet import export_parquet, schema
from skyledger.export.piterfm import export_piterfm, rows_and_notes
from skyledger.export.rows import FIGURE_COLUMNS, figure_rows
from skyledger.ledger.summary import attack_row
from skyledger.models import Event
from skyledger.store import queries
from skyledger.store.db import Store, open_store

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"
PG_URL = os.environ.get("SKYLEDGER_TEST_PG_URL")
#: Filters of ``list_events``: none, a kind, a span of nights, both.
FILTERS: list[dict[str, Any]] = [
    {},
    {"kind": "air_attack"},
    {"since": date(2025, 12, 1), "until": date(2026, 1, 31)},
    {"kind": "air_attack", "since": date(2026, 1, 1)},
    {"kind": "no_such_kind"},
]


@pytest.fixture(scope="module")
def sample_url(sample_ledger_url: str) -> str:
    return sample_ledger_url


@pytest.fixture
def sample(sample_url: str) -> Iterator[Store]:
    store = open_store(sample_url)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def every(sample: Store) -> list[Event]:
    found = queries.list_events(sample)
    assert len(found) > 10  # several chunks of the sizes below
    return found


@pytest.mark.parametrize("chunk", [1, 2, 3, 500])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "all")
def test_iter_events_gives_list_events_in_order(
    sample: Store, filters: dict[str, Any], chunk: int
) -> None:
    assert list(queries.iter_events(sample, chunk=chunk, **filters)) == queries.list_events(
        sample, **filters
    )


def test_list_events_pages_are_slices_of_the_stream(sample: Store, every: list[Event]) -> None:
    assert queries.list_events(sample, limit=4, offset=3) == every[3:7]
    assert queries.list_events(sample, limit=4, offset=len(every)) == []


def test_a_stream_left_early_gives_its_connection_back(sample: Store) -> None:
    stream = queries.iter_events(sample, chunk=2)
    taken = [next(stream) for _ in range(3)]
    assert sample.engine.pool.checkedout() == 1  # type: ignore[attr-defined]
    stream.close()
    assert sample.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert taken == queries.list_events(sample, limit=3)


def _export(fmt: str, events: Iterable[Event], path: Path, urls: dict[str, str]) -> Any:
    """What an export wrote: the file's bytes, or the table of a Parquet file."""
    written = exporters()[fmt](events, path, urls)
    content: Any = pq.read_table(path) if fmt == "parquet" else path.read_bytes()
    return written, content


def dumped(document: dict[str, Any]) -> str:
    """The document as one ``json.dumps`` writes it (what the JSON export wrote before it
    streamed)."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_streamed_export_writes_what_a_list_gives(
    sample: Store, every: list[Event], tmp_path: Path, fmt: str
) -> None:
    urls = queries.document_urls(sample)
    listed = _export(fmt, every, tmp_path / f"list.{fmt}", urls)
    streamed = _export(fmt, queries.iter_events(sample, chunk=3), tmp_path / f"s.{fmt}", urls)
    assert streamed == listed
    assert listed[0].records > 0


def test_json_is_one_dump_of_the_whole_document(
    sample: Store, every: list[Event], tmp_path: Path
) -> None:
    urls = queries.document_urls(sample)
    path = tmp_path / "ledger.json"
    exporters()["json"](iter(every), path, urls)
    sources = {s for e in every for s in e.sources}
    whole = {
        "events": [e.model_dump(mode="json") for e in every],
        "urls": {i: u for i, u in sorted(urls.items()) if i in sources},
    }
    assert whole["urls"]  # the sample's news documents have links
    assert (
        path.read_text(encoding="utf-8") == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
    )


@pytest.mark.parametrize("events", [[], "talks"])
def test_json_of_no_event_or_no_link(
    every: list[Event], tmp_path: Path, events: list[Event] | str
) -> None:
    chosen = [e for e in every if e.kind == events] if isinstance(events, str) else events
    path = tmp_path / "few.json"
    exporters()["json"](iter(chosen), path, {})
    whole = {"events": [e.model_dump(mode="json") for e in chosen], "urls": {}}
    assert (
        path.read_text(encoding="utf-8") == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
    )


def test_geojson_is_what_the_attacks_per_place_give(every: list[Event], tmp_path: Path) -> None:
    """The features kept as small summaries hold what grouping the events themselves gives."""
    data = feature_collection(iter(every))
    grouped = place_events(every)
    assert data["features"]
    assert {f["properties"]["name"] for f in data["features"]} | set(data["unlocated"]) | set(
        data["not_in_ukraine"]
    ) == set(grouped)
    for feature in data["features"]:
        found = grouped[feature["properties"]["name"]]
        assert feature["properties"]["event_ids"] == [e.id for e in found]
        assert all(e.kind in ATTACK_KINDS for e in found)


def test_parquet_has_a_row_group_per_group_of_rows(every: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "grouped.parquet"
    written = export_parquet(iter(every), path, {}, group=7)
    whole = pa.Table.from_pylist(figure_rows(every), schema=schema())
    assert pq.ParquetFile(path).metadata.num_row_groups == -(-whole.num_rows // 7)
    assert pq.read_table(path).equals(whole) and written.records == whole.num_rows


def test_parquet_of_no_event_holds_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert export_parquet(iter([]), path, {}).records == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.equals(schema())


def watched(events: Iterable[Event], alive: list[int]) -> Iterator[Event]:
    """The events, noting before each one how many of those already given are still held
    somewhere (weak references: a consumer that keeps none frees each one it is done with)."""
    given: list[weakref.ref[Event]] = []
    for event in events:
        alive.append(sum(1 for ref in given if ref() is not None))
        given.append(weakref.ref(event))
        yield event
        del event  # this generator's own reference, dropped before taking the next one


@pytest.mark.parametrize(
    ("fmt", "most"),
    [
        ("csv", 1),
        ("json", 1),
        ("parquet", 1),  # the rows of a row group, not its events
        ("geojson", 1),
        ("piterfm", 4),  # one night's attacks: the sample has at most 3 on one night
    ],
)
def test_an_exporter_holds_no_more_than_it_needs(
    sample: Store, tmp_path: Path, fmt: str, most: int
) -> None:
    alive: list[int] = []
    exporter: Callable[..., Any] = exporters()[fmt]
    if fmt == "parquet":
        exporter = lambda events, path, urls: export_parquet(events, path, urls, group=5)  # noqa: E731
    stream = watched(queries.iter_events(sample, chunk=2), alive)
    enabled = gc.isenabled()
    gc.disable()  # only reference counts free the events: the same on every run
    try:
        exporter(stream, tmp_path / f"out.{fmt}", {})
    finally:
        if enabled:
            gc.enable()
    assert len(alive) > 10
    assert max(alive) <= most, alive


def failing_after(events: Iterable[Event], n: int) -> Iterator[Event]:
    for i, event in enumerate(events):
        if i == n:
            raise RuntimeError(f"the ledger failed after {n} events")
        yield event


def test_csv_rows_are_written_as_the_events_come(every: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "part.csv"
    with pytest.raises(RuntimeError):
        exporters()["csv"](failing_after(every, 5), path, {})
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["event_id"]) for r in rows] == [r["event_id"] for r in figure_rows(every[:5])]


def test_json_events_are_written_as_they_come(every: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "part.json"
    with pytest.raises(RuntimeError):
        exporters()["json"](failing_after(every, 5), path, {})
    written = path.read_text(encoding="utf-8")
    data = json.loads(written + "\n ]\n}")  # the document as far as it got
    assert [Event.model_validate(e) for e in data["events"]] == every[:5]


def test_parquet_row_groups_are_written_as_the_events_come(
    every: list[Event], tmp_path: Path
) -> None:
    path = tmp_path / "part.parquet"
    with pytest.raises(RuntimeError):
        export_parquet(failing_after(every, 5), path, {}, group=4)
    rows = figure_rows(every[:5])
    assert len(rows) >= 4  # a group was full before the failure
    table = pq.read_table(path)
    assert table.equals(pa.Table.from_pylist(rows[: len(rows) // 4 * 4], schema=schema()))


def test_piterfm_nights_are_written_as_they_end(every: list[Event], tmp_path: Path) -> None:
    attacks = [e for e in every if e.kind == "air_attack"]
    path = tmp_path / "part.csv"
    with pytest.raises(RuntimeError):
        export_piterfm(failing_after(attacks, 6), path)
    with path.open(encoding="utf-8", newline="") as fh:
        written = list(csv.DictReader(fh))
    # every night that ended before the failure: those of the six attacks given but the last
    last = attacks[5].window.night
    ended = [e for e in attacks[:6] if e.window.night != last]
    expected, _ = rows_and_notes(ended)
    assert written and len(written) == len(expected)
    assert [r["time_end"] for r in written] == [r["time_end"] for r in expected]


def test_piterfm_refuses_a_night_met_twice(every: list[Event], tmp_path: Path) -> None:
    attacks = [e for e in every if e.kind == "air_attack" and e.window.night]
    nights = list(dict.fromkeys(e.window.night for e in attacks))
    first = next(e for e in attacks if e.window.night == nights[0])
    second = next(e for e in attacks if e.window.night == nights[1])
    with pytest.raises(ValueError, match="not in ledger order"):
        export_piterfm([first, second, first], tmp_path / "x.csv")


def test_counted() -> None:
    counted = Counted(iter(range(7)))
    assert list(counted) == list(range(7)) and counted.count == 7


def test_commands_print_what_the_listed_events_give(sample_url: str, every: list[Event]) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["events", "--format", "json", "--db", sample_url])
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == [e.model_dump_json() for e in every]
    attacks = runner.invoke(app, ["attacks", "--format", "csv", "--db", sample_url])
    assert attacks.exit_code == 0, attacks.output
    rows = [attack_row(e) for e in every if e.kind == "air_attack"]
    expected = io.StringIO()
    writer = csv.DictWriter(expected, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                for k, v in row.items()
            }
        )
    assert attacks.stdout.replace("\r\n", "\n") == expected.getvalue().replace("\r\n", "\n")
    table = runner.invoke(app, ["attacks", "--db", sample_url])
    assert f"{len(rows)} attacks" in table.stdout
    empty = runner.invoke(app, ["events", "--format", "csv", "--kind", "none", "--db", sample_url])
    assert empty.exit_code == 0 and empty.stdout == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_command_counts_the_streamed_events(
    sample_url: str, every: list[Event], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(out), "--db", sample_url])
    assert result.exit_code == 0, result.output
    assert f"from {len(every)} events to {out}" in result.output
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as fh:
            assert tuple(next(csv.reader(fh))) == FIGURE_COLUMNS
