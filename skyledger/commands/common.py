"""What every command shares: the console, the ``--db`` option, one-line errors."""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console

from skyledger.errors import SkyledgerError
from skyledger.store.db import Store, open_store

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DB_HELP = (
    "Database URL (sqlite:///file.db, postgresql://…) or a file path. "
    "Default: $SKYLEDGER_DB or a SQLite file in your data directory."
)


def db_option() -> str | None:
    return typer.Option(None, "--db", help=DB_HELP, show_default=False)  # type: ignore[no-any-return]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one ``Error:`` line; return the exit to raise."""
    err.print(f"[bold red]Error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def open_db(url: str | None) -> Store:
    try:
        return open_store(url)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"{option} {value!r}: expected a date as YYYY-MM-DD") from exc
