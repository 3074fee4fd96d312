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
    err,
    fail,
    out,
)

if TYPE_CHECKING:
    from skyledger.models import Document, Failure

LANGS = ("uk", "en", "ru")


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
) -> None:
    """Store documents, extract their claims and rebuild the events.

    Re-ingesting the same input changes nothing; an edited document is stored as a new
    revision. Each input that cannot be read is printed as it happens, listed in `skyledger
    failures`, and the run goes on. Ctrl-C stops after the current batch: what was read is
    stored and its events are built.

    Exit codes: 0 every input was read; 3 some inputs failed; 4 no input could be read;
    130 interrupted; 1 an error stopped the run (e.g. the database).

    Example: skyledger ingest reports/ result.json
    """
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
    file: str = typer.Argument(
        "-", help="A file or folder read as `ingest` reads it, or - for standard input."
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Language of plain text: uk, en or ru (default: told from its letters).",
    ),
) -> None:
    """Print every claim as one JSON line, with its span and sentence.

    Input is read as `ingest` reads it: corpus .jsonl, a Telegram result.json (one document
    per message), .txt/.md, saved pages and feeds, whole folders; the language of plain text
    is told from its letters unless --lang says it. Exit codes as for `ingest`.

    Example: skyledger extract report.txt
    """
    from skyledger.errors import SkyledgerError
    from skyledger.extract import ExtractOptions, extract_document
    from skyledger.models import Failure

    if lang is not None and lang not in LANGS:
        raise fail(f"--lang {lang!r}: expected uk, en or ru")
    options = ExtractOptions()
    read = failed = 0
    for item in _documents(file):
        if isinstance(item, Failure):
            failed += 1
            where = f"{item.source}:{item.line}" if item.line else item.source
            err.print(f"Error: {where}: {item.reason}", markup=False)
            continue
        if lang is not None and item.medium == "text":
            item = item.model_copy(update={"lang": lang})
        try:
            extraction = extract_document(item, options)
        except SkyledgerError as exc:  # past the document size limit
            failed += 1
            err.print(f"Error: {item.id}: {exc}", markup=False)
            continue
        except Exception as exc:  # a grammar bug: this document only, as ingest does
            failed += 1
            reason = f"extraction failed: {type(exc).__name__}: {exc}"
            err.print(f"Error: {item.id}: {reason}", markup=False)
            continue
        read += 1
        for claim in extraction.claims:
            sys.stdout.write(claim.model_dump_json(exclude_defaults=True) + "\n")
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED if read else EXIT_NONE_READ)


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
