"""The corpus JSONL format of ``eval/FORMAT.md``: one document object per line; and what
``skyledger extract`` reads, a corpus or else one plain text."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from skyledger.errors import ReadError
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
    except (ValueError, RecursionError) as exc:  # a number too long, nesting too deep
        return Failure(
            source=origin, line=lineno, reason=f"unreadable JSON: {_why(exc)}", excerpt=line[:200]
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


def _why(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0][:200] or type(exc).__name__


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


def read_text_or_corpus(file: str, lang: str) -> Iterator[Document | Failure]:
    """What ``skyledger extract`` reads: a corpus (a ``.jsonl`` file, or any input whose first
    line is a corpus document), else one plain-text document in ``lang`` named after the file;
    ``-`` is standard input. Raises ``ReadError`` for a missing file or one not in UTF-8."""
    if file == "-":
        data = sys.stdin.read()
        if looks_like_corpus(data):
            yield from read_corpus_lines(iter(data.splitlines()), "<stdin>")
        else:
            yield Document(id="stdin", text=data, lang=lang)
        return
    path = Path(file)
    if not path.is_file():
        raise ReadError(file, "no such file")
    with path.open(encoding="utf-8", errors="replace") as fh:
        head = fh.read(4096)
    if path.suffix == ".jsonl" or looks_like_corpus(head):
        yield from read_corpus(path)
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ReadError(file, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        yield Document(id=path.stem, text=text, lang=lang)
