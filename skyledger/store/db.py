"""Opening the database: SQLite by default (a file in the user's data directory), PostgreSQL
through psycopg 3. Every open runs the Alembic migrations up to head, in one transaction.

On SQLite, skyledger emits ``BEGIN`` itself (the ``sqlite3`` driver would otherwise run
``CREATE TABLE`` outside any transaction and commit each one on its own), so a migration is
all or nothing, and a write transaction starts with ``BEGIN IMMEDIATE``: it takes the
database's write lock first, waiting for another writer instead of failing halfway.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from platformdirs import user_data_dir
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from skyledger.errors import LedgerBusy, StoreError
from skyledger.store.schema import cursors

ENV_VAR = "SKYLEDGER_DB"
MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger("skyledger.store")

#: Execution options the SQLite ``begin`` hook reads: take the write lock at ``BEGIN``
#: (``BEGIN IMMEDIATE``), waiting up to this many seconds for another writer.
WRITE_OPTION = "skyledger_write"
WAIT_OPTION = "skyledger_wait"
#: How long any SQLite statement waits for a lock before "database is locked".
SQLITE_BUSY_WAIT = 30.0
#: How long a write waits for another writer (a long rebuild may hold the ledger a while).
WRITE_WAIT = 600.0
#: How long an open waits for another process that is migrating the same database.
MIGRATION_WAIT = 300.0
#: The tables the first migration creates (a half-built schema holds some of them).
FIRST_TABLES = (
    "event_claims",
    "event_history",
    "events",
    "claims",
    "documents",
    "failures",
    "runs",
    "cursors",
)


def default_url() -> str:
    """``SKYLEDGER_DB`` if set, else a SQLite file in the user's data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    folder = Path(user_data_dir("skyledger", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'skyledger.db'}"


def normalize_url(url: str) -> str:
    """Accept plain paths and ``postgresql://`` URLs (psycopg 3 is the driver)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class Store:
    """A migrated database. The functions in ``writes``/``queries`` take it as first argument."""

    engine: Engine
    url: str
    #: Counts of searches, by the state of the ledger they were counted in (``store.search``).
    counts: dict[tuple[object, ...], int] = field(default_factory=dict, repr=False, compare=False)

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def write_connection(engine: Engine, wait: float | None = None) -> Iterator[Connection]:
    """A connection in a write transaction, committed at the end (rolled back on error).

    On SQLite the transaction begins with ``BEGIN IMMEDIATE``, which waits up to ``wait``
    seconds (default ``WRITE_WAIT``) for another writer; a lock not had in time (on either
    database) raises ``LedgerBusy``.
    """
    wait = WRITE_WAIT if wait is None else max(0.0, wait)
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True, WAIT_OPTION: wait})
            with conn.begin():
                yield conn
    except sa.exc.OperationalError as exc:
        if not is_busy(exc):
            raise
        raise LedgerBusy(
            f"the ledger is busy: another writer held it for more than {wait:g} s",
            retry_after=max(1.0, math.ceil(min(wait, 30.0))),
        ) from exc


#: SQLite's primary result codes for the failures ``database_problem`` names.
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_FULL = 8, 10, 14, 13


def database_problem(exc: BaseException) -> str:
    """Why a database failed, in a few words a user can act on: the disk is full, the
    database is read-only, the connection was lost; else the driver's first line."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    code = getattr(orig, "sqlite_errorcode", None)
    primary = int(code) & 0xFF if isinstance(code, int) else None
    state = str(getattr(orig, "sqlstate", None) or "")
    if primary == _SQLITE_FULL or state == "53100" or "disk is full" in text:
        return "the disk is full"
    if "no space left" in text or "could not extend file" in text:
        return "the disk is full"
    if primary == _SQLITE_READONLY or state == "25006" or "readonly database" in text:
        return "the database is read-only"
    if primary == _SQLITE_IOERR:
        return "a write to the disk failed (is the disk full or the file size limited?)"
    if primary == _SQLITE_CANTOPEN:
        return "the database file cannot be opened (is it or its folder read-only?)"
    invalidated = isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated
    lost = ("terminating connection", "server closed the connection", "connection is closed")
    if invalidated or state[:2] == "08" or state in ("57P01", "57P02", "57P03"):
        return "the connection to the database was lost"
    if any(words in text for words in lost):
        return "the connection to the database was lost"
    first = str(orig).strip().splitlines()
    return first[0][:300] if first else type(orig).__name__


