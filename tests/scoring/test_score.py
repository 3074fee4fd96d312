"""Scoring on hand-made gold whose right score is known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.errors import GoldError
from skyledger.ledger.facts import DocumentFacts
from skyledger.scoring.gold import Gold, in_vocabulary, read_gold
from skyledger.scoring.score import same_value, score_documents


def gold(doc_id: str, facts: dict, sets: dict | None = None) -> Gold:
    return Gold(id=doc_id, facts=facts, sets={k: set(v) for k, v in (sets or {}).items()})


def pred(facts: dict, sets: dict | None = None) -> DocumentFacts:
    return DocumentFacts(facts=facts, sets={k: set(v) for k, v in (sets or {}).items()})


def test_perfect_document_is_exact() -> None:
    g = gold("a", {"launched.drones": 10, "wounded": {"min": 8}}, {"event_types": ["air_attack"]})
    report = score_documents([(pred(dict(g.facts), {"event_types": ["air_attack"]}), g)])
    assert report.exact_documents == 1
    assert report.overall.as_dict()["f1"] == 1.0


def test_known_precision_recall() -> None:
    # gold: 4 facts; predicted: 3 right, 1 wrong value, 1 extra, 1 outside the vocabulary
    g = gold(
        "a",
        {"launched.drones": 100, "launched.total": 105, "downed.drones": 90, "hit_locations": 4},
    )
    p = pred(
        {
            "launched.drones": 100,
            "launched.total": 105,
            "downed.drones": 90,
            "hit_locations": 5,
            "killed": 1,
            "launched.model:not-a-weapon": 3,
        }
    )
    report = score_documents([(p, g)])
    o = report.overall.as_dict()
    assert (o["tp"], o["fp"], o["fn"]) == (3, 2, 1)
    assert o["precision"] == pytest.approx(0.6)
    assert o["recall"] == pytest.approx(0.75)
    assert o["f1"] == pytest.approx(round(2 * 0.6 * 0.75 / 1.35, 4))
    assert report.by_measure["hit_locations"].as_dict()["f1"] == 0.0
    assert report.exact_documents == 0
    keys = {e.key for e in report.errors}
    assert keys == {"hit_locations", "killed"}


def test_value_form_must_match() -> None:
    assert not same_value(8, {"min": 8})
    assert not same_value({"approx": 90}, 90)
    assert same_value({"min": 8}, {"min": 8})
    assert same_value("2025-12-05T18:00+02:00", "2025-12-05T18:00:00+02:00")
    assert not same_value("2025-12-05T18:00+02:00", "2025-12-05T19:00+03:00")
    assert same_value("2025-12-06", "2025-12-06")


def test_sets_are_micro_averaged() -> None:
    g1 = gold("a", {}, {"places_hit": ["Kyiv", "Fastiv"]})
    g2 = gold("b", {}, {"places_hit": ["Lviv"]})
    report = score_documents(
        [
            (pred({}, {"places_hit": ["Kyiv"]}), g1),
            (pred({}, {"places_hit": ["Lviv", "Odesa"]}), g2),
        ]
    )
    s = report.sets["places_hit"].as_dict()
    assert (s["tp"], s["fp"], s["fn"]) == (2, 1, 1)
    assert s["f1"] == pytest.approx(0.6667)


def test_vocabulary() -> None:
    assert in_vocabulary("launched.model:shahed")
    assert in_vocabulary("lost.missiles")
    assert in_vocabulary("killed.children")
    assert in_vocabulary("period.night")
    assert not in_vocabulary("launched.model:unknown")
    assert not in_vocabulary("launched.bombs")


def test_gold_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "g.gold.jsonl"
    path.write_text(json.dumps({"id": "a", "facts": {}}) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"g\.gold\.jsonl:2: malformed JSON"):
        read_gold(path)
    path.write_text(json.dumps({"id": "a", "facts": {"killed": [1]}}) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r":1: fact 'killed' has an invalid value"):
        read_gold(path)


def test_missing_document_counts_as_all_missed(tmp_path: Path) -> None:
    from skyledger.scoring.run import evaluate

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "x", "lang": "en", "text": "Nothing happened."}) + "\n", encoding="utf-8"
    )
    gold_path = tmp_path / "c.gold.jsonl"
    gold_path.write_text(
        json.dumps({"id": "x", "facts": {}, "sets": {"event_types": []}})
        + "\n"
        + json.dumps({"id": "y", "facts": {"killed": 2}})
        + "\n",
        encoding="utf-8",
    )
    report = evaluate(corpus, gold_path)
    assert report.documents == 2
    assert report.missing == ["y"]
    assert report.overall.fn >= 1
