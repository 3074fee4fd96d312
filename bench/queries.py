"""Read endpoints on ledgers of 1,000 and 10,000 documents: p50/p95 of each, as ratios to a
plain indexed ``SELECT`` (one event row by its id) measured in the same run.

The archives are the development reports (``/work/shared/corpus/airforce.dev.jsonl``, read at
run time; the bundled sample corpus when it is absent) copied with their nights shifted: copy
k is published 4·k years later, so every copy holds nights of its own and the text stays true
to its date. Requests go through the app in-process (FastAPI's TestClient); each endpoint is
called ``--rounds`` times after one warm-up call. ``python path`` times, once, what the same
answers cost when every event is loaded (the way ``/api/events`` and ``/api/stats`` ran before
the side tables).

    .venv/bin/python bench/queries.py [--sizes 1000 10000] [--rounds 30] [--pg URL]
        [--no-python-path]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient

from skyledger.api import create_app
from skyledger.ingest import ingest
from skyledger.ledger.summary import night_figures, period_figures
from skyledger.models import Document
from skyledger.sources.corpus_jsonl import parse_corpus_line
from skyledger.store import queries
from skyledger.store.db import Store, open_store
from skyledger.store.schema import events

ROOT = Path(__file__).resolve().parents[1]
DEV = Path("/work/shared/corpus/airforce.dev.jsonl")
SAMPLE = ROOT / "skyledger" / "resources" / "sample" / "airforce.jsonl"


def base_lines() -> tuple[str, list[dict[str, object]]]:
    path = DEV if DEV.exists() else SAMPLE
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return str(path), lines


def archive(count: int, lines: list[dict[str, object]]) -> Iterator[Document]:
    """``count`` documents: the reports again and again, copy k shifted by 4·k years."""
    made = 0
    copy = 0
    while made < count:
        for record in lines:
            if made >= count:
                return
            published = datetime.fromisoformat(str(record["published_at"]))
            try:
                shifted = published.replace(year=published.year + 4 * copy)
            except ValueError:  # 29 February in a year that has none
                continue
            item = dict(record, id=f"{record['id']}~{copy}", published_at=shifted.isoformat())
            doc = parse_corpus_line(json.dumps(item, ensure_ascii=False), "bench", made + 1)
            if isinstance(doc, Document):
                made += 1
                yield doc
        copy += 1


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(call: Callable[[], object], rounds: int) -> tuple[float, float]:
    call()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return percentiles(times)


def floor(store: Store, rounds: int) -> tuple[float, float]:
    """A plain indexed SELECT: one event row by its primary key, on a pooled connection."""
    with store.engine.connect() as conn:
        ids = list(conn.execute(sa.select(events.c.id).order_by(events.c.id)).scalars())
    middle = ids[len(ids) // 2]

    def call() -> None:
        with store.engine.connect() as conn:
            conn.execute(sa.select(events.c.body).where(events.c.id == middle)).one()

    return timed(call, rounds * 10)


def endpoints(client: TestClient, store: Store) -> dict[str, str]:
    every = queries.counts(store)["events"]
    with store.engine.connect() as conn:
        nights = sorted(
            n for n in conn.execute(sa.select(events.c.night).distinct()).scalars() if n
        )
        some = conn.execute(sa.select(events.c.id).order_by(events.c.id)).scalars().first()
    middle = nights[len(nights) // 2]
    month_end = middle[:8] + "28"
    return {
        "GET /api/events": "/api/events?limit=50",
        "GET /api/events (page in the middle)": f"/api/events?limit=50&offset={every // 2}",
        "GET /api/events?kind&since&until": (
            f"/api/events?kind=air_attack&since={middle[:8]}01&until={month_end}"
        ),
        "GET /api/events?place=Kyiv": "/api/events?place=Kyiv",
        "GET /api/events?weapon=shahed": "/api/events?weapon=shahed",
        "GET /api/events/{id}": f"/api/events/{some}",
        "GET /api/stats": "/api/stats",
        "GET /api/stats (one month)": f"/api/stats?since={middle[:8]}01&until={month_end}",
        "GET /api/claims?q=Київ": "/api/claims?q=Київ",
        "GET /api/claims?q=ракет": "/api/claims?q=ракет",
        "GET /search?q=Одеса": "/search?q=Одеса",
        "GET / (cached)": "/",
    }


def python_path(store: Store) -> dict[str, float]:
    """What the same answers cost from every event loaded (one call each)."""
    out = {}
    start = time.perf_counter()
    every = queries.list_events(store)
    _ = every[:50], len(every)
    out["events, every event loaded"] = time.perf_counter() - start
    start = time.perf_counter()
    attacks = queries.list_events(store, kind="air_attack")
    nights = [night_figures(e) for e in attacks if e.window.night is not None]
    period_figures(nights, "week")
    period_figures(nights, "month")
    out["stats, every attack loaded"] = time.perf_counter() - start
    return out


def run(
    url: str,
    size: int,
    lines: list[dict[str, object]],
    rounds: int,
    label: str,
    slow: bool = True,
) -> None:
    store = open_store(url)
    start = time.perf_counter()
    summary = ingest(store, archive(size, lines), command="bench")
    took = time.perf_counter() - start
    counts = queries.counts(store)
    print(
        f"\n## {label}, {size} documents: {counts['claims']} claims, {counts['events']} events "
        f"(ingest {took:.0f} s, {summary.new} new)"
    )
    base50, base95 = floor(store, rounds)
    print(
        f"floor (indexed SELECT of one event): p50 {base50 * 1e3:.3f} ms, p95 {base95 * 1e3:.3f} ms"
    )
    print(f"{'endpoint':44} {'p50 ms':>9} {'p95 ms':>9} {'p50/floor':>10} {'p95/floor':>10}")
    with TestClient(create_app(url)) as client:
        for name, path in endpoints(client, store).items():
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
            p50, p95 = timed(lambda path=path: client.get(path), rounds)
            print(
                f"{name:44} {p50 * 1e3:9.2f} {p95 * 1e3:9.2f} "
                f"{p50 / base50:10.0f} {p95 / base95:10.0f}"
            )
    for name, seconds in (python_path(store) if slow else {}).items():
        print(f"python path: {name:31} {seconds * 1e3:9.0f} ms ({seconds / base50:.0f}× floor)")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pg", help="also on this PostgreSQL server (a schema per size)")
    parser.add_argument(
        "--no-python-path", action="store_true", help="skip timing the every-event answers"
    )
    args = parser.parse_args()
    source, lines = base_lines()
    print(f"archive: {source} ({len(lines)} reports), copies shifted by 4 years each")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            slow = not args.no_python_path
            run(f"sqlite:///{tmp}/bench-{size}.db", size, lines, args.rounds, "SQLite", slow)
            if args.pg:
                name = f"bench_queries_{uuid.uuid4().hex[:8]}"
                engine = sa.create_engine(args.pg)
                with engine.begin() as conn:
                    conn.execute(sa.text(f"CREATE SCHEMA {name}"))
                sep = "&" if "?" in args.pg else "?"
                try:
                    url = f"{args.pg}{sep}options=-csearch_path%3D{name}"
                    run(url, size, lines, args.rounds, "PostgreSQL", slow)
                finally:
                    with engine.begin() as conn:
                        conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
                    engine.dispose()


if __name__ == "__main__":
    main()
