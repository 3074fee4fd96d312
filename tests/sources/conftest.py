"""Fixtures for the live-source tests: a loopback HTTP site and Telegram preview page builders.

Everything is served from 127.0.0.1 on a free port; no test reaches the internet.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from skyledger.models import KYIV


@dataclass
class Reply:
    """One canned HTTP response."""

    body: str | bytes = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "text/html; charset=utf-8"
    #: Seconds between the bytes of the body (a server that trickles its answer).
    trickle: float = 0.0


Handler = Reply | Callable[[dict[str, str]], Reply]
Route = Handler | list[Handler]


class Site:
    """Pages the test writes (and may change between polls), served on loopback."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.base_url = ""
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base_url + path

    def set(self, path: str, route: Route | str) -> None:
        with self._lock:
            self.routes[path] = Reply(route) if isinstance(route, str) else route

    def reply_for(self, raw_path: str) -> Reply:
        parts = urlsplit(raw_path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self._lock:
            self.requests.append(raw_path)
            route = self.routes.get(raw_path, self.routes.get(parts.path))
            if isinstance(route, list):
                route = route.pop(0) if len(route) > 1 else route[0]
        if route is None:
            return Reply("not found", status=404, content_type="text/plain")
        return route(query) if callable(route) else route


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reply = site.reply_for(self.path)
            if reply.delay:
                time.sleep(reply.delay)
            body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if reply.trickle:
                    for i in range(len(body)):
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out and went away: expected in timeout tests

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    """A running loopback HTTP server whose pages the test sets with ``site.set``."""
    s = Site()
    server = _QuietServer(("127.0.0.1", 0), _handler(s))
    s.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- Telegram web-preview pages ------------------------------------------------------------


@dataclass
class Post:
    """A post as the test channel shows it."""

    post_id: int
    html: str
    when: datetime
    edited: bool = False
    service: bool = False


def message_html(channel: str, post: Post) -> str:
    """One ``div.tgme_widget_message`` in the shape of the t.me/s preview."""
    stamp = post.when.astimezone(UTC).isoformat()
    edited = '<span class="tgme_widget_message_edited">edited</span> ' if post.edited else ""
    if post.service:
        body = f'<div class="message_media_not_supported_label">{post.html}</div>'
        classes = "tgme_widget_message service_message js-widget_message"
    else:
        body = f'<div class="tgme_widget_message_text js-message_text" dir="auto">{post.html}</div>'
        classes = "tgme_widget_message text_not_supported_wrap js-widget_message"
    return f"""
<div class="tgme_widget_message_wrap js-widget_message_wrap">
 <div class="{classes}" data-post="{channel}/{post.post_id}" data-view="x{post.post_id}">
  <div class="tgme_widget_message_bubble">
   <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name"
     href="https://t.me/{channel}"><span dir="auto">{escape(channel)}</span></a></div>
   {body}
   <div class="tgme_widget_message_footer compact js-message_footer">
    <div class="tgme_widget_message_info short js-message_info">
     <span class="tgme_widget_message_views">31.4K</span><span class="copyonly"> views</span>
     <span class="tgme_widget_message_meta">{edited}<a class="tgme_widget_message_date"
       href="https://t.me/{channel}/{post.post_id}"><time datetime="{stamp}"
       class="time">{post.when:%H:%M}</time></a></span>
    </div>
   </div>
  </div>
 </div>
</div>"""


def channel_html(channel: str, posts: list[Post], *, before: int | None = None) -> str:
    """A whole preview page: the posts oldest first, with the 'load older' link."""
    ordered = sorted(posts, key=lambda p: p.post_id)
    more = ""
    if before is not None:
        more = (
            '<div class="tgme_widget_message_centered js-messages_more_wrap">'
            f'<a href="/s/{channel}?before={before}" class="tme_messages_more js-messages_more"'
            f' data-before="{before}"></a></div>'
        )
    messages = "".join(message_html(channel, p) for p in ordered)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{channel} – Telegram</title></head>
<body class="widget_frame_base tgme_webpreview_body">
<header class="tgme_header"><div class="tgme_channel_info_header_title">{channel}</div></header>
<main class="tgme_main"><section class="tgme_channel_history js-message_history">
{more}{messages}
</section></main></body></html>"""


class Channel:
    """A channel served like t.me/s: the newest ``page_size`` posts, older ones by ?before=.

    A page (by its ``before``, ``None`` for the newest) may answer ``once[before]`` the next
    time it is asked, have its HTML changed by ``mangle[before]``, or wait until
    ``hold[before]`` is set (``asked`` is set when a held page is asked for)."""

    def __init__(self, name: str, posts: list[Post], page_size: int = 3) -> None:
        self.name = name
        self.posts = {p.post_id: p for p in posts}
        self.page_size = page_size
        self.once: dict[int | None, Reply] = {}
        self.mangle: dict[int | None, Callable[[str], str]] = {}
        self.hold: dict[int | None, threading.Event] = {}
        self.asked = threading.Event()

    def __call__(self, query: dict[str, str]) -> Reply:
        before = int(query["before"]) if "before" in query else None
        if before in self.hold:
            self.asked.set()
            self.hold[before].wait(timeout=120)
        if before in self.once:
            return self.once.pop(before)
        ids = sorted(i for i in self.posts if before is None or i < before)
        page = [self.posts[i] for i in ids[-self.page_size :]]
        older = page[0].post_id if page and ids[0] < page[0].post_id else None
        html = channel_html(self.name, page, before=older)
        return Reply(self.mangle[before](html) if before in self.mangle else html)


def hours_ago(hours: float) -> datetime:
    return datetime.now(UTC) - timedelta(hours=hours)


# --- A channel's history, for backfills --------------------------------------------------

_MONTHS = [
    *("січня", "лютого", "березня", "квітня", "травня", "червня"),
    *("липня", "серпня", "вересня", "жовтня", "листопада", "грудня"),
]
_AREAS = ["Курськ", "Орел", "Брянськ", "Міллерово", "Приморсько-Ахтарськ", "мис Чауда"]
_OBLASTS = ["Київщини", "Одещини", "Харківщини", "Дніпропетровщини", "Сумщини", "Полтавщини"]


def _report(rng: random.Random, when: datetime) -> str:
    """A nightly summary in the style of the Air Force's posts (our own wording)."""
    night, eve = when.astimezone(KYIV), when.astimezone(KYIV) - timedelta(days=1)
    launched = rng.randint(8, 160)
    downed = rng.randint(launched // 2, launched)
    areas = ", ".join(rng.sample(_AREAS, 2))
    return (
        f"⚡️ Збито/подавлено {downed} ворожих БпЛА<br>У ніч на {night.day} "
        f"{_MONTHS[night.month - 1]} (з 18:00 {eve.day} {_MONTHS[eve.month - 1]}) противник "
        f"атакував {launched} ударними БпЛА типу Shahed із напрямків: {areas}.<br>"
        f"Протиповітряна оборона працювала над територією {rng.choice(_OBLASTS)}."
    )


def archive(
    count: int = 360,
    *,
    first_id: int = 1180,
    start: datetime = datetime(2021, 3, 1, 9, 0, tzinfo=KYIV),
    end: datetime = datetime(2025, 11, 28, 9, 0, tzinfo=KYIV),
    seed: int = 24,
) -> list[Post]:
    """``count`` messages spread from ``start`` to ``end``, oldest first: nightly reports,
    short alerts, media-only posts (no text) and service messages, ids rising with gaps (the
    ids of deleted posts)."""
    rng = random.Random(seed)
    days = (end - start).days
    moments = sorted(
        start + timedelta(days=rng.randint(0, days), minutes=rng.randint(-120, 150))
        for _ in range(count)
    )  # mornings, Kyiv time
    posts, post_id = [], first_id
    for n, when in enumerate(moments):
        post_id += rng.choice((1, 1, 1, 2, 3, 5))
        if n % 29 == 7:
            posts.append(Post(post_id, "Channel photo updated", when, service=True))
        elif n % 31 == 11:
            posts.append(Post(post_id, "", when))  # a photo alone: no text to read
        elif n % 5 == 0:
            posts.append(Post(post_id, f"Увага! Загроза ударних БпЛА з півночі ({n}).", when))
        else:
            posts.append(Post(post_id, _report(rng, when), when))
    return posts


def page_befores(posts: list[Post], page_size: int) -> list[int]:
    """The ``before=`` of each older page in the order a reader pages back (as ``Channel``)."""
    ids = sorted(p.post_id for p in posts)
    return [ids[i] for i in range(len(ids) - page_size, 0, -page_size)]


@pytest.fixture
def kit() -> SimpleNamespace:
    """The builders above, for test modules (which should not import conftest directly)."""
    return SimpleNamespace(
        Reply=Reply,
        Post=Post,
        Channel=Channel,
        channel_html=channel_html,
        message_html=message_html,
        hours_ago=hours_ago,
        archive=archive,
        page_befores=page_befores,
        KYIV=KYIV,
    )
