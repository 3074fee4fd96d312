"""RSS and Atom feeds: entries with their links, dates and (when the feed carries it) full text.

``read_feed(xml, url)`` lists a feed's entries; ``entry_document(entry)`` turns an entry that
carries its own text into a ``Document``. The document id is derived from the entry's link the
same way ``read_html_article`` derives it from the page URL, so the article page read later
replaces, rather than duplicates, the entry's text.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from skyledger.errors import ReadError
from skyledger.models import Document
from skyledger.sources.html import (
    document_id_for_url,
    guess_lang,
    html_to_text,
    lang_code,
    url_host,
)

_XML_DECL = re.compile(r"^(\ufeff?\s*<\?xml[^>]*?)\bencoding=([\"'])[^\"']*\2", re.I)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as plain text (HTML in summaries and content is flattened)."""

    id: str
    link: str | None
    title: str | None
    published: datetime | None
    summary: str
    content: str | None = None
    lang: str | None = None
    feed_url: str = ""
    feed_title: str | None = None


def _as_bytes(xml: str | bytes) -> bytes:
    """Bytes for feedparser (a ``str`` would be taken for a URL or path); re-declare UTF-8."""
    if isinstance(xml, bytes):
        return xml
    return _XML_DECL.sub(r"\1encoding=\2utf-8\2", xml, count=1).encode("utf-8")


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _plain(value: str, kind: str) -> str:
    if "html" in kind or re.search(r"<[a-zA-Z/][^>]*>", value):
        return html_to_text(value)
    return value.strip()


def _entry_content(entry: Any) -> str | None:
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        text = _plain(value, part.get("type") or "")
        if text:
            return text
    return None


def _entry_summary(entry: Any) -> str:
    detail = entry.get("summary_detail") or {}
    return _plain(entry.get("summary") or "", detail.get("type") or "text/html")


def _entry_id(entry: Any) -> str:
    for key in ("id", "guid", "link"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    seed = f"{entry.get('title', '')}\x00{entry.get('summary', '')}"
    return "sha256:" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24]


def _entry_link(entry: Any) -> str | None:
    """The entry's web address (feedparser may copy a ``urn:`` id there: not a link)."""
    link = entry.get("link")
    if isinstance(link, str) and re.match(r"^https?://", link.strip(), re.I):
        return link.strip()
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", html_to_text(value) if "<" in value else value).strip()
    return text or None


def _make_entry(entry: Any, url: str, feed: Any) -> FeedEntry:
    return FeedEntry(
        id=_entry_id(entry),
        link=_entry_link(entry),
        title=_clean(entry.get("title")),
        published=_entry_time(entry),
        summary=_entry_summary(entry),
        content=_entry_content(entry),
        lang=entry.get("language") or feed.get("language"),
        feed_url=url,
        feed_title=_clean(feed.get("title")),
    )


def read_feed(xml: str | bytes, url: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed, in feed order; ``ReadError`` if it is not a feed."""
    if not xml or not xml.strip():
        raise ReadError(url, "empty feed", hint="the server sent no XML")
    # the entries' HTML is read as text here (``html_to_text``), so feedparser need not clean
    # it or resolve its links: a second and third pass over every tag of a large feed
    parsed = feedparser.parse(_as_bytes(xml), sanitize_html=False, resolve_relative_uris=False)
    feed = parsed.get("feed") or {}
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries and not feed.get("title"):
        problem = parsed.get("bozo_exception")
        raise ReadError(url, f"not an RSS or Atom feed: {problem}", hint="is the URL a web page?")
    if not entries and not parsed.get("version"):
        raise ReadError(url, "not an RSS or Atom feed", hint="no <rss>, <feed> or <rdf> root")
    return [_make_entry(entry, url, feed) for entry in entries]


def entry_doc_id(entry: FeedEntry) -> str:
    """The document id for an entry: from its link when it has one, else from its id."""
    if entry.link:
        return document_id_for_url(entry.link)
    digest = hashlib.sha256(entry.id.encode("utf-8")).hexdigest()[:16]
    return f"{url_host(entry.feed_url) or 'feed'}-{digest}"


def entry_document(entry: FeedEntry) -> Document:
    """A feed entry that carries its own text (full content, else summary) as a ``Document``."""
    text = entry.content or entry.summary
    if not text.strip():
        raise ReadError(entry.link or entry.feed_url, "feed entry carries no text")
    return Document(
        id=entry_doc_id(entry),
        source=entry.feed_title or url_host(entry.feed_url),
        medium="news",
        url=entry.link,
        published_at=entry.published,
        lang=lang_code(entry.lang) or guess_lang(text),
        title=entry.title,
        text=text,
    )
