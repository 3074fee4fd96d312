"""Run extraction over a corpus file and score it against its gold file."""

from __future__ import annotations

from pathlib import Path

from skyledger.extract import ExtractOptions, extract_document
from skyledger.ledger.facts import DocumentFacts, document_facts
from skyledger.models import Document
from skyledger.scoring.gold import Gold, read_gold
from skyledger.scoring.score import Report, score_documents
from skyledger.sources.corpus_jsonl import read_corpus


def evaluate(corpus: Path, gold_path: Path, options: ExtractOptions | None = None) -> Report:
    """Extract every document of ``corpus`` and score it against ``gold_path``."""
    golds = read_gold(gold_path)
    docs: dict[str, Document] = {}
    for item in read_corpus(corpus):
        if isinstance(item, Document):
            docs[item.id] = item
    pairs: list[tuple[DocumentFacts, Gold]] = []
    missing: list[str] = []
    for doc_id, gold in golds.items():
        doc = docs.get(doc_id)
        if doc is None:
            missing.append(doc_id)
            pairs.append((DocumentFacts(), gold))
            continue
        extraction = extract_document(doc, options or ExtractOptions())
        pairs.append((document_facts(extraction), gold))
    return score_documents(pairs, missing)
