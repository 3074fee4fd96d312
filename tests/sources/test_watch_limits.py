"""A poll stays bounded whatever the server does: a gzip bomb stops at the size cap, a
trickled body at the response deadline, a long Retry-After at its cap (logged) and the poll's
deadline; redirects stay on the polled site unless allowed; what cannot pass is not retried;
and a cursor never moves past a post that was neither stored nor recorded as a failure."""

from __future__ import annotations

import gzip
import threading
import tracemalloc
from typing import Any

import pytest

from skyledger.errors import LedgerBusy
from skyledger.models import Document, Failure
from skyledger.sources.fetch import FetchLimits, RetryPolicy, WatchStats
from skyledger.sources.state import MemoryWatchState
from skyledger.sources.watch import watch_feed, watch_telegram

FAST = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.005, jitter=0.5)


class Recorder:
    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.failures: list[Failure] = []
        self.sleeps: list[float] = []

    def sink(self, doc: Document) -> None:
        self.docs.append(doc)

    def fail(self, failure: Failure) -> None:
        self.failures.append(failure)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


def poll(site: Any, rec: Recorder, **kw: Any) -> WatchStats:
    opts: dict[str, Any] = {
        "retry": FAST, "timeout": 2.0, "sleep": rec.sleep, "on_failure": rec.fail,
        "state": MemoryWatchState(),
    }  # fmt: skip
    opts.update(kw)
    state = opts.pop("state")
    return watch_telegram("kpszsu", state, rec.sink, base_url=site.base_url, **opts)


