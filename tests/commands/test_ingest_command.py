"""``skyledger ingest`` tells what happened: each failure as it happens, exit codes that say
whether anything failed, a date for undated texts, and Ctrl-C that keeps what was read."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from command_helpers import night_report, write_corpus
from typer.testing import CliRunner

from skyledger.cli import app

runner = CliRunner()


def test_each_failed_input_is_printed_with_file_line_and_reason(
    tmp_path: Path, report_file: Path, sqlite_url: str
) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(night_report(8)) + "\n{not json\n", encoding="utf-8")
    mistyped = tmp_path / "reprots.jsonl"
    result = runner.invoke(
        app, ["ingest", str(report_file), str(mistyped), str(broken), "--db", sqlite_url]
    )
    assert result.exit_code == 3, result.output
    folder = tmp_path.name
    assert f"failed: {folder}/reprots.jsonl: no such file or directory" in result.output
    assert f"failed: {folder}/broken.jsonl:2: malformed JSON" in result.output
    assert "read 3 · new 3" in result.output and "failed 2" in result.output


def test_exit_code_is_zero_only_when_everything_was_read(
    report_file: Path, sqlite_url: str
) -> None:
    result = runner.invoke(app, ["ingest", str(report_file), "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "failed:" not in result.output


def test_a_folder_with_a_table_in_it_lists_the_table_as_a_failure(
    tmp_path: Path, sqlite_url: str
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_corpus(folder / "reports.jsonl", [night_report(6)])
    (folder / "missile_attacks_daily.csv").write_text("time_start,model\n" * 1000)
    result = runner.invoke(app, ["ingest", str(folder), "--db", sqlite_url])
    assert result.exit_code == 3
    assert "failed: inbox/missile_attacks_daily.csv: not a document (.csv files" in result.output
    status = runner.invoke(app, ["status", "--db", sqlite_url])
    assert "documents: 1" in status.output


def test_an_undated_text_is_warned_about_and_published_at_places_it(
    tmp_path: Path, sqlite_url: str
) -> None:
    report = tmp_path / "report.txt"
    report.write_text("У ніч на 8 грудня ворог запустив 64 ударні БпЛА.", encoding="utf-8")
    plain = runner.invoke(app, ["ingest", str(report), "--db", sqlite_url])
    assert plain.exit_code == 0, plain.output
    assert f"warning: {tmp_path.name}/report.txt: no date in the file or its text" in plain.output
    dated = runner.invoke(
        app, ["ingest", str(report), "--published-at", "2025-12-08", "--db", sqlite_url]
    )
    assert dated.exit_code == 0, dated.output
    assert "warning" not in dated.output
    listed = runner.invoke(app, ["attacks", "--format", "json", "--db", sqlite_url])
    nights = [json.loads(line)["window"]["night"] for line in listed.stdout.splitlines()]
    assert "2025-12-08" in nights


def test_a_text_with_a_full_date_gets_its_night(tmp_path: Path, sqlite_url: str) -> None:
    report = tmp_path / "report.md"
    report.write_text(
        "# Звіт\n\nУ ніч на 8 грудня 2025 року ворог запустив 64 ударні БпЛА. Збито 50 БпЛА.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ingest", str(report), "--db", sqlite_url])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    listed = runner.invoke(app, ["attacks", "--format", "csv", "--db", sqlite_url])
    assert "2025-12-08" in listed.stdout


def test_published_at_must_be_a_date(report_file: Path, sqlite_url: str) -> None:
    result = runner.invoke(
        app, ["ingest", str(report_file), "--published-at", "8 Dec", "--db", sqlite_url]
    )
    assert result.exit_code == 1
    assert "--published-at '8 Dec': expected YYYY-MM-DD" in result.output


def test_two_reports_of_one_name_in_two_folders_are_two_documents(
    tmp_path: Path, sqlite_url: str
) -> None:
    for folder, figure in (("kyiv", 40), ("odesa", 52)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(
            f"8 грудня 2025 року над областю збито {figure} БпЛА.", encoding="utf-8"
        )
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", sqlite_url])
    assert "new 2 · changed 0" in result.output, result.output
    status = runner.invoke(app, ["status", "--db", sqlite_url])
    assert "documents: 2" in status.output and "revisions: 2" in status.output


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_ctrl_c_stores_the_current_batch_builds_its_events_and_reports(tmp_path: Path) -> None:
    docs = []
    for i in range(4000):
        doc = night_report(1 + i % 28, 100 + i % 50, 90)
        docs.append({**doc, "id": f"t-{i}", "text": doc["text"] + f" Звіт {i}."})
    corpus = write_corpus(tmp_path / "big.jsonl", docs)
    db = tmp_path / "ledger.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "skyledger", "ingest", str(corpus), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 120
    while _count(db, "documents") == 0 and proc.poll() is None:
        assert time.monotonic() < deadline, "no batch was stored within 120 s"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "stopping after this batch" in stderr
    assert "interrupted: what was read so far is stored and its events are built" in stderr
    stored = _count(db, "documents")
    assert 0 < stored < 4000
    assert f"read {stored} · new {stored}" in stderr
    assert _count(db, "events") > 0
    with sqlite3.connect(db) as conn:
        stale = conn.execute(
            "SELECT value FROM cursors WHERE key = 'ledger:events-stale'"
        ).fetchone()
    assert stale == ("0",)  # the events were rebuilt from what was stored
