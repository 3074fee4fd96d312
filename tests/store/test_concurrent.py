"""Writers take turns: two or three ingests of different files at once, in real processes,
leave the same events as the same files ingested one after another (a real SQLite file and
the real PostgreSQL server)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from writers import fork_writer, ledger_snapshot, write_reports

from skyledger.ingest import ingest
from skyledger.sources.detect import read_paths
from skyledger.store.db import open_store


def sequential_snapshot(files: list[Path], tmp_path: Path) -> dict[str, object]:
    url = f"sqlite:///{tmp_path / 'sequential.db'}"
    store = open_store(url)
    try:
        for file in files:
            ingest(store, read_paths([file]))
    finally:
        store.close()
    return ledger_snapshot(url)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("count", [2, 3])
def test_concurrent_ingests_leave_the_events_of_a_sequential_run(
    db_url: str, tmp_path: Path, count: int
) -> None:
    open_store(db_url).close()  # the schema exists; the writers race on the ledger
    files = [write_reports(tmp_path / f"in{i}.jsonl", f"w{i}", 40) for i in range(count)]
    go = tmp_path / "go"
    writers = [fork_writer(db_url, file, go, count).ready() for file in files]
    go.touch()
    assert [w.exit_code() for w in writers] == [0] * count
    got = ledger_snapshot(db_url)
    assert got["unlinked"] == 0 and got["stale"] == "0"
    assert got == sequential_snapshot(files, tmp_path)
