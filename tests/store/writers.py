"""Helpers for the concurrent-writer tests: input files, a ledger snapshot to compare, and
writer processes (forked: each is a real process with its own connections)."""

from __future__ import annotations

import json
import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from skyledger.store import bodies

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
            rows = conn.execute(
                sa.text("SELECT id, event_key, body FROM events WHERE active = :yes"),
                {"yes": True},
            ).all()
            stored = [(i, b if isinstance(b, dict) else json.loads(b)) for i, _, b in rows]
            events = {  # each as the ledger reads it: claims as they are, not row ids
                key: event.model_dump(mode="json", exclude={"id"})
                for (_, key, _), event in zip(rows, bodies.unpack_all(conn, stored), strict=True)
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
    return {
        "events": events,
        "links": {k: sorted(v) for k, v in links.items()},
        "unlinked": unlinked,
        "stale": stale,
    }


@dataclass
class Writer:
    """A writer process forked from the test (so it starts at once, with every module
    already imported); it opens its own connections."""

    pid: int
    ready_fd: int

    def ready(self) -> Writer:
        """Once the writer has opened the ledger and waits for ``go``."""
        if os.read(self.ready_fd, 1) != b"r":
            raise RuntimeError("the writer died before it was ready")
        os.close(self.ready_fd)
        return self

    def exit_code(self, timeout: float = 600) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.02)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise RuntimeError(f"the writer did not finish within {timeout:g} s")


def fork_writer(url: str, file: Path, go: Path, writers: int, batch: int = 10) -> Writer:
    """A writer that ingests ``file`` (in batches of ``batch``) once ``go`` exists; its
    rebuild, once it has read the events, waits a while for the other ``writers``' rebuilds:
    writers that do not take turns then overwrite or miss each other's work, while writers
    that take turns only wait."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.close(read_fd)
            _ingest_when_told(url, file, go, batch, writers, lambda: os.write(write_fd, b"r"))
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_fd)
    return Writer(pid, read_fd)


def _meet_in_rebuild(meeting: Path, writers: int) -> None:
    def meet(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.lstrip().startswith("SELECT events.id"):
            return
        (meeting / str(os.getpid())).touch()
        deadline = time.monotonic() + MEET
        while len(list(meeting.iterdir())) < writers and time.monotonic() < deadline:
            time.sleep(0.01)

    meeting.mkdir(exist_ok=True)
    sa.event.listen(sa.engine.Engine, "after_cursor_execute", meet)


def _ingest_when_told(
    url: str, file: Path, go: Path, batch: int, writers: int, say_ready: Callable[[], object]
) -> None:
    from skyledger.ingest import ingest
    from skyledger.sources.detect import read_paths
    from skyledger.store.db import open_store

    store = open_store(url)
    if writers > 1:
        _meet_in_rebuild(go.parent / "rebuilds", writers)
    say_ready()
    deadline = time.monotonic() + 120
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    ingest(store, read_paths([file]), batch_size=batch)
    store.close()
