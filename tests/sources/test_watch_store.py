"""`skyledger watch` end to end: a loopback channel and feed into a real ledger; deletions
kept as revisions; a watcher, an ingest and API posts at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from skyledger.api import create_app
from skyledger.api.auth import TOKEN_ENV
from skyledger.cli import app
from skyledger.ingest import ingest
from skyledger.models import Document
from skyledger.sources.detect import read_paths
from skyledger.sources.telegram_web import parse_channel_page, post_document
from skyledger.store import queries
from skyledger.store.db import open_store
from skyledger.store.schema import documents

runner = CliRunner()
PAUSE = "0.3"

NIGHT = (
    "⚡️ ЗБИТО/ПОДАВЛЕНО 48 ВОРОЖИХ БПЛА<br>У ніч на 3 грудня (з 18:00 2 грудня) противник "
    "атакував 57 ударними БпЛА типу Shahed із напрямків: Курськ, Орел."
)


def test_watch_telegram_stores_new_and_edited_posts(site, kit, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    channel = kit.Channel(
        "kpszsu",
        [kit.Post(201, NIGHT, kit.hours_ago(3)), kit.Post(202, "Тримаймо небо!", kit.hours_ago(1))],
    )
    site.set("/s/kpszsu", channel)
    args = ["watch", "telegram", "kpszsu", "--once", "--base-url", site.base_url, "--db", db]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "new 2" in first.output

    again = runner.invoke(app, args)
    assert "new 0" in again.output and "changed 0" in again.output

    channel.posts[201] = kit.Post(201, NIGHT.replace("48", "49"), kit.hours_ago(3), edited=True)
    edited = runner.invoke(app, args)
    assert "changed 1" in edited.output, edited.output

    store = open_store(db)
    try:
        revisions = queries.document_revisions(store, "kpszsu-201")
        assert [d.revision for d in revisions] == [1, 2]
        assert "49" in revisions[1].text and "48" in revisions[0].text
        assert queries.counts(store)["documents"] == 2
    finally:
        store.close()


def test_watch_reports_a_broken_source_and_exits_non_zero(site, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    site.set("/feed.xml", "<html><body>not a feed</body></html>")
    result = runner.invoke(app, ["watch", "feed", site.url("/feed.xml"), "--once", "--db", db])
    assert result.exit_code == 4, result.output  # the whole poll failed: never 0
    assert "failed 1" in result.output
    assert "Error: the poll failed: nothing could be fetched" in result.output
    store = open_store(db)
    try:
        assert queries.list_failures(store)[0]["source"].endswith("/feed.xml")
    finally:
        store.close()


def test_a_deleted_post_leaves_the_figures_and_keeps_its_history(site, kit, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    other = NIGHT.replace("3 грудня", "4 грудня").replace("2 грудня", "3 грудня")
    channel = kit.Channel(
        "kpszsu", [kit.Post(301, NIGHT, kit.hours_ago(5)), kit.Post(302, other, kit.hours_ago(2))]
    )
    site.set("/s/kpszsu", channel)
    args = ["watch", "telegram", "kpszsu", "--once", "--base-url", site.base_url, "--db", db]
    assert runner.invoke(app, args).exit_code == 0
    store = open_store(db)
    try:
        assert queries.counts(store)["events"] == 2
    finally:
        store.close()

    del channel.posts[302]
    gone = runner.invoke(app, args)
    assert gone.exit_code == 0, gone.output
    assert "deleted: kpszsu-302" in gone.output and "gone 1" in gone.output
    store = open_store(db)
    try:
        assert queries.counts(store)["events"] == 1  # its night has no claims left
        assert queries.counts(store)["documents"] == 1
        assert not queries.list_claims(store, text="4 грудня")
        history = queries.document_revisions(store, "kpszsu-302")
        assert [d.revision for d in history] == [1, 2]
        assert history[0].text == history[1].text == other.replace("<br>", "\n")
        with store.engine.connect() as conn:
            flags = conn.execute(
                sa.select(documents.c.revision, documents.c.deleted, documents.c.current)
                .where(documents.c.doc_id == "kpszsu-302")
                .order_by(documents.c.revision)
            ).all()
        assert [tuple(f) for f in flags] == [(1, False, False), (2, True, True)]
    finally:
        store.close()
    again = runner.invoke(app, args)  # reported once
    assert "deleted:" not in again.output


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_ingest_watch_and_post_at_once_leave_the_events_of_a_sequential_run(
    site, kit, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file ingest and a watcher, each in its own process, and API posts from this one, on
    one ledger; every rebuild pauses, so writers that did not take turns would collide."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
    from writers import PAUSED, ROOT, fork_writer, ledger_snapshot, report_text, write_reports

    open_store(db_url).close()
    posts = [
        kit.Post(400 + n, report_text(2 + n % 6, 7 * n).replace("\n", "<br>"), kit.hours_ago(n))
        for n in range(1, 6)
    ]
    site.set("/s/kpszsu", kit.Channel("kpszsu", posts, page_size=20))
    posted = [
        {
            "id": f"api-{n}",
            "lang": "uk",
            "published_at": f"2025-12-{2 + n % 6:02d}T10:00:00+02:00",
            "text": report_text(2 + n % 6, 11 * n),
        }
        for n in range(5)
    ]
    file = write_reports(tmp_path / "in.jsonl", "file", 20)
    go = tmp_path / "go"
    monkeypatch.setenv(TOKEN_ENV, "t0ken")
    answers: list[int] = []
    watch = [sys.executable, "-m", "skyledger", "watch", "telegram", "kpszsu", "--once"]
    watcher = subprocess.Popen(
        [*watch, "--base-url", site.base_url, "--db", db_url],
        cwd=ROOT, env={**os.environ, **PAUSED},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    sa.event.listen(sa.engine.Engine, "after_cursor_execute", _pause_in_rebuild)
    try:
        writer = fork_writer(db_url, file, go, writers=1).ready()  # pauses as this process
        deadline = time.monotonic() + 120
        while not site.requests and watcher.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # all three start together: the watcher is polling now
        go.touch()
        with TestClient(create_app(db_url), headers={"X-API-Token": "t0ken"}) as api:
            for doc in posted:
                for _ in range(30):  # bounded retries while the ledger is busy
                    response = api.post("/api/documents", json=doc)
                    answers.append(response.status_code)
                    if response.status_code != 503:
                        break
                    time.sleep(min(1.0, float(response.headers["Retry-After"])))
    finally:
        sa.event.remove(sa.engine.Engine, "after_cursor_execute", _pause_in_rebuild)
    assert watcher.wait(timeout=600) == 0, watcher.stderr.read() if watcher.stderr else ""
    assert writer.exit_code() == 0
    assert set(answers) <= {201, 202, 503} and answers.count(503) < len(answers)

    reference = open_store(f"sqlite:///{tmp_path / 'sequential.db'}")
    try:
        page = kit.channel_html("kpszsu", posts)
        ingest(reference, read_paths([file]))
        ingest(reference, [post_document(p) for p in parse_channel_page(page).posts])
        ingest(reference, [Document(**doc) for doc in posted])
    finally:
        reference.close()
    got = ledger_snapshot(db_url)
    assert got["unlinked"] == 0 and got["stale"] == "0"
    assert got == ledger_snapshot(f"sqlite:///{tmp_path / 'sequential.db'}")


def _pause_in_rebuild(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
    """The pause of ``tests/store/paused/sitecustomize.py``, for the API in this process."""
    if statement.lstrip().startswith("SELECT events.id"):
        time.sleep(float(PAUSE))
