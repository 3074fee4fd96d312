"""The first open of a SQLite ledger is all or nothing: a kill or a Ctrl-C at any statement of
it leaves a file the next command opens; two processes opening a new file at once both get a
working ledger; a half-built schema left by an older version is repaired.

Each interrupted open runs in a forked child that traces the statements SQLite runs and, at
statement N, kills itself (before N runs) or raises ``KeyboardInterrupt`` (right after N ran).
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext

from skyledger.errors import StoreError
from skyledger.store.db import open_store
from skyledger.store.schema import metadata

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

TABLES = set(metadata.tables)
#: The code of the trace callback and its hook: a ``KeyboardInterrupt`` raised in them would
#: be swallowed by SQLite's callback wrapper, so the interrupt waits until they returned.
_IN_TRACE: set[object] = set()


def trace_statements(hook: Callable[[int, str], None]) -> None:
    """From now on in this process, call ``hook(n, sql)`` as SQLite starts each statement."""
    count = 0

    def trace(sql: str) -> None:
        nonlocal count
        count += 1
        hook(count, sql)

    def on_connect(dbapi_conn: Any, _record: object) -> None:
        dbapi_conn.set_trace_callback(trace)

    _IN_TRACE.update((trace.__code__, hook.__code__))

    sa.event.listen(sa.pool.Pool, "connect", on_connect)


def interrupt_after_this_statement() -> None:
    """Raise ``KeyboardInterrupt`` at the first Python step after the current statement, as
    a Ctrl-C would."""
    arming = interrupt_after_this_statement.__code__

    def profile(frame: FrameType, _event: str, _arg: object) -> None:
        if frame.f_code in _IN_TRACE or frame.f_code is arming:
            return
        sys.setprofile(None)
        raise KeyboardInterrupt

    sys.setprofile(profile)


def forked(body: Callable[[], None]) -> int:
    """Run ``body`` in a child process; its exit status (negative: killed by that signal)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            body()
        except KeyboardInterrupt:
            code = 130
        except BaseException:
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def interrupted_open(url: str, at: int, how: str) -> int:
    def body() -> None:
        def hook(n: int, _sql: str) -> None:
            if n != at:
                return
            if how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            interrupt_after_this_statement()

        trace_statements(hook)
        open_store(url).close()

    return forked(body)


def assert_ledger_opens(url: str) -> None:
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) >= TABLES
            assert MigrationContext.configure(conn).get_current_revision() is not None
    finally:
        store.close()


@pytest.mark.parametrize("how", ["kill", "ctrl-c"])
def test_an_interrupted_first_open_leaves_a_ledger_the_next_command_opens(
    tmp_path: Path, how: str
) -> None:
    open_store(f"sqlite:///{tmp_path / 'warm.db'}").close()  # imports done before forking
    points = 0
    for at in range(1, 200):
        url = f"sqlite:///{tmp_path / f'{how}-{at}.db'}"
        status = interrupted_open(url, at, how)
        if status == 0:  # the open ran fewer than `at` statements: every point was tried
            break
        assert status == (-signal.SIGKILL if how == "kill" else 130), (at, status)
        assert_ledger_opens(url)
        points += 1
    else:
        pytest.fail("the first open never finished")
    assert points >= 10


def test_two_processes_opening_a_new_file_at_once_both_get_a_ledger(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.db'}"
    open_store(f"sqlite:///{tmp_path / 'warm.db'}").close()
    ready_r, ready_w = os.pipe()

    def first() -> None:
        """Stops after its first CREATE TABLE until the second process is opening too."""

        def hook(_n: int, sql: str) -> None:
            if "CREATE TABLE" in sql and not getattr(hook, "paused", False):
                hook.paused = True  # type: ignore[attr-defined]
                select.select([ready_r], [], [], 60)  # until the second is opening too
                time.sleep(0.5)  # it is now creating tables too (or waiting for our lock)

        trace_statements(hook)
        open_store(url).close()

    def second() -> None:
        while not (tmp_path / "race.db").exists():
            time.sleep(0.01)
        os.write(ready_w, b"x")
        open_store(url).close()

    pids = []
    for body in (first, second):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the children
            code = 0
            try:
                body()
            except BaseException as exc:
                sys.stderr.write(f"{exc}\n")
                code = 1
            os._exit(code)
        pids.append(pid)
    statuses = [os.waitpid(pid, 0)[1] for pid in pids]
    assert [os.waitstatus_to_exitcode(s) for s in statuses] == [0, 0]
    assert_ledger_opens(url)


def first_migration_ddl(tmp_path: Path) -> list[str]:
    """The CREATE statements of a first open, in order (traced on a scratch file)."""
    seen: list[str] = []
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'scratch.db'}")
    sa.event.listen(engine, "connect", lambda c, _r: c.set_trace_callback(seen.append))
    from skyledger.store.db import migrate

    migrate(engine)
    engine.dispose()
    return [s for s in seen if s.lstrip().startswith("CREATE") and "alembic_version" not in s]


@pytest.mark.parametrize("done", [1, 3, 7, 12])
def test_a_half_built_schema_from_an_older_version_is_repaired(
    tmp_path: Path, done: int, caplog: pytest.LogCaptureFixture
) -> None:
    ddl = first_migration_ddl(tmp_path)
    path = tmp_path / "half.db"
    raw = sqlite3.connect(path, isolation_level=None)  # each CREATE commits on its own
    raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    for statement in ddl[:done]:
        raw.execute(statement)
    raw.close()
    with caplog.at_level("WARNING", logger="skyledger.store"):
        assert_ledger_opens(f"sqlite:///{path}")
    assert "repaired" in caplog.text


def test_a_foreign_table_with_rows_is_never_dropped(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT)")
    raw.execute("INSERT INTO events (what) VALUES ('a birthday')")
    raw.close()
    with pytest.raises(StoreError, match="events hold rows"):
        open_store(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT what FROM events").fetchall() == [("a birthday",)]
    raw.close()
