"""Telegram Desktop exports (``result.json``): one document per channel message.

Message text comes as a string or as a list of strings and text entities
(``{"type": "bold", "text": "…"}``); edited messages carry ``edited`` /
``edited_unixtime``; service messages (pins, joins) are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from skyledger.errors import ReadError
from skyledger.models import KYIV, Document, Failure
from skyledger.sources.html import guess_lang
from skyledger.sources.telegram_text import canonical_post_text


def looks_like_export(head: str) -> bool:
    """Whether a JSON file's start looks like a Telegram Desktop export."""
    start = head.lstrip()[:2000]
    return (
        start.startswith("{") and '"messages"' in head and ('"type"' in start or '"name"' in start)
    )


def message_text(value: Any) -> str:
    """The plain text of a message's ``text`` field (string or list of entities)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in value
            if isinstance(part, str | dict)
        )
    return ""


def _moment(message: dict[str, Any], field: str) -> datetime | None:
    unix = message.get(f"{field}_unixtime")
    if unix is not None:
        try:
            return datetime.fromtimestamp(int(unix), tz=UTC).astimezone(KYIV)
        except (TypeError, ValueError, OverflowError):
            return None
    raw = message.get(field)
    if isinstance(raw, str):
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=KYIV)
    return None


def message_document(channel: str, message: dict[str, Any]) -> Document | None:
    """A document for one message, or ``None`` for service messages and empty ones."""
    if message.get("type", "message") != "message":
        return None
    text = canonical_post_text(message_text(message.get("text")))
    if not text:
        return None
    msg_id = message.get("id")
    forwarded = message.get("forwarded_from")
    published = _moment(message, "edited") or _moment(message, "date")
    return Document(
        id=f"{channel}-{msg_id}",
        source=str(forwarded or channel),
        medium="telegram",
        url=f"https://t.me/{channel}/{msg_id}" if channel and msg_id is not None else None,
        published_at=_moment(message, "date") or published,
        lang=guess_lang(text),
        text=text,
    )


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ReadError(str(path), f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(str(path), f"malformed JSON: {exc.msg}", line=exc.lineno) from exc
    except RecursionError as exc:
        raise ReadError(str(path), "unreadable JSON: nested too deeply") from exc
    except ValueError as exc:  # a number too long for the JSON reader
        raise ReadError(str(path), f"unreadable JSON: {str(exc).split(';')[0][:200]}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise ReadError(
            str(path),
            "not a Telegram export: no 'messages' list",
            hint="export the channel with Telegram Desktop as JSON",
        )
    return data


def _excerpt(message: dict[str, Any]) -> str:
    try:
        return json.dumps(message, ensure_ascii=False)[:200]
    except (ValueError, RecursionError):
        return ""


def read_telegram_export(path: Path) -> Iterator[Document | Failure]:
    """Documents from a ``result.json``; a malformed message becomes a ``Failure``."""
    data = _load(path)
    named = data.get("username") or data.get("name")
    channel = str(named) if isinstance(named, str | int) else path.parent.name or "telegram"
    channel = channel.lstrip("@").replace(" ", "_")
    for index, message in enumerate(data["messages"]):
        if not isinstance(message, dict):
            yield Failure(
                source=str(path),
                reason=f"messages[{index}] is not an object",
                excerpt=str(message)[:200],
            )
            continue
        try:
            doc = message_document(channel, message)
        except Exception as exc:  # one odd message is a failure, the rest are read
            yield Failure(
                source=str(path),
                reason=f"messages[{index}]: {type(exc).__name__}: {str(exc)[:300]}",
                excerpt=_excerpt(message),
            )
            continue
        if doc is not None:
            yield doc
