"""A Telegram channel's public web preview (``https://t.me/s/<channel>``), read with selectolax.

Each ``div.tgme_widget_message`` with ``data-post="channel/12345"`` becomes a ``TelegramPost``:
its text (``<br>`` → line break, emoji kept as characters, links and bold as their words), the
``time[datetime]`` of its date link, and whether it was edited. Service messages (channel
created, photo changed) are skipped. Older posts are on ``?before=<id>`` pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from skyledger.models import Document, Lang
from skyledger.sources.telegram_text import canonical_post_text

PUBLIC_BASE = "https://t.me"
_DATA_POST = re.compile(r"^\s*([A-Za-z0-9_]{1,64})/(\d{1,12})\s*$")  # a channel name, a post number
#: Elements only a channel preview page has (it may have no messages before the first post).
_CHANNEL_MARKERS = ".tgme_channel_history, .tgme_channel_info, .tgme_widget_message_wrap"
_EDITED = re.compile(r"\bedited\b|\bзмінено\b|\bизменено\b", re.I)


@dataclass(frozen=True, slots=True)
class TelegramPost:
    """One channel post as shown on the web preview."""

    channel: str
    post_id: int
    url: str
    published_at: datetime | None
    edited: bool
    text: str


@dataclass(frozen=True, slots=True)
class ChannelPage:
    """The posts of one preview page (oldest first) and what could not be read on it."""

    posts: tuple[TelegramPost, ...]
    problems: tuple[str, ...] = ()
    looks_like_channel: bool = True
    older: int | None = None
    ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def oldest_id(self) -> int | None:
        return min((p.post_id for p in self.posts), default=None)

    @property
    def newest_id(self) -> int | None:
        return max((p.post_id for p in self.posts), default=None)


def channel_page_url(
    channel: str, before: int | None = None, *, base_url: str = PUBLIC_BASE
) -> str:
    """The preview page of a channel, or the page of posts older than ``before``."""
    url = f"{base_url.rstrip('/')}/s/{quote(channel.lstrip('@'))}"
    return f"{url}?before={before}" if before is not None else url


def post_url(channel: str, post_id: int) -> str:
    """The canonical public address of a post (independent of any mirror being polled)."""
    return f"{PUBLIC_BASE}/{channel}/{post_id}"


def _message_text(message: LexborNode) -> str:
    for body in message.css("div.tgme_widget_message_text"):
        classes = body.attributes.get("class") or ""
        if "js-message_reply_text" in classes:
            continue
        for br in body.css("br"):
            br.replace_with("\n")
        return canonical_post_text(body.text(deep=True, separator=""))
    return ""


def _message_time(message: LexborNode) -> datetime | None:
    node = message.css_first("a.tgme_widget_message_date time[datetime]")
    node = node or message.css_first("time[datetime]")
    value = node.attributes.get("datetime") if node is not None else None
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _message_edited(message: LexborNode) -> bool:
    for meta in message.css("span.tgme_widget_message_meta"):
        if _EDITED.search(meta.text(deep=True)):
            return True
    return message.css_first(".tgme_widget_message_edited") is not None


def _is_service(message: LexborNode) -> bool:
    classes = message.attributes.get("class") or ""
    return "service_message" in classes or message.css_first(".service_message") is not None


def _data_post(message: LexborNode) -> re.Match[str] | None:
    return _DATA_POST.match(message.attributes.get("data-post") or "")


def _read_message(message: LexborNode) -> TelegramPost | str | None:
    """A post, a problem description, or ``None`` for a service message."""
    if _is_service(message):
        return None
    match = _data_post(message)
    if match is None:
        data_post = message.attributes.get("data-post") or ""
        return f"message without a valid data-post ({data_post!r})"
    channel, post_id = match.group(1), int(match.group(2))
    published = _message_time(message)
    if published is None:
        return f"post {channel}/{post_id} has no readable time"
    return TelegramPost(
        channel=channel,
        post_id=post_id,
        url=post_url(channel, post_id),
        published_at=published,
        edited=_message_edited(message),
        text=_message_text(message),
    )


def _older_link(tree: LexborHTMLParser) -> int | None:
    for node in tree.css("a.tme_messages_more[data-before], link[rel=prev]"):
        value = node.attributes.get("data-before") or node.attributes.get("href") or ""
        found = re.search(r"(?:before=)?(\d+)\s*$", value)
        if found:
            return int(found.group(1))
    return None


#: Messages read from one page (Telegram shows 20 a page). Reading a message searches its
#: element, and a page of messages nested in one another (unclosed tags) makes that search
#: cover the rest of the page: the cap bounds the time such a page takes.
MAX_MESSAGES = 200


def parse_channel_page(html: str) -> ChannelPage:
    """The posts on one ``t.me/s/<channel>`` page; messages that cannot be read are listed."""
    tree = LexborHTMLParser(html or "")
    posts: list[TelegramPost] = []
    problems: list[str] = []
    messages = tree.css("div.tgme_widget_message")
    if len(messages) > MAX_MESSAGES:  # a preview page holds 20: this is no preview page
        problems.append(
            f"page holds {len(messages)} messages; only the first {MAX_MESSAGES} were read"
        )
        messages = messages[:MAX_MESSAGES]
    for message in messages:
        result = _read_message(message)
        if isinstance(result, TelegramPost):
            posts.append(result)
        elif isinstance(result, str):
            problems.append(result)
    posts.sort(key=lambda p: p.post_id)
    ids = {int(m.group(2)) for m in map(_data_post, messages) if m is not None}
    is_channel = bool(messages) or tree.css_first(_CHANNEL_MARKERS)
    return ChannelPage(
        posts=tuple(posts),
        problems=tuple(problems),
        looks_like_channel=bool(is_channel),
        older=_older_link(tree),
        ids=frozenset(ids),
    )


def post_document(post: TelegramPost, *, lang: Lang = "uk") -> Document:
    """A post as a ``Document``: id ``<channel>-<post_id>``, medium ``telegram``."""
    return Document(
        id=f"{post.channel}-{post.post_id}",
        source=post.channel,
        medium="telegram",
        url=post.url,
        published_at=post.published_at,
        lang=lang,
        title=None,
        text=post.text,
    )
