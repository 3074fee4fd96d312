"""Which fragments of the pattern files a corpus or a test needs: remove each, read again, compare.

    python scripts/pattern_ablation.py [--no-tests] [--file en/geo.yaml] [--json FILE]

Every fragment of ``words`` and every entry of ``maps`` in the pattern files
(``resources/en/*.yaml`` but the news lexicon, and ``abbreviations.yaml``) is removed in turn;
a list left empty matches nothing. The modules that read the file are reloaded and the texts
read again:

- the corpora (the bundled news sample and the development splits in ``../shared/corpus`` when
  present; every news split for ``abbreviations.yaml``, the English ones otherwise): a fragment
  is *needed by a corpus* when removing it changes any claim ``extract`` gives;
- the tests of ``tests/extract/en`` and ``tests/extract/news/test_constructions.py`` (run only
  when no corpus changed): a fragment is *needed by a test* when one of them fails without it.

The summary lists the fragments needed by nothing: the phrasing of no text of ours.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import skyledger.resources.patterns as patterns
from skyledger.models import Document
from skyledger.sources.corpus_jsonl import read_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
EN_CORPORA = {
    "sample/news": ROOT / "skyledger/resources/sample/news.jsonl",
    "dev/news": SHARED / "news.dev.jsonl",
    "dev/news-en": SHARED / "news-en.dev.jsonl",
}
ALL_CORPORA = {
    **EN_CORPORA,
    "dev/news-uk": SHARED / "news-uk.dev.jsonl",
    "dev/news-ru": SHARED / "news-ru.dev.jsonl",
}
FILES = ("en/geo.yaml", "en/dates.yaml", "en/window.yaml", "en/targets.yaml", "en/plain.yaml",
         "abbreviations.yaml")  # fmt: skip
#: The modules that compile the files, in the order they import one another.
MODULES = ("skyledger.extract.news.text", "skyledger.extract.en.dates",
           "skyledger.extract.en.window", "skyledger.extract.en.geo",
           "skyledger.extract.en.targets", "skyledger.extract.en")  # fmt: skip
TESTS = ["tests/extract/en", "tests/extract/news/test_constructions.py"]


@dataclass(frozen=True)
class Item:
    file: str
    section: str  # "words" or "maps"
    name: str
    key: str

    @property
    def label(self) -> str:
        return f"{self.file} {self.section}.{self.name}: {self.key!r}"


def items(only: str | None) -> list[Item]:
    out = []
    for file in FILES:
        if only and file != only:
            continue
        data = patterns.pattern_file(file)
        for section, lists in (("words", data.words), ("maps", data.maps)):
            for name, entries in lists.items():
                out += [Item(file, section, name, key) for key in entries]
    return out


_PARSE = patterns.parse


def load(item: Item | None) -> None:
    """Reload the grammar with ``item`` left out of its file."""

    def parse(text: str, file: str) -> patterns.PatternFile:
        data = _PARSE(text, file)
        if item is None or file != item.file:
            return data
        lists = dict(getattr(data, item.section))
        kept = {k: v for k, v in lists[item.name].items() if k != item.key}
        lists[item.name] = kept or {"(?!)": "nothing"}
        if item.section == "words":
            return replace(data, words=lists)
        return replace(data, maps=lists)

    patterns.parse = parse
    patterns.pattern_file.cache_clear()
    for name in MODULES:
        if name in sys.modules:
            importlib.reload(sys.modules[name])
        else:
            importlib.import_module(name)
    extract = importlib.import_module("skyledger.extract")
    for cached in ("_english", "_russian", "_ukrainian", "_report", "_router"):
        getattr(extract, cached).cache_clear()


def digests(corpora: dict[str, Path]) -> dict[str, str]:
    from skyledger.extract import extract_document

    out = {}
    for name, path in corpora.items():
        if not path.exists():
            continue
        h = hashlib.sha256()
        for doc in read_corpus(path):
            if isinstance(doc, Document):
                for claim in extract_document(doc).claims:
                    h.update(claim.model_dump_json().encode())
        out[name] = h.hexdigest()
    return out


def tests_pass() -> bool:
    return pytest.main(["-q", "-x", "-p", "no:cacheprovider", "--no-header", *TESTS]) == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-tests", action="store_true")
    parser.add_argument("--file", choices=FILES)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    todo = items(args.file)
    load(None)
    base = {file: digests(ALL_CORPORA if file == "abbreviations.yaml" else EN_CORPORA)
            for file in {i.file for i in todo}}  # fmt: skip
    results = []
    started = time.monotonic()
    for n, item in enumerate(todo, 1):
        load(item)
        corpora = ALL_CORPORA if item.file == "abbreviations.yaml" else EN_CORPORA
        now = digests(corpora)
        changed = sorted(k for k in now if now[k] != base[item.file].get(k))
        failed = None
        if not changed and not args.no_tests:
            failed = not tests_pass()
        results.append({"item": item.label, "corpora": changed, "tests_fail": failed})
        took = time.monotonic() - started
        verdict = f"corpora {changed or '-'}, tests {'fail' if failed else '-'}"
        print(f"[{n}/{len(todo)} {took:.0f}s] {item.label}: {verdict}", flush=True)
    load(None)
    idle = [r["item"] for r in results if not r["corpora"] and not r["tests_fail"]]
    print(f"\n{len(idle)} of {len(results)} fragments needed by no corpus and no test:")
    for label in idle:
        print(f"  {label}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
