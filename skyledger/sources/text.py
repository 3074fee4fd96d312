"""Plain text and Markdown files: one document each."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from skyledger.errors import ReadError
from skyledger.models import Document
from skyledger.sources.html import guess_lang

_FRONT_DATE = re.compile(r"^(?:date|published(?:_at)?):\s*(\S+)\s*$", re.I | re.M)


def _markdown_title(text: str) -> tuple[str | None, str]:
    lines = text.split("\n", 1)
    if lines and lines[0].startswith("# "):
        return lines[0][2:].strip(), (lines[1] if len(lines) > 1 else "").lstrip("\n")
    return None, text


def _published(text: str) -> datetime | None:
    match = _FRONT_DATE.search(text[:500])
    if not match:
        return None
    try:
        moment = datetime.fromisoformat(match.group(1))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def text_document(path: Path, text: str, *, doc_id: str | None = None) -> Document:
    """A document from the decoded text of a ``.txt`` or ``.md`` file."""
    if not text.strip():
        raise ReadError(str(path), "empty file", hint="nothing to read")
    title: str | None = None
    body = text
    if path.suffix.lower() in (".md", ".markdown"):
        title, body = _markdown_title(text)
    return Document(
        id=doc_id or path.stem,
        source=str(path.name),
        medium="text",
        title=title,
        text=body,
        lang=guess_lang(body),
        published_at=_published(text),
    )
