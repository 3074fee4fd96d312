"""Choose a reader for each input by its content, not only its extension; walk directories.

Every input is named by its path from the folder the user gave (``reports/kyiv/report.txt``
for ``ingest reports``; ``kyiv/report.txt`` for ``ingest reports/kyiv/report.txt``): that
label is a plain text file's document id, so two files of one name in different folders stay
two documents, and it names the input in ``failures`` without the machine's own paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from skyledger.errors import ReadError
from skyledger.models import MAX_DOCUMENT_CHARS, Document, Failure, too_large_reason
from skyledger.sources.corpus_jsonl import looks_like_corpus, read_corpus, read_corpus_lines
from skyledger.sources.telegram_export import looks_like_export, read_telegram_export
from skyledger.sources.text import text_document

#: Bytes past which a text file cannot be within the document size limit (four bytes per
#: character in UTF-8 and UTF-32).
MAX_TEXT_BYTES = 4 * MAX_DOCUMENT_CHARS + 4
MAX_JSON_BYTES = 512 * 1024 * 1024
HEAD_BYTES = 8192
SKIP_DIRS = frozenset({".git", "__pycache__", ".venv", "node_modules"})
#: Gold annotation files sit beside corpora; walking a folder skips them (naming one reads it).
GOLD_SUFFIX = ".gold.jsonl"
#: The file name endings a document can have; anything else (a table, an image, an archive)
#: is listed in ``failures`` as not a document. A file without an ending is read by content.
DOCUMENT_SUFFIXES = frozenset(
    {"", ".txt", ".text", ".md", ".markdown", ".jsonl", ".ndjson", ".json", ".html", ".htm",
     ".xhtml", ".xml", ".rss", ".atom"}
)  # fmt: skip
#: Byte-order marks of the UTF encodings a text file may come in (longest first).
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file under the given paths, in a stable order; hidden and gold files skipped."""
    for path, _ in walk_labelled(paths):
        yield path


def _label(path: Path, root: Path) -> str:
    """``path`` named from the folder that holds ``root``; a file given on its own is named
    with its folder (``kyiv/report.txt``)."""
    base = root.resolve().parent
    if path == root:
        base = base.parent
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.name


def walk_labelled(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Every file under the given paths with its label (see the module docstring)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                hidden = any(p.startswith(".") or p in SKIP_DIRS for p in parts)
                if child.is_file() and not hidden and not child.name.endswith(GOLD_SUFFIX):
                    yield child, _label(child, path)
        else:
            yield path, _label(path, path)


def bom_encoding(head: bytes) -> str | None:
    """The UTF-16/32 encoding a byte-order mark announces, or None."""
    return next((name for mark, name in BOMS if head.startswith(mark)), None)


def sniff(path: Path, head: bytes) -> str:
    """The kind of a file: corpus, telegram_export, telegram_web, html, feed, text, binary."""
    encoding = bom_encoding(head)
    if encoding is None and b"\x00" in head:
        return "binary"
    text = head.decode(encoding or "utf-8", errors="replace").lstrip("\ufeff")
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


def read_path(path: Path, label: str | None = None) -> Iterator[Document | Failure]:
    """Documents (and failures) from one file; never raises for a bad file (a reader that
    breaks on it loses the rest of that file only, and says so). ``label`` names the file in
    its failures and is a plain text file's document id (default: the path)."""
    name = label or str(path)
    try:
        for item in _read(path, name):
            if isinstance(item, Failure) and item.source == str(path) and name != str(path):
                item = item.model_copy(update={"source": name})
            yield item
    except ReadError as exc:
        yield Failure(
            source=name,
            reason=exc.reason + (f" ({exc.hint})" if exc.hint else ""),
            line=exc.line,
        )
    except OSError as exc:
        yield Failure(source=name, reason=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader's own bug must not stop the run
        reason = f"reader failed, the rest of this file was not read: {type(exc).__name__}: {exc}"
        yield Failure(source=name, reason=reason)


def _not_a_document(path: Path) -> ReadError | None:
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES or suffix[1:].isdigit():
        return None
    return ReadError(
        str(path),
        f"not a document ({suffix} files are not read)",
        hint="skyledger reads .txt, .md, .jsonl, .json, .html and feeds; "
        "rename a plain text file to .txt",
    )


def _read(path: Path, name: str) -> Iterator[Document | Failure]:
    if not path.exists():
        raise ReadError(str(path), "no such file or directory")
    refused = _not_a_document(path)
    if refused is not None:
        raise refused
    size = path.stat().st_size
    if size == 0:
        raise ReadError(str(path), "empty file")
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    kind = sniff(path, head)
    if kind == "binary":
        raise ReadError(str(path), "binary file, not text", hint="give text, JSONL, JSON or HTML")
    encoding = bom_encoding(head)
    if encoding is not None:
        yield from _read_decoded(path, name, kind, size, encoding)
        return
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
        yield _read_text(path, size, name)


def _read_decoded(
    path: Path, name: str, kind: str, size: int, encoding: str
) -> Iterator[Document | Failure]:
    """A file in UTF-16 or UTF-32 (with its byte-order mark), read by the same readers."""
    if kind == "corpus":
        yield from read_corpus_lines(iter(_decode(path, encoding).splitlines()), str(path))
    elif kind in ("html", "telegram_web", "feed"):
        from skyledger.sources import markup

        yield from markup.read_markup(path, kind, _decode(path, encoding))
    elif kind == "text":
        yield _read_text(path, size, name, encoding)
    else:
        raise ReadError(str(path), f"{kind} in {encoding.upper()}", hint="convert it to UTF-8")


def _decode(path: Path, encoding: str | None = None) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode(encoding or "utf-8-sig").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        hint = "convert it to UTF-8, e.g. iconv -f cp1251 -t utf-8"
        name = (encoding or "UTF-8").upper()
        raise ReadError(
            str(path), f"not {name} text ({exc.reason} at byte {exc.start})", hint=hint
        ) from exc


def _read_text(path: Path, size: int, name: str, encoding: str | None = None) -> Document:
    """One document from a text file within the document size limit that extraction and
    ingest share (``extract.limits``): a larger file is refused before it is read."""
    if size > MAX_TEXT_BYTES:  # more bytes than any text within the limit can have
        raise ReadError(str(path), too_large_reason(size, "bytes"), hint="or give JSONL")
    text = _decode(path, encoding)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ReadError(str(path), too_large_reason(len(text)), hint="or give JSONL")
    return text_document(path, text, doc_id=name)


def _read_markup(path: Path, kind: str) -> Iterator[Document | Failure]:
    from skyledger.sources import markup

    yield from markup.read_markup(path, kind, _decode(path))


def read_paths(paths: Iterable[Path]) -> Iterator[Document | Failure]:
    """Documents and failures from files and directories, lazily."""
    for path, label in walk_labelled(paths):
        yield from read_path(path, label)
