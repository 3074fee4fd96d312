"""End-to-end ingest speed: the bundled sample corpus repeated to N documents, into SQLite.

Measures the main job as `skyledger ingest` runs it (read, store raw, extract, rebuild events),
a second run over the same file (nothing new: the idempotent path), and peak memory. Prints
documents per second and the ratio of ingest time to extraction alone (so machine noise
cancels).

    .venv/bin/python bench/ingest_speed.py [--docs 5000]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from skyledger.extract import extract_document
from skyledger.ingest import ingest
from skyledger.models import Document
from skyledger.sources.corpus_jsonl import read_corpus
from skyledger.sources.detect import read_paths
from skyledger.store.db import open_store

SAMPLE = Path(__file__).resolve().parents[1] / "skyledger" / "resources" / "sample"


def build(count: int, out: Path) -> None:
    lines: list[str] = []
    for name in ("airforce.jsonl", "news.jsonl"):
        lines += [x for x in (SAMPLE / name).read_text(encoding="utf-8").splitlines() if x]
    with out.open("w", encoding="utf-8") as fh:
        for n in range(count):
            record = json.loads(lines[n % len(lines)])
            record["id"] = f"{record['id']}#{n}"
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "big.jsonl"
        build(args.docs, corpus)
        start = time.perf_counter()
        for item in read_corpus(corpus):
            if isinstance(item, Document):
                extract_document(item)
        extract_time = time.perf_counter() - start

        store = open_store(f"sqlite:///{tmp}/bench.db")
        start = time.perf_counter()
        summary = ingest(store, read_paths([corpus]))
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest(store, read_paths([corpus]))
        second = time.perf_counter() - start
        store.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents:            {args.docs}")
    print(f"extract only:         {args.docs / extract_time:8.0f} docs/s")
    print(
        f"ingest (first run):   {args.docs / first:8.0f} docs/s  "
        f"({summary.new} new, {summary.claims} claims, {summary.events_changed} events)"
    )
    print(f"ingest (second run):  {args.docs / second:8.0f} docs/s  ({again.unchanged} unchanged)")
    print(f"ratio ingest/extract: {first / extract_time:8.1f}x")
    print(f"peak RSS:             {rss:8.0f} MB")


if __name__ == "__main__":
    main()
