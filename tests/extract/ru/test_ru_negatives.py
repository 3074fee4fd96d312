"""On the shared Russian development corpus (skipped where it is not present): every text the
gold file gives no attack figure and no event (Ukraine's drones over Russia, casualties in
Russia, daily briefings about military targets) gives no launched, downed, killed or wounded
claim at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.extract import extract_document
from skyledger.sources.corpus_jsonl import read_corpus

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"
TEXTS, GOLD = CORPUS / "news-ru.dev.jsonl", CORPUS / "news-ru.dev.gold.jsonl"
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="shared corpus not present")
ATTACK = ("launched", "downed", "killed", "wounded")


def _negatives() -> set[str]:
    out = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if not gold["facts"] and not gold["sets"].get("event_types"):
            out.add(gold["id"])
    return out


def test_negatives_give_no_attack_claim() -> None:
    negatives = _negatives()
    assert negatives
    seen = 0
    for doc in read_corpus(TEXTS):
        if getattr(doc, "id", None) not in negatives:
            continue
        seen += 1
        claims = extract_document(doc).claims  # type: ignore[arg-type]
        assert not [c for c in claims if c.kind in ATTACK], doc.id  # type: ignore[union-attr]
    assert seen == len(negatives)
