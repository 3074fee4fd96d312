"""Scores on the held-out variant corpora of ``tests/data/variants`` (how general the grammars are).

Run: ``.venv/bin/python bench/variants.py [--errors N] [--json]``. For each corpus (Air Force
posts in Ukrainian, English news) prints, as ``skyledger eval`` does, the overall precision,
recall and F1 of count and time facts, F1 per measure, the number of exact documents, set F1
and the first per-key errors. Nothing here is tuned on: the corpora are a check, not a target.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from skyledger.scoring.run import evaluate

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "variants"
CORPORA = ("airforce", "news")


def _fmt(t: dict[str, Any]) -> str:
    return (
        f"P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}"
        f"  (tp {t.get('tp', '')} fp {t.get('fp', '')} fn {t.get('fn', '')})"
    )


def _error(e: dict[str, Any]) -> str:
    if e["key"].startswith("sets."):
        return f"{e['document']}  {e['key']}: missing {e['expected']} extra {e['got']}"
    expected, got = json.dumps(e["expected"]), json.dumps(e["got"])
    return f"{e['document']}  {e['key']}: expected {expected} got {got}"


def show(name: str, data: dict[str, Any], max_errors: int) -> None:
    """Print one corpus's report."""
    print(f"== {name}: {data['exact_documents']}/{data['documents']} documents exact")
    print(f"  overall        {_fmt(data['overall'])}")
    for measure, t in data["by_measure"].items():
        print(f"  {measure:<14} {_fmt(t)}")
    for set_name, t in data["sets"].items():
        print(f"  set {set_name:<10} {_fmt(t)}")
    errors = data["errors"]
    print(f"  per-key errors: {len(errors)} (first {min(max_errors, len(errors))})")
    for e in errors[:max_errors]:
        print(f"    {_error(e)}")
    if data["missing_documents"]:
        print(f"  gold documents missing from the corpus: {', '.join(data['missing_documents'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=30, help="per-key errors to print")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    args = parser.parse_args()
    reports = {
        name: evaluate(DATA / f"{name}.jsonl", DATA / f"{name}.gold.jsonl").as_dict()
        for name in CORPORA
    }
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
        return
    for name, data in reports.items():
        show(name, data, args.errors)


if __name__ == "__main__":
    main()