def test_a_gzip_bomb_stops_at_the_size_cap_in_bounded_memory(site: Any, kit: Any, rec: Recorder):
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB in ~64 KiB
    site.set(
        "/s/kpszsu",
        kit.Reply(bomb, headers={"Content-Encoding": "gzip"}),
    )
    tracemalloc.start()
    try:
        stats = poll(site, rec, limits=FetchLimits(max_bytes=1024 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
    assert stats.failures == 1 and stats.retries == 0 and rec.docs == []
    assert rec.failures[0].reason == "response larger than 1048576 bytes (after 1 attempt(s))"


def test_a_gzipped_page_is_read(site: Any, kit: Any, rec: Recorder) -> None:
    page = kit.channel_html("kpszsu", [kit.Post(5, "Збито 9 БпЛА", kit.hours_ago(1))])
    site.set(
        "/s/kpszsu", kit.Reply(gzip.compress(page.encode()), headers={"Content-Encoding": "gzip"})
    )
    site.set("/s/kpszsu?before=5", kit.channel_html("kpszsu", []))  # the channel's start
    stats = poll(site, rec)
    assert [d.text for d in rec.docs] == ["Збито 9 БпЛА"] and stats.failures == 0


def test_a_trickling_server_ends_the_poll_at_the_response_deadline(
    site: Any, kit: Any, rec: Recorder
) -> None:
    page = kit.channel_html("kpszsu", [kit.Post(5, "пост", kit.hours_ago(1))]) * 20
    site.set("/s/kpszsu", kit.Reply(page, trickle=0.02))  # minutes for the whole page
    limits = FetchLimits(response_deadline=1.0)
    done: list[WatchStats] = []
    worker = threading.Thread(target=lambda: done.append(poll(site, rec, limits=limits)))
    worker.daemon = True
    worker.start()
    worker.join(timeout=60)  # generous: the poll itself gives up after about a second
    assert done, "the poll did not end"
    assert done[0].failures == 1 and done[0].retries == 0
    assert rec.failures[0].reason.startswith("response not complete within 1 s")


def test_a_long_retry_after_is_capped_logged_and_kept_within_the_poll(
    site: Any, kit: Any, rec: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    limited = kit.Reply("", status=429, headers={"Retry-After": "2700"})
    channel = kit.Channel("kpszsu", [kit.Post(3, "Пост", kit.hours_ago(1))])
    site.set("/s/kpszsu", [limited, channel])
    with caplog.at_level("WARNING", logger="skyledger.watch"):
        poll(site, rec, retry=RetryPolicy(attempts=2))
    assert rec.sleeps == [120.0] and [d.id for d in rec.docs] == ["kpszsu-3"]
    assert "asks to retry after 2700 s; waiting 120 s" in caplog.text

    rec.sleeps.clear()
    site.set("/s/kpszsu", [limited, channel])
    stats = poll(site, rec, retry=RetryPolicy(attempts=2), limits=FetchLimits(poll_deadline=60))
    assert rec.sleeps == [] and stats.failures == 1  # the wait would outlast the poll
    assert "no time left in this poll to retry" in rec.failures[-1].reason


def test_redirects_stay_on_the_site_unless_allowed(site: Any, kit: Any, rec: Recorder) -> None:
    old = kit.Post(1, "Старий пост", kit.hours_ago(100))  # before the window: one page is all
    channel = kit.Channel("kpszsu", [old, kit.Post(3, "Пост", kit.hours_ago(1))])
    site.set("/s/kpszsu", kit.Reply("", status=302, headers={"Location": "/s/moved"}))
    site.set("/s/moved", channel)
    assert poll(site, rec).failures == 0 and [d.id for d in rec.docs] == ["kpszsu-1", "kpszsu-3"]

    elsewhere = site.base_url.replace("127.0.0.1", "localhost") + "/s/moved"
    site.set("/s/kpszsu", kit.Reply("", status=301, headers={"Location": elsewhere}))
    rec.docs.clear()
    stats = poll(site, rec)
    assert stats.failures == 1 and stats.retries == 0 and rec.docs == []
    assert rec.failures[0].reason.startswith(f"redirect to another host refused: {elsewhere}")
    stats = poll(site, rec, limits=FetchLimits(redirect_hosts=frozenset({"localhost"})))
    assert stats.failures == 0 and [d.id for d in rec.docs] == ["kpszsu-1", "kpszsu-3"]


def test_a_redirect_loop_is_not_retried(site: Any, kit: Any, rec: Recorder) -> None:
    site.set("/s/kpszsu", kit.Reply("", status=302, headers={"Location": "/s/other"}))
    site.set("/s/other", kit.Reply("", status=302, headers={"Location": "/s/kpszsu"}))
    stats = poll(site, rec)
    assert stats.failures == 1 and stats.retries == 0
    assert rec.failures[0].reason.startswith("redirect loop at ")
    assert site.requests == ["/s/kpszsu", "/s/other"]


@pytest.mark.parametrize("status", [400, 403, 410, 451])
def test_permanent_errors_are_not_retried(site: Any, kit: Any, rec: Recorder, status: int):
    site.set("/s/kpszsu", kit.Reply("no", status=status))
    stats = poll(site, rec)
    assert (stats.failures, stats.retries) == (1, 0)


def test_the_cursor_waits_for_a_post_the_store_could_not_take(site: Any, kit: Any, rec: Recorder):
    posts = [kit.Post(i, f"пост {i}", kit.hours_ago(10 - i)) for i in (1, 2, 3)]
    site.set("/s/kpszsu", kit.Channel("kpszsu", posts, page_size=10))
    state = MemoryWatchState()
    busy = {"kpszsu-2"}

    def sink(doc: Document) -> None:
        if doc.id in busy:
            raise LedgerBusy("the ledger is busy")
        rec.docs.append(doc)

    stats = watch_telegram("kpszsu", state, sink, base_url=site.base_url, on_failure=rec.fail)
    assert stats.unsaved == 1 and rec.failures == []
    assert state.get_cursor("telegram:kpszsu") is None  # post 2 is read again next poll
    busy.clear()
    stats = watch_telegram("kpszsu", state, sink, base_url=site.base_url, on_failure=rec.fail)
    assert "kpszsu-2" in [d.id for d in rec.docs] and stats.unsaved == 0
    assert state.get_cursor("telegram:kpszsu") == "3"


def test_a_failure_that_cannot_be_recorded_holds_the_feed_cursor(
    site: Any, kit: Any, rec: Recorder
):
    when = kit.hours_ago(1).strftime("%a, %d %b %Y %H:%M:%S +0000")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        f"<item><title>A</title><link>{site.url('/a')}</link><pubDate>{when}</pubDate>"
        "<description>Text A.</description></item></channel></rss>"
    )
    site.set("/feed.xml", kit.Reply(feed, content_type="application/rss+xml"))
    state = MemoryWatchState()

    def broken_sink(doc: Document) -> None:
        raise ValueError("cannot store")

    def broken_failures(failure: Failure) -> None:
        raise OSError("disk full")

    stats = watch_feed(
        site.url("/feed.xml"), state, broken_sink, fetch_articles=False,
        on_failure=broken_failures, retry=FAST,
    )  # fmt: skip
    assert stats.unsaved == 1 and state.get_cursor("feed:" + site.url("/feed.xml")) is None
