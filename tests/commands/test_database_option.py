"""``--db``: readers refuse a database that does not exist (and never create one), URLs that
would quietly open something else are refused, and every command can say which database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from skyledger.cli import app

runner = CliRunner()

READERS = [
    ["attacks"],
    ["events"],
    ["events", "--id", "1"],
    ["failures"],
    ["status"],
    ["export", "-f", "csv", "-o", "out.csv"],
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c))
def test_a_reader_refuses_a_mistyped_database(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, "--db", "ledgr.db"])
    assert result.exit_code == 1
    assert f"Error: no ledger at sqlite:///{tmp_path / 'ledgr.db'} (a mistyped --db?)" in (
        result.output
    )
    assert not (tmp_path / "ledgr.db").exists()
    assert "the demo keeps its own: --db " in result.output  # the demo's is not the default


def test_a_reader_refuses_a_database_that_holds_no_ledger(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    result = runner.invoke(app, ["attacks", "--db", str(other)])
    assert result.exit_code == 1 and "Error: no ledger at" in result.output
    with sqlite3.connect(other) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["notes"]  # untouched


def test_a_reader_refuses_a_postgresql_schema_without_a_ledger(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL case")
    result = runner.invoke(app, ["attacks", "--db", db_url])
    assert result.exit_code == 1 and "Error: no ledger at postgresql" in result.output
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert sa.inspect(conn).get_table_names() == []
    finally:
        engine.dispose()


def test_a_scheme_without_slashes_is_refused_not_made_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["attacks"], ["ingest", "x.jsonl"]):
        result = runner.invoke(app, [*command, "--db", "sqlite:/bad"])
        assert result.exit_code == 1
        assert "Error: --db 'sqlite:/bad': a URL needs '//' after 'sqlite:'" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["postgres://", "postgresql://localhost", "postgresql://u@h/"])
def test_a_postgresql_url_must_name_its_database(url: str) -> None:
    result = runner.invoke(app, ["ingest", "x.jsonl", "--db", url])
    assert result.exit_code == 1
    assert f"Error: --db '{url}': name the database (postgresql://user@host/NAME)" in (
        result.output
    )


def test_a_writer_creates_the_ledger_and_says_so(report_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    first = runner.invoke(app, ["ingest", str(report_file), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert f"new ledger: sqlite:///{db}" in first.output
    second = runner.invoke(app, ["ingest", str(report_file), "--db", str(db)])
    assert "new ledger" not in second.output


def test_verbose_names_the_database_every_command_opens(report_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    runner.invoke(app, ["ingest", str(report_file), "--db", str(db)])
    for command in (["attacks"], ["events"], ["failures"], ["ingest", str(report_file)]):
        result = runner.invoke(app, ["--verbose", *command, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert f"ledger: sqlite:///{db}" in result.output
    quiet = runner.invoke(app, ["attacks", "--db", str(db)])
    assert "ledger:" not in quiet.output


def test_status_always_names_the_database(report_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    runner.invoke(app, ["ingest", str(report_file), "--db", str(db)])
    result = runner.invoke(app, ["status", "--db", str(db)])
    assert result.stdout.splitlines()[0] == f"  database: sqlite:///{db}"
