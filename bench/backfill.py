"""What a backfill costs beyond storing its posts: a generated channel history served on
loopback as t.me/s serves it (twenty posts a page), read back to a date into a fresh SQLite
ledger, against the floor of ingesting the same documents in one call in the same run.

    .venv/bin/python bench/backfill.py [--posts 360] [--rounds 3] [--skip-single]

Cases (CPU seconds of this process, server threads included; median of the rounds):
- floor: ``ingest`` of the same documents, read from the pages beforehand, in one call;
- walk only: the backfill with a sink that keeps nothing (paging and parsing);
- backfill: ``watch_telegram(..., backfill=...)`` with batches, as ``--since`` runs it;
- one by one: the same, every post ingested on its own (no batch sink).
The ratios to the floor are the machine-independent figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sources"))  # the loopback channel of the tests

import conftest as loopback  # noqa: E402

from skyledger.ingest import ingest  # noqa: E402
from skyledger.models import KYIV, Document  # noqa: E402
from skyledger.sources.backfill import Backfill  # noqa: E402
from skyledger.sources.telegram_web import parse_channel_page, post_document  # noqa: E402
from skyledger.sources.watch import MemoryWatchState, watch_telegram  # noqa: E402
from skyledger.store.db import Store, open_store  # noqa: E402

SINCE = datetime(2022, 2, 24, tzinfo=KYIV)


def serve(posts: int) -> tuple[loopback.Site, Callable[[], None]]:
    site = loopback.Site()
    server = loopback._QuietServer(("127.0.0.1", 0), loopback._handler(site))
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    site.set("/s/kpszsu", loopback.Channel("kpszsu", loopback.archive(posts), page_size=20))

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return site, stop


def documents(posts: int) -> list[Document]:
    """The documents a backfill to SINCE stores, read from the same pages."""
    page = loopback.channel_html("kpszsu", loopback.archive(posts))
    return [
        post_document(p)
        for p in parse_channel_page(page).posts
        if p.text and p.published_at and p.published_at >= SINCE
    ]


def cpu(job: Callable[[], object]) -> float:
    start = time.process_time()
    job()
    return time.process_time() - start


def with_store(job: Callable[[Store], object]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'ledger.db'}")
        try:
            return cpu(lambda: job(store))
        finally:
            store.close()


def backfill(site: loopback.Site, store: Store | None, batches: bool) -> int:
    def keep(doc: Document) -> None:
        if store is not None:
            ingest(store, [doc], command="bench")

    def keep_all(docs: list[Document]) -> None:
        if store is not None:
            ingest(store, docs, command="bench")

    stats = watch_telegram(
        "kpszsu", MemoryWatchState(), keep, base_url=site.base_url,
        backfill=Backfill(SINCE, page_delay=0), sink_batch=keep_all if batches else None,
    )  # fmt: skip
    return stats.pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=360)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--skip-single", action="store_true", help="leave out one post at a time (slow)"
    )
    args = parser.parse_args()
    site, stop = serve(args.posts)
    docs = documents(args.posts)
    pages = backfill(site, None, True)
    cases: dict[str, Callable[[], float]] = {
        "floor: ingest in one call": lambda: with_store(lambda s: ingest(s, docs)),
        "walk only (no store)": lambda: cpu(lambda: backfill(site, None, True)),
        "backfill (batches)": lambda: with_store(lambda s: backfill(site, s, True)),
        "backfill, one post at a time": lambda: with_store(lambda s: backfill(site, s, False)),
    }
    if args.skip_single:
        del cases["backfill, one post at a time"]
    try:
        times = {
            name: statistics.median(run() for _ in range(args.rounds))
            for name, run in cases.items()
        }
    finally:
        stop()
    floor = times["floor: ingest in one call"]
    print(f"{args.posts} messages, {len(docs)} documents from {SINCE:%Y-%m-%d}, {pages} pages")
    for name, seconds in times.items():
        print(f"{name:32} {seconds:7.2f} s CPU  {seconds / floor:6.2f}x floor")


if __name__ == "__main__":
    main()
