"""Backfill: page back through a channel's web preview to a date, resumably and politely.

``watch_telegram(..., backfill=Backfill(since))`` first polls as usual (new posts, the recent
window), then walks the ``?before=<id>`` pages from where that poll stopped, or from where the
last backfill of the channel stopped, back to ``since``. Posts published at or after ``since``
are handed on in batches of ``Backfill.batch`` documents, and the walk's cursor moves only once
a batch is kept: a killed backfill reads at most one batch of pages again, and stores nothing
twice. The walk waits ``page_delay`` seconds before each page (``Retry-After`` and the retry
caps of ``fetch.RetryPolicy`` apply as for any page), reads at most ``max_pages`` pages per
run, and stops at a page it cannot read: the failure is listed and the next run tries that
page again. A message it cannot read on a page is listed as a failure and the walk goes on.

The walk's cursor is kept under ``telegram:<channel>:backfill`` as JSON
``{"before": id, "below": ISO time or null, "start": bool}``: every post from ``before`` up
to the watch cursor (``telegram:<channel>``) was handed on; ``below`` is the publication
time of the newest post under ``before`` once the walk has seen one (older than the date
asked for, so not handed on); ``start`` says no post lies under ``before``. A backfill to a
date is complete when ``start`` is set or ``below`` is earlier than the date; asking later
for an earlier date goes on from ``before``. When a backfill starts, the watch cursor moves
to the newest post read: the posts under it are the walk's to hand on, so a later watch
without ``--since`` still picks up every new post and the two never leave a gap.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from skyledger.models import Lang
from skyledger.sources.fetch import FetchRun
from skyledger.sources.html import parse_datetime
from skyledger.sources.telegram_web import (
    ChannelPage,
    TelegramPost,
    channel_page_url,
    parse_channel_page,
    post_document,
)

if TYPE_CHECKING:
    from skyledger.sources.state import WatchState

BackfillStatus = Literal["reading", "complete", "page-limit", "failed", "waiting", "interrupted"]


@dataclass(frozen=True)
class Backfill:
    """How far back to read, and how politely: ``since`` is timezone-aware."""

    since: datetime
    max_pages: int = 1000
    page_delay: float = 1.0
    batch: int = 200

    def __post_init__(self) -> None:
        if self.since.tzinfo is None:
            raise ValueError("Backfill.since must carry a timezone")
        if self.max_pages < 1 or self.batch < 1:
            raise ValueError("Backfill.max_pages and Backfill.batch must be at least 1")
        if self.page_delay < 0:
            raise ValueError("Backfill.page_delay must not be negative")


@dataclass(frozen=True)
class BackfillMark:
    """Where a channel's backfill stands (the JSON kept under its cursor key)."""

    before: int
    below: datetime | None = None
    start: bool = False

    def complete(self, since: datetime) -> bool:
        return self.start or (self.below is not None and self.below < since)

    def dumps(self) -> str:
        below = self.below.isoformat() if self.below is not None else None
        return json.dumps({"before": self.before, "below": below, "start": self.start})

    @classmethod
    def loads(cls, raw: str | None) -> BackfillMark | None:
        """The mark, or ``None`` when there is none or it cannot be read (start afresh)."""
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("before"), int):
            return None
        below = data.get("below")
        when = parse_datetime(below) if isinstance(below, str) else None
        return cls(before=data["before"], below=when, start=data.get("start") is True)


@dataclass(frozen=True)
class BackfillProgress:
    """What the walk has done in this run: after each page, and once when it stops."""

    channel: str
    status: BackfillStatus
    since: datetime
    #: Pages the walk read in this run (not counting the poll before it).
    pages: int
    #: Posts handed on by the walk in this run (kept or listed as failures).
    documents: int
    #: Posts with text from the date on that the walk read in this run (some maybe not yet
    #: handed on: they wait for their batch).
    read: int
    #: The post id the walk goes on from next time (``?before=``), if it has started.
    before: int | None
    #: Publication time of the oldest post the walk has reached.
    reached: datetime | None
    max_pages: int


def read_channel_page(run: FetchRun, url: str) -> ChannelPage | None:
    """One preview page; its unreadable messages are listed as failures (one that cannot be
    recorded counts as unsaved, so no cursor moves past it). ``None`` if not a channel page."""
    response = run.get(url)
    if response is None:
        return None
    page = parse_channel_page(response.text)
    for problem in page.problems:
        if not run.fail(url, problem):
            run.stats.unsaved += 1
    if not page.posts and not page.looks_like_channel:
        run.fail(url, "no channel messages on the page", excerpt=response.text)
        return None
    return page


