"""Opening the database: SQLite by default (a file in the user's data directory), PostgreSQL
through psycopg 3. Every open runs the Alembic migrations up to head."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy.engine import Engine

from skyledger.errors import StoreError

ENV_VAR = "SKYLEDGER_DB"
MIGRATIONS = Path(__file__).parent / "migrations"


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

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: object, _record: object) -> None:
        cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        # SQLite's own lower() folds ASCII only; searches must fold Cyrillic too
        dbapi_conn.create_function(  # type: ignore[attr-defined]
            "lower", 1, _lower, deterministic=True
        )


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _json(value: object) -> str:
    """JSON columns keep Cyrillic as text (searchable), not as \\u escapes."""
    return json.dumps(value, ensure_ascii=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the database at ``url``, ``SKYLEDGER_DB`` or the default file."""
    target = normalize_url(url or default_url())
    try:
        engine = sa.create_engine(target, pool_pre_ping=True, json_serializer=_json)
        if engine.dialect.name == "sqlite":
            db_path = engine.url.database
            if db_path and db_path != ":memory:":
                Path(db_path).parent.mkdir(parents=True, exist_ok=True)
            _sqlite_pragmas(engine)
        migrate(engine)
    except (sa.exc.SQLAlchemyError, OSError, ModuleNotFoundError) as exc:
        raise StoreError(f"cannot open database {safe_url(target)}: {exc}") from exc
    return Store(engine=engine, url=target)


def safe_url(url: str) -> str:
    """The URL with any password hidden."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url
