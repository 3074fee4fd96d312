"""How fast ``find_places`` reads Ukrainian and Russian texts, against a read-and-tokenise pass.

Run: ``.venv/bin/python bench/toponyms_speed.py [--rounds N] [--copies N]``. Reads the
``news-uk`` and ``news-ru`` development files beside the repository (or the bundled sample when
they are absent), and prints texts per second for both passes and their ratio (find time /
tokenise time), timed in CPU time of this process, so that machine noise cancels.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from skyledger.extract.toponyms import Lang, find_places, lexicon

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAMPLE = Path(__file__).resolve().parents[1] / "skyledger" / "resources" / "sample"
_TOKEN = re.compile(r"\w+|[^\w\s]")


def texts(lang: Lang) -> list[str]:
    path = SHARED / f"news-{lang}.dev.jsonl"
    if not path.exists():
        path = SAMPLE / "airforce.jsonl"
    with path.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return [(d.get("title") or "") + "\n" + d["text"] for d in docs]


def tokenise(items: list[str], _lang: Lang) -> int:
    return sum(len(_TOKEN.findall(t)) for t in items)


def find(items: list[str], lang: Lang) -> int:
    return sum(len(find_places(t, lang)) for t in items)


def timed(func: Callable[[list[str], Lang], int], items: list[str], lang: Lang, n: int) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.process_time()
        func(items, lang)
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20, help="repeat each corpus N times")
    args = parser.parse_args(argv)
    langs: tuple[Lang, ...] = ("uk", "ru")
    for lang in langs:
        start = time.process_time()
        lexicon(lang)
        load = time.process_time() - start
        items = texts(lang) * args.copies
        base = timed(tokenise, items, lang, args.rounds)
        work = timed(find, items, lang, args.rounds)
        chars = sum(map(len, items))
        print(
            f"{lang}: load {load:.2f} s · find_places {len(items) / work:,.0f} texts/s "
            f"({chars / work / 1e6:.1f} M chars/s) · tokenise {len(items) / base:,.0f} texts/s "
            f"· ratio {work / base:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
