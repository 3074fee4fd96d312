"""``watch telegram CHANNEL`` and ``watch feed URL``: poll live sources into the ledger."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import typer

from skyledger.commands.common import (
    EXIT_NONE_READ,
    EXIT_SOME_FAILED,
    db_option,
    err,
    fail,
    open_db,
    parse_day,
)

if TYPE_CHECKING:
    from skyledger.models import Document, Failure
    from skyledger.sources.backfill import Backfill, BackfillProgress
    from skyledger.sources.fetch import FetchLimits, WatchStats
    from skyledger.store.db import Store

watch_app = typer.Typer(
    help="Poll live sources (a Telegram channel's public web preview, an RSS/Atom feed) and "
    "ingest new and edited posts; a deleted post is kept as a deleted revision. The cursor is "
    "kept in the database. A response may take 20 MB (decompressed) and 2 minutes, a poll "
    "15 minutes; redirects stay on the polled site unless --redirect-host allows another. "
    "`watch telegram CHANNEL --since DATE` also reads the channel's history back to DATE.",
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


SINCE = typer.Option(
    None,
    "--since",
    help="Backfill: also page back through the channel's history to this date (YYYY-MM-DD, "
    "Kyiv time); a backfill stopped early goes on from where it stopped.",
    show_default=False,
)
MAX_PAGES = typer.Option(
    1000, "--max-pages", min=1, help="Most older pages a backfill reads in one run."
)
PAGE_DELAY = typer.Option(
    1.0, "--page-delay", min=0.0, help="Seconds between the pages of a backfill."
)


class StoreWatch:
    """Cursors in the store; every document handed on is ingested, every failure recorded."""

    def __init__(self, store: Store, command: str) -> None:
        self.store = store
        self.command = command
        self.new = self.changed = self.failed = self.deleted = 0
        self.complete_said = False

    def get_cursor(self, key: str) -> str | None:
        from skyledger.store import writes

        return writes.get_cursor(self.store, key)

    def set_cursor(self, key: str, value: str) -> None:
        from skyledger.store import writes

        writes.set_cursor(self.store, key, value)

    def sink(self, doc: Document) -> None:
        from skyledger.ingest import ingest

        summary = ingest(self.store, [doc], command=self.command, on_failure=self.refused)
        self.new += summary.new
        self.changed += summary.changed
        if summary.new or summary.changed:
            state = "new" if summary.new else "changed"
            err.print(f"{state}: {doc.id} ({doc.published_at or 'no date'})")

    def sink_batch(self, docs: list[Document]) -> None:
        """A backfill's batch: one ingest (the pages' progress lines say what was read)."""
        from skyledger.ingest import ingest

        summary = ingest(self.store, docs, command=self.command, on_failure=self.refused)
        self.new += summary.new
        self.changed += summary.changed

    def refused(self, item: Failure) -> None:
        """A document the ingest could not keep (already listed in ``failures``)."""
        self.failed += 1
        err.print(f"[yellow]failed:[/] {item.source}: {item.reason}")

    def progress(self, p: BackfillProgress) -> None:
        """A line per page and one when the walk stops; a complete backfill with nothing
        left to read is said once, not at every poll."""
        if p.status == "complete" and p.pages == 0:
            if self.complete_said:
                return
            self.complete_said = True
        err.print(backfill_message(p), markup=False)

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


def backfill_message(p: BackfillProgress) -> str:
    """One line on a backfill: after each page, and once when it stops (and why)."""
    from skyledger.models import KYIV

    head = f"backfill {p.channel}"
    since = p.since.astimezone(KYIV).date().isoformat()
    again = f"run the same command again to go on from post {p.before}"
    if p.status == "reading":
        back = p.reached.astimezone(KYIV).date().isoformat() if p.reached else "?"
        return f"{head}: page {p.pages} · back to {back} · {p.read} posts"
    if p.status == "complete":
        return f"{head}: complete back to {since} ({p.pages} older pages, {p.documents} posts)"
    if p.status == "page-limit":
        return f"{head}: stopped after {p.pages} pages (--max-pages {p.max_pages}); {again}"
    if p.status == "waiting":
        return f"{head}: stopped, the ledger was busy; {again}"
    if p.status == "interrupted":
        return f"{head}: interrupted; {again}"
    if p.before is None:
        return f"{head}: not started, the newest pages were not read or not stored (see above)"
    return f"{head}: stopped at a page that could not be read (see the failures above); {again}"


def _backfill(since: str | None, max_pages: int, page_delay: float) -> Backfill | None:
    from skyledger.models import KYIV
    from skyledger.sources.backfill import Backfill

    day = parse_day(since, "--since")
    if day is None:
        return None
    if day > datetime.now(KYIV).date():
        raise fail(f"--since {since!r}: that day has not come yet in Kyiv")
    start = datetime.combine(day, time(0), tzinfo=KYIV)
    return Backfill(start, max_pages=max_pages, page_delay=page_delay)


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
    since: str | None = SINCE,
    max_pages: int = MAX_PAGES,
    page_delay: float = PAGE_DELAY,
    db: str | None = db_option(),
) -> None:
    """Poll a channel's public web preview (t.me/s/CHANNEL) for new and edited posts.

    With --since, a poll also pages back through the channel's history to that date (older
    pages, --page-delay apart, at most --max-pages a run), printing a line per page and one
    when it stops. Where the backfill stands is kept in the database: stopped by --max-pages,
    Ctrl-C, a kill or a page that fails, it goes on from there next time; once complete, a
    run reads only the newest page. Without --since, new posts are picked up as usual.

    Exit codes: 0 the polls went through (a backfill stopped by --max-pages included); 3 some
    posts or pages failed; 4 nothing could be fetched; 130 interrupted.

    Example: skyledger watch telegram kpszsu --since 2022-02-24 --once
    """
    from skyledger.sources.watch import watch_telegram

    backfill = _backfill(since, max_pages, page_delay)

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
            backfill=backfill,
            on_progress=w.progress,
            sink_batch=w.sink_batch,
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
