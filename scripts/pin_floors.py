"""Pin the accuracy floors (tests/accuracy_floors.json) to what extraction scores now.

    python scripts/pin_floors.py [--allow-lower]

A floor is never lowered without --allow-lower: a grammar change that loses accuracy must say
so explicitly.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from skyledger.scoring.gate import fingerprint, floors_from
from skyledger.scoring.run import evaluate

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests" / "accuracy_floors.json"
CORPORA = {
    "sample/airforce": "skyledger/resources/sample/airforce",
    "sample/news": "skyledger/resources/sample/news",
    "variants/airforce": "tests/data/variants/airforce",
    "variants/news": "tests/data/variants/news",
    "dev/airforce": "../shared/corpus/airforce.dev",
    "dev/news": "../shared/corpus/news.dev",
    "dev/news-en": "../shared/corpus/news-en.dev",
    "dev/news-uk": "../shared/corpus/news-uk.dev",
    "dev/news-ru": "../shared/corpus/news-ru.dev",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args()
    old = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    new, lowered = {}, []
    for name, stem in CORPORA.items():
        corpus, gold = ROOT / f"{stem}.jsonl", ROOT / f"{stem}.gold.jsonl"
        if not corpus.exists():
            if name in old:
                new[name] = old[name]
            continue
        floors = floors_from(evaluate(corpus, gold))
        previous = old.get(name, {}).get("floors", {})
        lowered += [
            f"{name} {k}: {previous[k]} -> {v}"
            for k, v in floors.items()
            if k in previous and v < previous[k]
        ]
        new[name] = {"path": stem, "fingerprint": fingerprint(corpus, gold), "floors": floors}
    if lowered and not args.allow_lower:
        print("refusing to lower floors (use --allow-lower):\n  " + "\n  ".join(lowered))
        return 1
    FLOORS.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
