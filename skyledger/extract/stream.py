"""The path ``skyledger extract`` runs: documents in, one JSON line per claim out.

The documents come from the caller (``sources.corpus_jsonl.read_text_or_corpus`` for the
command): this stage reads no files.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

from skyledger.extract import ExtractOptions, extract_or_failure
from skyledger.models import Claim, Document, Failure


@dataclass(slots=True)
class Streamed:
    """What ``extract_to`` did: documents read, inputs that failed, claims written."""

    read: int = 0
    failed: int = 0
    claims: int = 0


def extract_to(
    items: Iterable[Document | Failure],
    out: TextIO,
    err: TextIO,
    options: ExtractOptions | None = None,
) -> Streamed:
    """Write one JSON line per claim to ``out`` and one ``Error:`` line to ``err`` per input
    that failed: a reader's failure, a document past the size limit, or a grammar error (that
    document only, as ``ingest`` does)."""
    opts = options or ExtractOptions()
    done = Streamed()
    write = _byte_writer(out)
    for item in items:
        if isinstance(item, Failure):
            where = f"{item.source}:{item.line}" if item.line else item.source
            err.write(f"Error: {where}: {item.reason}\n")
            done.failed += 1
            continue
        extraction = extract_or_failure(item, opts)
        if isinstance(extraction, Failure):
            err.write(f"Error: {item.id}: {extraction.reason}\n")
            done.failed += 1
            continue
        claims = extraction.claims
        done.read += 1
        if claims:
            write(_json_lines(claims))
            done.claims += len(claims)
    return done


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
