"""A database that stops taking writes mid-run: a full disk, a read-only database, a
PostgreSQL connection terminated by the server. Each ends ``skyledger ingest`` with one
``Error:`` line naming the database and the reason and a non-zero exit; what is stored is
whole (every stored document has its claims), and the same command run again completes.

The full disk is a small tmpfs where the tests may mount one (root), else a file size limit
on the ingesting process (``RLIMIT_FSIZE``), which fails SQLite's writes the same way. The
lost connection is the test's own backend terminated with ``pg_terminate_backend``: the
shared server keeps running."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from skyledger.store.schema import claims, documents

PG_URL = os.environ.get("SKYLEDGER_TEST_PG_URL")
CLI = [sys.executable, "-m", "skyledger"]
TEXT = (
    "У ніч на {day} грудня противник атакував {launched} ударними БпЛА типу Shahed. "
    "Збито {down} БпЛА. Текст номер {i}: {pad}"
)


def write_corpus(path: Path, n: int, prefix: str, pad: int = 40) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = TEXT.format(
                day=1 + i % 28, launched=60 + i % 50, down=40 + i % 40, i=i, pad="слово " * pad
            )
            doc = {
                "id": f"{prefix}-{i}",
                "lang": "uk",
                "published_at": f"2025-12-{1 + i % 28:02d}T09:00:00+02:00",
                "text": text,
            }
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def ingest(
    corpus: Path, db: str, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "ingest", str(corpus), "--db", db, "-q"],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        timeout=600,
        check=False,
    )


def whole(url: str) -> tuple[int, int]:
    """(documents stored, documents stored without their claims); none before the ledger's
    tables exist."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if "documents" not in sa.inspect(conn).get_table_names():
                return 0, 0
            count = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar()
            with_claims = sa.select(claims.c.document_pk).distinct().scalar_subquery()
            bare = conn.execute(
                sa.select(sa.func.count())
                .select_from(documents)
                .where(documents.c.pk.not_in(with_claims))
            ).scalar()
        return int(count or 0), int(bare or 0)
    finally:
        engine.dispose()


def one_error_line(result: subprocess.CompletedProcess[str], where: str, reason: str) -> None:
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr[-2000:]
    assert where in errors[0] and reason in errors[0], errors[0]


@pytest.fixture
def tmpfs() -> Iterator[Callable[[str], Path]]:
    """``mount(size)``: a fresh tmpfs of that size (skips where mounting is not allowed)."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root")
        where = Path(f"/tmp/skyledger-tmpfs-{uuid.uuid4().hex[:8]}")
        where.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            where.rmdir()
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in mounted:
        subprocess.run(["umount", str(where)], check=False)
        where.rmdir()


def _full_disk_then_rerun(tmp_path: Path, folder: Path, limit: Callable[[], None] | None) -> None:
    db = folder / "ledger.db"
    url = f"sqlite:///{db}"
    first = write_corpus(tmp_path / "first.jsonl", 50, "a")
    assert ingest(first, str(db)).returncode == 0
    before, _ = whole(url)
    second = write_corpus(tmp_path / "second.jsonl", 800, "b", pad=200)
    result = ingest(second, str(db), limit)
    one_error_line(result, str(db), "disk")
    count, bare = whole(url)
    assert count >= before and bare == 0  # whole batches or none


def test_a_full_disk_on_a_small_tmpfs(tmp_path: Path, tmpfs: Callable[[str], Path]) -> None:
    _full_disk_then_rerun(tmp_path, tmpfs("2m"), None)


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_a_full_disk_as_a_file_size_limit(tmp_path: Path) -> None:
    _full_disk_then_rerun(tmp_path, tmp_path, _file_size_limit)
    result = ingest(tmp_path / "second.jsonl", str(tmp_path / "ledger.db"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert whole(f"sqlite:///{tmp_path / 'ledger.db'}") == (850, 0)


def _ledger(tmp_path: Path, folder: Path) -> Path:
    db = folder / "ledger.db"
    assert ingest(write_corpus(tmp_path / "first.jsonl", 20, "a"), str(db)).returncode == 0
    return db


def test_a_read_only_database(tmp_path: Path) -> None:
    """Opened read-only (SQLite's ``mode=ro``): the first write is refused."""
    db = _ledger(tmp_path, tmp_path)
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = ingest(write_corpus(tmp_path / "more.jsonl", 20, "b"), url)
    one_error_line(result, str(db), "read-only")
    assert whole(f"sqlite:///{db}") == (20, 0)


def test_a_read_only_file(tmp_path: Path, tmpfs: Callable[[str], Path]) -> None:
    """The ledger on a file system mounted read-only (file modes do not stop root)."""
    folder = tmpfs("8m")
    db = _ledger(tmp_path, folder)
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    result = ingest(write_corpus(tmp_path / "more.jsonl", 20, "b"), str(db))
    one_error_line(result, str(db), "read-only")
    assert whole(f"sqlite:///file:{db}?immutable=1&uri=true") == (20, 0)


@pytest.fixture
def pg_schema() -> Iterator[tuple[str, str]]:
    """(URL of a fresh schema, the same with an application name the ingest's connections
    carry, so that the test can find and terminate them)."""
    if not PG_URL:
        pytest.skip("SKYLEDGER_TEST_PG_URL is not set")
    name = f"t_lost_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{name}", name
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        engine.dispose()


def test_a_postgresql_connection_lost_mid_run(tmp_path: Path, pg_schema: tuple[str, str]) -> None:
    url, app = pg_schema
    corpus = write_corpus(tmp_path / "big.jsonl", 3000, "p", pad=300)
    proc = subprocess.Popen(
        [*CLI, "ingest", str(corpus), "--db", f"{url}&application_name={app}", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    admin = sa.create_engine(PG_URL or "")
    terminated = 0
    try:
        deadline = time.monotonic() + 120
        # an idle connection the pool would replace unnoticed: the one in a transaction
        busy = sa.text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
            ":app AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()"
        )
        with admin.connect() as conn:
            while time.monotonic() < deadline and proc.poll() is None:
                if whole(url)[0] >= 200:  # writing: the first batch is in
                    terminated = len(conn.execute(busy, {"app": app}).all())
                    conn.commit()
                    if terminated:
                        break
                time.sleep(0.005)
        _, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
        admin.dispose()
    if not terminated:
        pytest.skip("the run ended before its connection could be terminated")
    result = subprocess.CompletedProcess(proc.args, proc.returncode or 0, "", stderr)
    if proc.returncode == 0:
        pytest.skip("the connection was terminated between two statements of a finished run")
    one_error_line(result, "postgresql", "connection to the database was lost")
    count, bare = whole(url)
    assert 0 < count < 3000 and bare == 0
    again = ingest(corpus, url)
    assert again.returncode == 0, again.stderr[-2000:]
    assert whole(url) == (3000, 0)
