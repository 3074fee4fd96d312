"""A ledger as large as a user's multi-year archive: ingest speed, memory, freshness, reads.

Builds archives of N documents from the development Air Force reports (the bundled sample
corpus when ``../shared/corpus/airforce.dev.jsonl`` is absent), copy k of a report published
k years after the original, so every copy's night is a night of its own. For SQLite and for
PostgreSQL it prints:

- ingest documents/s and peak RSS of the ingest (a process of its own), against a floor:
  a plain ``executemany`` of the same documents into a bare table;
- the time from ingesting one new report to seeing its night in ``GET /api/events``;
- p50/p95 of the read endpoints and of the dashboard's pages (``/``, ``/search``), against a
  floor: a plain indexed ``SELECT`` of one row.

    .venv/bin/python bench/scale.py [--sizes 1000,10000] [--big] [--no-pg]

``--big`` adds 100,000 documents (long). PostgreSQL: ``--pg URL`` or
``SKYLEDGER_TEST_PG_URL`` (a schema of its own is created and dropped, or kept with
``--keep DIR``, which keeps SQLite ledgers in DIR too). ``--reads URL`` times the read
endpoints of a kept ledger alone, e.g. once the machine is quiet.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "airforce.dev.jsonl"
SAMPLE = ROOT / "skyledger" / "resources" / "sample" / "airforce.jsonl"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REPEAT = 15

CHILD = """
import resource, sys, time
from pathlib import Path
from skyledger import ingest as ingest_module
from skyledger.sources.detect import read_paths
from skyledger.store import events
from skyledger.store.db import open_store
spent = {"extraction": 0.0, "events": 0.0}

def timed(name, call):
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return run

