"""Commands that read documents: ingest, extract, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from skyledger.commands.common import db_option, err, fail, open_db, out
from skyledger.errors import SkyledgerError
from skyledger.ingest import IngestSummary, ingest
from skyledger.sources.detect import read_paths, walk


def print_summary(summary: IngestSummary) -> None:
    err.print(
        f"read {summary.read} · new {summary.new} · changed {summary.changed} · "
        f"unchanged {summary.unchanged} · failed {summary.failed} · "
        f"claims {summary.claims} · events changed {summary.events_changed}"
    )
    if summary.events_pending:
        err.print(
            "events not updated yet: another writer holds the ledger, and its update "
            "(or the next run) brings them up to date"
        )


def run_ingest(paths: list[Path], db: str | None, quiet: bool = False) -> IngestSummary:
    store = open_db(db)
    files = list(walk(paths))
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )
    try:
        with progress:
            task = progress.add_task("ingest", total=None)
            summary = ingest(
                store,
                read_paths(files),
                command="ingest",
                progress=lambda n: progress.advance(task, n),
            )
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    finally:
        store.close()
    return summary


def ingest_cmd(
    paths: list[Path] = typer.Argument(
        ...,
        help="Files or folders: corpus .jsonl, Telegram "
        "result.json, .txt/.md, saved HTML pages or feeds.",
    ),
    db: str | None = db_option(),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Store documents, extract their claims and rebuild the events.

    Re-ingesting the same input changes nothing; an edited document is stored as a new
    revision. Unreadable inputs are listed in `skyledger failures` and the run goes on; the
    exit code is 1 only when nothing at all could be read.

    Example: skyledger ingest reports/ result.json
    """
    summary = run_ingest(paths, db, quiet)
    print_summary(summary)
    if summary.read == 0 and summary.failed > 0:
        raise fail("nothing could be read; see `skyledger failures`")


def extract_cmd(
    file: str = typer.Argument("-", help="A text file, a corpus .jsonl file, or - for stdin."),
    lang: str = typer.Option("uk", "--lang", help="Language of plain text input: uk, en or ru."),
) -> None:
    """Print every claim as one JSON line, with its span and sentence.

    Example: skyledger extract report.txt --lang uk
    """
    from skyledger.extract.stream import extract_to

    if lang not in ("uk", "en", "ru"):
        raise fail(f"--lang {lang!r}: expected uk, en or ru")
    try:
        extract_to(file, lang, sys.stdout)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc


def eval_cmd(
    corpus: Path = typer.Argument(..., help="Corpus file (.jsonl, one document per line)."),
    gold: Path = typer.Argument(..., help="Gold file (.gold.jsonl, one annotation per line)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    errors: int = typer.Option(40, "--errors", help="How many per-key errors to list."),
) -> None:
    """Score extraction on a corpus against its gold annotations.

    Precision, recall and F1 overall and per measure, set F1, exact documents, and the
    per-key errors, as eval/FORMAT.md defines them.

    Example: skyledger eval corpus/airforce.dev.jsonl corpus/airforce.dev.gold.jsonl
    """
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
        print_report(out, data, errors)
