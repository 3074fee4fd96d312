"""``skyledger extract`` reads what ``ingest`` reads: the language of plain text is told from
its letters, a Telegram export is read message by message, folders are walked."""

from __future__ import annotations

import json
from pathlib import Path

from command_helpers import night_report, write_corpus
from typer.testing import CliRunner

from skyledger.cli import app

runner = CliRunner()

NEWS = "Russia launched 85 drones at Ukraine overnight, and air defences shot down 70 of them."


def claims(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def drones(output: str) -> list[dict[str, object]]:
    return [c for c in claims(output) if c.get("scope") == "drones"]


def test_english_text_is_read_as_english_without_lang() -> None:
    result = runner.invoke(app, ["extract", "-"], input=NEWS)
    assert result.exit_code == 0, result.output
    found = {(c["kind"], c.get("scope"), c["quantity"]["exact"]) for c in claims(result.stdout)}
    assert ("launched", "drones", 85) in found and ("downed", "drones", 70) in found


def test_lang_still_forces_the_language_of_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Збито 40 ударних БпЛА.", encoding="utf-8")
    forced = runner.invoke(app, ["extract", str(path), "--lang", "en"])
    assert forced.exit_code == 0 and claims(forced.stdout) == []
    told = runner.invoke(app, ["extract", str(path)])
    assert [c["quantity"]["exact"] for c in drones(told.stdout)] == [40]


def test_a_telegram_export_is_read_message_by_message(tmp_path: Path) -> None:
    export = {
        "name": "Повітряні сили",
        "username": "kpszsu",
        "type": "public_channel",
        "messages": [
            {"id": 11, "type": "message", "date": "2025-12-07T08:10:00", "text": [
                {"type": "bold", "text": "Збито 131 БпЛА"}, ". Дякуємо!"]},
            {"id": 12, "type": "service", "action": "pin_message"},
        ],
    }  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    found = drones(result.stdout)
    assert [(c["document_id"], c["quantity"]["exact"]) for c in found] == [("kpszsu-11", 131)]
    assert "messages" not in result.stdout  # the grammar never sees the raw JSON


def test_a_folder_is_walked(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a.jsonl", [night_report(6)])
    (tmp_path / "b.txt").write_text(NEWS, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    ids = {c["document_id"] for c in claims(result.stdout)}
    assert ids == {"t-2025-12-06", f"{tmp_path.name}/b.txt"}


def test_unreadable_input_gives_an_error_and_a_non_zero_exit(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 4
    assert f"Error: {tmp_path.name}/nope.txt: no such file or directory" in missing.output
    write_corpus(tmp_path / "a.jsonl", [night_report(6)])
    (tmp_path / "b.jsonl").write_text("{broken\n", encoding="utf-8")
    some = runner.invoke(app, ["extract", str(tmp_path)])
    assert some.exit_code == 3
    assert claims(some.stdout)
