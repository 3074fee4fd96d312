"""A run killed midway leaves no half-written document, and the next run completes the job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from skyledger.extract import extract_document
from skyledger.store import queries
from skyledger.store.db import open_store
from skyledger.store.events import load_current
from skyledger.store.runs import run_summary
from skyledger.store.schema import documents

TEMPLATE = (
    "⚡️ ЗБИТО/ПОДАВЛЕНО {down} ВОРОЖИХ БПЛА\nУ ніч на 6 грудня (з 18:00 5 грудня) "
    "противник атакував {launched} ударними БпЛА типу Shahed."
)


def write_corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(
                json.dumps(
                    {
                        "id": f"k-{i}",
                        "lang": "uk",
                        "published_at": "2025-12-06T09:00:00+02:00",
                        "text": TEMPLATE.format(down=40 + i % 50, launched=60 + i % 50),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


def stored(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar() or 0
            )
    except sa.exc.OperationalError:
        return 0
    finally:
        engine.dispose()


def test_kill_midway_then_complete(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    n = 4000
    write_corpus(corpus, n)
    url = f"sqlite:///{tmp_path / 'k.db'}"
    cmd = [sys.executable, "-m", "skyledger", "ingest", str(corpus), "--db", url, "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored(url) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = stored(url)

    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            items, _ = load_current(conn)
        for doc, extraction in items:  # every stored document has all of its claims
            assert len(extraction.claims) == len(extract_document(doc).claims), doc.id
        assert partial == len(items) < n or partial == n
    finally:
        store.close()

    store = open_store(url)
    try:  # the killed run is known as interrupted (its process is gone)
        assert run_summary(store)[0] == {"interrupted": 1}
    finally:
        store.close()

    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    store = open_store(url)
    try:
        assert queries.counts(store)["documents"] == n
        assert queries.counts(store)["revisions"] == n
        assert run_summary(store)[0] == {"interrupted": 1, "finished": 1}
    finally:
        store.close()
