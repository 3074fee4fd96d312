"""The bundled sample corpus (``skyledger/resources/sample``) and its gold files.

The sample is written by the project; these checks keep it well-formed, keep its gold in step
with its documents, and make sure none of its sentences is copied from the shared corpus.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import skyledger.resources
from skyledger.ledger.facts import SET_NAMES
from skyledger.models import Document
from skyledger.scoring.gold import in_vocabulary, read_gold
from skyledger.sources.corpus_jsonl import read_corpus

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"
FIELDS = ("id", "source", "medium", "url", "published_at", "lang", "title", "text")
KYIV = ZoneInfo("Europe/Kyiv")
PREFIX = 70

#: name → (language, medium, minimum number of documents)
CORPORA: dict[str, tuple[str, str, int]] = {
    "airforce": ("uk", "telegram", 36),
    "news": ("en", "news", 12),
}


def _shared_corpus() -> Path:
    override = os.environ.get("SKYLEDGER_SHARED_CORPUS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _objects(path: Path) -> list[dict[str, Any]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out = []
    for lineno, line in enumerate(lines, start=1):
        obj = json.loads(line)
        assert isinstance(obj, dict), f"{path.name}:{lineno} is not a JSON object"
        out.append(obj)
    return out


def _sentences(text: str) -> list[str]:
    """Sentences of at least ``PREFIX`` characters, whitespace collapsed and lower-cased."""
    parts = re.split(r"(?<=[.!?…])\s+|\n+", text)
    norm = (" ".join(p.split()).lower() for p in parts)
    return [s for s in norm if len(s) >= PREFIX]


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    name = str(request.param)
    return name, _objects(SAMPLE / f"{name}.jsonl")


def test_every_line_has_the_required_fields(corpus: tuple[str, list[dict[str, Any]]]) -> None:
    name, docs = corpus
    lang, medium, minimum = CORPORA[name]
    assert len(docs) >= minimum
    for doc in docs:
        assert set(FIELDS) <= set(doc), doc.get("id")
        assert doc["lang"] == lang and doc["medium"] == medium, doc["id"]
        assert isinstance(doc["text"], str) and doc["text"].strip(), doc["id"]
        assert doc["url"] is None or str(doc["url"]).startswith("https://"), doc["id"]
        assert (doc["title"] is None) == (name == "airforce"), doc["id"]


def test_ids_are_unique(corpus: tuple[str, list[dict[str, Any]]]) -> None:
    _, docs = corpus
    ids = [doc["id"] for doc in docs]
    assert len(ids) == len(set(ids))


def test_published_at_is_kyiv_local_time(corpus: tuple[str, list[dict[str, Any]]]) -> None:
    _, docs = corpus
    for doc in docs:
        when = datetime.fromisoformat(doc["published_at"])
        assert when.tzinfo is not None, doc["id"]
        assert when.utcoffset() == when.astimezone(KYIV).utcoffset(), doc["id"]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_the_corpus_reader_reads_every_line(name: str) -> None:
    items = list(read_corpus(SAMPLE / f"{name}.jsonl"))
    assert items and all(isinstance(item, Document) for item in items)


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_gold_matches_the_corpus_one_to_one(name: str) -> None:
    ids = [doc["id"] for doc in _objects(SAMPLE / f"{name}.jsonl")]
    gold_ids = [g["id"] for g in _objects(SAMPLE / f"{name}.gold.jsonl")]
    assert len(gold_ids) == len(set(gold_ids))
    assert set(gold_ids) <= set(ids), sorted(set(gold_ids) - set(ids))
    assert set(ids) <= set(gold_ids), sorted(set(ids) - set(gold_ids))


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_gold_keys_and_sets_are_in_the_vocabulary(name: str) -> None:
    gold = read_gold(SAMPLE / f"{name}.gold.jsonl")
    for doc_id, item in gold.items():
        unknown = [key for key in item.facts if not in_vocabulary(key)]
        assert not unknown, (doc_id, unknown)
        assert set(item.sets) == set(SET_NAMES), doc_id


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_gold_alt_facts_name_a_claimant(name: str) -> None:
    for obj in _objects(SAMPLE / f"{name}.gold.jsonl"):
        for claimant, facts in obj.get("alt_facts", {}).items():
            assert claimant not in obj["sets"]["claimants"] or facts, obj["id"]
            assert all(in_vocabulary(key) for key in facts), obj["id"]


def test_one_post_carries_markup_to_escape() -> None:
    texts = [doc["text"] for doc in _objects(SAMPLE / "airforce.jsonl")]
    assert any("<script>alert(1)</script>" in text for text in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Коротко. Теж коротко!", []),
        ("x" * 68 + ".\n" + "y" * 70, ["y" * 70]),
        ("A  " + "b" * 70 + "\n\nC", ["a " + "b" * 70]),
    ],
)
def test_sentences_of_prefix_length(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_no_sentence_is_copied_from_the_shared_corpus() -> None:
    shared = _shared_corpus()
    files = sorted(p for p in shared.glob("*.jsonl") if not p.name.endswith(".gold.jsonl"))
    if not files:
        pytest.skip(f"shared corpus not found at {shared}")
    seen = {
        s[:PREFIX]
        for path in files
        for doc in _objects(path)
        for s in _sentences(f"{doc.get('title') or ''}\n{doc['text']}")
    }
    copied = [
        (doc["id"], s)
        for name in CORPORA
        for doc in _objects(SAMPLE / f"{name}.jsonl")
        for s in _sentences(f"{doc.get('title') or ''}\n{doc['text']}")
        if s[:PREFIX] in seen
    ]
    assert not copied, copied
