"""HTML article pages: the body via trafilatura, title/time/language from the page's metadata.

``read_html_article(html, url)`` returns one ``Document`` (medium ``"news"``). Its ``id`` is
derived from the URL (``document_id_for_url``), so the same article read again, or read from a
feed entry, gets the same id; without a URL the id comes from the content hash.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import trafilatura
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from skyledger.errors import ReadError
from skyledger.models import Document, Lang, content_hash
from skyledger.sources.nesting import MAX_NESTING, too_deep

#: Query parameters that only track where a reader came from; dropped before hashing a URL.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|mc_\w+|ref|ref_src|cmpid)$", re.I)
#: Elements of trafilatura's body tree that start a new line.
_LINE_TAGS = frozenset({"item", "row", "p", "head", "quote", "list", "table"})
_TAGS = re.compile(r"<[^<>]*>")
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґЫыЭэЪъ]")
_UK_ONLY = re.compile(r"[ІіЇїЄєҐґ]")
_RU_ONLY = re.compile(r"[ЫыЭэЪъЁё]")


def normalize_url(url: str) -> str:
    """A URL in one canonical form: lower-case host, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def url_host(url: str) -> str:
    """The host of a URL without a leading ``www.``."""
    host = urlsplit(url.strip()).netloc.lower().split("@")[-1].split(":")[0]
    return host.removeprefix("www.")


def document_id_for_url(url: str) -> str:
    """A stable document id for a web page: its host and a short hash of the canonical URL."""
    digest = hashlib.sha256(normalize_url(url).encode("utf-8")).hexdigest()[:16]
    return f"{url_host(url) or 'web'}-{digest}"


def parse_datetime(value: str) -> datetime | None:
    """An aware datetime from ISO 8601 or RFC 2822 text; naive values are taken as UTC."""
    text = value.strip()
    if not text:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def guess_lang(text: str) -> Lang:
    """``uk``, ``ru`` or ``en`` from the letters: mostly Cyrillic → uk, unless Russian letters."""
    sample = text[:4000]
    letters = sum(ch.isalpha() for ch in sample)
    cyrillic = len(_CYRILLIC.findall(sample))
    if not letters or cyrillic * 2 < letters:
        return "en"
    if len(_RU_ONLY.findall(sample)) > len(_UK_ONLY.findall(sample)):
        return "ru"
    return "uk"


def lang_code(value: str | None) -> Lang | None:
    """One of our languages from an HTML/feed language tag (``uk-UA``, ``en_GB``, ``ru``)."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    if primary in ("uk", "ua"):
        return "uk"
    if primary in ("en", "ru"):
        return primary  # type: ignore[return-value]
    return None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: ``<br>`` and block elements become line breaks."""
    if too_deep(fragment):  # read as plain text: its tags as spaces
        return _tidy(re.sub(r"[ \t]+", " ", _TAGS.sub(" ", fragment)))
    # Whitespace in HTML source is not text: collapse it before <br> and blocks add line breaks.
    tree = LexborHTMLParser("<div>" + re.sub(r"\s+", " ", fragment) + "</div>")
    root = tree.body
    if root is None:
        return ""
    for code in root.css("script, style, template"):  # no text of the page
        code.decompose()
    for br in root.css("br"):
        br.replace_with("\n")
    for block in root.css("p, div, ul, ol, table, li, tr, h1, h2, h3, h4, h5, h6, blockquote"):
        block.insert_after("\n" if block.tag in ("li", "tr") else "\n\n")
    return _tidy(re.sub(r" *\n *", "\n", root.text(deep=True, separator="")))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _meta(tree: LexborHTMLParser, *selectors: str) -> str | None:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            value = node.attributes.get("content") or node.attributes.get("datetime")
            if value and value.strip():
                return value.strip()
    return None


def _json_ld(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    """The objects of the page's JSON-LD blocks (a block that is not JSON, or nested deeper
    than the JSON reader goes, is passed over: metadata is optional)."""
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True))
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k == "@graph")
                yield item


def _ld_value(tree: LexborHTMLParser, key: str) -> str | None:
    for item in _json_ld(tree):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _page_title(tree: LexborHTMLParser) -> str | None:
    title = _meta(tree, 'meta[property="og:title"]', 'meta[name="twitter:title"]')
    title = title or _ld_value(tree, "headline")
    if title is None:
        node = tree.css_first("title")
        title = node.text(deep=True).strip() if node is not None else None
    return re.sub(r"\s+", " ", title).strip() if title else None


