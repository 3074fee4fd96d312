"""The watchers against a real HTTP server on 127.0.0.1 whose pages change between polls."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skyledger.models import Document, Failure
from skyledger.sources.fetch import RetryPolicy, WatchStats, retry_after_seconds
from skyledger.sources.state import MemoryWatchState
from skyledger.sources.watch import watch_feed, watch_telegram

FAST = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.005, jitter=0.5)


class Recorder:
    """Sink, failure callback and sleep for one watcher run."""

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

    def ids(self) -> list[str]:
        return [d.id for d in self.docs]

    def reset(self) -> None:
        self.docs.clear()
        self.failures.clear()
        self.sleeps.clear()


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


def night_posts(kit, first: int = 101):
    """Eight posts: two older than the 48 h window, six inside it (oldest first)."""
    ages = [80, 72, 40, 30, 20, 10, 5, 1]
    return [
        kit.Post(first + i, f"Збито {10 + i} ударних БпЛА<br>Пост {first + i}", kit.hours_ago(h))
        for i, h in enumerate(ages)
    ]


def poll_tg(site, state, rec, **kw) -> WatchStats:
    opts = {"retry": FAST, "timeout": 2.0, "sleep": rec.sleep, "on_failure": rec.fail}
    opts.update(kw)
    return watch_telegram("kpszsu", state, rec.sink, base_url=site.base_url, **opts)


# --- Telegram ------------------------------------------------------------------------------


def test_first_poll_reads_back_to_the_window_and_sets_the_cursor(site, kit, rec):
    site.set("/s/kpszsu", kit.Channel("kpszsu", night_posts(kit)))
    state = MemoryWatchState()
    stats = poll_tg(site, state, rec)
    assert rec.ids() == [f"kpszsu-{i}" for i in range(101, 109)]  # whole pages, oldest first
    assert rec.docs[1].text == "Збито 11 ударних БпЛА\nПост 102"
    assert rec.docs[1].medium == "telegram" and rec.docs[1].url == "https://t.me/kpszsu/102"
    assert state.get_cursor("telegram:kpszsu") == "108"
    assert sorted(json.loads(state.get_cursor("telegram:kpszsu:recent") or "{}")) == [
        str(i) for i in range(103, 109)
    ]
    assert (stats.pages, stats.documents, stats.failures, stats.retries) == (3, 8, 0, 0)
    assert site.requests == ["/s/kpszsu", "/s/kpszsu?before=106", "/s/kpszsu?before=103"]
    assert rec.failures == [] and stats.deleted == []


def test_next_polls_resend_the_window_and_catch_new_edited_and_deleted_posts(site, kit, rec):
    channel = kit.Channel("kpszsu", night_posts(kit))
    site.set("/s/kpszsu", channel)
    state = MemoryWatchState()
    poll_tg(site, state, rec)
    before = {d.id: d.content_hash for d in rec.docs}
    rec.reset()

    stats = poll_tg(site, state, rec)
    assert rec.ids() == [f"kpszsu-{i}" for i in range(103, 109)]  # the 48 h window again
    assert all(before[d.id] == d.content_hash for d in rec.docs)
    assert stats.deleted == []
    rec.reset()

    channel.posts[109] = kit.Post(109, "Нова атака: 44 БпЛА", kit.hours_ago(0.2))
    channel.posts[105] = kit.Post(105, "Виправлено: збито 15 БпЛА", kit.hours_ago(30), edited=True)
    del channel.posts[104]
    stats = poll_tg(site, state, rec)
    got = {d.id: d for d in rec.docs}
    assert "kpszsu-109" in got and "kpszsu-104" not in got
    assert got["kpszsu-105"].content_hash != before["kpszsu-105"]
    assert got["kpszsu-105"].text == "Виправлено: збито 15 БпЛА"
    assert stats.deleted == ["kpszsu-104"]
    assert state.get_cursor("telegram:kpszsu") == "109"
    rec.reset()

    assert poll_tg(site, state, rec).deleted == []  # reported once, no data removed


def test_an_old_cursor_is_followed_back_past_the_window(site, kit, rec):
    site.set("/s/kpszsu", kit.Channel("kpszsu", night_posts(kit), page_size=2))
    state = MemoryWatchState()
    state.set_cursor("telegram:kpszsu", "101")
    stats = poll_tg(site, state, rec)
    assert rec.ids() == [f"kpszsu-{i}" for i in range(102, 109)]
    assert stats.pages == 4 and state.get_cursor("telegram:kpszsu") == "108"


def test_deleted_newest_post_is_noticed(site, kit, rec):
    channel = kit.Channel("kpszsu", night_posts(kit))
    site.set("/s/kpszsu", channel)
    state = MemoryWatchState()
    poll_tg(site, state, rec)
    del channel.posts[108]
    stats = poll_tg(site, state, rec)
    assert stats.deleted == ["kpszsu-108"]
    assert state.get_cursor("telegram:kpszsu") == "108"  # the cursor never goes back


def test_on_deleted_callback(site, kit, rec):
    channel = kit.Channel("kpszsu", night_posts(kit))
    site.set("/s/kpszsu", channel)
    state = MemoryWatchState()
    poll_tg(site, state, rec)
    del channel.posts[106]
    gone: list[str] = []
    poll_tg(site, state, rec, on_deleted=gone.append)
    assert gone == ["kpszsu-106"]


def test_service_and_media_only_posts_are_not_handed_on(site, kit, rec):
    posts = [
        kit.Post(1, "Channel photo updated", kit.hours_ago(3), service=True),
        kit.Post(2, "", kit.hours_ago(2)),
        kit.Post(3, "Текст", kit.hours_ago(1)),
    ]
    site.set("/s/kpszsu", kit.Channel("kpszsu", posts, page_size=10))
    stats = poll_tg(site, MemoryWatchState(), rec)
    assert rec.ids() == ["kpszsu-3"] and stats.failures == 0


def test_a_broken_older_page_is_reported_and_the_cursor_waits(site, kit, rec):
    channel = kit.Channel("kpszsu", night_posts(kit))
    site.set("/s/kpszsu", channel)
    site.set("/s/kpszsu?before=106", kit.Reply("upstream exploded", status=500))
    state = MemoryWatchState()
    stats = poll_tg(site, state, rec)
    assert rec.ids() == ["kpszsu-106", "kpszsu-107", "kpszsu-108"]
    assert len(rec.failures) == 1
    failure = rec.failures[0]
    assert failure.source == site.url("/s/kpszsu?before=106")
    assert "HTTP 500" in failure.reason and "3 attempt" in failure.reason
    assert stats.retries == 2 and stats.failures == 1
    assert state.get_cursor("telegram:kpszsu") is None

    site.set("/s/kpszsu?before=106", channel)
    rec.reset()
    stats = poll_tg(site, state, rec)
    assert stats.failures == 0 and state.get_cursor("telegram:kpszsu") == "108"


def test_a_page_that_is_not_a_channel_is_a_failure(site, kit, rec):
    site.set("/s/kpszsu", "<html><body><h1>Down for maintenance</h1></body></html>")
    state = MemoryWatchState()
    stats = poll_tg(site, state, rec)
    assert rec.docs == [] and stats.failures == 1
    assert rec.failures[0].reason == "no channel messages on the page"
    assert "maintenance" in rec.failures[0].excerpt
    assert state.get_cursor("telegram:kpszsu") is None


def test_a_broken_message_is_reported_and_the_rest_read(site, kit, rec):
    page = kit.channel_html("kpszsu", [kit.Post(7, "ok", kit.hours_ago(1))])
    broken = kit.message_html("kpszsu", kit.Post(6, "bad", kit.hours_ago(2)))
    broken = broken.replace("<time datetime=", "<time data-x=")
    site.set("/s/kpszsu", page.replace("</section>", broken + "</section>"))
    site.set("/s/kpszsu?before=7", kit.channel_html("kpszsu", []))  # the channel's start
    stats = poll_tg(site, MemoryWatchState(), rec)
    assert rec.ids() == ["kpszsu-7"]
    assert stats.failures == 1 and "kpszsu/6" in rec.failures[0].reason


def test_a_slow_response_times_out(site, kit, rec):
    site.set("/s/kpszsu", kit.Reply(kit.channel_html("kpszsu", []), delay=1.0))
    retry = RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.001)
    stats = poll_tg(site, MemoryWatchState(), rec, timeout=0.1, retry=retry)
    assert stats.failures == 1 and stats.retries == 1 and stats.pages == 0
    assert rec.failures[0].reason.startswith("timed out after 0.1 s")
    assert rec.failures[0].source == site.url("/s/kpszsu")


def test_http_429_honours_retry_after(site, kit, rec):
    channel = kit.Channel("kpszsu", [kit.Post(3, "Пост", kit.hours_ago(1))])
    limited = kit.Reply("slow down", status=429, headers={"Retry-After": "7"})
    site.set("/s/kpszsu", [limited, channel])
    stats = poll_tg(site, MemoryWatchState(), rec)
    assert rec.sleeps == [7.0]
    assert stats.retries == 1 and stats.failures == 0 and rec.ids() == ["kpszsu-3"]


def test_retry_after_is_capped(site, kit, rec):
    channel = kit.Channel("kpszsu", [kit.Post(3, "Пост", kit.hours_ago(1))])
    limited = kit.Reply("", status=429, headers={"Retry-After": "86400"})
    site.set("/s/kpszsu", [limited, channel])
    poll_tg(site, MemoryWatchState(), rec, retry=RetryPolicy(attempts=2, max_retry_after=30))
    assert rec.sleeps == [30]


def test_a_missing_channel_is_not_retried(site, rec):
    stats = poll_tg(site, MemoryWatchState(), rec)  # no route: 404
    assert stats.retries == 0 and stats.failures == 1
    assert "HTTP 404" in rec.failures[0].reason and "1 attempt" in rec.failures[0].reason


def test_a_refused_connection_is_a_failure(rec):
    state = MemoryWatchState()
    stats = watch_telegram(
        "kpszsu", state, rec.sink, base_url="http://127.0.0.1:9", retry=FAST, timeout=0.5,
        sleep=rec.sleep, on_failure=rec.fail,
    )  # fmt: skip
    assert stats.failures == 1 and stats.retries == 2 and "ConnectError" in rec.failures[0].reason


def test_a_failing_sink_does_not_stop_the_watcher(site, kit, rec):
    posts = [kit.Post(i, f"пост {i}", kit.hours_ago(i)) for i in (1, 2, 3)]
    site.set("/s/kpszsu", kit.Channel("kpszsu", posts, page_size=10))

    def picky(doc: Document) -> None:
        if doc.id == "kpszsu-2":
            raise ValueError("disk full")
        rec.docs.append(doc)

    stats = watch_telegram(
        "kpszsu", MemoryWatchState(), picky, base_url=site.base_url, on_failure=rec.fail
    )
    assert rec.ids() == ["kpszsu-1", "kpszsu-3"] and stats.documents == 2
    assert "disk full" in rec.failures[0].reason


def test_the_loop_polls_until_max_cycles_and_sees_changes(site, kit, rec):
    channel = kit.Channel("kpszsu", [kit.Post(1, "перший", kit.hours_ago(2))])
    site.set("/s/kpszsu", channel)

    def between_polls(seconds: float) -> None:
        rec.sleeps.append(seconds)
        new_id = max(channel.posts) + 1
        channel.posts[new_id] = kit.Post(new_id, f"пост {new_id}", kit.hours_ago(0.1))

    stats = watch_telegram(
        "kpszsu", MemoryWatchState(), rec.sink, base_url=site.base_url, once=False,
        interval=0.25, max_cycles=3, sleep=between_polls,
    )  # fmt: skip
    assert stats.cycles == 3 and rec.sleeps == [0.25, 0.25]
    assert sorted(set(rec.ids())) == ["kpszsu-1", "kpszsu-2", "kpszsu-3"]


# --- Feeds ---------------------------------------------------------------------------------


def rss(site, items: list[tuple[str, datetime | None, str]]) -> str:
    """An RSS 2.0 feed; each item is (path of the article on the site, time, summary)."""
    out = []
    for path, when, summary in items:
        date = f"<pubDate>{when:%a, %d %b %Y %H:%M:%S +0000}</pubDate>" if when else ""
        out.append(
            f"<item><title>Entry {path}</title><link>{site.url(path)}</link>{date}"
            f"<description>{summary}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test Wire</title><language>en</language>{''.join(out)}</channel></rss>"
    )


def article(headline: str, *paras: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<html lang="en"><head><meta property="og:title" content="{headline}">'
        '<meta property="og:site_name" content="Test Wire Site"></head><body>'
        f"<nav>Home</nav><article>{body}</article><footer>About us</footer></body></html>"
    )


PARAS = [
    "Russia attacked Ukraine with 210 drones and 12 cruise missiles overnight, the air force said.",
    "Air defences destroyed 180 drones and all of the missiles over the central regions.",
]


def feed_reply(kit, xml: str):
    return kit.Reply(xml, content_type="application/rss+xml; charset=utf-8")


def poll_feed(site, state, rec, **kw) -> WatchStats:
    opts = {"retry": FAST, "timeout": 2.0, "sleep": rec.sleep, "on_failure": rec.fail}
    opts.update(kw)
    return watch_feed(site.url("/feed.xml"), state, rec.sink, **opts)


def test_feed_fetches_each_article_and_moves_the_cursor(site, kit, rec):
    items = [
        ("/news/old", kit.hours_ago(90), "Old summary."),
        ("/news/a", kit.hours_ago(20), "Summary A."),
        ("/news/b", kit.hours_ago(2), "Summary B."),
    ]
    site.set("/feed.xml", feed_reply(kit, rss(site, items)))
    for path, _, _ in items:
        site.set(path, article(f"Headline {path}", *PARAS))
    state = MemoryWatchState()
    stats = poll_feed(site, state, rec)
    assert [d.title for d in rec.docs] == [
        "Headline /news/old",
        "Headline /news/a",
        "Headline /news/b",
    ]
    assert rec.docs[0].text == "\n\n".join(PARAS) and rec.docs[0].source == "Test Wire"
    assert rec.docs[2].published_at == items[2][1].replace(microsecond=0)
    cursor = datetime.fromisoformat(state.get_cursor("feed:" + site.url("/feed.xml")) or "")
    assert cursor == items[2][1].replace(microsecond=0)
    assert (stats.pages, stats.documents, stats.failures) == (4, 3, 0)

    rec.reset()
    site.requests.clear()
    poll_feed(site, state, rec)
    assert [d.title for d in rec.docs] == ["Headline /news/a", "Headline /news/b"]
    assert "/news/old" not in site.requests


def test_feed_falls_back_to_entry_text_when_the_article_fails(site, kit, rec):
    items = [
        ("/news/500", kit.hours_ago(3), "Entry text for the broken page."),
        ("/news/empty", kit.hours_ago(2), "Entry text for the empty page."),
        ("/news/slow", kit.hours_ago(1), "Entry text for the slow page."),
    ]
    site.set("/feed.xml", feed_reply(kit, rss(site, items)))
    site.set("/news/500", kit.Reply("error", status=500))
    site.set("/news/empty", "<html><body><nav>Home</nav></body></html>")
    site.set("/news/slow", kit.Reply(article("Slow", *PARAS), delay=1.0))
    stats = poll_feed(site, MemoryWatchState(), rec, timeout=0.1)
    assert [d.text for d in rec.docs] == [summary for _, _, summary in items]
    assert [d.title for d in rec.docs] == [
        "Entry /news/500",
        "Entry /news/empty",
        "Entry /news/slow",
    ]
    reasons = {f.source.rsplit("/", 1)[1]: f.reason for f in rec.failures}
    assert "HTTP 500" in reasons["500"]
    assert "no article body" in reasons["empty"]
    assert "timed out" in reasons["slow"]
    assert stats.documents == 3 and stats.failures == 3


def test_feed_without_article_fetching_uses_entries(site, kit, rec):
    site.set("/feed.xml", feed_reply(kit, rss(site, [("/news/a", kit.hours_ago(1), "Only this.")])))
    poll_feed(site, MemoryWatchState(), rec, fetch_articles=False)
    assert [d.text for d in rec.docs] == ["Only this."]
    assert site.requests == ["/feed.xml"]


def test_feed_without_dates_hands_each_entry_on_once(site, kit, rec):
    items = [("/n/1", None, "First undated."), ("/n/2", None, "Second undated.")]
    site.set("/feed.xml", feed_reply(kit, rss(site, items)))
    state = MemoryWatchState()
    poll_feed(site, state, rec, fetch_articles=False)
    assert [d.text for d in rec.docs] == ["First undated.", "Second undated."]
    assert state.get_cursor("feed:" + site.url("/feed.xml")) is None
    rec.reset()
    poll_feed(site, state, rec, fetch_articles=False)
    assert rec.docs == []
    site.set("/feed.xml", feed_reply(kit, rss(site, [("/n/3", None, "Third."), *items])))
    poll_feed(site, state, rec, fetch_articles=False)
    assert [d.text for d in rec.docs] == ["Third."]


def test_atom_feed_is_watched(site, kit, rec):
    when = kit.hours_ago(1).strftime("%Y-%m-%dT%H:%M:%SZ")
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk"><title>Стрічка</title>'
        f"<entry><id>urn:e1</id><title>Атака</title><updated>{when}</updated>"
        f'<link href="{site.url("/uk/1")}"/><content type="text">Вночі збито 30 дронів.</content>'
        "</entry></feed>"
    )
    site.set("/feed.xml", kit.Reply(atom, content_type="application/atom+xml"))
    stats = poll_feed(site, MemoryWatchState(), rec)  # the article page is missing: 404
    assert [(d.text, d.lang, d.source) for d in rec.docs] == [
        ("Вночі збито 30 дронів.", "uk", "Стрічка")
    ]
    assert stats.failures == 1 and "HTTP 404" in rec.failures[0].reason


def test_a_feed_url_that_serves_a_web_page_is_a_failure(site, kit, rec):
    site.set("/feed.xml", article("Not a feed", *PARAS))
    stats = poll_feed(site, MemoryWatchState(), rec)
    assert rec.docs == [] and stats.failures == 1
    assert "not an RSS or Atom feed" in rec.failures[0].reason


def test_feed_429_then_success(site, kit, rec):
    xml = rss(site, [("/news/a", kit.hours_ago(1), "A.")])
    limited = kit.Reply("", status=429, headers={"Retry-After": "2"})
    site.set("/feed.xml", [limited, limited, feed_reply(kit, xml)])
    stats = poll_feed(site, MemoryWatchState(), rec, fetch_articles=False)
    assert rec.sleeps == [2.0, 2.0] and stats.retries == 2 and stats.documents == 1


# --- Backoff -------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=40))
def test_backoff_grows_with_jitter_and_stays_capped(attempt):
    policy = RetryPolicy(base_delay=1.0, max_delay=60.0, jitter=0.5)
    delay = policy.delay(attempt)
    plain = min(60.0, 2.0 ** (attempt - 1))
    assert plain <= delay <= plain * 1.5


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_seconds(header, seconds):
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert retry_after_seconds(header, now) == seconds


@pytest.mark.parametrize("bad", [{"attempts": 0}, {"base_delay": -1.0}])
def test_retry_policy_is_validated(bad):
    with pytest.raises(ValueError):
        RetryPolicy(**bad)


def test_window_is_configurable(site, kit, rec):
    site.set("/s/kpszsu", kit.Channel("kpszsu", night_posts(kit)))
    state = MemoryWatchState()
    poll_tg(site, state, rec)
    rec.reset()
    poll_tg(site, state, rec, recent=timedelta(hours=6))
    assert rec.ids() == ["kpszsu-107", "kpszsu-108"]


def test_a_source_that_keeps_failing_is_polled_less_often(site, rec):
    stats = poll_tg(site, MemoryWatchState(), rec, once=False, interval=1.0, max_cycles=4)
    assert rec.sleeps == [2.0, 4.0, 8.0]  # 404s are not retried, so only the loop sleeps
    assert stats.cycles == 4 and stats.failures == 4


def test_the_interval_resets_when_the_source_recovers(site, kit, rec):
    channel = kit.Channel("kpszsu", [kit.Post(1, "пост", kit.hours_ago(1))])
    site.set("/s/kpszsu", [kit.Reply("", status=404), channel])
    poll_tg(site, MemoryWatchState(), rec, once=False, interval=1.0, max_cycles=3)
    assert rec.sleeps == [2.0, 1.0]


def test_a_long_feed_url_gets_a_hashed_cursor_key(site, kit, rec):
    path = "/feed.xml?" + "x" * 300
    site.set(path, feed_reply(kit, rss(site, [("/news/a", kit.hours_ago(1), "A.")])))
    state = MemoryWatchState()
    watch_feed(site.url(path), state, rec.sink, fetch_articles=False, on_failure=rec.fail)
    assert [len(k) for k in state.cursors] == [76, 81]
    assert all(k.startswith("feed:sha256:") for k in state.cursors)
