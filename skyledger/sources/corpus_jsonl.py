"""The corpus JSONL format of ``eval/FORMAT.md``: one document object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from skyledger.models import Document, Failure

REQUIRED = ("id", "text")
FIELDS = ("id", "source", "medium", "url", "published_at", "lang", "title", "text")


def looks_like_corpus(head: str) -> bool:
    """Whether the first line of a file looks like a corpus JSONL document."""
    first = head.lstrip().split("\n", 1)[0]
    if not first.startswith("{"):
        return False
    try:
        obj = json.loads(first)
    except ValueError:
        return '"text"' in first and '"id"' in first
    return isinstance(obj, dict) and "id" in obj and "text" in obj


def parse_corpus_line(line: str, origin: str, lineno: int) -> Document | Failure:
    """One line of a corpus file, as a ``Document`` or a ``Failure`` naming file and line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(
            source=origin,
            line=lineno,
            reason=f"malformed JSON: {exc.msg} at column {exc.colno}",
            excerpt=line[:200],
        )
    if not isinstance(obj, dict):
        return Failure(
            source=origin, line=lineno, reason="line is not a JSON object", excerpt=line[:200]
        )
    missing = [k for k in REQUIRED if k not in obj]
    if missing:
        return Failure(
            source=origin,
            line=lineno,
            reason=f"missing field(s): {', '.join(missing)}",
            excerpt=line[:200],
        )
    fields = {k: obj[k] for k in FIELDS if k in obj and obj[k] is not None}
    fields.setdefault("source", "")
    try:
        return Document(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return Failure(
            source=origin,
            line=lineno,
            reason=f"invalid field {where}: {first['msg']}",
            excerpt=line[:200],
        )


def read_corpus_lines(lines: Iterator[str], origin: str) -> Iterator[Document | Failure]:
    """Documents from corpus JSONL lines (blank lines are skipped)."""
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            yield parse_corpus_line(line, origin, lineno)


def read_corpus(path: Path) -> Iterator[Document | Failure]:
    """Documents from a corpus ``.jsonl`` file, lazily."""
    with path.open(encoding="utf-8", errors="strict") as fh:
        try:
            yield from read_corpus_lines(fh, str(path))
        except UnicodeDecodeError as exc:
            yield Failure(
                source=str(path),
                reason=f"not UTF-8 text: {exc.reason} at byte {exc.start}",
                excerpt="",
            )