ingest_module._extract = timed("extraction", ingest_module._extract)
events.update_events = timed("events", events.update_events)
events.Deferred.finish = timed("events", events.Deferred.finish)
events.Deferred.__call__ = timed("events", events.Deferred.__call__)  # regroups as it goes
store = open_store(sys.argv[2])
start = time.perf_counter()
cpu = time.process_time()
summary = ingest_module.ingest(store, read_paths([Path(sys.argv[1])]))
took = time.perf_counter() - start
cpu = time.process_time() - cpu
store.close()
# this process's own peak (VmHWM starts again at exec; ru_maxrss keeps the forked parent's)
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
peak = [int(x.split()[1]) for x in lines if x.startswith("VmHWM:")]
rss = (peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
print(took, rss, summary.new, summary.claims, cpu, spent["extraction"], spent["events"])
"""


def reports() -> list[dict[str, Any]]:
    path = DEV if DEV.is_file() else SAMPLE
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


#: A year a report's text names ("28 вересня 2023 року"): moved with the copy, or every copy
#: of that report would read the original night and pile into one event.
YEAR = re.compile(r"\b20[12]\d\b")


def shifted(record: dict[str, Any], years: int, n: int) -> dict[str, Any]:
    """Copy ``years`` of a report: published that many years later, and the years its text
    names moved as much (so its night is a night of its own too)."""
    moment = datetime.fromisoformat(record["published_at"])
    day = min(moment.day, 28) if moment.month == 2 else moment.day
    out = dict(record, id=f"{record['id']}~{n}")
    out["published_at"] = moment.replace(year=moment.year + years, day=day).isoformat()
    out["text"] = YEAR.sub(lambda m: str(int(m.group()) + years), record["text"])
    return out


def archive(count: int) -> Iterator[dict[str, Any]]:
    base = reports()
    for n in range(count):
        yield shifted(base[n % len(base)], 1 + n // len(base), n)


def write_archive(count: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in archive(count):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(call: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return percentiles(times)


def insert_floor(url: str, path: Path) -> float:
    """Seconds for a plain executemany of the same documents into a bare table (one commit)."""
    engine = sa.create_engine(url)
    table = sa.Table(
        f"floor_{uuid.uuid4().hex[:8]}",
        sa.MetaData(),
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(512), index=True),
        sa.Column("published_at", sa.String(40)),
        sa.Column("text", sa.Text),
    )
    table.create(engine)
    rows = [
        {"doc_id": r["id"], "published_at": r["published_at"], "text": r["text"]}
        for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(sa.insert(table), rows)
    took = time.perf_counter() - start
    global FLOOR_TABLE
    FLOOR_TABLE = (table, rows[len(rows) // 2]["doc_id"])
    engine.dispose()
    return took


FLOOR_TABLE: tuple[sa.Table, str] | None = None

#: The tables an ingest fills with rows of its own (the full-text tables are indexes).
ROW_TABLES = (
    "documents",
    "claims",
    "events",
    "event_history",
    "event_claims",
    "event_index",
    "event_places",
    "event_weapons",
    "night_scopes",
)


def rows_floor(url: str, chunk: int = 20_000) -> tuple[float, int]:
    """Seconds for a plain ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) of the very rows
    an ingest wrote, into copies of its tables without indexes, in one transaction; and how
    many rows. Only the writing is timed: the rows are read from the ledger beforehand, a
    chunk at a time."""
    engine = sa.create_engine(url)
    took, count = 0.0, 0
    suffix = uuid.uuid4().hex[:8]
    try:
        with engine.begin() as conn:
            for name in ROW_TABLES:
                conn.exec_driver_sql(
                    f'CREATE TABLE floor_{name}_{suffix} AS SELECT * FROM "{name}" WHERE 1 = 0'
                )
        with engine.connect() as reader, engine.connect() as writer:
            pg = engine.dialect.name == "postgresql"
            raw_writer: Any = writer.connection.dbapi_connection
            for name in ROW_TABLES:
                columns = [c["name"] for c in sa.inspect(reader).get_columns(name)]
                quoted = ", ".join(f'"{c}"' for c in columns)
                copy = f"floor_{name}_{suffix}"
                picked = ", ".join(f'CAST("{c}" AS TEXT)' if pg else f'"{c}"' for c in columns)
                rows = reader.exec_driver_sql(f'SELECT {picked} FROM "{name}"')
                marks = ", ".join(["?"] * len(columns))
                while batch := rows.fetchmany(chunk):
                    values = [tuple(r) for r in batch]
                    start = time.perf_counter()
                    cursor = raw_writer.cursor()
                    if pg:
                        with cursor.copy(f"COPY {copy} ({quoted}) FROM STDIN") as out:
                            for value in values:
                                out.write_row(value)
                    else:
                        cursor.executemany(
                            f"INSERT INTO {copy} ({quoted}) VALUES ({marks})", values
                        )
                    cursor.close()
                    took += time.perf_counter() - start
                    count += len(values)
            start = time.perf_counter()
            raw_writer.commit()
            took += time.perf_counter() - start
    finally:
        with engine.begin() as conn:
            for name in ROW_TABLES:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS floor_{name}_{suffix}")
        engine.dispose()
    return took, count


def select_floor(url: str) -> float:
    """p50 seconds of a plain indexed SELECT of one row (of the floor table)."""
    assert FLOOR_TABLE is not None
    table, doc_id = FLOOR_TABLE
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        query = sa.select(table).where(table.c.doc_id == doc_id)
        p50, _ = timed(lambda: conn.execute(query).all(), 50)
    engine.dispose()
    return p50


@dataclass(slots=True)
class Ingested:
    took: float  # seconds, wall
    rss: float  # MB
    new: int
    claims: int
    cpu: float  # seconds of the ingest's own process
    extraction: float  # seconds reading claims from the texts
    events: float  # seconds regrouping events and indexing them (store.events, store.index)

    @property
    def store(self) -> float:
        """Seconds for the rest: reading the archive, writing documents and claims."""
        return self.took - self.extraction - self.events


def ingest_child(path: Path, url: str) -> Ingested:
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(ROOT)))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), url],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    took, rss, new, claims, cpu, extraction, events = done.stdout.split()
    return Ingested(
        float(took),
        float(rss),
        int(new),
        int(claims),
        float(cpu),
        float(extraction),
        float(events),
    )


def fresh_report(count: int) -> Any:
    from skyledger.models import Document

    base = reports()[0]
    record = shifted(base, 1 + count // len(reports()) + 5, count + 1)
    return Document.model_validate(record), record["published_at"][:10]


def freshness(url: str, count: int) -> tuple[float, float]:
    """Seconds to ingest one new report, and from its ingest to its night in GET /api/events."""
    from fastapi.testclient import TestClient

    from skyledger.api import create_app
    from skyledger.extract import extract_document
    from skyledger.ingest import ingest
    from skyledger.store.db import open_store

    doc, day = fresh_report(count)
    extract_document(doc)  # the grammars loaded: a running watcher has them
    store = open_store(url)
    client = TestClient(create_app(url))
    start = time.perf_counter()
    ingest(store, [doc])
    stored = time.perf_counter() - start
    while True:
        body = client.get("/api/events", params={"since": day, "until": day}).json()
        if body["total"] > 0 or time.perf_counter() - start > 600:
            break
    took = time.perf_counter() - start
    store.close()
    return stored, took


def endpoints(url: str) -> dict[str, tuple[float, float, float]]:
    from fastapi.testclient import TestClient

    from skyledger.api import create_app

    client = TestClient(create_app(url))
    first = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    paths = {
        "/api/events": {},
        "/api/events?kind=air_attack&limit=20&offset=100": None,
        f"/api/events/{first['id']}": None,
        "/api/stats": {},
        "/api/claims?q=Shahed": None,
        "/api/claims?kind=downed": None,
        "/api/claims?q=Shahed&kind=downed": None,
        "/": None,  # the dashboard
        "/search?q=Shahed": None,
    }
    out: dict[str, tuple[float, float, float]] = {}
    for path in paths:
        start = time.perf_counter()
        answer = client.get(path)  # the first call: what is computed once per state of the ledger
        first = time.perf_counter() - start
        if answer.status_code != 200:
            raise SystemExit(f"{path}: HTTP {answer.status_code}")
        out[path] = (first, *timed(lambda p=path: client.get(p), 3))  # type: ignore[misc]
    return out


def print_reads(url: str, select: float) -> None:
    for path_, (first, p50, p95) in endpoints(url).items():
        print(
            f"  {path_:<48} first {first * 1000:7.1f} ms  p50 {p50 * 1000:7.1f} ms"
            f"  p95 {p95 * 1000:7.1f} ms  ({p95 / select:,.0f}x floor)"
        )


def pg_url(base: str) -> tuple[str, Callable[[], None]]:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))

    def drop() -> None:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        engine.dispose()

    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{name}", drop


def run(backend: str, url: str, count: int, path: Path, reads: bool = True) -> None:
    floor = insert_floor(url, path)
    done = ingest_child(path, url)
    same, rows = rows_floor(url)
    stored, fresh = freshness(url, count)
    select = select_floor(url)
    took = done.took
    print(f"\n{backend}, {count:,} documents ({done.new:,} new, {done.claims:,} claims)")
    print(
        f"  ingest            {count / took:8.0f} docs/s   ({took:7.1f} s; "
        f"{took / floor:6.1f}x the executemany floor of {count / floor:,.0f} docs/s)"
    )
    print(f"  ingest CPU        {count / done.cpu:8.0f} docs/s   ({done.cpu:7.1f} s of its own)")
    for part, seconds in (
        ("extraction", done.extraction),
        ("documents+claims", done.store),
        ("events+indexes", done.events),
    ):
        print(
            f"    {part:<16} {seconds:7.1f} s  {100 * seconds / took:3.0f}%"
            f"  ({seconds / floor:6.1f}x the floor)"
        )
    print(
        f"  rows floor        {same:8.2f} s     (the {rows:,} rows it wrote, plain "
        f"{'COPY' if 'postgresql' in url else 'executemany'}, no indexes: "
        f"storage {(done.store + done.events) / same:.1f}x, the whole ingest {took / same:.1f}x)"
    )
    print(f"  ingest peak RSS   {done.rss:8.0f} MB")
    print(f"  one new report    {stored:8.3f} s      (ingested, its events updated)")
    print(f"  new report → API  {fresh:8.3f} s      ({fresh / select:,.0f}x the SELECT floor)")
    print(f"  SELECT floor      {select * 1000:8.2f} ms", flush=True)
    if reads:
        print_reads(url, select)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--big", action="store_true", help="add 100,000 documents")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--pg", default=os.environ.get("SKYLEDGER_TEST_PG_URL") or PG_DEFAULT)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    parser.add_argument("--no-reads", action="store_true", help="skip the read endpoints")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep each ledger (SQLite files in DIR, PostgreSQL schemas) and print its URL",
    )
    parser.add_argument(
        "--reads",
        metavar="URL",
        help="only time the read endpoints of a kept ledger (e.g. once the machine is quiet)",
    )
    args = parser.parse_args()
    if args.reads:
        engine = sa.create_engine(args.reads)
        with engine.connect() as conn:
            doc_id = conn.execute(sa.text("SELECT doc_id FROM documents LIMIT 1")).scalar_one()
        engine.dispose()
        global FLOOR_TABLE
        meta = sa.MetaData()
        FLOOR_TABLE = (sa.Table("documents", meta, sa.Column("doc_id"), sa.Column("pk")), doc_id)
        select = select_floor(args.reads)
        print(f"reads of {args.reads}\n  SELECT floor      {select * 1000:8.2f} ms")
        print_reads(args.reads, select)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.big:
        sizes.append(100_000)
    source = DEV if DEV.is_file() else SAMPLE
    print(f"reports: {source.name} ({len(reports())}), copies shifted by whole years")
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            path = Path(tmp) / f"archive-{count}.jsonl"
            write_archive(count, path)
            if args.only in (None, "sqlite"):
                folder = args.keep or Path(tmp)
                folder.mkdir(parents=True, exist_ok=True)
                url = f"sqlite:///{folder.resolve()}/ledger-{count}.db"
                run("SQLite", url, count, path, not args.no_reads)
                if args.keep:
                    print(f"  kept: {url}")
            if not args.no_pg and args.only in (None, "postgresql"):
                url, drop = pg_url(args.pg)
                try:
                    run("PostgreSQL", url, count, path, not args.no_reads)
                finally:
                    if args.keep:
                        print(f"  kept: {url}")
                    else:
                        drop()


if __name__ == "__main__":
    main()