def _page_published(tree: LexborHTMLParser) -> datetime | None:
    candidates = [
        _meta(tree, 'meta[property="article:published_time"]', 'meta[name="pubdate"]'),
        _ld_value(tree, "datePublished"),
        _meta(tree, 'meta[itemprop="datePublished"]', 'meta[name="date"]', "time[datetime]"),
    ]
    for value in candidates:
        parsed = parse_datetime(value) if value else None
        if parsed is not None:
            return parsed
    return None


def _page_lang(tree: LexborHTMLParser) -> Lang | None:
    html_node = tree.css_first("html")
    declared = html_node.attributes.get("lang") if html_node is not None else None
    return (
        lang_code(declared)
        or lang_code(_meta(tree, 'meta[http-equiv="content-language" i]', 'meta[name="language"]'))
        or lang_code(_meta(tree, 'meta[property="og:locale"]'))
        or lang_code(_ld_value(tree, "inLanguage"))
    )


def _site_name(tree: LexborHTMLParser, url: str | None) -> str:
    name = _meta(tree, 'meta[property="og:site_name"]', 'meta[name="application-name"]')
    return name or (url_host(url) if url else "")


def _flatten(element: Any) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "lb":
            parts.append("\n")
        elif tag in _LINE_TAGS:
            parts.extend(("\n", _flatten(child), "\n"))
        else:
            parts.append(_flatten(child) if tag != "cell" else _flatten(child) + " ")
        parts.append(child.tail or "")
    return "".join(parts)


#: Paragraphs past which a page is read without trafilatura's fallback extractors: the last of
#: them compares each paragraph with its neighbours one by one, in time quadratic in their
#: number (10,000 paragraphs took seconds); an article has a few dozen.
MAX_FALLBACK_BLOCKS = 1_000
_BLOCKS = "p, div, li, td, tr, dd, dt, pre, blockquote, br, h1, h2, h3, h4, h5, h6"


def _body_text(html: str, url: str | None, *, fast: bool = False) -> str:
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=False, include_comments=False, fast=fast
        )
    except (ValueError, TypeError, etree.LxmlError):
        return ""
    body = getattr(result, "body", None)
    if body is None:
        return ""
    blocks = [re.sub(r"\n{2,}", "\n", _tidy(_flatten(child))) for child in body]
    return "\n\n".join(block for block in blocks if block)


def _drop_headline(text: str, title: str | None) -> str:
    """Remove a first paragraph that only repeats the headline (it lives in ``title``)."""
    first, _, rest = text.partition("\n\n")
    if title and rest and first.strip().casefold() == title.strip().casefold():
        return rest
    return text


def _parse_tree(html: str, source: str) -> LexborHTMLParser:
    if too_deep(html):
        raise ReadError(
            source,
            f"elements nested more than {MAX_NESTING} deep: no article page",
            hint="save the article's own page",
        )
    try:
        return LexborHTMLParser(html)
    except (ValueError, TypeError) as exc:
        raise ReadError(source, f"unparseable HTML: {exc}") from exc


def read_html_article(html: str, url: str | None, *, lang: str | None = None) -> Document:
    """One article page as a ``Document``; raises ``ReadError`` when no body can be found."""
    source = url or "<html>"
    if not html or not html.strip():
        raise ReadError(source, "empty page", hint="the server sent no HTML")
    tree = _parse_tree(html, source)
    title = _page_title(tree)
    fast = len(tree.css(_BLOCKS)) > MAX_FALLBACK_BLOCKS
    text = _drop_headline(_body_text(html, url, fast=fast), title)
    if not text.strip():
        raise ReadError(source, "no article body found", hint="is this an index or login page?")
    doc_lang = lang_code(lang) or _page_lang(tree) or guess_lang(text)
    doc_id = document_id_for_url(url) if url else f"html-{content_hash(title, text)[:16]}"
    return Document(
        id=doc_id,
        source=_site_name(tree, url),
        medium="news",
        url=url,
        published_at=_page_published(tree),
        lang=doc_lang,
        title=title,
        text=text,
    )


__all__ = [
    "document_id_for_url",
    "guess_lang",
    "html_to_text",
    "lang_code",
    "normalize_url",
    "parse_datetime",
    "read_html_article",
    "url_host",
]
