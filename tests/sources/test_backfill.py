"""Backfilling a channel's history from a loopback t.me/s: a few hundred generated posts over
four years on pages of twenty, newest first, ``before=`` paging, ids with gaps, service and
media-only messages, a page that fails once and one that asks to retry later."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from skyledger.errors import LedgerBusy
from skyledger.models import KYIV, Document, Failure
from skyledger.sources.backfill import Backfill, BackfillMark, BackfillProgress, step_back
from skyledger.sources.fetch import RetryPolicy, WatchStats
from skyledger.sources.state import MemoryWatchState
from skyledger.sources.telegram_web import TelegramPost
from skyledger.sources.watch import watch_telegram

FAST = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.005, jitter=0.5)
SINCE = datetime(2022, 2, 24, tzinfo=KYIV)
PAGE = 20
KEY = "telegram:kpszsu:backfill"


class Recorder:
    """Sink, batch sink, failures, sleeps and progress of watcher runs."""

    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.batches: list[list[str]] = []
        self.failures: list[Failure] = []
        self.sleeps: list[float] = []
        self.progress: list[BackfillProgress] = []

    def sink(self, doc: Document) -> None:
        self.docs.append(doc)

    def sink_batch(self, docs: list[Document]) -> None:
        self.batches.append([d.id for d in docs])
        self.docs.extend(docs)

    def fail(self, failure: Failure) -> None:
        self.failures.append(failure)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def ids(self) -> list[str]:
        return [d.id for d in self.docs]

    def statuses(self) -> list[str]:
        return [p.status for p in self.progress]


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


def serve(site: Any, kit: Any, posts: list[Any] | None = None) -> tuple[Any, list[Any]]:
    """The archive (or ``posts``) served as t.me/s serves it, twenty to a page."""
    posts = posts if posts is not None else kit.archive()
    channel = kit.Channel("kpszsu", posts, page_size=PAGE)
    site.set("/s/kpszsu", channel)
    return channel, posts


def wanted(posts: list[Any], since: datetime = SINCE) -> list[str]:
    """The documents a backfill to ``since`` must store: every post with text from then on."""
    return [f"kpszsu-{p.post_id}" for p in posts if p.html and not p.service and p.when >= since]


def walk_pages(kit: Any, posts: list[Any], since: datetime = SINCE) -> list[str]:
    """The older pages a backfill reads: down to the first that holds a post before ``since``."""
    ids = sorted(p.post_id for p in posts)
    when = {p.post_id: p.when for p in posts}
    out = []
    for before in kit.page_befores(posts, PAGE):
        out.append(f"/s/kpszsu?before={before}")
        page = [i for i in ids if i < before][-PAGE:]
        if any(when[i] < since for i in page):
            break
    return out


def run(site: Any, state: MemoryWatchState, rec: Recorder, **kw: Any) -> WatchStats:
    """One watcher run; backfill options (``since``, ``max_pages``, ``page_delay``, ``batch``)
    go into a ``Backfill`` unless ``backfill=None``."""
    options = {k: kw.pop(k) for k in ("since", "max_pages", "page_delay", "batch") if k in kw}
    options = {"since": SINCE, "page_delay": 0.5, **options}
    opts: dict[str, Any] = {
        "retry": FAST, "timeout": 2.0, "sleep": rec.sleep, "on_failure": rec.fail,
        "backfill": Backfill(**options), "on_progress": rec.progress.append,
        "sink_batch": rec.sink_batch,
    }  # fmt: skip
    opts.update(kw)
    return watch_telegram("kpszsu", state, rec.sink, base_url=site.base_url, **opts)


def mark(state: MemoryWatchState) -> BackfillMark | None:
    return BackfillMark.loads(state.get_cursor(KEY))


def test_a_backfill_stores_every_post_since_the_date_once_and_none_before(site, kit, rec):
    channel, posts = serve(site, kit)
    befores = kit.page_befores(posts, PAGE)
    channel.once[befores[3]] = kit.Reply("upstream busy", status=503)
    channel.once[befores[6]] = kit.Reply("", status=429, headers={"Retry-After": "3"})
    state = MemoryWatchState()
    stats = run(site, state, rec, batch=60)

    expected = wanted(posts)
    assert 250 < len(expected) < len(posts)
    assert sorted(rec.ids()) == sorted(expected)
    assert set(Counter(rec.ids()).values()) == {1}  # each once
    pages = walk_pages(kit, posts)
    assert list(dict.fromkeys(site.requests)) == ["/s/kpszsu", *pages]
    assert len(site.requests) == len(pages) + 3  # the 503 and the 429 were asked again
    assert (stats.failures, stats.retries, stats.documents) == (0, 2, len(expected))
    assert rec.sleeps.count(0.5) == len(pages) and 3.0 in rec.sleeps
    assert all(len(batch) >= 60 for batch in rec.batches[:-1])

    assert rec.statuses() == ["reading"] * (len(pages) - 1) + ["complete"]
    done = rec.progress[-1]
    newest = {f"kpszsu-{p.post_id}" for p in posts[-PAGE:]}  # read by the poll before
    assert (done.pages, done.documents) == (len(pages), len(set(expected) - newest))
    assert done.read == done.documents
    read = [p.read for p in rec.progress]
    assert read == sorted(read) and read[0] > 0  # posts read so far, page by page
    assert done.reached is not None and done.reached < SINCE
    saved = mark(state)
    assert saved is not None and saved.complete(SINCE) and not saved.start
    assert saved.below is not None and saved.below < SINCE
    assert state.get_cursor("telegram:kpszsu") == str(max(p.post_id for p in posts))


def test_a_finished_backfill_reads_only_the_newest_page_and_a_watch_gets_new_posts(site, kit, rec):
    channel, posts = serve(site, kit)
    state = MemoryWatchState()
    run(site, state, rec)
    site.requests.clear()
    rec.docs.clear()
    rec.progress.clear()

    stats = run(site, state, rec)
    assert site.requests == ["/s/kpszsu"] and rec.docs == []
    assert rec.statuses() == ["complete"] and rec.progress[0].pages == 0
    assert stats.failures == 0

    newest = max(p.post_id for p in posts)
    fresh = [
        kit.Post(newest + 2 + i, f"Збито {30 + i} ударних БпЛА (ранок {i})", kit.hours_ago(70 - i))
        for i in range(25)
    ]  # more than a page of new posts, older than the recent window
    channel.posts.update((p.post_id, p) for p in fresh)
    site.requests.clear()
    stats = watch_telegram(
        "kpszsu", state, rec.sink, base_url=site.base_url, retry=FAST, sleep=rec.sleep,
        on_failure=rec.fail,
    )  # fmt: skip
    assert rec.ids() == [f"kpszsu-{p.post_id}" for p in fresh]
    assert site.requests == ["/s/kpszsu", f"/s/kpszsu?before={fresh[5].post_id}"]
    assert state.get_cursor("telegram:kpszsu") == str(fresh[-1].post_id)


def test_the_page_limit_stops_each_run_cleanly_and_the_runs_add_up(site, kit, rec):
    _, posts = serve(site, kit)
    state = MemoryWatchState()
    pages = walk_pages(kit, posts)
    runs = 0
    while not rec.progress or rec.progress[-1].status != "complete":
        site.requests.clear()
        stats = run(site, state, rec, max_pages=4)
        runs += 1
        last = rec.progress[-1]
        assert stats.failures == 0 and runs <= 5
        assert site.requests[0] == "/s/kpszsu"
        assert site.requests[1:] == pages[4 * (runs - 1) : 4 * runs]
        if last.status == "page-limit":
            assert last.pages == 4 and last.max_pages == 4
            assert last.before == int(pages[4 * runs].rsplit("=", 1)[1])
    assert runs == -(-len(pages) // 4)
    assert sorted(rec.ids()) == sorted(wanted(posts))
    assert set(Counter(rec.ids()).values()) == {1}


def test_an_interrupted_backfill_keeps_what_it_read_and_resumes_to_the_same_end(site, kit, rec):
    _, posts = serve(site, kit)
    befores = kit.page_befores(posts, PAGE)
    whole = MemoryWatchState()
    run(site, whole, Recorder())

    state = MemoryWatchState()

    def interrupt_at_the_sixth_page(seconds: float) -> None:
        rec.sleeps.append(seconds)
        if len(rec.sleeps) == 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(site, state, rec, batch=1000, sleep=interrupt_at_the_sixth_page)
    assert rec.statuses()[-1] == "interrupted" and rec.progress[-1].pages == 5
    saved = mark(state)
    assert saved is not None and saved.before == befores[5]  # five older pages kept
    assert rec.batches and max(int(i.rsplit("-", 1)[1]) for i in rec.batches[-1]) < befores[0]

    site.requests.clear()
    run(site, state, rec)
    assert site.requests[:2] == ["/s/kpszsu", f"/s/kpszsu?before={befores[5]}"]
    assert rec.statuses()[-1] == "complete"
    assert sorted(rec.ids()) == sorted(wanted(posts))
    assert set(Counter(rec.ids()).values()) == {1}
    assert state.cursors == whole.cursors


def test_an_interrupt_while_a_batch_is_stored_leaves_the_cursor_before_it(site, kit, rec):
    _, posts = serve(site, kit)
    state = MemoryWatchState()

    def interrupted_on_the_second_batch(docs: list[Document]) -> None:
        if len(rec.batches) == 1:
            rec.docs.extend(docs[:5])  # some of it stored, then Ctrl-C
            raise KeyboardInterrupt
        rec.sink_batch(docs)

    with pytest.raises(KeyboardInterrupt):
        run(site, state, rec, batch=50, sink_batch=interrupted_on_the_second_batch)
    first = mark(state)
    assert first is not None and rec.statuses()[-1] == "interrupted"
    assert all(int(i.rsplit("-", 1)[1]) >= first.before for i in rec.batches[0])
    assert min(int(d.id.rsplit("-", 1)[1]) for d in rec.docs) < first.before

    run(site, state, rec)
    assert set(rec.ids()) == set(wanted(posts)) and rec.statuses()[-1] == "complete"


def test_messages_that_cannot_be_read_are_failures_and_the_walk_goes_on(site, kit, rec):
    channel, posts = serve(site, kit)
    befores = kit.page_befores(posts, PAGE)
    on_page = [p for p in posts if p.post_id < befores[2]][-PAGE:]
    no_time, no_id = [p for p in on_page if p.html and not p.service][3:5]
    stamp = no_time.when.astimezone(UTC).isoformat()
    channel.mangle[befores[2]] = lambda body: body.replace(
        f'<time datetime="{stamp}"', '<time data-when="soon"'
    ).replace(f'data-post="kpszsu/{no_id.post_id}"', 'data-post="kpszsu/draft"')
    state = MemoryWatchState()
    stats = run(site, state, rec)

    url = site.url(f"/s/kpszsu?before={befores[2]}")
    assert [(f.source, f.reason) for f in rec.failures] == [
        (url, f"post kpszsu/{no_time.post_id} has no readable time"),
        (url, "message without a valid data-post ('kpszsu/draft')"),
    ]
    lost = {f"kpszsu-{no_time.post_id}", f"kpszsu-{no_id.post_id}"}
    assert sorted(rec.ids()) == sorted(set(wanted(posts)) - lost)
    assert stats.failures == 2 and rec.statuses()[-1] == "complete"


def test_a_page_that_is_no_channel_page_stops_the_walk_until_the_next_run(site, kit, rec):
    channel, posts = serve(site, kit)
    befores = kit.page_befores(posts, PAGE)
    channel.once[befores[5]] = kit.Reply("<html><body><h1>Technical works</h1></body></html>")
    state = MemoryWatchState()
    stats = run(site, state, rec, batch=30)
    assert rec.statuses()[-1] == "failed" and stats.failures == 1
    failure = rec.failures[0]
    assert failure.source == site.url(f"/s/kpszsu?before={befores[5]}")
    assert failure.reason == "no channel messages on the page"
    assert "Technical works" in failure.excerpt
    saved = mark(state)
    assert saved is not None and saved.before == befores[5]  # what was read before is kept
    assert rec.progress[-1].before == befores[5]

    run(site, state, rec)
    assert rec.statuses()[-1] == "complete"
    assert sorted(rec.ids()) == sorted(wanted(posts))
    assert set(Counter(rec.ids()).values()) == {1}


def test_an_earlier_date_goes_on_from_where_the_last_backfill_ended(site, kit, rec):
    _, posts = serve(site, kit)
    state = MemoryWatchState()
    later = datetime(2024, 1, 1, tzinfo=KYIV)
    run(site, state, rec, since=later)
    assert sorted(rec.ids()) == sorted(wanted(posts, later))
    first = len(site.requests)
    assert site.requests == ["/s/kpszsu", *walk_pages(kit, posts, later)]

    run(site, state, rec, since=later)  # nothing left to read for that date
    assert len(site.requests) == first + 1

    line = mark(state)
    assert line is not None and line.below is not None and line.below < later
    site.requests.clear()
    run(site, state, rec)
    assert site.requests[:2] == ["/s/kpszsu", f"/s/kpszsu?before={line.before}"]
    assert (
        len(site.requests) <= len(walk_pages(kit, posts)) - len(walk_pages(kit, posts, later)) + 3
    )
    assert sorted(rec.ids()) == sorted(wanted(posts))
    assert set(Counter(rec.ids()).values()) == {1}


def test_a_backfill_to_before_the_first_post_reaches_the_channels_start(site, kit, rec):
    _, posts = serve(site, kit)
    state = MemoryWatchState()
    early = datetime(2020, 1, 1, tzinfo=KYIV)
    run(site, state, rec, since=early)
    befores = kit.page_befores(posts, PAGE)
    oldest = min(p.post_id for p in posts)
    assert site.requests[-1] == f"/s/kpszsu?before={oldest}"  # the empty page
    assert len(site.requests) == len(befores) + 2
    assert sorted(rec.ids()) == sorted(wanted(posts, early))
    saved = mark(state)
    assert saved is not None and saved.start and saved.complete(early)
    site.requests.clear()
    run(site, state, rec, since=datetime(2010, 1, 1, tzinfo=KYIV))
    assert site.requests == ["/s/kpszsu"]


def test_an_empty_channel_or_one_page_of_posts_is_backfilled_at_once(site, kit, rec):
    site.set("/s/kpszsu", kit.Channel("kpszsu", [], page_size=PAGE))
    state = MemoryWatchState()
    stats = run(site, state, rec)
    assert rec.statuses() == ["complete"] and stats.failures == 0
    assert site.requests == ["/s/kpszsu"] and rec.docs == []

    few = [kit.Post(i, f"Пост {i}", datetime(2023, 5, i, 8, tzinfo=KYIV)) for i in (1, 2, 4)]
    site.set("/s/kpszsu", kit.Channel("kpszsu", few, page_size=PAGE))
    site.requests.clear()
    state = MemoryWatchState()
    run(site, state, rec)
    assert site.requests == ["/s/kpszsu"]  # post 1 is the channel's first
    assert rec.ids() == ["kpszsu-1", "kpszsu-2", "kpszsu-4"] and rec.statuses()[-1] == "complete"


def test_a_busy_ledger_holds_the_cursor_and_the_next_run_stores_the_rest(site, kit, rec):
    _, posts = serve(site, kit)
    state = MemoryWatchState()
    calls: list[int] = []

    def busy_on_the_second_batch(docs: list[Document]) -> None:
        calls.append(len(docs))
        if len(calls) == 2:
            raise LedgerBusy("another writer holds the ledger")
        rec.sink_batch(docs)

    stats = run(site, state, rec, batch=50, sink_batch=busy_on_the_second_batch)
    assert rec.statuses()[-1] == "waiting" and stats.unsaved == calls[1]
    stored_first = set(rec.ids())
    saved = mark(state)
    assert saved is not None and not saved.complete(SINCE)

    run(site, state, rec)
    assert rec.statuses()[-1] == "complete"
    assert set(rec.ids()) == set(wanted(posts)) and len(stored_first) < len(wanted(posts))
    assert set(Counter(rec.ids()).values()) == {1}


def test_a_batch_the_sink_refuses_is_handed_on_one_by_one(site, kit, rec):
    _, posts = serve(site, kit)
    bad = wanted(posts)[-40]

    def refuse_batches(docs: list[Document]) -> None:
        raise ValueError("batch refused")

    def sink(doc: Document) -> None:
        if doc.id == bad:
            raise ValueError("cannot take this one")
        rec.docs.append(doc)

    state = MemoryWatchState()
    stats = watch_telegram(
        "kpszsu", state, sink, base_url=site.base_url, retry=FAST, sleep=rec.sleep,
        on_failure=rec.fail, backfill=Backfill(SINCE, page_delay=0), sink_batch=refuse_batches,
        on_progress=rec.progress.append,
    )  # fmt: skip
    assert sorted(rec.ids()) == sorted(set(wanted(posts)) - {bad})
    assert [f.reason for f in rec.failures] == [
        f"sink rejected document {bad}: cannot take this one"
    ]
    assert stats.unsaved == 0 and rec.statuses()[-1] == "complete"


def test_a_channel_watched_before_is_backfilled_under_its_cursor(site, kit, rec):
    _, posts = serve(site, kit)
    state = MemoryWatchState()
    watch_telegram("kpszsu", state, rec.sink, base_url=site.base_url, retry=FAST, sleep=rec.sleep)
    assert len(rec.docs) <= PAGE  # a watch reads the newest page, then the window ends
    run(site, state, rec)
    assert sorted(rec.ids()) == sorted(wanted(posts))


def test_new_posts_while_a_backfill_is_unfinished_are_not_lost(site, kit, rec):
    channel, posts = serve(site, kit)
    state = MemoryWatchState()
    run(site, state, rec, max_pages=3)
    newest = max(p.post_id for p in posts)
    fresh = [
        kit.Post(newest + 1 + i, f"Ранкове зведення {i}", kit.hours_ago(90 - i)) for i in range(30)
    ]
    channel.posts.update((p.post_id, p) for p in fresh)
    watch_telegram("kpszsu", state, rec.sink, base_url=site.base_url, retry=FAST, sleep=rec.sleep)
    run(site, state, rec)
    expected = [*wanted(posts), *(f"kpszsu-{p.post_id}" for p in fresh)]
    assert sorted(rec.ids()) == sorted(expected)
    assert set(Counter(rec.ids()).values()) == {1}


def post(post_id: int, when: datetime) -> TelegramPost:
    return TelegramPost("kpszsu", post_id, f"https://t.me/kpszsu/{post_id}", when, False, "текст")


DAY = datetime(2022, 2, 24, tzinfo=KYIV)


@pytest.mark.parametrize(
    ("before", "ids", "ages", "kept", "expected"),
    [
        # every post from the date on: on to the lowest id of the page
        (50, [40, 42, 45], [3, 2, 1], [40, 42, 45], BackfillMark(40)),
        # a post before the date: the walk ends above it, remembering its time
        (50, [40, 42, 45], [-2, 1, 2], [42, 45], BackfillMark(41, below=DAY - timedelta(days=2))),
        # a service message (an id with no post) lowest on the page still moves the walk
        (50, [38, 42, 45], [None, 2, 1], [42, 45], BackfillMark(38)),
        # post 1 is the channel's first
        (5, [1, 3], [2, 1], [1, 3], BackfillMark(1, start=True)),
        # an empty page: nothing under ``before``
        (40, [], [], [], BackfillMark(40, start=True)),
        # ids at or above ``before`` only: the site ignored ``before``
        (40, [41, 44], [1, 1], None, None),
    ],
)
def test_step_back(before, ids, ages, kept, expected):
    posts = [post(i, DAY + timedelta(days=age)) for i, age in zip(ids, ages, strict=True) if age]
    got = step_back(before, ids, posts, DAY)
    if expected is None:
        assert got is None
    else:
        assert got is not None and [p.post_id for p in got[0]] == kept and got[1] == expected


def test_a_mark_round_trips_and_a_broken_one_starts_afresh():
    marked = BackfillMark(1343, below=datetime(2022, 2, 23, 5, 24, tzinfo=UTC))
    assert BackfillMark.loads(marked.dumps()) == marked
    for raw in (None, "", "[1]", "{", '{"before": "12"}'):
        assert BackfillMark.loads(raw) is None


@pytest.mark.parametrize(
    "bad",
    [
        {"since": datetime(2022, 2, 24)},
        {"max_pages": 0},
        {"batch": 0},
        {"page_delay": -1.0},
    ],
)
def test_backfill_options_are_validated(bad):
    with pytest.raises(ValueError):
        Backfill(**{"since": SINCE, **bad})


def test_a_watch_that_keeps_polling_goes_on_with_its_backfill_each_poll(site, kit, rec):
    _, posts = serve(site, kit)
    state = MemoryWatchState()
    stats = run(site, state, rec, max_pages=5, once=False, interval=60.0, max_cycles=4)
    assert stats.cycles == 4
    assert rec.statuses().count("page-limit") == 2 and rec.statuses()[-2:] == ["complete"] * 2
    assert [p.pages for p in rec.progress if p.status != "reading"] == [5, 5, 4, 0]
    assert sorted(rec.ids()) == sorted(wanted(posts))
    assert rec.sleeps.count(60.0) == 3
