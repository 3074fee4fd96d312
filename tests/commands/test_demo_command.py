"""``skyledger demo`` keeps its invented reports out of the user's ledger, says where they
went, and prints commands that work as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skyledger.resources
from skyledger.cli import app

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def test_demo_uses_its_own_database_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    own = tmp_path / "own.db"
    monkeypatch.setenv("SKYLEDGER_DB", str(own))
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    demo_db = tmp_path / "data" / "skyledger" / "demo.db"
    assert demo_db.is_file()
    assert not own.exists()  # the user's own ledger is untouched
    assert f"into the demo ledger {demo_db}" in result.output
    assert f" events --db {demo_db} --id N" in result.output
    assert f" serve --db {demo_db}    then open http://127.0.0.1:8000/" in result.output


def test_sample_ids_are_unmistakable() -> None:
    ids = [
        json.loads(line)["id"]
        for name in ("airforce", "news")
        for path in (SAMPLE / f"{name}.jsonl", SAMPLE / f"{name}.gold.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert ids and all(i.startswith("sample-") for i in ids)


def test_no_sample_id_is_a_real_document_id() -> None:
    if not SHARED.is_dir():
        pytest.skip("the shared corpus is absent")
    sample = {
        json.loads(line)["id"]
        for name in ("airforce", "news")
        for line in (SAMPLE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    }
    real = {
        json.loads(line)["id"]
        for path in SHARED.glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not path.name.endswith(".gold.jsonl")
    }
    assert not sample & real


def test_commands_are_printed_as_the_user_can_type_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skyledger.commands.common import program

    script = tmp_path / ".venv" / "bin" / "skyledger"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # the venv is not activated
    monkeypatch.setattr("sys.argv", [".venv/bin/skyledger", "demo"])
    assert program() == ".venv/bin/skyledger"
    monkeypatch.setattr("sys.argv", [str(script), "demo"])
    assert program() == ".venv/bin/skyledger"  # shown from where the user stands
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin:/bin")
    assert program() == "skyledger"  # on PATH: the bare name works
    monkeypatch.setattr("sys.argv", ["/somewhere/skyledger/__main__.py"])
    assert program().endswith(" -m skyledger")
