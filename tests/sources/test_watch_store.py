"""`skyledger watch` end to end: a loopback channel and feed into a real SQLite ledger."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from skyledger.cli import app
from skyledger.store import queries
from skyledger.store.db import open_store

runner = CliRunner()

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
