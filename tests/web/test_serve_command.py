"""``serve`` and ``demo --serve`` through the CLI (the server itself is stubbed here; the real
one runs in test_browser.py and tests/api/test_api_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import skyledger.commands.serve as serve_module
from skyledger.cli import app


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    seen: list[tuple[object, ...]] = []
    monkeypatch.setattr(serve_module, "run_server", lambda *args: seen.append(args))
    return seen


def test_serve_passes_host_port_and_db(calls: list[tuple[object, ...]], tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9001", "--db", db])
    assert result.exit_code == 0, result.output
    assert calls == [(db, "0.0.0.0", 9001)]


def test_demo_serves_only_when_asked(calls: list[tuple[object, ...]], tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    plain = CliRunner().invoke(app, ["demo", "--db", db])
    assert plain.exit_code == 0, plain.output
    assert f" serve --db {db}    then open http://127.0.0.1:8000/" in plain.output
    assert calls == []
    served = CliRunner().invoke(app, ["demo", "--serve", "--port", "9002", "--db", db])
    assert served.exit_code == 0, served.output
    assert calls == [(db, "127.0.0.1", 9002)]


def test_serve_refuses_a_database_that_does_not_exist(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "ledgr.db")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no ledger at sqlite:///")
    assert not (tmp_path / "ledgr.db").exists()


def test_serve_with_a_bad_database_prints_one_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", "nosuchdriver://x"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot open database")