def step_back(
    before: int | None, ids: Iterable[int], posts: Iterable[TelegramPost], since: datetime
) -> tuple[list[TelegramPost], BackfillMark] | None:
    """The posts of a page (ids under ``before``) to hand on, and the mark after it; ``None``
    when the page holds nothing under ``before`` though it holds messages (the site ignored
    ``before``: the walk would not move)."""
    ids = list(ids)
    under = [i for i in ids if before is None or i < before]
    if not under:
        if ids:
            return None
        return [], BackfillMark(before=before or 1, start=True)
    page = [p for p in posts if before is None or p.post_id < before]
    kept = [p for p in page if p.published_at is not None and p.published_at >= since]
    older = [p for p in page if p.published_at is not None and p.published_at < since]
    if older:
        line = max(older, key=lambda p: p.post_id)
        return kept, BackfillMark(before=line.post_id + 1, below=line.published_at)
    lowest = min(under)
    return kept, BackfillMark(before=lowest, start=lowest <= 1)


@dataclass
class BackfillWalk:
    """One run of a channel's backfill (see the module's docstring)."""

    run: FetchRun
    channel: str
    state: WatchState
    base_url: str
    lang: Lang
    options: Backfill
    on_progress: Callable[[BackfillProgress], None] | None = None
    pages: int = 0
    documents: int = 0
    read: int = 0
    reached: datetime | None = None
    #: Where the walk stands (the cursor moves here once ``batch`` is kept).
    pending: BackfillMark | None = None
    batch: list[TelegramPost] = field(default_factory=list)
    unsaved: int = 0
    settling: bool = False

    @property
    def key(self) -> str:
        return f"telegram:{self.channel.lstrip('@').lower()}:backfill"

    def mark(self) -> BackfillMark | None:
        return BackfillMark.loads(self.state.get_cursor(self.key))

    def begin(self, mark: BackfillMark) -> None:
        """Start the walk at ``mark`` (the posts above it were handed on by the poll)."""
        self.state.set_cursor(self.key, mark.dumps())

    def report(self, status: BackfillStatus) -> None:
        if self.on_progress is None:
            return
        mark = self.pending if status == "reading" else self.mark()
        progress = BackfillProgress(
            self.channel, status, self.options.since, self.pages, self.documents, self.read,
            mark.before if mark else None, self.reached, self.options.max_pages,
        )  # fmt: skip
        self.on_progress(progress)

    def go(self) -> BackfillStatus:
        """Walk back from the kept mark until the date, the page limit or a page that fails;
        interrupted (Ctrl-C), it first keeps what it has read."""
        self.pending = self.mark()
        if self.pending is None:
            status: BackfillStatus = "failed"  # the poll before could not anchor the walk
        elif self.pending.complete(self.options.since):
            status = "complete"
        else:
            self.unsaved = self.run.stats.unsaved
            try:
                status = self.walk(self.pending)
            except KeyboardInterrupt:
                if not self.settling:  # else the batch may be half stored: it is read again
                    self.settle()
                self.report("interrupted")
                raise
        self.report(status)
        return status

    def walk(self, pending: BackfillMark) -> BackfillStatus:
        since = self.options.since
        for _ in range(self.options.max_pages):
            if self.options.page_delay:
                self.run.sleep(self.options.page_delay)
            url = channel_page_url(self.channel, pending.before, base_url=self.base_url)
            self.run.start_poll()  # each page has a poll's time for its retries
            page = read_channel_page(self.run, url)
            if page is None:
                return "failed" if self.settle() else "waiting"
            stepped = step_back(pending.before, page.ids, page.posts, since)
            if stepped is None:
                self.run.fail(url, f"pagination did not move past post {pending.before}")
                return "failed" if self.settle() else "waiting"
            posts, pending = stepped
            self.pending = pending
            self.pages += 1
            self.batch.extend(posts)
            self.read += sum(1 for p in posts if p.text)
            times = [p.published_at for p in page.posts if p.published_at is not None]
            self.reached = min(times, default=self.reached)
            if pending.complete(since):
                return "complete" if self.settle() else "waiting"
            if len(self.batch) >= self.options.batch and not self.settle():
                return "waiting"
            self.report("reading")
        return "page-limit" if self.settle() else "waiting"

    def settle(self) -> bool:
        """Hand the batch on; move the cursor to ``pending`` if everything so far was kept."""
        posts = sorted(self.batch, key=lambda p: p.post_id)
        docs = [post_document(p, lang=self.lang) for p in posts if p.text]
        self.settling = True
        kept = self.run.hand_on_all(docs)
        self.settling = False
        self.batch.clear()
        self.documents += len(docs)
        if not kept or self.run.stats.unsaved != self.unsaved or self.pending is None:
            return False
        self.state.set_cursor(self.key, self.pending.dumps())
        return True
