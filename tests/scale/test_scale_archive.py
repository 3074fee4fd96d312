"""Archives read in partitions: plain, gzip and zstd JSONL and Parquet give the documents the
single-process reader gives, in order, with failures naming the file and line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import skyledger.resources
from skyledger.errors import ReadError
from skyledger.models import Document, Failure
from skyledger.scale.archive import plan, read_partition
from skyledger.sources.corpus_jsonl import read_corpus

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"


def _lines() -> list[str]:
    return (SAMPLE / "news.jsonl").read_text(encoding="utf-8").splitlines()


def _read_all(paths: list[Path], size: int) -> list[tuple[int, Document | Failure]]:
    return [item for part in plan(paths, size) for item in read_partition(part)]


def _expected() -> list[Document]:
    return [d for d in read_corpus(SAMPLE / "news.jsonl") if isinstance(d, Document)]


@pytest.mark.parametrize("size", [1, 5, 500])
@pytest.mark.parametrize("kind", ["plain", "gz", "zst", "parquet"])
def test_every_format_gives_the_documents_in_order(tmp_path: Path, kind: str, size: int) -> None:
    text = "\n".join(_lines()) + "\n"
    if kind == "plain":
        path = tmp_path / "a.jsonl"
        path.write_text(text, encoding="utf-8")
    elif kind == "gz":
        path = tmp_path / "a.jsonl.gz"
        path.write_bytes(gzip.compress(text.encode()))
    elif kind == "zst":
        path = tmp_path / "a.jsonl.zst"
        zstandard = pytest.importorskip("zstandard")
        path.write_bytes(zstandard.ZstdCompressor().compress(text.encode()))
    else:
        path = tmp_path / "a.parquet"
        rows = [json.loads(line) for line in _lines()]
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=size)
    got = _read_all([path], size)
    assert [d for _, d in got] == _expected()
    assert [line for line, _ in got] == list(range(1, len(_expected()) + 1))


def test_bad_lines_are_failures_naming_file_and_line(tmp_path: Path) -> None:
    lines = _lines()[:4]
    raw = b"\n".join(
        [lines[0].encode(), b"{not json", lines[1].encode(), b'{"id": "x", "text": "\xff"}']
        + [line.encode() for line in lines[2:]]
    )
    (tmp_path / "crawl").mkdir()
    path = tmp_path / "crawl" / "day.jsonl"
    path.write_bytes(raw + b"\n")
    got = _read_all([path], 2)
    failures = [(line, f) for line, f in got if isinstance(f, Failure)]
    assert [(f.source, f.line) for _, f in failures] == [("crawl/day.jsonl", 2)] * 1 + [
        ("crawl/day.jsonl", 4)
    ]
    assert "malformed JSON" in failures[0][1].reason
    assert "not UTF-8" in failures[1][1].reason
    assert sum(isinstance(d, Document) for _, d in got) == 4


def test_a_file_without_final_newline_keeps_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(_lines()), encoding="utf-8")
    assert len(_read_all([path], 3)) == len(_lines())


def test_a_folder_reads_its_archives_and_passes_over_other_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_lines()[0] + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an archive", encoding="utf-8")
    assert len(_read_all([tmp_path], 10)) == 1


def test_a_named_file_that_is_no_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ReadError, match="not an archive"):
        plan([path])
    with pytest.raises(ReadError, match="no such file"):
        plan([tmp_path / "missing.jsonl"])


def test_a_truncated_gzip_archive_is_a_failure_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(("\n".join(_lines()) + "\n").encode())
    path.write_bytes(data)
    parts = plan([path], 5)
    path.write_bytes(data[: len(data) // 2])
    got = [item for part in parts for item in read_partition(part)]
    failures = [f for _, f in got if isinstance(f, Failure)]
    assert failures and all(f.source.endswith("/a.jsonl.gz") and f.line for f in failures)
    documents = sum(isinstance(d, Document) for _, d in got)
    assert failures[0].line == documents + 1  # the line where the archive broke
