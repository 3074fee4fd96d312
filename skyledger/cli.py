"""The ``skyledger`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from skyledger.errors import SkyledgerError

app = typer.Typer(
    help="Every number about the air war, traced to the sentence that said it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()


def fail(message: str, code: int = 1) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)


@app.command("eval")
def eval_cmd(
    corpus: Path = typer.Argument(..., help="Corpus file (.jsonl, one document per line)."),
    gold: Path = typer.Argument(..., help="Gold file (.gold.jsonl, one annotation per line)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    errors: int = typer.Option(
        40, "--errors", help="How many per-key errors to list (human output)."
    ),
) -> None:
    """Score extraction on a corpus against its gold annotations (eval/FORMAT.md).

    Example: skyledger eval corpus/airforce.dev.jsonl corpus/airforce.dev.gold.jsonl
    """
    from skyledger.scoring.run import evaluate

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
        return
    from skyledger.scoring.show import print_report

    print_report(out, data, errors)


@app.command("extract")
def extract_cmd(
    file: str = typer.Argument("-", help="A text file, a corpus .jsonl file, or - for stdin."),
    lang: str = typer.Option("uk", "--lang", help="Language of plain text input: uk, en or ru."),
) -> None:
    """Print every claim as one JSON line, with its span and sentence.

    Example: skyledger extract report.txt --lang uk
    """
    from skyledger.extract.stream import extract_to

    try:
        extract_to(file, lang, sys.stdout)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc


def main() -> None:
    app()


__all__ = ["Table", "app", "main"]
