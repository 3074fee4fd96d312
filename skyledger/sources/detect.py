"""Choose a reader for each input by its content, not only its extension; walk directories."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from skyledger.errors import ReadError
from skyledger.models import Document, Failure
from skyledger.sources.corpus_jsonl import looks_like_corpus, read_corpus
from skyledger.sources.telegram_export import looks_like_export, read_telegram_export
from skyledger.sources.text import text_document

MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_JSON_BYTES = 512 * 1024 * 1024
HEAD_BYTES = 8192
SKIP_DIRS = frozenset({".git", "__pycache__", ".venv", "node_modules"})
#: Gold annotation files sit beside corpora; walking a folder skips them (naming one reads it).
GOLD_SUFFIX = ".gold.jsonl"


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file under the given paths, in a stable order; hidden and gold files skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                hidden = any(p.startswith(".") or p in SKIP_DIRS for p in parts)
                if child.is_file() and not hidden and not child.name.endswith(GOLD_SUFFIX):
                    yield child
        else:
            yield path


def sniff(path: Path, head: bytes) -> str:
    """The kind of a file: corpus, telegram_export, telegram_web, html, feed, text, binary."""
    if b"\x00" in head:
        return "binary"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    low = text.lstrip().lower()
    if looks_like_export(text):
        return "telegram_export"
    if path.suffix.lower() == ".jsonl" or looks_like_corpus(text):
        return "corpus"
    if low.startswith("<?xml") or low.startswith("<rss") or low.startswith("<feed"):
        return "feed"
    if low.startswith("<!doctype html") or low.startswith("<html") or "<body" in low:
        return "telegram_web" if "tgme_widget_message" in text else "html"
    if path.suffix.lower() == ".json":
        return "json"
    return "text"


def read_path(path: Path) -> Iterator[Document | Failure]:
    """Documents (and failures) from one file; never raises for a bad file (a reader that
    breaks on it loses the rest of that file only, and says so)."""
    try:
        yield from _read(path)
    except ReadError as exc:
        yield Failure(
            source=str(path),
            reason=exc.reason + (f" ({exc.hint})" if exc.hint else ""),
            line=exc.line,
        )
    except OSError as exc:
        yield Failure(source=str(path), reason=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader's own bug must not stop the run
        reason = f"reader failed, the rest of this file was not read: {type(exc).__name__}: {exc}"
        yield Failure(source=str(path), reason=reason)


def _read(path: Path) -> Iterator[Document | Failure]:
    if not path.exists():
        raise ReadError(str(path), "no such file or directory")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(str(path), "empty file")
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    kind = sniff(path, head)
    if kind == "binary":
        raise ReadError(str(path), "binary file, not text", hint="give text, JSONL, JSON or HTML")
    if kind == "corpus":
        yield from read_corpus(path)
    elif kind == "telegram_export":
        if size > MAX_JSON_BYTES:
            raise ReadError(str(path), f"export too large ({size / 1e6:.0f} MB)")
        yield from read_telegram_export(path)
    elif kind in ("html", "telegram_web", "feed"):
        yield from _read_markup(path, kind)
    elif kind == "json":
        raise ReadError(
            str(path),
            "JSON that is neither a corpus line nor a Telegram export",
            hint="expected JSONL documents or a Telegram Desktop result.json",
        )
    else:
        yield _read_text(path, size)


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "convert it to UTF-8, e.g. iconv -f cp1251 -t utf-8"
        raise ReadError(
            str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})", hint=hint
        ) from exc


def _read_text(path: Path, size: int) -> Document:
    if size > MAX_TEXT_BYTES:
        raise ReadError(
            str(path),
            f"text file too large for one document ({size / 1e6:.1f} MB "
            f"> {MAX_TEXT_BYTES // 1_000_000} MB)",
            hint="split it, or give JSONL",
        )
    return text_document(path, _decode(path))


def _read_markup(path: Path, kind: str) -> Iterator[Document | Failure]:
    from skyledger.sources import markup

    yield from markup.read_markup(path, kind, _decode(path))


def read_paths(paths: Iterable[Path]) -> Iterator[Document | Failure]:
    """Documents and failures from files and directories, lazily."""
    for path in walk(paths):
        yield from read_path(path)
