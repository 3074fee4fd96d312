"""Accuracy gate on the shared English development corpus (skipped where it is not present):
the founding article exact, count facts F1 ≥ 0.90, the scored sets ≥ 0.85."""

from __future__ import annotations

from pathlib import Path

import pytest

from skyledger.scoring.run import evaluate
from skyledger.scoring.score import Report

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"
NEWS, GOLD = CORPUS / "news.dev.jsonl", CORPUS / "news.dev.gold.jsonl"
SEED = "seed-aljazeera-2025-12-06"

pytestmark = pytest.mark.skipif(not NEWS.exists(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(NEWS, GOLD)


def test_seed_exact(report: Report) -> None:
    assert [e for e in report.errors if e.document == SEED] == []


def test_count_facts(report: Report) -> None:
    assert report.overall.as_dict()["f1"] >= 0.90


@pytest.mark.parametrize("name", ["event_types", "places_hit", "infrastructure", "claimants"])
def test_sets(report: Report, name: str) -> None:
    assert report.sets[name].as_dict()["f1"] >= 0.85
