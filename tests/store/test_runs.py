"""Runs say how they ended: finished, interrupted (Ctrl-C, a kill) or failed; `status`
reports the interrupted ones and events left for the next rebuild."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from skyledger.cli import app
from skyledger.extract import extract_document
from skyledger.ingest import ingest
from skyledger.models import Document
from skyledger.store import writes
from skyledger.store.db import Store
from skyledger.store.runs import run_summary


def report(n: int) -> Document:
    return Document(
        id=f"r-{n}",
        lang="uk",
        published_at=datetime(2025, 12, 6, 7, tzinfo=UTC),
        text=f"У ніч на 6 грудня противник атакував {50 + n} ударними БпЛА.",
    )


def interrupted_after(count: int) -> Iterator[Document]:
    for n in range(count):
        yield report(n)
    raise KeyboardInterrupt


def test_ctrl_c_marks_the_run_interrupted_and_keeps_what_was_stored(store: Store) -> None:
    with pytest.raises(KeyboardInterrupt):
        ingest(store, interrupted_after(25), batch_size=10)
    states, newest = run_summary(store)
    assert states == {"interrupted": 1}
    assert newest is not None and newest.command == "ingest"
    summary = ingest(store, [report(n) for n in range(25)])
    assert (summary.new, summary.unchanged) == (5, 20)  # two batches were kept
    assert run_summary(store)[0] == {"interrupted": 1, "finished": 1}


def test_status_reports_an_interrupted_run_and_stale_events(store: Store, db_url: str) -> None:
    with pytest.raises(KeyboardInterrupt):
        ingest(store, interrupted_after(3), batch_size=2)
    doc = report(99)
    writes.write_batch(store, [writes.WriteRow(doc, "new", extract_document(doc))])
    result = CliRunner().invoke(app, ["status", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "run states: 1 interrupted" in result.output
    assert "run 1 (ingest) started" in result.output and "was interrupted" in result.output
    assert "events: not up to date; the next ingest rebuilds them" in result.output
