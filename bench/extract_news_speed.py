"""How fast the English grammar reads news articles, against a read-and-tokenise pass.

Run: ``.venv/bin/python bench/extract_news_speed.py [CORPUS.jsonl] [--rounds N]``. Prints
articles per second for both passes and their ratio (extract time / tokenise time), so that
machine noise cancels; both are timed in CPU time of this one process, so other work on
the machine does not count. The target is at least 300 articles per second on one core.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from skyledger.extract import NATIVE
from skyledger.extract.en import extract
from skyledger.extract.options import DEFAULT_OPTIONS
from skyledger.models import Document

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news.dev.jsonl"
_TOKEN = re.compile(r"\w+|[^\w\s]")


def read(path: Path) -> list[Document]:
    with path.open(encoding="utf-8") as fh:
        return [Document.model_validate(json.loads(line)) for line in fh if line.strip()]


def tokenise(docs: list[Document]) -> int:
    """The baseline: split title and text into word and punctuation tokens."""
    return sum(len(_TOKEN.findall((d.title or "") + "\n" + d.text)) for d in docs)


def run(docs: list[Document]) -> int:
    return sum(len(extract(d, DEFAULT_OPTIONS).claims) for d in docs)


def timed(func: object, docs: list[Document], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        func(docs)  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10, help="repeat the corpus N times")
    args = parser.parse_args(argv)
    docs = [d for d in read(args.corpus) if d.lang == "en"] * args.copies
    run(docs[:5])  # load resources and compile patterns once
    base = timed(tokenise, docs, args.rounds)
    work = timed(run, docs, args.rounds)
    rate, base_rate = len(docs) / work, len(docs) / base
    print(f"extractor: {NATIVE.describe()}")
    print(f"articles: {len(docs)} ({args.corpus.name} x{args.copies})")
    print(f"read+tokenise: {base_rate:10.0f} articles/s")
    print(f"extract (en):  {rate:10.0f} articles/s")
    print(f"ratio extract/tokenise time: {work / base:.1f}x")
    print("target >= 300 articles/s:", "met" if rate >= 300 else "NOT met")
    return 0 if rate >= 300 else 1


if __name__ == "__main__":
    sys.exit(main())
