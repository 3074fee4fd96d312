"""What each English news entry is worth to the scored corpora: remove it, read again, compare.

    python scripts/lexicon_ablation.py [--only CATEGORY] [--all] [--corpus NAME ...]

Every entry of ``resources/en/news.yaml`` (but ``settings``) is removed alone, the lexicon
rebuilt, and the English documents of the scored corpora that the entry matches in are read
again (a phrase that matches nowhere in a document cannot change what it gives). For each entry
the script prints the documents it matches in and, per corpus, how the score of ``skyledger
eval`` moves without it: the overall F1 and true/false positives and negatives, and the exact
documents. An entry no corpus moves for is printed with ``-`` unless ``--all`` hides nothing.

It only reports: it changes no file. Whether an entry then goes is decided by hand (an entry
that is vocabulary of the field stays and is shown by a construction row; one that only one
development text phrases so goes; see docs/news-layer.md).
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import skyledger.extract.news.lexicon as news_lexicon
import skyledger.extract.news.speakers as news_speakers
from skyledger.extract import extract_document
from skyledger.ledger.facts import DocumentFacts, document_facts
from skyledger.models import Document
from skyledger.resources import load_yaml
from skyledger.scoring.gold import Gold, read_gold
from skyledger.scoring.score import score_documents
from skyledger.sources.corpus_jsonl import read_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "sample/news": ROOT / "skyledger/resources/sample/news",
    "variants/news": ROOT / "tests/data/variants/news",
    "dev/news": ROOT.parent / "shared/corpus/news.dev",
    "dev/news-en": ROOT.parent / "shared/corpus/news-en.dev",
}
FILE = "en/news.yaml"


@dataclass
class Text:
    doc: Document
    corpus: str
    base: DocumentFacts | None = None
    hits: set[str] = field(default_factory=set)  # Entry.where of the entries matched in it


def _texts(names: list[str]) -> tuple[list[Text], dict[str, dict[str, Gold]]]:
    texts: list[Text] = []
    golds: dict[str, dict[str, Gold]] = {}
    for name in names:
        stem = CORPORA[name]
        corpus, gold = stem.parent / f"{stem.name}.jsonl", stem.parent / f"{stem.name}.gold.jsonl"
        if not corpus.exists() or not gold.exists():
            print(f"  {name}: not present, skipped")
            continue
        golds[name] = read_gold(gold)
        for doc in read_corpus(corpus):
            if isinstance(doc, Document) and doc.lang == "en" and doc.id in golds[name]:
                texts.append(Text(doc, name))
    return texts, golds


def _path(where: str) -> tuple[list[str], str]:
    """``resources/en/news.yaml: a.b[3]`` → (["a", "b"], "3")."""
    category, index = where.split(": ", 1)[1].rsplit("[", 1)
    return category.split("."), index[:-1]


def _without(data: Any, where: str) -> Any:
    """A copy of the file's data with the entry left out (an emptied category goes too)."""
    data = copy.deepcopy(data)
    keys, index = _path(where)
    nodes = [data]
    for key in keys:
        nodes.append(nodes[-1][key])
    node = nodes[-1]
    if isinstance(node, dict):
        del node[index]
    else:
        del node[int(index)]
    for depth in range(len(keys), 0, -1):
        if nodes[depth]:
            break
        del nodes[depth - 1][keys[depth - 1]]
    return data


@contextmanager
def _removed(data: Any) -> Iterator[None]:
    """The English lexicon read from ``data`` for the duration of the block."""
    original = load_yaml  # the function the lexicon module reads its file with

    def patched(name: str) -> Any:
        return data if name == FILE else original(name)

    setattr(news_lexicon, "load_yaml", patched)  # noqa: B010 - the module reads it by name
    _clear()
    try:
        yield
    finally:
        setattr(news_lexicon, "load_yaml", original)  # noqa: B010
        _clear()


def _clear() -> None:
    news_lexicon.lexicon.cache_clear()
    news_speakers._claimant_order.cache_clear()
    news_speakers._pronouns.cache_clear()


def _score(texts: list[Text], gold: dict[str, Gold], facts: dict[str, DocumentFacts]) -> Any:
    pairs = [(facts[t.doc.id], gold[t.doc.id]) for t in texts]
    return score_documents(pairs, []).as_dict()


def _line(report: Any) -> str:
    o, exact = report["overall"], report["exact_documents"]
    return f"F1 {o['f1']:.4f} tp {o['tp']} fp {o['fp']} fn {o['fn']}, {exact} exact"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only entries whose category starts with this")
    parser.add_argument("--all", action="store_true", help="print entries no score moves for")
    parser.add_argument("--corpus", nargs="*", choices=sorted(CORPORA), default=sorted(CORPORA))
    args = parser.parse_args()

    started = time.perf_counter()
    texts, golds = _texts(args.corpus)
    by_corpus = {name: [t for t in texts if t.corpus == name] for name in golds}
    for t in texts:
        with news_lexicon.recording() as hits:
            t.base = document_facts(extract_document(t.doc))
        t.hits = set(hits)
    base = {
        name: _score(ts, golds[name], {t.doc.id: t.base for t in ts if t.base})
        for name, ts in by_corpus.items()
    }
    for name, report in base.items():
        print(f"{name}: {len(by_corpus[name])} documents, {_line(report)}")

    data = load_yaml(FILE)
    entries = [
        e
        for e in news_lexicon.lexicon("en").entries
        if not e.category.startswith("settings")
        and (not args.only or e.category.startswith(args.only))
    ]
    print(f"\nremoving each of {len(entries)} entries alone (corpus: documents matched; "
          "score without the entry)")  # fmt: skip
    moved = 0
    for entry in entries:
        touched = [t for t in texts if entry.where in t.hits]
        phrase = " ".join(entry.words)
        label = f"{entry.category}: {phrase!r}"
        if not touched:
            if args.all:
                print(f"  {label}: matched in no corpus document")
            continue
        with _removed(_without(data, entry.where)):
            new = {t.doc.id: document_facts(extract_document(t.doc)) for t in touched}
        parts = []
        for name, ts in by_corpus.items():
            n = sum(1 for t in touched if t.corpus == name)
            if not n:
                continue
            facts = {t.doc.id: new.get(t.doc.id, t.base) for t in ts if t.base}
            got = _score(ts, golds[name], facts)
            if (
                got["overall"] != base[name]["overall"]
                or got["exact_documents"] != base[name]["exact_documents"]
            ):
                parts.append(f"{name} ({n}): {_line(got)}")
            elif args.all:
                parts.append(f"{name} ({n}): -")
        if parts:
            moved += any("F1" in p for p in parts)
            print(f"  {label}\n    " + "\n    ".join(parts))
    print(f"\n{moved} entries move a score; {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
