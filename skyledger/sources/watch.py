"""Watchers: poll a live source with a cursor and hand on new or changed documents.

``watch_telegram`` polls a channel's web preview (``{base_url}/s/{channel}``) and
``watch_feed`` an RSS/Atom feed (and each entry's article page). Both re-read a recent window
(48 h by default) so edited posts and updated articles reach the sink again; the sink (the
store) decides new / changed / unchanged by content hash. HTTP errors back off exponentially with
jitter (``Retry-After`` honoured on 429, up to a cap), responses are bounded in size and time
and redirects kept to the same site (``fetch.FetchLimits``), and every problem is reported as
a ``Failure`` through ``on_failure`` without stopping the loop. A cursor never moves past a post
that was neither handed on nor recorded as a failure (the sink or the store was busy): the
post is read again next poll.

State is kept through a ``WatchState`` under these keys (values are strings):

- ``telegram:<channel>`` — the newest post id seen; ``telegram:<channel>:recent`` — JSON
  ``{post id: published ISO time}`` of posts inside the recent window (to notice deletions);
  ``telegram:<channel>:backfill`` — where a backfill of the channel's history stands
  (``sources.backfill``);
- ``feed:<url>`` (``feed:sha256:<hex>`` past 240 characters) — ISO time of the newest entry
  handed on; ``<that key>:seen`` — JSON list of entry ids already handed on (undated feeds).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from skyledger.errors import ReadError
from skyledger.models import Document, Failure, Lang
from skyledger.sources.backfill import (
    Backfill,
    BackfillProgress,
    BackfillWalk,
    read_channel_page,
    step_back,
)
from skyledger.sources.fetch import (
    FetchLimits,
    FetchRun,
    RetryPolicy,
    WatchStats,
    log,
    run_cycles,
)
from skyledger.sources.html import parse_datetime, read_html_article
from skyledger.sources.rss import FeedEntry, entry_document, read_feed
from skyledger.sources.state import WatchState
from skyledger.sources.telegram_web import (
    ChannelPage,
    TelegramPost,
    channel_page_url,
    post_document,
)

_SEEN_LIMIT = 2000


# --- Telegram channel web preview --------------------------------------------------------


@dataclass
class _Telegram:
    run: FetchRun
    channel: str
    state: WatchState
    base_url: str
    recent: timedelta
    max_pages: int
    lang: Lang
    on_deleted: Callable[[str], None] | None
    backfill: Backfill | None = None
    on_progress: Callable[[BackfillProgress], None] | None = None

    @property
    def key(self) -> str:
        return f"telegram:{self.channel.lstrip('@').lower()}"

    def cycle(self) -> bool:
        """One poll (then the backfill's walk, if asked for); ``False`` when the channel could
        not be read at all."""
        since = datetime.now(UTC) - self.recent
        raw_cursor = self.state.get_cursor(self.key)
        cursor = int(raw_cursor) if raw_cursor and raw_cursor.isdigit() else None
        known = _load_recent(self.state.get_cursor(self.key + ":recent"))
        unsaved = self.run.stats.unsaved
        posts, present, complete = self.collect(cursor, since)
        for post in posts.values():
            if post.text and _due(post, cursor, since) and self.wanted(post):
                self.run.hand_on(post_document(post, lang=self.lang))
        if posts:
            known = self.note_deleted(known, posts, present, since)
            self.state.set_cursor(self.key + ":recent", _dump_recent(known, posts, since))
        kept = self.run.stats.unsaved == unsaved  # every post kept
        if posts and complete and kept:
            self.state.set_cursor(self.key, str(max(max(posts), cursor or 0)))
        if self.backfill is not None:
            read = kept and (bool(present) or complete)  # an empty channel is read too
            self.walk_back(self.backfill, posts, present if read else None, cursor)
        return bool(present) or complete

    def wanted(self, post: TelegramPost) -> bool:
        """Nothing older than a backfill's date is handed on."""
        if self.backfill is None or post.published_at is None:
            return self.backfill is None
        return post.published_at >= self.backfill.since

    def walk_back(
        self,
        backfill: Backfill,
        posts: dict[int, TelegramPost],
        kept: set[int] | None,
        cursor: int | None,
    ) -> None:
        """The backfill's walk; a first one starts under the pages this poll read and kept
        (``kept``: their message ids; ``None`` if they were not read or not all kept), and
        the watch cursor moves over them."""
        walk = BackfillWalk(
            self.run, self.channel, self.state, self.base_url, self.lang, backfill,
            self.on_progress,
        )  # fmt: skip
        if walk.mark() is None and kept is not None:
            stepped = step_back(None, kept, posts.values(), backfill.since)
            if stepped is not None:
                walk.begin(stepped[1])
            if kept:
                self.state.set_cursor(self.key, str(max(max(kept), cursor or 0)))
        walk.go()

    def collect(
        self, cursor: int | None, since: datetime
    ) -> tuple[dict[int, TelegramPost], set[int], bool]:
        """Posts from the newest page back to the cursor and the window start (oldest first)."""
        posts: dict[int, TelegramPost] = {}
        present: set[int] = set()
        before: int | None = None
        for _ in range(self.max_pages):
            url = channel_page_url(self.channel, before, base_url=self.base_url)
            page = self.fetch_page(url)
            if page is None:
                return dict(sorted(posts.items())), present, False
            present.update(page.ids)
            posts.update((p.post_id, p) for p in page.posts)
            oldest = page.posts[0] if page.posts else None
            if oldest is None or _reached(oldest, cursor, since):
                return dict(sorted(posts.items())), present, True
            if before is not None and oldest.post_id >= before:
                self.run.fail(url, f"pagination did not move past post {before}")
                return dict(sorted(posts.items())), present, False
            before = oldest.post_id
        self.run.fail(self.base_url, f"stopped after {self.max_pages} pages of {self.channel}")
        return dict(sorted(posts.items())), present, True

    def fetch_page(self, url: str) -> ChannelPage | None:
        return read_channel_page(self.run, url)

    def note_deleted(
        self,
        known: dict[int, datetime],
        posts: dict[int, TelegramPost],
        present: set[int],
        since: datetime,
    ) -> dict[int, datetime]:
        """Report posts seen before, inside the window and the range just read, now gone; one
        whose deletion could not be recorded stays known, to be reported again next poll."""
        oldest = min(posts)
        kept: dict[int, datetime] = {}
        for post_id, when in known.items():
            if post_id >= oldest and post_id not in present and when >= since:
                doc_id = f"{next(iter(posts.values())).channel}-{post_id}"
                if self.record_deletion(doc_id):
                    continue
            kept[post_id] = when
        return kept

    def record_deletion(self, doc_id: str) -> bool:
        try:
            if self.on_deleted is not None:
                self.on_deleted(doc_id)
        except Exception as exc:  # the store may be busy: the deletion is noticed again
            log.warning("could not record the deletion of %s: %s", doc_id, exc)
            self.run.stats.unsaved += 1
            return False
        self.run.stats.deleted.append(doc_id)
        return True


def _reached(oldest: TelegramPost, cursor: int | None, since: datetime) -> bool:
    behind_cursor = cursor is None or oldest.post_id <= cursor
    return behind_cursor and oldest.published_at is not None and oldest.published_at < since


def _due(post: TelegramPost, cursor: int | None, since: datetime) -> bool:
    if cursor is None or post.post_id > cursor:
        return True
    return post.published_at is not None and post.published_at >= since


def _load_recent(raw: str | None) -> dict[int, datetime]:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    out: dict[int, datetime] = {}
    for key, value in data.items() if isinstance(data, dict) else ():
        when = parse_datetime(value) if isinstance(value, str) else None
        if str(key).isdigit() and when is not None:
            out[int(key)] = when
    return out


def _dump_recent(
    known: dict[int, datetime], posts: dict[int, TelegramPost], since: datetime
) -> str:
    merged = dict(known)
    merged.update((p.post_id, p.published_at) for p in posts.values() if p.published_at)
    kept = {str(k): v.isoformat() for k, v in sorted(merged.items()) if v >= since}
    return json.dumps(kept)


def watch_telegram(
    channel: str,
    state: WatchState,
    sink: Callable[[Document], None],
    *,
    base_url: str = "https://t.me",
    once: bool = True,
    interval: float = 300.0,
    recent: timedelta = timedelta(hours=48),
    client: httpx.Client | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    max_cycles: int | None = None,
    timeout: float = 20.0,
    retry: RetryPolicy | None = None,
    max_pages: int = 30,
    lang: Lang = "uk",
    on_deleted: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    limits: FetchLimits | None = None,
    backfill: Backfill | None = None,
    on_progress: Callable[[BackfillProgress], None] | None = None,
    sink_batch: Callable[[list[Document]], None] | None = None,
) -> WatchStats:
    """Poll ``{base_url}/s/{channel}``; hand every new post and every post in ``recent`` on.

    ``on_deleted(doc_id)`` is called for a post seen before that is gone now (if it raises,
    the deletion is noticed again next poll). With ``backfill``, each poll then pages back
    through the channel's history to ``backfill.since`` (``sources.backfill``), telling
    ``on_progress`` after each page and when it stops; ``sink_batch``, if given, takes the
    walk's documents a batch at a time."""

    def make(run: FetchRun) -> Callable[[], bool]:
        return _Telegram(
            run, channel, state, base_url, recent, max_pages, lang, on_deleted, backfill,
            on_progress,
        ).cycle  # fmt: skip

    return run_cycles(
        make, sink, client=client, timeout=timeout, retry=retry, sleep=sleep,
        on_failure=on_failure, once=once, interval=interval, max_cycles=max_cycles,
        limits=limits, sink_batch=sink_batch,
    )  # fmt: skip


# --- RSS / Atom feeds ----------------------------------------------------------------------


@dataclass
class _Feed:
    run: FetchRun
    url: str
    state: WatchState
    recent: timedelta
    fetch_articles: bool

    @property
    def key(self) -> str:
        """``feed:<url>``; a very long URL is replaced by its hash to fit a cursor key column."""
        if len(self.url) <= 240:
            return f"feed:{self.url}"
        return "feed:sha256:" + hashlib.sha256(self.url.encode("utf-8")).hexdigest()

    def cycle(self) -> bool:
        """One poll; ``False`` when the feed could not be fetched or read."""
        response = self.run.get(self.url)
        if response is None:
            return False
        try:
            entries = read_feed(response.content, self.url)
        except ReadError as exc:
            self.run.fail(self.url, exc.reason, excerpt=response.text)
            return False
        cursor = parse_datetime(self.state.get_cursor(self.key) or "")
        seen = _load_seen(self.state.get_cursor(self.key + ":seen"))
        since = datetime.now(UTC) - self.recent
        due = [e for e in entries if _entry_due(e, cursor, since, seen)]
        unsaved = self.run.stats.unsaved
        for entry in sorted(due, key=_entry_order):
            doc = self.document(entry)
            if doc is not None and self.run.hand_on(doc):
                seen.append(entry.id)
        times = [e.published for e in due if e.published is not None]
        if cursor is not None:
            times.append(cursor)
        if times and self.run.stats.unsaved == unsaved:  # every entry kept
            self.state.set_cursor(self.key, max(times).isoformat())
        self.state.set_cursor(self.key + ":seen", json.dumps(_dedupe(seen)[-_SEEN_LIMIT:]))
        return True

    def document(self, entry: FeedEntry) -> Document | None:
        """The article page read with ``read_html_article``, else the entry's own text."""
        if self.fetch_articles and entry.link:
            response = self.run.get(entry.link)
            if response is not None:
                try:
                    page = read_html_article(response.text, entry.link)
                except ReadError as exc:
                    self.run.fail(entry.link, exc.reason, excerpt=response.text)
                else:
                    return _with_entry_metadata(page, entry)
        try:
            return entry_document(entry)
        except ReadError as exc:
            if not self.run.fail(exc.path, exc.reason):
                self.run.stats.unsaved += 1
            return None


def _entry_due(entry: FeedEntry, cursor: datetime | None, since: datetime, seen: list[str]) -> bool:
    if entry.published is None:
        return entry.id not in seen
    return cursor is None or entry.published > cursor or entry.published >= since


def _entry_order(entry: FeedEntry) -> tuple[bool, datetime]:
    return entry.published is not None, entry.published or datetime.min.replace(tzinfo=UTC)


def _load_seen(raw: str | None) -> list[str]:
    try:
        data = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [str(item) for item in data] if isinstance(data, list) else []


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _with_entry_metadata(page: Document, entry: FeedEntry) -> Document:
    """Fill what the page did not say (title, time, source) from the feed entry."""
    fields = page.model_dump(exclude={"content_hash"})
    fields["title"] = page.title or entry.title
    fields["published_at"] = page.published_at or entry.published
    fields["source"] = entry.feed_title or page.source
    return Document(**fields)


def watch_feed(
    url: str,
    state: WatchState,
    sink: Callable[[Document], None],
    *,
    fetch_articles: bool = True,
    once: bool = True,
    interval: float = 300.0,
    recent: timedelta = timedelta(hours=48),
    client: httpx.Client | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    max_cycles: int | None = None,
    timeout: float = 20.0,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    limits: FetchLimits | None = None,
) -> WatchStats:
    """Poll a feed; hand on each entry newer than the cursor or inside ``recent``."""

    def make(run: FetchRun) -> Callable[[], bool]:
        return _Feed(run, url, state, recent, fetch_articles).cycle

    return run_cycles(
        make, sink, client=client, timeout=timeout, retry=retry, sleep=sleep,
        on_failure=on_failure, once=once, interval=interval, max_cycles=max_cycles,
        limits=limits,
    )  # fmt: skip
