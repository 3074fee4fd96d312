"""Runs: each ingest or watch is a ``runs`` row that says whether it is running, finished,
was interrupted (Ctrl-C, a kill, a crash) or failed.

A running run names its owner (host and process id) and keeps a heartbeat, so a run killed
with no chance to say so is recognised later: its process is gone (same host), or its
heartbeat is older than ``STALE_AFTER``. ``start_run`` marks such runs ``interrupted``.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skyledger.store.db import Store, now_iso, write_connection
from skyledger.store.schema import runs

RunStatus = Literal["running", "finished", "interrupted", "failed"]
#: A run whose heartbeat is older than this (and whose process cannot be checked) is dead.
STALE_AFTER = timedelta(hours=1)


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:300]


def _alive(owner: str | None, heartbeat_at: str | None, now: datetime) -> bool:
    """Whether a run marked running may still be running: its heartbeat is recent and, on
    this host, its process exists."""
    try:
        beat = datetime.fromisoformat(heartbeat_at or "")
    except ValueError:
        return False
    if now - beat >= STALE_AFTER:
        return False
    host, _, pid = (owner or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except OSError:  # it exists, owned by another user
            return True
    return True


def _close_dead_runs(conn: Connection) -> None:
    now = datetime.now(UTC)
    rows = conn.execute(
        sa.select(runs.c.id, runs.c.owner, runs.c.heartbeat_at).where(runs.c.status == "running")
    )
    dead = [r.id for r in rows if not _alive(r.owner, r.heartbeat_at, now)]
    if dead:
        conn.execute(sa.update(runs).where(runs.c.id.in_(dead)).values(status="interrupted"))


def start_run(store: Store, command: str, *, wait: float | None = None) -> int:
    """A new running run (and earlier runs whose process died marked interrupted)."""
    with write_connection(store.engine, wait) as conn:
        _close_dead_runs(conn)
        now = now_iso()
        result = conn.execute(
            sa.insert(runs).values(
                command=command[:200],
                started_at=now,
                counts={},
                status="running",
                owner=_owner(),
                heartbeat_at=now,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def heartbeat(conn: Connection, run_id: int) -> None:
    conn.execute(sa.update(runs).where(runs.c.id == run_id).values(heartbeat_at=now_iso()))


def beat(store: Store, run_id: int, *, wait: float | None = None) -> None:
    """A heartbeat in its own transaction (a long run that writes nothing)."""
    with write_connection(store.engine, wait) as conn:
        heartbeat(conn, run_id)


def finish_run(
    store: Store,
    run_id: int,
    counts: dict[str, int],
    status: RunStatus = "finished",
    *,
    wait: float | None = None,
) -> None:
    """Close a run: ``finished``, or ``interrupted``/``failed`` with the counts so far."""
    with write_connection(store.engine, wait) as conn:
        conn.execute(
            sa.update(runs)
            .where(runs.c.id == run_id)
            .values(finished_at=now_iso(), counts=counts, status=status)
        )


@dataclass(frozen=True, slots=True)
class RunState:
    """One run as ``status`` reports it."""

    id: int
    command: str
    started_at: str
    status: RunStatus


def run_summary(store: Store) -> tuple[dict[str, int], RunState | None]:
    """How many runs are in each state (a dead "running" run counts as interrupted), and the
    newest interrupted one."""
    now = datetime.now(UTC)
    counts: dict[str, int] = {}
    newest: RunState | None = None
    with store.engine.connect() as conn:
        grouped = conn.execute(sa.select(runs.c.status, sa.func.count()).group_by(runs.c.status))
        for status, n in grouped:
            if status != "running":
                key = status or "finished"
                counts[key] = counts.get(key, 0) + int(n)
        running: list[Any] = list(conn.execute(sa.select(runs).where(runs.c.status == "running")))
        interrupted = conn.execute(
            sa.select(runs).where(runs.c.status == "interrupted").order_by(runs.c.id.desc())
        ).first()
    candidates = [interrupted] if interrupted is not None else []
    for row in running:
        state = "running" if _alive(row.owner, row.heartbeat_at, now) else "interrupted"
        counts[state] = counts.get(state, 0) + 1
        if state == "interrupted":
            candidates.append(row)
    if candidates:
        row = max(candidates, key=lambda r: r.id)
        newest = RunState(row.id, row.command, row.started_at, "interrupted")
    return counts, newest
