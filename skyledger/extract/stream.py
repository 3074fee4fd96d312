"""The path ``skyledger extract`` runs: documents in, one JSON line per claim out."""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from skyledger.errors import ReadError
from skyledger.extract import ExtractOptions, extract_document
from skyledger.models import Claim, Document, Failure
from skyledger.sources.corpus_jsonl import looks_like_corpus, read_corpus, read_corpus_lines


def _documents(file: str, lang: str) -> Iterator[Document | Failure]:
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


def extract_to(file: str, lang: str, out: TextIO, options: ExtractOptions | None = None) -> int:
    """Write one JSON line per claim; failures go to stderr. Returns the number of claims."""
    opts = options or ExtractOptions()
    count = 0
    write = _byte_writer(out)
    for item in _documents(file, lang):
        if isinstance(item, Failure):
            where = f"{item.source}:{item.line}" if item.line else item.source
            sys.stderr.write(f"Error: {where}: {item.reason}\n")
            continue
        claims = extract_document(item, opts).claims
        if claims:
            write(_json_lines(claims))
            count += len(claims)
    return count


def _byte_writer(out: TextIO) -> Callable[[bytes], object]:
    """Where the UTF-8 lines go: straight to the byte buffer under a block-buffered UTF-8 text
    stream that would write them unchanged (no decoding and encoding again per report), else
    through the text stream."""
    buffer = getattr(out, "buffer", None)
    if (
        isinstance(out, io.TextIOWrapper)
        and buffer is not None
        and not out.line_buffering  # a terminal sees each line as it comes
        and codecs.lookup(out.encoding).name == "utf-8"
        and os.linesep == "\n"
    ):
        out.flush()  # whatever was written before comes first
        write_bytes: Callable[[bytes], object] = buffer.write
        return write_bytes
    write_text = out.write
    return lambda data: write_text(data.decode())


_TO_JSON = Claim.__pydantic_serializer__.to_json


def _json_lines(claims: tuple[Claim, ...]) -> bytes:
    """``claim.model_dump_json(exclude_defaults=True)`` for each claim, one a line, written at
    once as UTF-8 (the serialiser called directly: the same bytes, without the per-call
    keywords)."""
    lines = [_TO_JSON(claim, exclude_defaults=True) for claim in claims]
    lines.append(b"")
    return b"\n".join(lines)
