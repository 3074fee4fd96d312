"""What every command shares: the consoles, the ``--db`` option, one-line errors, exit codes.

Only light modules are imported here: ``skyledger --help`` must not pay for the database stack,
the grammars or rich. Everything heavy is imported inside the function that needs it.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from skyledger.store.db import Store

#: Exit codes (docs/cli.md): 1 an error stopped the command; 2 the command line was wrong;
#: 3 some inputs failed (the rest was stored); 4 no input could be read; 130 interrupted.
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_NONE_READ = 4
EXIT_INTERRUPTED = 130


#: Columns of tables written to a pipe or file (a terminal gives its own width).
PIPE_WIDTH = 160


class LazyConsole:
    """A rich ``Console`` made on first use (importing rich costs start-up time)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Any = None

    def real(self) -> Any:
        """The ``rich.console.Console`` itself."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=True, **self._options)
            if not self._console.is_terminal and "COLUMNS" not in os.environ:
                self._console.width = PIPE_WIDTH  # a table piped to a file keeps its columns
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


err = LazyConsole(stderr=True)
out = LazyConsole()

DB_HELP = (
    "Database URL (sqlite:///file.db, postgresql://user@host/name) or a file path. "
    "Default: $SKYLEDGER_DB or a SQLite file in your data directory."
)
#: Set by ``skyledger --verbose``: every command that opens a database says which.
SHOW_DB = {"on": False}


def db_option() -> str | None:
    return typer.Option(None, "--db", help=DB_HELP, show_default=False)  # type: ignore[no-any-return]


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    """Print one ``Error:`` line; return the exit to raise."""
    from rich.markup import escape

    err.print(f"[bold red]Error:[/] {escape(message)}", markup=True)
    return typer.Exit(code)


def program() -> str:
    """How the user ran skyledger, as a command to type again: ``skyledger``,
    ``.venv/bin/skyledger`` or ``python3 -m skyledger``."""
    argv0 = sys.argv[0] if sys.argv else ""
    name = Path(argv0).name
    if name in ("__main__.py", "-m", "-c") or not argv0:
        return f"{Path(sys.executable).name} -m skyledger"
    on_path = shutil.which(name)
    if on_path and Path(on_path).resolve() == Path(argv0).resolve():
        return name
    if Path(argv0).is_absolute():
        try:
            return str(Path(argv0).relative_to(Path.cwd()))
        except ValueError:
            return argv0
    return argv0


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def database_url(url: str | None) -> str:
    """The SQLAlchemy URL a ``--db`` value (or the default) names; refuses URLs that would
    quietly open something else: a scheme without ``//`` (``sqlite:/x`` would make a folder
    ``sqlite:``) and a PostgreSQL URL that names no database."""
    from skyledger.store.db import default_url, normalize_url

    raw = url or default_url()
    if "://" not in raw and _SCHEME.match(raw) and not re.match(r"^[A-Za-z]:[\\/]", raw):
        scheme = raw.split(":", 1)[0]
        raise fail(
            f"--db {raw!r}: a URL needs '//' after '{scheme}:' "
            f"(write sqlite:///path/to/file.db, or give a plain file path)"
        )
    target = normalize_url(raw)
    if target.startswith("postgresql"):
        import sqlalchemy as sa

        try:
            parsed = sa.engine.make_url(target)
        except sa.exc.ArgumentError as exc:
            raise fail(f"--db {raw!r}: not a database URL ({exc})") from exc
        if not parsed.database:
            raise fail(
                f"--db {raw!r}: name the database (postgresql://user@host/NAME); "
                "without one the server picks a database after your user name"
            )
    return target


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory ones)."""
    if not url.startswith("sqlite"):
        return None
    import sqlalchemy as sa

    database = sa.engine.make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _holds_ledger(url: str) -> bool:
    """Whether the database at ``url`` exists and holds skyledger's tables (never creates it)."""
    import sqlalchemy as sa

    path = sqlite_path(url)
    if path is not None and not path.is_file():
        return False
    target = f"sqlite:///file:{path}?mode=ro&uri=true" if path is not None else url
    engine = sa.create_engine(target)
    try:
        with engine.connect() as conn:
            return {"documents", "events"} <= set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()


def open_db(url: str | None, *, create: bool = False) -> Store:
    """Open the ledger at ``--db`` (or the default). Readers (``create=False``) refuse a
    database that does not exist or holds no ledger; writers create one and say so."""
    import sqlalchemy as sa

    from skyledger.errors import SkyledgerError
    from skyledger.store.db import database_problem, open_store, safe_url

    target = database_url(url)
    shown = safe_url(target)
    try:
        exists = _holds_ledger(target)
    except sa.exc.SQLAlchemyError as exc:
        raise fail(f"cannot open database {shown}: {database_problem(exc)}") from exc
    if not exists and not create:
        raise fail(
            f"no ledger at {shown} (a mistyped --db?); `{program()} ingest FILES` creates "
            f"one, and the demo keeps its own: --db {demo_path()}"
        )
    try:
        store = open_store(target)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    if not exists:
        err.print(f"new ledger: {shown}", markup=False)
    elif SHOW_DB["on"]:
        err.print(f"ledger: {shown}", markup=False)
    return store


def demo_path() -> Path:
    """Where ``skyledger demo`` keeps its ledger: ``demo.db`` in the user's data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("skyledger", appauthor=False)) / "demo.db"


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"{option} {value!r}: expected a date as YYYY-MM-DD") from exc
