"""Which English phrase entries a scored corpus or a test needs: remove each, read again, compare.

    python scripts/lexicon_ablation.py [--no-tests] [--json FILE] [--only CATEGORY]

Every entry of ``resources/en/news.yaml`` (and every fragment of ``resources/en/phrases.yaml``
the English grammar still reads) is removed in turn, the lexicon rebuilt, and the English texts
it touches read again:

- the scored corpora (the bundled sample, the hand-written variants, and the development splits
  in ``../shared/corpus`` when present): an entry is *needed by a corpus* when removing it
  changes a score of ``skyledger eval`` (a tally of a measure or a set, or the exact documents);
- the English texts the tests of ``tests/extract/en`` and ``tests/extract/news`` read (collected
  by running those tests once in this process): an entry is *needed by a test* when removing it
  changes what such a text gives.

A text is read again only when the entry matched in it: a phrase that matches nowhere in a text
cannot change what the text gives. Entries are tried one by one (``alone``), and then removed one
after another, longest phrase first, keeping each removal that changes nothing (``together``):
two entries that stand in for each other are needed together though neither is alone. The
summary lists the entries that are needed by nothing in the ``together`` pass.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import skyledger.extract.en as en
import skyledger.extract.en.events as en_events
import skyledger.extract.en.lexicon as en_lexicon
import skyledger.extract.news.lexicon as news_lexicon
import skyledger.extract.news.speakers as news_speakers
from skyledger.extract import extract_document
from skyledger.extract.news.read import sentences_of
from skyledger.extract.options import DEFAULT_OPTIONS, ExtractOptions
from skyledger.ledger.facts import DocumentFacts, document_facts
from skyledger.models import Document, Extraction
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
TEST_PATHS = ["tests/extract/en", "tests/extract/news"]
NEWS = "en/news.yaml"
PHRASES = "en/phrases.yaml"
#: The keys of phrases.yaml that the English grammar reads (extract/en/events.py).
READ_PHRASES = ("nuclear", "talks", "call", "frontline", "not_frontline", "counterclaim",
                "attack_cues")  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The entries of the two files, each removable from a copy of the file's data


@dataclass(frozen=True)
class Item:
    file: str  # NEWS or PHRASES
    path: tuple[str, ...]  # keys down to the list or mapping
    phrase: str  # the list item, or the mapping's key
    index: int  # position in its list (-1 for a mapping key)

    @property
    def where(self) -> str:
        """As ``Entry.where`` of the news lexicon names it."""
        category = ".".join(self.path)
        if self.index < 0:
            return f"resources/{self.file}: {category}[{self.phrase}]"
        return f"resources/{self.file}: {category}[{self.index}]"

    @property
    def label(self) -> str:
        return f"{self.file} {'.'.join(self.path)}: {self.phrase!r}"

    def without(self, data: Any) -> Any:
        """``data`` with the entry left out; a category left empty goes too (the news layer
        reads a missing category as empty), a list of phrases.yaml left empty matches nothing."""
        nodes = [data]
        for key in self.path:
            nodes.append(nodes[-1][key])
        node = nodes[-1]
        if self.index < 0:
            del node[self.phrase]
        else:
            node.remove(self.phrase)
        if not node and self.file == PHRASES:
            node.append("(?!)")
        for depth in range(len(self.path), 0, -1):
            if nodes[depth]:
                break
            del nodes[depth - 1][self.path[depth - 1]]
        return data


def items_of(file: str, data: Any, path: tuple[str, ...] = ()) -> Iterator[Item]:
    if isinstance(data, dict):
        if data and all(isinstance(v, int | float) for v in data.values()):
            for word in data:
                yield Item(file, path, str(word), -1)
            return
        for key, child in data.items():
            yield from items_of(file, child, (*path, str(key)))
    elif isinstance(data, list):
        for i, phrase in enumerate(data):
            yield Item(file, path, str(phrase), i)


def all_items() -> list[Item]:
    news = [i for i in items_of(NEWS, load_yaml(NEWS)) if i.path[0] != "settings"]
    phrases = [i for i in items_of(PHRASES, load_yaml(PHRASES)) if i.path[0] in READ_PHRASES]
    return news + phrases


@contextmanager
def removed(items: list[Item]) -> Iterator[None]:
    """The English lexicons with ``items`` left out, for the duration of the block."""
    news = copy.deepcopy(load_yaml(NEWS))
    phrases = copy.deepcopy(load_yaml(PHRASES))
    for item in items:
        item.without(news if item.file == NEWS else phrases)

    def patched(name: str) -> Any:
        return {NEWS: news, PHRASES: phrases}.get(name) or load_yaml(name)

    with pytest.MonkeyPatch.context() as patch:
        for module in (news_lexicon, en_lexicon):  # each reads its files by its own load_yaml
            patch.setattr(module, "load_yaml", patched)
        _clear()
        try:
            yield
        finally:
            patch.undo()
            _clear()


def _clear() -> None:
    for cached in (news_lexicon.lexicon, news_speakers._claimant_order, en_lexicon.phrases,
                   en_lexicon.phrase, en_events._venues, en_events._categories):  # fmt: skip
        cached.cache_clear()


# ---------------------------------------------------------------------------------------------
# The texts: scored corpora and the tests' English documents


@dataclass
class Text:
    doc: Document
    options: ExtractOptions
    corpus: str | None  # the corpus it is scored in, or None for a test's text
    base: Any = None  # what it gives with the whole lexicon
    now: Any = None  # what it gives with the removals kept so far
    news_hits: set[str] = field(default_factory=set)  # Entry.where of the entries that match
    sentences: list[str] = field(default_factory=list)  # its sentences, for phrases.yaml


def corpus_texts() -> tuple[list[Text], dict[str, dict[str, Gold]], dict[str, list[str]]]:
    texts: list[Text] = []
    golds: dict[str, dict[str, Gold]] = {}
    missing: dict[str, list[str]] = {}
    for name, stem in CORPORA.items():
        corpus, gold = stem.parent / f"{stem.name}.jsonl", stem.parent / f"{stem.name}.gold.jsonl"
        if not corpus.exists():
            print(f"  {name}: not present, skipped")
            continue
        golds[name] = read_gold(gold)
        docs = {d.id: d for d in read_corpus(corpus) if isinstance(d, Document)}
        missing[name] = [i for i in golds[name] if i not in docs]
        texts += [Text(docs[i], DEFAULT_OPTIONS, name) for i in golds[name] if i in docs]
    return texts, golds, missing


def texts_of_tests() -> list[Text]:
    """The English documents the tests read, collected by running them here once."""
    seen: list[tuple[Document, ExtractOptions]] = []
    original = en.read  # type: ignore[attr-defined]  # what extract/en calls for every text

    def capture(doc: Document, lang: Any, options: ExtractOptions) -> Extraction:
        seen.append((doc, options))
        got: Extraction = original(doc, lang, options)
        return got

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(en, "read", capture)
        args = [*TEST_PATHS, "-q", "-p", "no:cacheprovider", "--no-header",
                "--deselect", "tests/extract/news/test_properties_en.py",
                "--deselect", "tests/extract/en/test_news_corpus.py"]  # fmt: skip
        code = pytest.main([str(ROOT / a) if a.startswith("tests/") else a for a in args])
    if code not in (0, 5):
        sys.exit(f"the tests fail with the whole lexicon (exit {code}): fix them first")
    unique: dict[tuple[Any, ...], Text] = {}
    for doc, options in seen:
        ident = (doc.title, doc.text, doc.published_at, options)
        unique.setdefault(ident, Text(doc, options, None))
    return list(unique.values())


def read(text: Text) -> Any:
    extraction = extract_document(text.doc, text.options)
    if text.corpus is not None:
        return document_facts(extraction)
    return extraction  # a test may look at anything: spans, inconsistencies, the window


# ---------------------------------------------------------------------------------------------
# Scores


def _score(
    facts: dict[str, DocumentFacts], golds: dict[str, Gold], missing: list[str]
) -> dict[str, Any]:
    """What ``skyledger eval`` reports, without the list of errors."""
    report = score_documents([(facts[i], g) for i, g in golds.items() if i in facts], missing)
    out = report.as_dict()
    del out["errors"]
    return out


@dataclass
class Verdict:
    corpora: list[str] = field(default_factory=list)  # whose score changes
    tests: int = 0  # test texts whose reading changes
    changed: int = 0  # corpus documents whose facts change (score or not)

    @property
    def needed(self) -> bool:
        return bool(self.corpora or self.tests)


class Ablation:
    def __init__(self, texts: list[Text], golds: dict[str, dict[str, Gold]],
                 missing: dict[str, list[str]]) -> None:  # fmt: skip
        self.texts, self.golds, self.missing = texts, golds, missing
        self.base_scores = {name: self.scores(name, lambda t: t.base) for name in golds}
        self._touched: dict[Item, list[Text]] = {}

    def scores(self, name: str, value: Callable[[Text], Any]) -> dict[str, Any]:
        facts = {t.doc.id: value(t) for t in self.texts if t.corpus == name}
        return _score(facts, self.golds[name], self.missing[name])

    def touched(self, item: Item) -> list[Text]:
        """The texts the entry matches in (only these can read differently without it)."""
        if item not in self._touched:
            self._touched[item] = self._find(item)
        return self._touched[item]

    def _find(self, item: Item) -> list[Text]:
        if item.file == NEWS and item.path[0] == "numbers":
            # number words are also read inside hyphened tokens ("twenty-five"), unmarked
            word = re.compile(rf"(?<![\w]){re.escape(item.phrase)}(?![\w])", re.I)
            return [
                t
                for t in self.texts
                if item.where in t.news_hits or any(word.search(s) for s in t.sentences)
            ]
        if item.file == NEWS:
            return [t for t in self.texts if item.where in t.news_hits]
        pattern = _fragment(item)
        if item.path == ("talks", "venues"):
            return [t for t in self.texts if any(item.phrase in s for s in t.sentences)]
        return [t for t in self.texts if any(pattern.search(s) for s in t.sentences)]

    def verdict(self, item: Item, removed_so_far: list[Item]) -> tuple[Verdict, dict[int, Any]]:
        texts = self.touched(item)
        new: dict[int, Any] = {}
        if texts:
            with removed([*removed_so_far, item]):
                for t in texts:
                    new[id(t)] = read(t)
        verdict = Verdict()
        for t in texts:
            if t.corpus is None and new[id(t)] != t.base:
                verdict.tests += 1
            elif t.corpus is not None and new[id(t)] != t.base:
                verdict.changed += 1
        for name in sorted({t.corpus for t in texts if t.corpus is not None}):
            got = self.scores(name, lambda t: new.get(id(t), t.now))
            if got != self.base_scores[name]:
                verdict.corpora.append(name)
        return verdict, new


def _fragment(item: Item) -> re.Pattern[str]:
    return en_lexicon.words([item.phrase], f"{item.file}: {'.'.join(item.path)}")


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tests", action="store_true", help="corpora only")
    parser.add_argument("--json", type=Path, help="write every entry's verdicts here")
    parser.add_argument("--only", help="only entries whose category starts with this")
    parser.add_argument(
        "--keep",
        type=Path,
        help="a JSON file {category: [phrase, ...]} of entries never to remove (kept by decision)",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    print("reading the corpora")
    texts, golds, missing = corpus_texts()
    if not args.no_tests:
        print("collecting the tests' English texts")
        texts += texts_of_tests()
    texts = [t for t in texts if t.doc.lang == "en"]
    print(f"reading {len(texts)} English texts with the whole lexicon")
    for t in texts:
        with news_lexicon.recording() as hits:
            t.base = t.now = read(t)
        t.news_hits = set(hits)
        t.sentences = [s.text for s in sentences_of(t.doc, en.ENGLISH)]
    ablation = Ablation(texts, golds, missing)
    for name, s in ablation.base_scores.items():
        print(f"  {name}: {s['documents']} documents, {s['exact_documents']} exact, "
              f"F1 {s['overall']['f1']}")  # fmt: skip

    items = all_items()
    if args.only:
        items = [i for i in items if ".".join(i.path).startswith(args.only)]
    if args.keep:
        pinned = json.loads(args.keep.read_text(encoding="utf-8"))
        items = [i for i in items if i.phrase not in pinned.get(".".join(i.path), ())]
    print(f"removing each of {len(items)} entries alone")
    alone = {item: ablation.verdict(item, [])[0] for item in items}

    print("removing them one after another, longest first, until none more can go")
    order = sorted(items, key=lambda i: (-len(i.phrase.split()), -len(i.phrase)))
    gone: list[Item] = []
    together: dict[Item, Verdict] = {}
    passes = 0
    while True:
        passes += 1
        before = len(gone)
        for item in order:
            if item in together and not together[item].needed:
                continue  # gone already
            if passes == 1 and alone[item].needed:
                together[item] = alone[item]  # needed with everything else there: try later
                continue
            verdict, new = ablation.verdict(item, gone)
            together[item] = verdict
            if not verdict.needed:
                gone.append(item)
                for t in ablation.touched(item):
                    t.now = new[id(t)]
        print(f"  pass {passes}: {len(gone) - before} can go")
        if passes > 1 and len(gone) == before:
            break

    _summary(items, alone, together, gone, ablation)
    print("\nchecking: every text read again with all of them removed")
    with removed(gone):
        final = {id(t): read(t) for t in texts}
    moved = [
        n for n in golds if ablation.scores(n, lambda t: final[id(t)]) != ablation.base_scores[n]
    ]
    tests = sum(1 for t in texts if t.corpus is None and final[id(t)] != t.base)
    print(f"  scores changed: {moved or 'none'}; test texts changed: {tests}")
    if args.json:
        rows = [
            {
                "file": i.file, "category": ".".join(i.path), "phrase": i.phrase, "index": i.index,
                "matched_corpus_texts": sum(1 for t in ablation.touched(i) if t.corpus),
                "matched_test_texts": sum(1 for t in ablation.touched(i) if not t.corpus),
                "alone": {"corpora": alone[i].corpora, "tests": alone[i].tests,
                          "changed": alone[i].changed},
                "needed": together[i].needed,
                "needed_by": together[i].corpora + (["tests"] if together[i].tests else []),
            }
            for i in items
        ]  # fmt: skip
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {args.json}")
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


def _summary(items: list[Item], alone: dict[Item, Verdict], together: dict[Item, Verdict],
             gone: list[Item], ablation: Ablation) -> None:  # fmt: skip
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        v = alone[item]
        counts["needed by a corpus score"] += bool(v.corpora)
        counts["needed by a test text only"] += bool(v.tests and not v.corpora)
        counts["matched in no text"] += not ablation.touched(item)
        counts["matched, changes nothing"] += bool(ablation.touched(item) and not v.needed)
        counts["changes corpus facts but no score"] += bool(v.changed and not v.corpora)
    print(f"\n{len(items)} entries, each removed alone:")
    for k, n in counts.items():
        print(f"  {k}: {n}")
    rescued = [i for i in items if not alone[i].needed and together[i].needed]
    freed = [i for i in items if alone[i].needed and not together[i].needed]
    print(f"removed one after another: {len(gone)} can go, {len(items) - len(gone)} stay")
    print(f"  {len(rescued)} needed only once others are gone (two that stand in for each other)")
    print(f"  {len(freed)} needed alone but not once others are gone (needed beside one that goes)")
    by_file: dict[str, int] = defaultdict(int)
    for item in gone:
        by_file[item.file] += 1
    for file, n in sorted(by_file.items()):
        print(f"  {file}: {n} can go")
    print("\nentries no corpus and no test needs:")
    for item in sorted(gone, key=lambda i: (i.file, i.path, i.index)):
        print(f"  {item.label}")
    if rescued:
        print("\nneeded only once others are gone:")
        for item in rescued:
            print(f"  {item.label}: {together[item].corpora or 'tests'}")


if __name__ == "__main__":
    raise SystemExit(main())
