"""``watch telegram CHANNEL`` and ``watch feed URL``: poll live sources into the ledger."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import typer

from skyledger.commands.common import (
    EXIT_NONE_READ,
    EXIT_SOME_FAILED,
    db_option,
    err,
    fail,
    open_db,
)

if TYPE_CHECKING:
    from skyledger.models import Document, Failure
    from skyledger.sources.fetch import FetchLimits, WatchStats
    from skyledger.store.db import Store

watch_app = typer.Typer(
    help="Poll live sources (a Telegram channel's public web preview, an RSS/Atom feed) and "
    "ingest new and edited posts; a deleted post is kept as a deleted revision. The cursor is "
    "kept in the database. A response may take 20 MB (decompressed) and 2 minutes, a poll "
    "15 minutes; redirects stay on the polled site unless --redirect-host allows another.",
    no_args_is_help=True,
)

ONCE = typer.Option(False, "--once", help="Poll once and exit (default: keep polling).")
INTERVAL = typer.Option(300.0, "--interval", help="Seconds between polls.", min=1.0)
RECENT = typer.Option(48.0, "--recent-hours", help="Re-read this many hours to catch edits.")
REDIRECT_HOSTS = typer.Option(
    [],
    "--redirect-host",
    help="A host redirects may lead to besides the polled site (repeatable).",
)


class StoreWatch:
    """Cursors in the store; every document handed on is ingested, every failure recorded."""

    def __init__(self, store: Store, command: str) -> None:
        self.store = store
        self.command = command
        self.new = self.changed = self.failed = self.deleted = 0

    def get_cursor(self, key: str) -> str | None:
        from skyledger.store import writes

        return writes.get_cursor(self.store, key)

    def set_cursor(self, key: str, value: str) -> None:
        from skyledger.store import writes

        writes.set_cursor(self.store, key, value)

    def sink(self, doc: Document) -> None:
        from skyledger.ingest import ingest

        summary = ingest(self.store, [doc], command=self.command)
        self.new += summary.new
        self.changed += summary.changed
        if summary.new or summary.changed:
            state = "new" if summary.new else "changed"
            err.print(f"{state}: {doc.id} ({doc.published_at or 'no date'})")

    def gone(self, doc_id: str) -> None:
        """A post deleted at its source: stored as a deleted revision, out of the figures."""
        from skyledger.ingest import record_deletion

        if record_deletion(self.store, doc_id):
            self.deleted += 1
            err.print(f"deleted: {doc_id}")

    def failure(self, item: Failure) -> None:
        from skyledger.store import writes

        self.failed += 1
        writes.record_failures(self.store, None, [item])
        err.print(f"[yellow]failed:[/] {item.source}: {item.reason}")


def _report(stats: WatchStats, watch: StoreWatch) -> None:
    err.print(
        f"pages {stats.pages} · documents {stats.documents} · new {watch.new} · "
        f"changed {watch.changed} · failed {watch.failed} · retries {stats.retries}"
        + (f" · gone {len(stats.deleted)}" if stats.deleted else "")
        + (f" · waiting for the store {stats.unsaved}" if stats.unsaved else "")
    )


def exit_code(stats: WatchStats, watch: StoreWatch) -> int:
    """0 when every poll went through; 3 when some posts or pages failed; 4 when nothing could
    be fetched at all."""
    if not watch.failed:
        return 0
    return EXIT_NONE_READ if stats.documents == 0 else EXIT_SOME_FAILED


def _run(db: str | None, command: str, poll: Callable[[StoreWatch], WatchStats]) -> None:
    """Open the store, poll until done (or Ctrl-C), report; errors become one line; the exit
    code says whether the polls failed."""
    from skyledger.errors import SkyledgerError

    store = open_db(db, create=True)
    watch = StoreWatch(store, command)
    try:
        stats = poll(watch)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    finally:
        store.close()
    _report(stats, watch)
    code = exit_code(stats, watch)
    if code == EXIT_NONE_READ:
        raise fail("the poll failed: nothing could be fetched (see the failures above)", code)
    if code:
        raise typer.Exit(code)


@watch_app.command("telegram")
def telegram_cmd(
    channel: str = typer.Argument(..., help="Channel name, e.g. kpszsu."),
    once: bool = ONCE,
    interval: float = INTERVAL,
    recent: float = RECENT,
    base_url: str = typer.Option("https://t.me", "--base-url", help="Preview site root."),
    redirect_hosts: list[str] = REDIRECT_HOSTS,
    db: str | None = db_option(),
) -> None:
    """Poll a channel's public web preview (t.me/s/CHANNEL) for new and edited posts.

    Exit codes: 0 the polls went through; 3 some posts or pages failed; 4 nothing could be
    fetched; 130 interrupted.

    Example: skyledger watch telegram kpszsu --once
    """
    from skyledger.sources.watch import watch_telegram

    _run(
        db,
        f"watch telegram {channel}",
        lambda w: watch_telegram(
            channel,
            w,
            w.sink,
            base_url=base_url,
            once=once,
            interval=interval,
            recent=timedelta(hours=recent),
            on_failure=w.failure,
            on_deleted=w.gone,
            limits=_limits(redirect_hosts),
        ),
    )


def _limits(redirect_hosts: list[str]) -> FetchLimits:
    from skyledger.sources.fetch import FetchLimits

    return FetchLimits(redirect_hosts=frozenset(h.strip().lower() for h in redirect_hosts))


@watch_app.command("feed")
def feed_cmd(
    url: str = typer.Argument(..., help="RSS or Atom feed URL."),
    once: bool = ONCE,
    interval: float = INTERVAL,
    recent: float = RECENT,
    articles: bool = typer.Option(
        True, "--articles/--no-articles", help="Fetch each entry's article page."
    ),
    redirect_hosts: list[str] = REDIRECT_HOSTS,
    db: str | None = db_option(),
) -> None:
    """Poll an RSS/Atom feed and ingest each new entry's article page.

    Exit codes as for `watch telegram`.

    Example: skyledger watch feed https://example.org/rss.xml --once
    """
    from skyledger.sources.watch import watch_feed

    _run(
        db,
        f"watch feed {url}",
        lambda w: watch_feed(
            url,
            w,
            w.sink,
            fetch_articles=articles,
            once=once,
            interval=interval,
            recent=timedelta(hours=recent),
            on_failure=w.failure,
            limits=_limits(redirect_hosts),
        ),
    )
