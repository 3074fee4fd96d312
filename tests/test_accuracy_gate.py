"""Extraction must meet the pinned F1 floors on every fingerprinted corpus it can find.

The shared development corpora are scored when ``../shared`` exists; the bundled sample and
the hand-written variants always are. A changed corpus or gold file must be re-pinned with
``python scripts/pin_floors.py`` (which refuses to lower a floor without ``--allow-lower``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.scoring.gate import fingerprint, shortfalls
from skyledger.scoring.run import evaluate

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "accuracy_floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_floor(name: str) -> None:
    entry = FLOORS[name]
    corpus = ROOT / f"{entry['path']}.jsonl"
    gold = ROOT / f"{entry['path']}.gold.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here (the shared corpora are not part of a clone)")
    assert fingerprint(corpus, gold) == entry["fingerprint"], (
        f"{name} changed: re-pin with python scripts/pin_floors.py"
    )
    missing = shortfalls(evaluate(corpus, gold), entry["floors"])
    assert not missing, f"{name} below its floors: " + "; ".join(missing)
