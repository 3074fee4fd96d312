"""The relevance pre-filter of archive runs: it never skips a document that gives a claim (the
bundled sample always, the shared corpora when present), and it skips texts about other things."""

from __future__ import annotations

from pathlib import Path

import pytest

import skyledger.resources
from skyledger.errors import ResourceError
from skyledger.extract import extract_document
from skyledger.models import Document
from skyledger.scale import relevance
from skyledger.scale.relevance import is_relevant, relevant_text
from skyledger.sources.corpus_jsonl import read_corpus

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

UNRELATED = [
    ("en", "Local bakery wins regional bread prize", "The family bakery on Elm Street won "
     "the regional prize for its sourdough. The owners plan to open a second shop in spring."),
    ("en", "Warm weekend ahead", "Forecasters expect a warm and sunny weekend with light "
     "winds; temperatures may reach 24 degrees on Sunday afternoon."),
    ("uk", "Бібліотека подовжує години роботи", "Міська бібліотека з понеділка працюватиме "
     "до дев'ятої вечора. Читачі зможуть брати книжки й настільні ігри."),
    ("ru", "Новый сорт яблок", "Селекционеры представили новый сорт яблок с кисло-сладким "
     "вкусом. Саженцы появятся в продаже осенью."),
]  # fmt: skip


def _claim_documents(path: Path) -> list[Document]:
    docs = [d for d in read_corpus(path) if isinstance(d, Document)]
    return [d for d in docs if extract_document(d).claims]


def _check_none_dropped(paths: list[Path]) -> int:
    checked = 0
    for path in paths:
        for doc in _claim_documents(path):
            assert is_relevant(doc), f"{path.name}: {doc.id} gives claims but was skipped"
            checked += 1
    return checked


def test_no_sample_document_with_a_claim_is_skipped() -> None:
    assert _check_none_dropped(sorted(SAMPLE.glob("*.jsonl"))) > 40


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpora are not here")
def test_no_shared_document_with_a_claim_is_skipped() -> None:
    paths = [p for p in sorted(SHARED.glob("*.dev.jsonl")) if not p.name.endswith(".gold.jsonl")]
    assert _check_none_dropped(paths) > 200


@pytest.mark.parametrize(("lang", "title", "text"), UNRELATED, ids=lambda v: str(v)[:12])
def test_unrelated_texts_are_skipped(lang: str, title: str, text: str) -> None:
    doc = Document(id="x", lang=lang, title=title, text=text)  # type: ignore[arg-type]
    assert not is_relevant(doc), relevant_text(f"{title}\n{text}".lower())


@pytest.mark.parametrize(
    ("text", "lexicon"),
    [
        ("нічна атака на місто", "attack"),
        ("the war went on", "attack"),
        ("a shahed was seen", "weapons"),
        ("у харкові сьогодні тепло", "places"),
        ("россия и сша", "subjects"),
    ],
)
def test_each_lexicon_lets_a_document_through(text: str, lexicon: str) -> None:
    assert relevant_text(text) == lexicon


def test_words_match_at_a_word_start_and_whole_words_whole() -> None:
    assert relevant_text("a warm welcome") is None  # "=war" is a whole word
    assert relevant_text("контратака") is None  # "атак" starts a word only
    assert relevant_text("they attacked") == "attack"


def test_every_lexicon_list_is_present_lower_case_and_not_empty() -> None:
    for section in relevance.SECTIONS:
        words = relevance._words(section)
        assert words and all(w == w.lower() and w.strip("=") for w in words)
    assert len(relevance.place_names()) > 1000


def test_a_broken_lexicon_names_the_file_and_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relevance, "load_yaml", lambda _name: {"attack": {"uk": ["атак"]}})
    with pytest.raises(ResourceError, match=r"scale/relevance.yaml: attack.en"):
        relevance._words("attack")
