"""Archives read in partitions: corpus JSONL (plain, ``.gz`` or ``.zst``) and Parquet.

The driver plans the partitions (``plan``): a plain JSONL file is cut every ``size`` lines at
byte offsets found by one scan for newlines, so a worker seeks to its part; a compressed one is
cut by line numbers (a worker decompresses from the start and skips the lines before its
part); a Parquet file is cut by row groups. Workers read their partition (``read_partition``)
into documents and failures that name the file and the line (the row, for Parquet), exactly as
the single-process reader names them.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, cast

from skyledger.errors import ReadError
from skyledger.models import Document, Failure
from skyledger.sources.corpus_jsonl import FIELDS, parse_corpus_line
from skyledger.sources.detect import walk_labelled

Format = Literal["jsonl", "parquet"]
Compression = Literal["", "gz", "zst"]
#: Documents per partition unless told otherwise.
PARTITION = 500
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CHUNK = 1 << 22


@dataclass(frozen=True, slots=True)
class Partition:
    """One piece of one archive file: lines ``first_line``… (``count`` of them) of a JSONL
    file starting at byte ``offset`` (-1: read from the start and skip), or row groups
    ``first_line``… (``count`` of them) of a Parquet file."""

    index: int
    path: str
    label: str
    format: Format
    compression: Compression
    first_line: int
    count: int
    offset: int = -1


def archive_format(path: Path) -> tuple[Format, Compression] | None:
    """The format and compression of an archive file by its name, or None."""
    name = path.name.lower()
    if name.endswith(".parquet"):
        return "parquet", ""
    for compression, ending in (("gz", ".gz"), ("zst", ".zst")):
        if name.endswith(ending) and name[: -len(ending)].endswith(JSONL_SUFFIXES):
            return "jsonl", compression  # type: ignore[return-value]
    return ("jsonl", "") if name.endswith(JSONL_SUFFIXES) else None


def archive_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """The archive files under ``paths`` with their labels; a file named explicitly that is
    no archive raises ``ReadError``, other files in a folder are passed over."""
    for given in paths:
        if not given.exists():
            raise ReadError(str(given), "no such file or directory")
        for path, label in walk_labelled([given]):
            if archive_format(path) is not None:
                yield path, label
            elif path == given:
                raise ReadError(
                    str(path),
                    "not an archive",
                    hint="give corpus .jsonl (also .jsonl.gz, .jsonl.zst) or .parquet files",
                )


def plan(paths: Iterable[Path], size: int = PARTITION) -> list[Partition]:
    """The partitions of every archive file under ``paths``, in a stable order."""
    parts: list[Partition] = []
    for path, label in archive_files(paths):
        found = archive_format(path)
        assert found is not None
        fmt, compression = found
        where = str(path.resolve())
        if fmt == "parquet":
            pieces = _row_group_pieces(path)
        elif compression:
            pieces = [(first, count, -1) for first, count in _line_pieces(path, compression, size)]
        else:
            pieces = _offset_pieces(path, size)
        for first, count, offset in pieces:
            part = Partition(len(parts), where, label, fmt, compression, first, count, offset)
            parts.append(part)
    return parts


def _offset_pieces(path: Path, size: int) -> list[tuple[int, int, int]]:
    """(first line, lines, byte offset) of every ``size`` lines of a plain file."""
    starts = [0]
    lines = 0
    position = 0
    last = b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            at = chunk.find(b"\n")
            while at != -1:
                lines += 1
                if lines % size == 0:
                    starts.append(position + at + 1)
                at = chunk.find(b"\n", at + 1)
            position += len(chunk)
            last = chunk[-1:]
    total = lines + (last != b"\n")
    pieces = []
    for i, offset in enumerate(starts):
        first = i * size + 1
        count = min(size, total - first + 1)
        if count > 0:
            pieces.append((first, count, offset))
    return pieces or [(1, 0, 0)]


def _line_pieces(path: Path, compression: Compression, size: int) -> list[tuple[int, int]]:
    total = 0
    with _open(path, compression) as fh:
        for _ in fh:
            total += 1
    return [(first, min(size, total - first + 1)) for first in range(1, total + 1, size)]


def _row_group_pieces(path: Path) -> list[tuple[int, int, int]]:
    import pyarrow.parquet as pq

    try:
        groups = pq.ParquetFile(path).metadata.num_row_groups
    except Exception as exc:  # pyarrow raises its own errors for a file that is no Parquet
        raise ReadError(str(path), f"not a Parquet file: {exc}") from exc
    return [(g, 1, -1) for g in range(groups)]


def _open(path: Path, compression: Compression) -> IO[bytes]:
    if compression == "gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    if compression == "zst":
        try:
            import zstandard
        except ModuleNotFoundError as exc:
            raise ReadError(
                str(path), "a .zst archive needs zstandard", hint="pip install 'skyledger[scale]'"
            ) from exc
        raw = path.open("rb")
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))
    return path.open("rb")


Item = tuple[int, Document | Failure]


def read_partition(part: Partition) -> Iterator[Item]:
    """The documents and failures of one partition with their line (row) numbers; a file that
    breaks midway gives a failure naming it and the line where it broke."""
    try:
        if part.format == "parquet":
            yield from _read_row_group(part)
        else:
            yield from _read_lines(part)
    except ReadError as exc:
        yield part.first_line, Failure(source=part.label, reason=exc.reason, line=exc.line)
    except (OSError, EOFError, ValueError) as exc:  # a truncated or corrupt compressed file
        reason = f"cannot read this part of the archive: {type(exc).__name__}: {exc}"
        yield part.first_line, Failure(source=part.label, reason=reason, line=part.first_line)


def _read_lines(part: Partition) -> Iterator[Item]:
    with _open(Path(part.path), part.compression) as fh:
        if part.offset >= 0:
            fh.seek(part.offset)
        else:
            for _ in range(part.first_line - 1):
                fh.readline()
        for lineno in range(part.first_line, part.first_line + part.count):
            try:
                raw = fh.readline()
            except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt
                reason = f"cannot read the archive from this line on: {type(exc).__name__}: {exc}"
                yield lineno, Failure(source=part.label, reason=reason, line=lineno)
                return
            if not raw:
                return
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                reason = f"not UTF-8 text: {exc.reason} at byte {exc.start}"
                excerpt = raw[:200].decode("utf-8", "replace")
                failure = Failure(source=part.label, reason=reason, excerpt=excerpt, line=lineno)
                yield lineno, failure
                continue
            if line.strip():
                yield lineno, parse_corpus_line(line, part.label, lineno)


def _read_row_group(part: Partition) -> Iterator[Item]:
    """Rows of one row group, read as corpus lines are (the row number is the line)."""
    import pyarrow.parquet as pq

    file = pq.ParquetFile(part.path)
    meta = file.metadata
    columns = [c for c in FIELDS if c in file.schema_arrow.names]
    if "id" not in columns or "text" not in columns:
        raise ReadError(part.label, "a Parquet archive needs the columns id and text")
    first_row = sum(meta.row_group(g).num_rows for g in range(part.first_line)) + 1
    rows = file.read_row_group(part.first_line, columns=columns).to_pylist()
    for number, row in enumerate(rows, start=first_row):
        line = json.dumps(row, default=_json_value, ensure_ascii=False)
        yield number, parse_corpus_line(line, part.label, number)


def _json_value(value: Any) -> Any:
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if isoformat is not None else str(value)
