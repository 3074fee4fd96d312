"""Commands that read documents: ingest, extract, eval."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from skyledger.commands.common import (
    EXIT_NONE_READ,
    EXIT_SOME_FAILED,
    db_option,
    fail,
    out,
)

if TYPE_CHECKING:
    from skyledger.models import Document, Failure

LANGS = ("uk", "en", "ru")
DASK_HELP = "Run on the Dask scheduler at this address (tcp://host:8786); archives only."
WORKERS_HELP = "Run on a local Dask cluster of N worker processes; archives only."
SIZE_HELP = "Documents (lines, or Parquet row groups) per partition of an archive run."
PREFILTER_HELP = (
    "Extract every document of an archive run, not only those the relevance pre-filter passes."
)


def dask_option() -> str | None:
    return typer.Option(None, "--dask", metavar="ADDRESS", help=DASK_HELP)  # type: ignore[no-any-return]


def workers_option() -> int | None:
    return typer.Option(None, "--workers", metavar="N", help=WORKERS_HELP)  # type: ignore[no-any-return]


def size_option() -> int:
    return typer.Option(500, "--partition-size", metavar="N", help=SIZE_HELP)  # type: ignore[no-any-return]


def prefilter_option() -> bool:
    return typer.Option(False, "--no-prefilter", help=PREFILTER_HELP)  # type: ignore[no-any-return]


def parse_published(value: str | None) -> datetime | None:
    """``--published-at``: a date (noon, Kyiv time) or an ISO time with its UTC offset."""
    if value is None:
        return None
    from datetime import date, time

    from skyledger.models import KYIV

    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(12), KYIV)
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise fail(
            f"--published-at {value!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM+02:00"
        ) from exc
    if moment.tzinfo is None:
        raise fail(f"--published-at {value!r}: give the UTC offset (e.g. +02:00)")
    return moment


def ingest_cmd(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="PATH",
        help="Files or folders: corpus .jsonl, Telegram "
        "result.json, .txt/.md, saved HTML pages or feeds.",
    ),
    db: str | None = db_option(),
    published_at: str | None = typer.Option(
        None,
        "--published-at",
        help="The date of documents that carry none (YYYY-MM-DD, or an ISO time with its "
        "offset); a .txt/.md file otherwise takes the first full date in its text.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    dask: str | None = dask_option(),
    workers: int | None = workers_option(),
    partition_size: int = size_option(),
    no_prefilter: bool = prefilter_option(),
) -> None:
    """Store documents, extract their claims and bring the events they touch up to date.

    Re-ingesting the same input changes nothing; an edited document is stored as a new
    revision. Each input that cannot be read is printed as it happens, listed in `skyledger
    failures`, and the run goes on. Ctrl-C stops after the current batch: what was read is
    stored and its events are built.

    Exit codes: 0 every input was read; 3 some inputs failed; 4 no input could be read;
    130 interrupted; 1 an error stopped the run (e.g. the database).

    With --dask or --workers, PATHs are archives (corpus .jsonl, .jsonl.gz, .jsonl.zst,
    .parquet) read in partitions on a Dask cluster: each worker writes its partitions in one
    transaction each, documents the relevance pre-filter passes over are counted, not stored,
    and the events are updated once at the end (docs/archives.md).

    Example: skyledger ingest reports/ result.json
    """
    if dask or workers:
        if published_at is not None:
            raise fail("--published-at is for single files; archive documents carry their date")
        _run_archives(paths, None, db, dask, workers, partition_size, no_prefilter, quiet)
        return
    from skyledger.commands.ingesting import finish, run_ingest

    summary, run = run_ingest(paths, db, quiet, published_at=parse_published(published_at))
    code = finish(summary, run)
    if code:
        raise typer.Exit(code)


def _stdin_documents() -> Iterator[Document | Failure]:
    """Standard input, read by content as a file would be (corpus lines, a Telegram export,
    a saved page or plain text)."""
    import tempfile

    from skyledger.sources.detect import read_path

    with tempfile.TemporaryDirectory(prefix="skyledger-") as folder:
        path = Path(folder) / "stdin"
        buffer = getattr(sys.stdin, "buffer", None)
        path.write_bytes(buffer.read() if buffer is not None else sys.stdin.read().encode())
        yield from read_path(path, "stdin")


def _documents(file: str) -> Iterator[Document | Failure]:
    from skyledger.sources.detect import read_paths

    if file == "-":
        return _stdin_documents()
    return read_paths([Path(file)])


def extract_cmd(
    files: list[str] | None = typer.Argument(
        None,
        metavar="FILE",
        help="A file or folder read as `ingest` reads it, or - for standard input (the "
        "default); with -o, archives (.jsonl, .jsonl.gz, .jsonl.zst, .parquet, folders).",
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Language of plain text: uk, en or ru (default: told from its letters).",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the claims of archives as a Parquet dataset folder (one file per "
        "partition) instead of JSON lines.",
    ),
    dask: str | None = dask_option(),
    workers: int | None = workers_option(),
    partition_size: int = size_option(),
    no_prefilter: bool = prefilter_option(),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar (with -o)."),
) -> None:
    """Print every claim as one JSON line, with its span and sentence.

    Input is read as `ingest` reads it: corpus .jsonl, a Telegram result.json (one document
    per message), .txt/.md, saved pages and feeds, whole folders; the language of plain text
    is told from its letters unless --lang says it. Exit codes as for `ingest`.

    With -o, FILEs are archives read in partitions, in this process or on a Dask cluster
    (--workers N starts a local one, --dask ADDRESS uses a running scheduler); documents that
    name nothing of the war are skipped by a relevance pre-filter (docs/archives.md).

    Example: skyledger extract report.txt

    Example: skyledger extract crawl/ --workers 2 -o claims.parquet
    """
    if output is not None or dask or workers:
        _extract_archives(files, output, dask, workers, partition_size, no_prefilter, quiet)
        return
    if files and len(files) > 1:
        raise fail("give one FILE (or -o DIR to extract archives)")
    _extract_lines((files or ["-"])[0], lang)


def _extract_archives(
    files: list[str] | None,
    output: Path | None,
    dask: str | None,
    workers: int | None,
    size: int,
    no_prefilter: bool,
    quiet: bool,
) -> None:
    if output is None:
        raise fail("--dask and --workers write a Parquet dataset: give -o claims.parquet")
    if not files or "-" in files:
        raise fail("-o reads archive files, not standard input")
    paths = [Path(f) for f in files]
    _run_archives(paths, output, None, dask, workers, size, no_prefilter, quiet)


def _run_archives(
    paths: list[Path],
    output: Path | None,
    db: str | None,
    dask: str | None,
    workers: int | None,
    size: int,
    no_prefilter: bool,
    quiet: bool,
) -> None:
    """Archives in partitions, on a Dask cluster or in this process: claims into the Parquet
    dataset ``output``, or documents into the ledger ``db``; the summary and exit code."""
    from skyledger.commands.archives import finish_archives, run_archives

    summary = run_archives(
        paths,
        output=output,
        db=db,
        dask=dask,
        workers=workers,
        size=size,
        prefilter=not no_prefilter,
        quiet=quiet,
    )
    code = finish_archives(summary, output)
    if code:
        raise typer.Exit(code)


def _extract_lines(file: str, lang: str | None) -> None:
    """Every claim of ``file`` as one JSON line on standard output."""
    from skyledger.extract.stream import extract_to
    from skyledger.models import Failure

    if lang is not None and lang not in LANGS:
        raise fail(f"--lang {lang!r}: expected uk, en or ru")

    def told() -> Iterator[Document | Failure]:
        for item in _documents(file):
            if lang is not None and not isinstance(item, Failure) and item.medium == "text":
                item = item.model_copy(update={"lang": lang})
            yield item

    done = extract_to(told(), sys.stdout, sys.stderr)
    sys.stdout.flush()
    if done.failed:
        raise typer.Exit(EXIT_SOME_FAILED if done.read else EXIT_NONE_READ)


def eval_cmd(
    corpus: Path = typer.Argument(..., help="Corpus file (.jsonl, one document per line)."),
    gold: Path = typer.Argument(..., help="Gold file (.gold.jsonl, one annotation per line)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    errors: int = typer.Option(40, "--errors", help="How many per-key errors to list."),
) -> None:
    """Score extraction on a corpus against its gold annotations.

    Precision, recall and F1 overall and per measure, set F1, exact documents, and the
    per-key errors, as docs/eval.md describes them.

    Example: skyledger eval corpus.jsonl corpus.gold.jsonl --json
    """
    import json

    from skyledger.errors import SkyledgerError
    from skyledger.scoring.run import evaluate
    from skyledger.scoring.show import print_report

    for path in (corpus, gold):
        if not path.is_file():
            raise fail(f"{path}: no such file")
    try:
        report = evaluate(corpus, gold)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    data = report.as_dict()
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        print_report(out.real(), data, errors)
