"""What a new user meets first: help that reads right, options that mean what they say, and a
start-up that does not load the database stack."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from skyledger.cli import app
from skyledger.commands.reference import walk_commands

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def all_commands() -> list[list[str]]:
    root = typer.main.get_command(app)
    return [path for path, _ in walk_commands(root, [])]


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "skyledger")
def test_help_shows_no_type_after_a_flag(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert "eval/FORMAT.md" not in result.output  # a file users do not have


def test_flags_are_listed_bare() -> None:
    result = runner.invoke(app, ["ingest", "--help"])
    assert "-q, --quiet  " in result.output
    assert "--published-at <str>" in result.output


def test_eval_help_points_to_a_file_in_the_repository() -> None:
    result = runner.invoke(app, ["eval", "--help"])
    assert "docs/eval.md" in result.output
    assert (ROOT / "docs" / "eval.md").is_file()


def test_export_to_dash_writes_standard_output(
    ledger_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "-f", "json", "-o", "-", "--db", ledger_url])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["events"]) == 3
    assert "to standard output" in result.stderr
    csv_out = runner.invoke(app, ["export", "-f", "csv", "-o", "-", "--db", ledger_url])
    assert csv_out.stdout.startswith("event_id,kind,night,")
    assert not (tmp_path / "-").exists()


def test_history_without_an_id_is_an_error(ledger_url: str) -> None:
    result = runner.invoke(app, ["events", "--history", "--db", ledger_url])
    assert result.exit_code == 1
    assert "Error: --history shows the revisions of one event: add --id N" in result.output


def test_serve_refuses_a_port_out_of_range(ledger_url: str) -> None:
    result = runner.invoke(app, ["serve", "--port", "99999", "--db", ledger_url])
    assert result.exit_code == 2
    assert "Invalid value for '--port'" in result.output and "65535" in result.output
    assert "Traceback" not in result.output


def test_serve_on_a_busy_port_says_so_once_and_announces_nothing(ledger_url: str) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "skyledger", "serve", "--port", str(port), "--db", ledger_url],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert "Serving" not in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_help_does_not_import_the_database_stack_or_the_grammars() -> None:
    code = (
        "import sys, skyledger.cli\n"
        "heavy = ('sqlalchemy', 'alembic', 'pydantic', 'rich', 'fastapi', 'pyarrow',\n"
        "         'trafilatura', 'skyledger.store', 'skyledger.extract', 'skyledger.models')\n"
        "print(sorted({m for m in sys.modules if m.startswith(heavy)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
