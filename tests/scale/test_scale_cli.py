"""``skyledger extract -o`` and ``skyledger ingest --workers`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from scale_archives import write_archive
from typer.testing import CliRunner

from skyledger.cli import app

runner = CliRunner()


def test_extract_to_a_parquet_dataset_in_this_process(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "in", bad=True)
    out = tmp_path / "claims.parquet"
    result = runner.invoke(app, ["extract", str(archive), "-o", str(out), "--partition-size", "20"])
    assert result.exit_code == 3, result.output  # two lines failed, the rest was read
    assert "in/archive.jsonl:4: malformed JSON" in result.output
    assert "skipped by the pre-filter 0" in result.output
    assert len(list(out.glob("part-*.parquet"))) == 3
    assert pq.read_table(out).num_rows > 600
    failures = [json.loads(line) for line in (out / "_failures.jsonl").read_text().splitlines()]
    assert [(f["source"], f["line"]) for f in failures] == [
        ("in/archive.jsonl", 4),
        ("in/archive.jsonl", 10),
    ]


def test_ingest_on_a_running_scheduler_then_again(client: Any, tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "in")
    db = str(tmp_path / "ledger.db")
    address = client.scheduler.address
    args = ["ingest", str(archive), "--dask", address, "--db", db, "--partition-size", "25"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "dashboard http://" in first.output and "new 51" in first.output
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "new 0 · changed 0 · unchanged 51" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "x.jsonl", "--workers", "2"], "give -o claims.parquet"),
        (["extract", "-", "-o", "out"], "not standard input"),
        (["extract", "x.jsonl", "-o", "out", "--workers", "0"], "expected 1 or more"),
        (["extract", "a.jsonl", "-o", "out", "--dask", "h:1", "--workers", "2"], "not both"),
        (["extract", "missing.jsonl", "-o", "out"], "no such file"),
        (["ingest", "notes.txt", "--workers", "1"], "not an archive"),
        (["extract", "x.jsonl", "-o", "notes.txt"], "a file is there"),
    ],
)
def test_bad_options_are_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "x.jsonl").write_text('{"id": "a", "text": "b"}\n', encoding="utf-8")
    result = runner.invoke(
        app, [*args, "--db", str(tmp_path / "l.db")] if args[0] == "ingest" else args
    )
    assert result.exit_code == 1 and message in result.output, result.output
