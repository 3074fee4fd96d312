"""Memory of ``skyledger export`` as the ledger grows: flat, since exports stream.

Ingests synthetic archives of each size (``bench/scale.py``'s copies of the development Air
Force reports, or of the bundled sample when the shared corpus is absent), then runs
``skyledger export`` for every format in a process of its own and prints the process's peak
RSS (``VmHWM``) and time. For contrast, each format is also written the way exports were
before they streamed: the exporter handed ``list_events`` (every event in memory at once).
The floor is a process that imports skyledger and opens the ledger, and exports nothing.

    .venv/bin/python bench/export_memory.py [--sizes 1000,5000] [--no-list] [--pg [URL]]

``--pg`` runs the same on PostgreSQL too (``SKYLEDGER_TEST_PG_URL`` or the local server; a
schema of its own is created and dropped). Prints figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from scale import DEV, PG_DEFAULT, ROOT, ingest_child, pg_url, reports, write_archive

FORMATS = ("csv", "json", "parquet", "geojson", "piterfm")

CHILD = """
import sys, time
from pathlib import Path
mode, fmt, url, out = sys.argv[1:5]
start = time.perf_counter()
if mode == "stream":
    from skyledger.cli import app
    try:
        app(["export", "--format", fmt, "-o", out, "--db", url])
    except SystemExit as exc:
        if exc.code:
            raise
else:
    from skyledger.export import exporters
    from skyledger.store import queries
    from skyledger.store.db import open_store
    store = open_store(url)
    if mode == "list":
        events = queries.list_events(store)
        exporters()[fmt](events, Path(out), queries.document_urls(store))
    elif fmt == "parquet":
        import pyarrow.parquet  # the floor of a Parquet export: pyarrow loaded
    store.close()
took = time.perf_counter() - start
lines = Path("/proc/self/status").read_text().splitlines()
peak = next(int(x.split()[1]) for x in lines if x.startswith("VmHWM:")) / 1024
print(took, peak, Path(out).stat().st_size if Path(out).exists() else 0)
"""


@dataclass(frozen=True, slots=True)
class Run:
    took: float  # seconds, wall, in the child
    peak: float  # MB, the child's VmHWM
    size: int  # bytes written


def child(mode: str, fmt: str, url: str, out: Path) -> Run:
    """Export in a process of its own (``stream``: the command; ``list``: the exporter given
    every event; ``floor``: import and open only)."""
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(ROOT)))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, fmt, url, str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode:
        raise RuntimeError(f"{mode} {fmt}: {done.stderr.strip()[-2000:]}")
    took, peak, size = done.stdout.split()[-3:]
    return Run(float(took), float(peak), int(size))


def ledger_size(url: str) -> tuple[int, float]:
    """Active events, and the MB of their bodies as stored."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            count, total = conn.execute(
                sa.text(
                    "SELECT count(*), sum(length(CAST(body AS TEXT))) FROM events "
                    "WHERE active = true"
                )
            ).one()
    finally:
        engine.dispose()
    return int(count or 0), float(total or 0) / 1e6


def measure(
    backend: str, url: str, count: int, archive: Path, tmp: Path, with_list: bool
) -> dict[str, float]:
    """Ingest the archive, export every format; print a table; return format → peak MB."""
    ingested = ingest_child(archive, url)
    events, body_mb = ledger_size(url)
    floor = child("floor", "csv", url, tmp / "none")
    arrow = child("floor", "parquet", url, tmp / "none")
    print(
        f"\n{backend}, {count:,} documents: {events:,} events, {body_mb:.1f} MB of event "
        f"bodies (ingest {ingested.took:.1f} s)"
    )
    head = f"  {'format':<8} {'streamed: peak RSS':>19} {'time':>7} {'written':>9}"
    print(head + (f"   {'list (before): peak RSS':>24} {'time':>7}" if with_list else ""))
    print(f"  {'floor':<8} {floor.peak:16.0f} MB {floor.took:6.1f} s   (import, open the ledger)")
    print(f"  {'+arrow':<8} {arrow.peak:16.0f} MB {arrow.took:6.1f} s   (the same, pyarrow loaded)")
    peaks = {"floor": floor.peak, "floor+pyarrow": arrow.peak}
    listed_peaks: dict[str, float] = {}
    for fmt in FORMATS:
        streamed = child("stream", fmt, url, tmp / f"out-{count}.{fmt}")
        line = (
            f"  {fmt:<8} {streamed.peak:16.0f} MB {streamed.took:6.1f} s "
            f"{streamed.size / 1e6:6.1f} MB"
        )
        if with_list:
            listed = child("list", fmt, url, tmp / f"list-{count}.{fmt}")
            line += f"   {listed.peak:21.0f} MB {listed.took:6.1f} s"
            listed_peaks[f"{fmt} (list)"] = listed.peak
        peaks[fmt] = streamed.peak
        print(line, flush=True)
    return {**peaks, **listed_peaks}


def summary(backend: str, by_size: dict[int, dict[str, float]]) -> None:
    sizes = sorted(by_size)
    print(f"\n{backend}: peak RSS (MB) by ledger size")
    print(f"  {'':<16}" + "".join(f"{s:>10,}" for s in sizes) + "   (documents)")
    for name in by_size[sizes[0]]:
        print(f"  {name:<16}" + "".join(f"{by_size[s][name]:10.0f}" for s in sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--no-list", action="store_true", help="skip the list-fed exports")
    parser.add_argument(
        "--pg",
        nargs="?",
        const=os.environ.get("SKYLEDGER_TEST_PG_URL") or PG_DEFAULT,
        default=None,
        help="also on PostgreSQL (this URL, else SKYLEDGER_TEST_PG_URL or the local server)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    source = DEV if DEV.is_file() else "the bundled sample"
    print(f"reports: {getattr(source, 'name', source)} ({len(reports())}), copies shifted by years")
    backends: list[tuple[str, Callable[[Path, int], tuple[str, Callable[[], None]]]]] = [
        ("SQLite", lambda tmp, n: (f"sqlite:///{tmp}/ledger-{n}.db", lambda: None))
    ]
    if args.pg:
        backends.append(("PostgreSQL", lambda tmp, n: pg_url(args.pg)))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        results: dict[str, dict[int, dict[str, float]]] = {b: {} for b, _ in backends}
        for count in sizes:
            archive = tmp / f"archive-{count}.jsonl"
            write_archive(count, archive)
            for backend, make in backends:
                url, drop = make(tmp, count)
                try:
                    results[backend][count] = measure(
                        backend, url, count, archive, tmp, not args.no_list
                    )
                finally:
                    drop()
        for backend, by_size in results.items():
            summary(backend, by_size)


if __name__ == "__main__":
    main()
