"""The command line through its real entry point (Typer's runner) and once as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skyledger.cli import app

runner = CliRunner()

REPORT = {
    "id": "t-2025-12-06",
    "source": "Повітряні сили",
    "medium": "telegram",
    "lang": "uk",
    "published_at": "2025-12-06T09:00:00+02:00",
    "text": "У ніч на 6 грудня ворог запустив 120 ударних БпЛА. Збито 100 БпЛА.",
}


def corpus(tmp_path: Path, *docs: dict) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    return path


def test_ingest_summary_and_idempotence(tmp_path: Path, sqlite_url: str) -> None:
    path = corpus(tmp_path, REPORT)
    first = runner.invoke(app, ["ingest", str(path), "--db", sqlite_url])
    assert first.exit_code == 0, first.output
    assert "new 1" in first.output
    second = runner.invoke(app, ["ingest", str(path), "--db", sqlite_url])
    assert "new 0" in second.output and "unchanged 1" in second.output


def test_ingest_exit_codes(tmp_path: Path, sqlite_url: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    good = corpus(tmp_path, REPORT)
    some = runner.invoke(app, ["ingest", str(bad), str(good), "--db", sqlite_url])
    assert some.exit_code == 3  # some inputs failed, the rest is stored
    assert "failed 1" in some.output
    none = runner.invoke(app, ["ingest", str(bad), "--db", sqlite_url])
    assert none.exit_code == 4  # nothing could be read
    assert "Error: nothing could be read" in none.output
    listed = runner.invoke(app, ["failures", "--db", sqlite_url])
    assert f"{tmp_path.name}/bad.jsonl:1: malformed JSON" in listed.output


def test_eval_reports_json(tmp_path: Path) -> None:
    path = corpus(tmp_path, REPORT)
    gold = tmp_path / "c.gold.jsonl"
    gold.write_text(
        json.dumps({"id": REPORT["id"], "facts": {}, "sets": {}}) + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["eval", str(path), str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"documents", "exact_documents", "overall", "by_measure", "sets"}
    assert data["documents"] == 1


def test_eval_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "x.jsonl"), str(tmp_path / "y.jsonl")])
    assert result.exit_code == 1
    assert "x.jsonl: no such file" in result.output


def test_query_commands_run(tmp_path: Path, sqlite_url: str) -> None:
    runner.invoke(app, ["ingest", str(corpus(tmp_path, REPORT)), "--db", sqlite_url])
    for args in (
        ["attacks"],
        ["attacks", "--format", "csv"],
        ["attacks", "--format", "json"],
        ["events"],
        ["events", "--format", "json"],
        ["status"],
        ["events", "--since", "2025-12-01", "--until", "2025-12-31"],
    ):
        result = runner.invoke(app, [*args, "--db", sqlite_url])
        assert result.exit_code == 0, (args, result.output)
    bad = runner.invoke(app, ["attacks", "--since", "yesterday", "--db", sqlite_url])
    assert bad.exit_code == 1 and "expected a date as YYYY-MM-DD" in bad.output
    missing = runner.invoke(app, ["events", "--id", "9999", "--db", sqlite_url])
    assert missing.exit_code == 1 and "no event with id 9999" in missing.output


def test_extract_stdin_and_bad_lang() -> None:
    result = runner.invoke(app, ["extract", "-", "--lang", "uk"], input="Збито 5 БпЛА.")
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        assert "spans" in json.loads(line)
    bad = runner.invoke(app, ["extract", "-", "--lang", "fr"], input="x")
    assert bad.exit_code == 1 and "expected uk, en or ru" in bad.output


@pytest.mark.parametrize(
    "command", ["ingest", "extract", "eval", "attacks", "events", "failures", "status", "demo"]
)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output or command in ("failures", "status")


def test_installed_script_runs(tmp_path: Path) -> None:
    exe = shutil.which("skyledger", path=str(Path(sys.executable).parent)) or shutil.which(
        "skyledger"
    )
    if exe is None:
        pytest.skip("the skyledger script is not installed")
    env = {**os.environ, "SKYLEDGER_DB": str(tmp_path / "s.db")}
    missing = subprocess.run(
        [exe, "status"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert missing.returncode == 1 and "Error: no ledger at" in missing.stderr
    assert not (tmp_path / "s.db").exists()  # a reader never creates the database
    path = corpus(tmp_path, REPORT)
    ingested = subprocess.run(
        [exe, "ingest", str(path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert ingested.returncode == 0, ingested.stderr
    done = subprocess.run(
        [exe, "status"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"database: sqlite:///{tmp_path / 's.db'}" in done.stdout
    assert "documents: 1" in done.stdout


def test_edited_report_updates_the_event_and_keeps_history(tmp_path: Path, sqlite_url: str) -> None:
    path = corpus(tmp_path, REPORT)
    runner.invoke(app, ["ingest", str(path), "--db", sqlite_url])
    edited = {**REPORT, "text": REPORT["text"].replace("Збито 100", "Збито 104")}
    path = corpus(tmp_path, edited)
    result = runner.invoke(app, ["ingest", str(path), "--db", sqlite_url])
    assert "changed 1" in result.output
    listed = runner.invoke(app, ["attacks", "--format", "json", "--db", sqlite_url])
    (event,) = [json.loads(line) for line in listed.stdout.splitlines()]
    downed = [f for f in event["figures"] if f["key"] == "downed.drones"]
    assert downed and downed[0]["quantity"]["exact"] == 104
    shown = runner.invoke(
        app,
        ["events", "--id", str(event["id"]), "--history", "--format", "json", "--db", sqlite_url],
    )
    history = json.loads(shown.stdout)["history"]
    assert [h["revision"] for h in history] == [1, 2]
    first = [f for f in history[0]["event"]["figures"] if f["key"] == "downed.drones"]
    assert first[0]["quantity"]["exact"] == 100
    human = runner.invoke(
        app, ["events", "--id", str(event["id"]), "--history", "--db", sqlite_url]
    )
    assert "revision 2" in human.output and "Збито 104" in human.output


def test_conflicts_name_their_documents(tmp_path: Path, sqlite_url: str) -> None:
    news = {
        "id": "wire-[1]",
        "lang": "en",
        "medium": "news",
        "published_at": "2025-12-06T12:00:00+02:00",
        "title": "Overnight strikes",
        "text": "Russia launched 130 drones at Ukraine overnight into Saturday, "
        "the air force said.",
    }
    runner.invoke(app, ["ingest", str(corpus(tmp_path, REPORT, news)), "--db", sqlite_url])
    listed = runner.invoke(app, ["attacks", "--format", "json", "--db", sqlite_url])
    (event,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert event["conflicts"]
    shown = runner.invoke(app, ["events", "--id", str(event["id"]), "--db", sqlite_url])
    assert "[wire-[1]]" in shown.output and REPORT["id"] in shown.output