def is_busy(exc: sa.exc.OperationalError) -> bool:
    """Whether a database error says a lock could not be had in time."""
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == "55P03":  # PostgreSQL lock_not_available
        return True
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
    return "database is locked" in str(orig)


def _sqlite_setup(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: object, _record: object) -> None:
        # the driver must not open or commit transactions itself; _on_begin does it
        dbapi_conn.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        # SQLite's own lower() folds ASCII only; searches must fold Cyrillic too
        dbapi_conn.create_function(  # type: ignore[attr-defined]
            "lower", 1, _lower, deterministic=True
        )

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        options = conn.get_execution_options()
        write = bool(options.get(WRITE_OPTION))
        wait = (options.get(WAIT_OPTION) or 0.0) if write else SQLITE_BUSY_WAIT
        _busy_timeout(conn, max(0, int(wait * 1000)))
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _busy_timeout(conn: Connection, ms: int) -> None:
    """Set how long SQLite waits for a lock on this connection (kept until changed)."""
    info = conn.connection.info
    if info.get("busy_timeout") != ms:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {ms}")
        info["busy_timeout"] = ms


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


class JsonText(str):
    """A value already serialized as JSON, bound to a JSON column as it is (a large body
    written to two tables is serialized once)."""

    __slots__ = ()


def _json(value: object) -> str:
    """JSON columns keep Cyrillic as text (searchable), not as \\u escapes."""
    if isinstance(value, JsonText):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def insert_rows(conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows with one ``executemany`` straight through the driver: what
    ``conn.execute(sa.insert(table), rows)`` does, without SQLAlchemy's work on every value
    of every row (a third of the cost of writing claims and their links). Every row has the
    keys of the first; a JSON column's values are serialized here (``JsonText`` as it is),
    every other value must be one the driver binds as it is (text, number, bool, None)."""
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f'"{n}"' for n in names)
    json_at = [i for i, n in enumerate(names) if isinstance(table.c[n].type, sa.JSON)]
    values: list[tuple[Any, ...]] = []
    for row in rows:
        value = [row[n] for n in names]
        for i in json_at:
            if value[i] is not None:
                value[i] = _json(value[i])
        values.append(tuple(value))
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, f'COPY "{table.name}" ({columns}) FROM STDIN', values)
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(names))
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', values)


def ids_by_key(
    conn: Connection,
    id_column: sa.Column[Any],
    key_columns: Sequence[sa.Column[Any]],
    keys: Sequence[tuple[Any, ...]],
) -> list[int]:
    """The row id of each key (values of ``key_columns``, which identify one row), in order:
    rows ``insert_rows`` just wrote, found again without ``INSERT … RETURNING``. Looked up by
    the first key column, a few hundred values per statement."""
    first = key_columns[0]
    wanted = sorted({key[0] for key in keys})
    found: dict[tuple[Any, ...], int] = {}
    for start in range(0, len(wanted), 500):
        query = sa.select(*key_columns, id_column).where(first.in_(wanted[start : start + 500]))
        found.update((tuple(row[:-1]), int(row[-1])) for row in conn.execute(query))
    return [found[tuple(key)] for key in keys]


def upsert_insert(conn: Connection) -> Any:
    """The dialect's ``insert`` (both have ``on_conflict_do_update``)."""
    return sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert


def read_cursor(conn: Connection, key: str) -> str | None:
    """A value of the ``cursors`` table (a watcher's position, an index's last row)."""
    value = conn.execute(sa.select(cursors.c.value).where(cursors.c.key == key)).scalar()
    return str(value) if value is not None else None


def put_cursor(conn: Connection, key: str, value: str) -> None:
    stmt = upsert_insert(conn)(cursors).values(key=key, value=value, updated_at=now_iso())
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[cursors.c.key],
            set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
        )
    )


