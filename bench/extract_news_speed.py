"""How fast the news grammars read articles, against a read-and-tokenise pass.

Run: ``.venv/bin/python bench/extract_news_speed.py [CORPUS.jsonl ...] [--rounds N]``. Each
corpus is read through ``extract_document`` (routing included, as ``skyledger extract`` reads
it), one line per language it holds. Prints articles per second for both passes and their ratio
(extract time / tokenise time), so that machine noise cancels; both are timed in CPU time of
this one process, so other work on the machine does not count. The target is at least 300
articles per second on one core.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from skyledger.extract import NATIVE, extract_document
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
    return sum(len(extract_document(d, DEFAULT_OPTIONS).claims) for d in docs)


def timed(func: object, docs: list[Document], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        func(docs)  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10, help="repeat the corpus N times")
    args = parser.parse_args(argv)
    print(f"extractor: {NATIVE.describe()}")
    slowest = float("inf")
    for path in args.corpus:
        every = read(path)
        for lang in sorted({d.lang for d in every}):
            docs = [d for d in every if d.lang == lang] * args.copies
            run(docs[:5])  # load resources and compile patterns once
            base = timed(tokenise, docs, args.rounds)
            work = timed(run, docs, args.rounds)
            rate, base_rate = len(docs) / work, len(docs) / base
            slowest = min(slowest, rate)
            print(
                f"{path.name} [{lang}] x{args.copies}: {len(docs)} articles · "
                f"read+tokenise {base_rate:,.0f}/s · extract {rate:,.0f}/s · "
                f"ratio {work / base:.1f}x"
            )
    print("target >= 300 articles/s:", "met" if slowest >= 300 else "NOT met")
    return 0 if slowest >= 300 else 1


if __name__ == "__main__":
    sys.exit(main())
