"""Helpers for the concurrent-writer tests: input files, a ledger snapshot to compare, and a
writer process (run as a script, so each writer is a real process with its own connections).

    python tests/store/writers.py ingest DB_URL FILE GO_FILE BATCH WRITERS

prints ``ready``, waits until GO_FILE exists, ingests FILE in batches of BATCH and prints the
documents stored as JSON. Its events rebuild, once it has read the ledger, waits until all
WRITERS writers are in theirs (at most ``MEET`` seconds): writers that do not take turns then
overwrite or miss each other's work every time, while writers that take turns only wait.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
MEET = 1.0
#: The environment of a process whose every events rebuild pauses (``paused/sitecustomize``).
PAUSED = {
    "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent / "paused"), str(ROOT)]),
    "SKYLEDGER_TEST_REBUILD_PAUSE": "0.3",  # seconds
}
REPORT = (
    "⚡️ ЗБИТО/ПОДАВЛЕНО {down} ВОРОЖИХ БПЛА\nУ ніч на {day} грудня (з 18:00 {eve} грудня) "
    "противник атакував {launched} ударними БпЛА типу Shahed."
)


def report_text(day: int, n: int) -> str:
    return REPORT.format(down=40 + n % 30, launched=60 + n % 30, day=day, eve=day - 1)


def write_reports(path: Path, prefix: str, count: int, nights: int = 6) -> Path:
    """``count`` reports with ids ``<prefix>-<n>`` spread over the same ``nights`` nights."""
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            day = 2 + n % nights
            record = {
                "id": f"{prefix}-{n}",
                "lang": "uk",
                "source": f"channel {prefix}",
                "published_at": f"2025-12-{day:02d}T09:00:00+02:00",
                "text": report_text(day, n + len(prefix)),
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def ledger_snapshot(url: str) -> dict[str, Any]:
    """What must not depend on the order writers ran in: active events by key with their
    bodies, the claims each one links (by document and claim body), current claims in no
    event, and the stale mark."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            events = {
                key: body
                for key, body in conn.execute(
                    sa.text("SELECT event_key, body FROM events WHERE active = :yes"),
                    {"yes": True},
                )
            }
            links: dict[str, list[str]] = {}
            rows = conn.execute(
                sa.text(
                    "SELECT e.event_key, c.doc_id, c.body FROM event_claims ec "
                    "JOIN events e ON e.id = ec.event_id JOIN claims c ON c.id = ec.claim_id"
                )
            )
            for key, doc_id, body in rows:
                claim = body if isinstance(body, dict) else json.loads(body)
                links.setdefault(key, []).append(f"{doc_id} {json.dumps(claim, sort_keys=True)}")
            unlinked = conn.execute(
                sa.text(
                    "SELECT count(*) FROM claims c JOIN documents d ON d.pk = c.document_pk "
                    "WHERE d.current = :yes AND c.id NOT IN (SELECT claim_id FROM event_claims)"
                ),
                {"yes": True},
            ).scalar()
            stale = conn.execute(
                sa.text("SELECT value FROM cursors WHERE key = 'ledger:events-stale'")
            ).scalar()
    finally:
        engine.dispose()
    parsed = {k: v if isinstance(v, dict) else json.loads(v) for k, v in events.items()}
    return {
        "events": parsed,
        "links": {k: sorted(v) for k, v in links.items()},
        "unlinked": unlinked,
        "stale": stale,
    }


def start_writer(
    url: str,
    file: Path,
    go: Path,
    writers: int,
    batch: int = 10,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    """A writer process (``ready`` tells when it waits for ``go``)."""
    args = ["ingest", url, str(file), str(go), str(batch), str(writers)]
    return subprocess.Popen(
        [sys.executable, str(Path(__file__)), *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def ready(proc: subprocess.Popen[str]) -> subprocess.Popen[str]:
    """The writer, once it has opened the ledger and waits for ``go``."""
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "ready":
        raise RuntimeError(
            f"writer did not start: {line}{proc.stderr.read() if proc.stderr else ''}"
        )
    return proc


def _meet_in_rebuild(meeting: Path, writers: int) -> None:
    """Once the rebuild has read the events, wait (a while) for the other writers' rebuilds."""

    def meet(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.lstrip().startswith("SELECT events.id"):
            return
        (meeting / str(os.getpid())).touch()
        deadline = time.monotonic() + MEET
        while len(list(meeting.iterdir())) < writers and time.monotonic() < deadline:
            time.sleep(0.01)

    meeting.mkdir(exist_ok=True)
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", meet)


def _ingest_when_told(url: str, file: str, go: str, batch: str, writers: str) -> None:
    from skyledger.ingest import ingest
    from skyledger.sources.detect import read_paths
    from skyledger.store.db import open_store

    store = open_store(url)
    _meet_in_rebuild(Path(go).parent / "rebuilds", int(writers))
    print("ready", flush=True)
    deadline = time.monotonic() + 120
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    summary = ingest(store, read_paths([Path(file)]), batch_size=int(batch))
    store.close()
    print(json.dumps({"new": summary.new, "failed": summary.failed}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "ingest":
        _ingest_when_told(*sys.argv[2:7])
