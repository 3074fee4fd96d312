"""How cheap routing is: ``route`` over every development corpus, against a read-and-tokenise
pass of the same texts.

Run: ``.venv/bin/python bench/route_speed.py [--rounds N] [--copies N]``. Reads the
development files beside the repository (or the bundled sample when they are absent) and prints
documents per second for both passes and their ratio (route time / tokenise time), in CPU time
of this process, so that machine noise cancels.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from skyledger.extract.route import cues_uk, route
from skyledger.models import Document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAMPLE = Path(__file__).resolve().parents[1] / "skyledger" / "resources" / "sample"
NAMES = ("airforce", "news-uk", "news-ru", "news-en", "news")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def documents() -> list[Document]:
    paths = [SHARED / f"{n}.dev.jsonl" for n in NAMES]
    paths = [p for p in paths if p.exists()] or [
        p for p in sorted(SAMPLE.glob("*.jsonl")) if not p.name.endswith(".gold.jsonl")
    ]
    out: list[Document] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            out += [Document.model_validate(json.loads(line)) for line in fh if line.strip()]
    return out


def tokenise(docs: list[Document]) -> int:
    return sum(len(_TOKEN.findall((d.title or "") + "\n" + d.text)) for d in docs)


def routes(docs: list[Document]) -> int:
    return sum(route(d) == "airforce" for d in docs)


def timed(func: Callable[[list[Document]], int], docs: list[Document], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        func(docs)
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args(argv)
    cues_uk()
    docs = documents() * args.copies
    base = timed(tokenise, docs, args.rounds)
    work = timed(routes, docs, args.rounds)
    print(
        f"route {len(docs) / work:,.0f} documents/s · tokenise {len(docs) / base:,.0f} "
        f"documents/s · ratio {work / base:.2f} ({len(docs)} documents)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
