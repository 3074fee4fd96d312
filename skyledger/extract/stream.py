"""The path ``skyledger extract`` runs: documents in, one JSON line per claim out.

The documents come from the caller (``sources.corpus_jsonl.read_text_or_corpus`` for the
command): this stage reads no files.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable, Iterable
from typing import TextIO

from skyledger.extract import ExtractOptions, extract_document
from skyledger.models import Claim, Document, Failure


def extract_to(
    items: Iterable[Document | Failure],
    out: TextIO,
    err: TextIO,
    options: ExtractOptions | None = None,
) -> int:
    """Write one JSON line per claim to ``out`` and one ``Error:`` line per failure to ``err``.
    Returns the number of claims."""
    opts = options or ExtractOptions()
    count = 0
    write = _byte_writer(out)
    for item in items:
        if isinstance(item, Failure):
            where = f"{item.source}:{item.line}" if item.line else item.source
            err.write(f"Error: {where}: {item.reason}\n")
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