def _copy_rows(conn: Connection, copy_sql: str, values: Sequence[tuple[Any, ...]]) -> None:
    """PostgreSQL: the rows through ``COPY`` on the connection's own transaction (the
    driver writes them in C; an ``executemany`` sends a statement per row). A refusal is
    raised as SQLAlchemy raises it for a statement."""
    dbapi: Any = conn.dialect.loaded_dbapi
    raw: Any = conn.connection.dbapi_connection
    cursor = raw.cursor()
    try:
        with cursor.copy(copy_sql) as copy:
            for value in values:
                copy.write_row(value)
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(copy_sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration, in one transaction.

    Two processes opening a new database at once take turns (the second waits for the
    first's transaction, then finds the schema current); an interrupted open leaves no table
    behind, and a half-built schema left by an older version is repaired first.
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with write_connection(engine, MIGRATION_WAIT) as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
        _repair_half_built(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _repair_half_built(conn: Connection) -> None:
    """Drop the empty tables of a first migration that never finished (older versions ran
    each ``CREATE TABLE`` in its own transaction, so a kill could leave some of them)."""
    if MigrationContext.configure(conn).get_current_revision() is not None:
        return
    present = set(sa.inspect(conn).get_table_names())
    found = [name for name in FIRST_TABLES if name in present]
    if not found:
        return
    with_rows = [
        name
        for name in found
        if conn.execute(sa.text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is not None
    ]
    if with_rows or conn.dialect.name != "sqlite":
        raise StoreError(
            "the database has tables named like skyledger's "
            f"({', '.join(found)}) but no schema version"
            + (f", and {', '.join(with_rows)} hold rows" if with_rows else "")
            + "; it was not made by skyledger, or by a version that was interrupted while it"
            " created them (point --db at another database, or move this one away)"
        )
    for name in found:
        conn.exec_driver_sql(f'DROP TABLE "{name}"')
    log.warning(
        "repaired a database whose first open was interrupted: dropped the empty tables %s "
        "and created the schema again",
        ", ".join(found),
    )


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the database at ``url``, ``SKYLEDGER_DB`` or the default file."""
    target = normalize_url(url or default_url())
    try:
        if target.startswith("sqlite"):
            engine = sa.create_engine(
                target,
                pool_pre_ping=True,
                json_serializer=_json,
                connect_args={"timeout": SQLITE_BUSY_WAIT},
            )
            db_path = engine.url.database
            if db_path and db_path != ":memory:":
                Path(db_path).parent.mkdir(parents=True, exist_ok=True)
            _sqlite_setup(engine)
        else:
            engine = sa.create_engine(target, pool_pre_ping=True, json_serializer=_json)
        migrate(engine)
    except StoreError as exc:
        raise StoreError(f"cannot open database {safe_url(target)}: {exc}") from exc
    except sa.exc.SQLAlchemyError as exc:
        reason = database_problem(exc)
        raise StoreError(f"cannot open database {safe_url(target)}: {reason}") from exc
    except (OSError, ModuleNotFoundError) as exc:
        raise StoreError(f"cannot open database {safe_url(target)}: {exc}") from exc
    return Store(engine=engine, url=target)


#: The tables whose statistics guide the read paths' plans (``analyze``).
ANALYZED = (
    "documents",
    "claims",
    "events",
    "event_claims",
    "event_index",
    "event_places",
    "event_weapons",
    "night_scopes",
    "place_names",
    "claim_search",
    "document_search",
)


def analyze(store: Store) -> None:
    """Vacuum the ledger's tables on PostgreSQL after a large write and refresh their
    statistics, so the reads that follow are planned for the ledger as it is and counts read
    the indexes alone (autovacuum would, but only a while later, and a server may run without
    it). SQLite needs neither. A failure is logged, never raised: the data are written."""
    if store.engine.dialect.name != "postgresql":
        return
    try:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) " + ", ".join(ANALYZED))
    except sa.exc.SQLAlchemyError as exc:
        log.warning("could not refresh the database's statistics: %s", exc)


def safe_url(url: str) -> str:
    """The URL with any password hidden."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url
