"""The path ``skyledger extract`` runs: documents in, one JSON line per claim out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
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
    write = out.write
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


_TO_JSON = Claim.__pydantic_serializer__.to_json


def _json_lines(claims: tuple[Claim, ...]) -> str:
    """``claim.model_dump_json(exclude_defaults=True)`` for each claim, one a line, written at
    once (the serialiser called directly: the same bytes, without the per-call keywords)."""
    lines = [_TO_JSON(claim, exclude_defaults=True) for claim in claims]
    lines.append(b"")
    return b"\n".join(lines).decode()
