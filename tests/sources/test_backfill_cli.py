"""`skyledger watch telegram CHANNEL --since DATE` end to end: a loopback archive into a real
ledger, a run stopped by --max-pages or killed midway, and the run that finishes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from skyledger.cli import app
from skyledger.models import KYIV
from skyledger.sources.backfill import BackfillMark
from skyledger.store.db import open_store
from skyledger.store.schema import documents

runner = CliRunner()
SINCE = datetime(2022, 2, 24, tzinfo=KYIV)
PAGE = 20
ROOT = Path(__file__).resolve().parents[2]


def serve(site: Any, kit: Any) -> tuple[Any, list[Any]]:
    posts = kit.archive()
    channel = kit.Channel("kpszsu", posts, page_size=PAGE)
    site.set("/s/kpszsu", channel)
    return channel, posts


def wanted(posts: list[Any]) -> set[str]:
    return {f"kpszsu-{p.post_id}" for p in posts if p.html and not p.service and p.when >= SINCE}


def args(site: Any, db: str, *extra: str) -> list[str]:
    base = ["watch", "telegram", "kpszsu", "--once", "--since", "2022-02-24"]
    return [*base, "--base-url", site.base_url, "--db", db, "--page-delay", "0", *extra]


def stored(db: str) -> list[tuple[str, int, str, bool]]:
    """Every stored revision: id, revision, content hash, current."""
    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    documents.c.doc_id,
                    documents.c.revision,
                    documents.c.content_hash,
                    documents.c.current,
                ).order_by(documents.c.doc_id, documents.c.revision)
            ).all()
    finally:
        engine.dispose()
    return [(r[0], r[1], r[2], bool(r[3])) for r in rows]


def backfill_mark(db: str) -> BackfillMark | None:
    from skyledger.store import writes

    store = open_store(db)
    try:
        return BackfillMark.loads(writes.get_cursor(store, "telegram:kpszsu:backfill"))
    finally:
        store.close()


def test_a_backfill_stopped_by_the_page_limit_is_finished_by_the_next_run(
    site: Any, kit: Any, db_url: str
) -> None:
    _, posts = serve(site, kit)
    db = db_url
    first = runner.invoke(app, args(site, db, "--max-pages", "5"))
    assert first.exit_code == 0, first.output
    assert "backfill kpszsu: page 1 · back to 2025-" in first.output
    mark = backfill_mark(db)
    assert mark is not None
    assert (
        "backfill kpszsu: stopped after 5 pages (--max-pages 5); run the same command "
        f"again to go on from post {mark.before}"
    ) in first.output

    second = runner.invoke(app, args(site, db))
    assert second.exit_code == 0, second.output
    assert "backfill kpszsu: complete back to 2022-02-24 (" in second.output
    rows = stored(db)
    assert {r[0] for r in rows} == wanted(posts)
    assert {r[1] for r in rows} == {1} and len(rows) == len(wanted(posts))  # each once

    site.requests.clear()
    third = runner.invoke(app, args(site, db))
    assert third.exit_code == 0, third.output
    assert site.requests == ["/s/kpszsu"]
    assert "complete back to 2022-02-24 (0 older pages, 0 posts)" in third.output
    assert "new 0" in third.output and stored(db) == rows


def test_a_killed_backfill_resumes_and_ends_as_an_uninterrupted_one(
    site: Any, kit: Any, tmp_path: Path
) -> None:
    channel, posts = serve(site, kit)
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    assert runner.invoke(app, args(site, whole)).exit_code == 0

    befores = kit.page_befores(posts, PAGE)
    held = befores[12]  # after the first batch of 200 posts is stored
    channel.hold[held] = hold = threading.Event()
    killed = f"sqlite:///{tmp_path / 'killed.db'}"
    command = [sys.executable, "-m", "skyledger", *args(site, killed)]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert channel.asked.wait(timeout=300), "the backfill never reached the held page"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        hold.set()
        if proc.poll() is None:
            proc.kill()
    mark = backfill_mark(killed)
    assert mark is not None and mark.before in befores[1:12]  # moved with the stored batch
    partial = {r[0] for r in stored(killed)}
    assert 200 <= len(partial) < len(wanted(posts))

    del channel.hold[held]
    site.requests.clear()
    again = runner.invoke(app, args(site, killed))
    assert again.exit_code == 0, again.output
    assert site.requests[:2] == ["/s/kpszsu", f"/s/kpszsu?before={mark.before}"]
    assert stored(killed) == stored(whole)
    assert {r[0] for r in stored(killed)} == wanted(posts)


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("2022-02-30", "Error: --since '2022-02-30': expected a date as YYYY-MM-DD"),
        ("2999-01-01", "Error: --since '2999-01-01': that day has not come yet in Kyiv"),
    ],
)
def test_a_bad_since_is_refused_before_anything_is_read(
    site: Any, tmp_path: Path, since: str, message: str
) -> None:
    db = f"sqlite:///{tmp_path / 'b.db'}"
    command = ["watch", "telegram", "kpszsu", "--once", "--since", since]
    result = runner.invoke(app, [*command, "--base-url", site.base_url, "--db", db])
    assert result.exit_code == 1 and message in result.output
    assert site.requests == []
