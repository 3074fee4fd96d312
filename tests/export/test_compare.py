"""``compare``: a piterfm-format CSV written here (never the dataset itself) against the
hand-written ledger, night by night."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skyledger.cli import app
from skyledger.export.compare import (
    NightTotals,
    agreement,
    compare_nights,
    ledger_nights,
    read_reference,
    reference_night,
    render_text,
)
from skyledger.export.piterfm import COLUMNS, export_piterfm
from skyledger.models import Event

# night 10 Dec: 120 + 6 launched, 104 + 5 destroyed in our ledger
ROWS = [
    ("2025-12-09 18:00", "2025-12-10 08:30", "Shahed-136/131", 120, 104, "kpszsu/posts/a"),
    ("2025-12-09 18:00", "2025-12-10 08:30", "X-101/X-555", 6, 5, "kpszsu/posts/a"),
    ("2025-12-10", "2025-12-10", "Unknown UAV", 30, 30, "PvKPivden/posts/b"),  # regional
    ("2025-12-11 18:00", "2025-12-12 09:00", "Shahed-136/131", 82, 65, "kpszsu/posts/c"),
    ("2025-12-13 19:00", "2025-12-14 08:00", "Shahed-136/131", 50, 14, "kpszsu/posts/d"),
    ("2025-12-14 10:00", "2025-12-14 16:00", "Iskander-M", 2, 0, "kpszsu/posts/e"),  # daytime
    ("2025-12-15 18:00", "2025-12-16 08:00", "Shahed-136/131", 99, 90, "kpszsu/posts/f"),
]


def write_reference(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for start, end, model, launched, destroyed, source in ROWS:
            writer.writerow(
                {
                    "time_start": start,
                    "time_end": end,
                    "model": model,
                    "target": "Ukraine",
                    "launched": f"{launched}.0",
                    "destroyed": f"{destroyed}.0",
                    "source": source,
                }
            )
    return path


@pytest.mark.parametrize(
    ("start", "end", "night"),
    [
        ("2025-12-09 18:00", "2025-12-10 08:30", date(2025, 12, 10)),
        ("2025-12-10 01:20", "2025-12-10 03:00", date(2025, 12, 10)),
        ("2025-12-09 18:00", "2025-12-10 16:00", date(2025, 12, 10)),  # overnight, ends late
        ("2025-12-10", "2025-12-10", date(2025, 12, 10)),  # dates only
        ("2025-12-10 10:00", "2025-12-10 16:00", None),  # daytime
        ("2025-12-10 10:00", "soon", None),
        ("2025-12-10 18:00", "2025-12-11 07:00 ", date(2025, 12, 11)),  # trailing space
    ],
)
def test_reference_night(start: str, end: str, night: date | None) -> None:
    assert reference_night(start, end) == night


@pytest.mark.parametrize(
    ("ours", "reference", "status"),
    [
        (100, 100, "exact"),
        (100, 96, "within_5pct"),
        (96, 100, "within_5pct"),
        (100, 90, "differing"),
        (0, 1, "differing"),
        (100, None, "only_ours"),
        (None, 100, "only_reference"),
        (None, None, "none"),
    ],
)
def test_agreement(ours: int | None, reference: int | None, status: str) -> None:
    assert agreement(ours, reference) == status


def test_read_reference_keeps_air_force_nights(tmp_path: Path) -> None:
    nights, skipped = read_reference(write_reference(tmp_path / "ref.csv"))
    assert nights[date(2025, 12, 10)] == NightTotals(launched=126, destroyed=109, rows=2)
    assert set(nights) == {date(2025, 12, d) for d in (10, 12, 14, 16)}
    assert skipped == 1
    every, _ = read_reference(tmp_path / "ref.csv", source="")
    assert every[date(2025, 12, 10)].launched == 156


def test_read_reference_refuses_other_csv(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(Exception, match="not a piterfm CSV: no destroyed, launched"):
        read_reference(path)


def test_compare_nights(events: list[Event], tmp_path: Path) -> None:
    reference, _ = read_reference(write_reference(tmp_path / "ref.csv"))
    result = compare_nights(ledger_nights(events), reference)
    status = {row.night.day: row.status for row in result.nights}
    assert status[10] == {"launched": "exact", "destroyed": "exact"}
    assert status[12] == {"launched": "within_5pct", "destroyed": "exact"}
    assert status[14] == {"launched": "only_reference", "destroyed": "differing"}
    assert 16 not in status  # after our last night
    summary = result.summary()
    assert summary["launched"]["exact"] == 1 and summary["destroyed"]["differing"] == 1


def test_our_piterfm_export_agrees_with_itself(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "ours.csv"
    export_piterfm(events, path)
    reference, skipped = read_reference(path, source="")
    result = compare_nights(ledger_nights(events), reference)
    assert skipped == 0
    for row in result.nights:
        assert set(row.status.values()) <= {"exact", "none"}, row


def test_compare_command(ledger_url: str, tmp_path: Path) -> None:
    ref = write_reference(tmp_path / "ref.csv")
    result = CliRunner().invoke(app, ["compare", str(ref), "--db", ledger_url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "night",
        "ours",
        "L",
        "ref",
        "L",
        "launched",
        "ours",
        "D",
        "ref",
        "D",
        "destroyed",
    ]
    assert lines[1].split() == ["2025-12-10", "126", "126", "exact", "109", "109", "exact"]
    assert "nights compared: 3 (2025-12-10 to 2025-12-14); on both sides 3, only ours 0" in (
        result.output
    )
    assert (
        "launched: exact 1, within_5pct 1, differing 0, only_ours 0, only_reference 1"
        in result.output
    )
    assert "1 daytime or undated reference rows left out" in result.output


def test_compare_command_with_bounds_and_all_sources(ledger_url: str, tmp_path: Path) -> None:
    ref = write_reference(tmp_path / "ref.csv")
    args = ["compare", str(ref), "--since", "2025-12-10", "--until", "2025-12-16", "--source", ""]
    result = CliRunner().invoke(app, [*args, "--db", ledger_url])
    assert result.exit_code == 0, result.output
    assert "2025-12-10      126     156 differing" in result.output
    assert "nights compared: 4 (2025-12-10 to 2025-12-16)" in result.output


def test_compare_command_summary_only(ledger_url: str, tmp_path: Path) -> None:
    ref = write_reference(tmp_path / "ref.csv")
    result = CliRunner().invoke(app, ["compare", str(ref), "--summary", "--db", ledger_url])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("nights compared: 3")
    assert "2025-12-10  " not in result.output


def test_compare_command_missing_file(ledger_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["compare", str(tmp_path / "nope.csv"), "--db", ledger_url])
    assert result.exit_code == 1
    assert "Error:" in result.output and "nope.csv: cannot read" in result.output


def test_render_text_of_nothing() -> None:
    text = render_text(compare_nights({}, {}))
    assert "nights compared: 0" in text
