"""How well the extractor holds up when the same reports are typed differently.

Each variant rewrites the surface of every report of a corpus — its dashes, quotes,
apostrophes, spaces, line breaks, emoji, clock times, capitals — without touching a figure, then
scores the rewritten corpus against the unchanged gold. A variant that loses documents points at
a construction the grammar reads too literally. Texts are rewritten in memory and in a
temporary folder only.

    .venv/bin/python bench/surface_variants.py [--corpus PATH --gold PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from skyledger.scoring.run import evaluate
from skyledger.scoring.score import Report

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "airforce.dev.jsonl"
GOLD = ROOT.parent / "shared" / "corpus" / "airforce.dev.gold.jsonl"

_EMOJI = re.compile("[\U00010000-\U0010ffff\u2600-\u27bf\ufe0f]")


def _first_line(change: Callable[[str], str]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        head, sep, rest = text.partition("\n")
        return change(head) + sep + rest

    return apply


VARIANTS: dict[str, Callable[[str], str]] = {
    "en dash → hyphen": lambda t: t.replace("–", "-"),
    "en dash → em dash": lambda t: t.replace("–", "—"),
    "«» → straight quotes": lambda t: t.replace("«", '"').replace("»", '"'),
    "apostrophe → ’": lambda t: t.replace("'", "’").replace("ʼ", "’"),
    "Windows line breaks": lambda t: t.replace("\n", "\r\n"),
    "blank line after every line": lambda t: re.sub(r"\n+", "\n\n", t),
    "no blank lines": lambda t: re.sub(r"\n\s*\n", "\n", t),
    "spaces before line breaks": lambda t: t.replace("\n", " \n"),
    "doubled spaces": lambda t: t.replace(" ", "  "),
    "non-breaking spaces": lambda t: t.replace(" ", "\u00a0"),
    "no emoji": lambda t: _EMOJI.sub("", t),
    "bullets → •": lambda t: re.sub(r"(?m)^[-–]\s*", "• ", t),
    "headline in **bold**": _first_line(lambda h: f"**{h}**"),
    "headline in capitals": _first_line(str.upper),
    "clock 18:00 → 18.00": lambda t: re.sub(r"(\d{1,2}):(\d{2})", r"\1.\2", t),
}


def _row(name: str, report: Report) -> None:
    f1 = report.overall.as_dict()["f1"]
    print(f"{name:32} {report.exact_documents:>10}/{report.documents:<5} {f1:>9.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    if not args.corpus.is_file() or not args.gold.is_file():
        print(f"no corpus at {args.corpus} (or no gold beside it)", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.corpus.read_text("utf-8").splitlines() if line]
    base = evaluate(args.corpus, args.gold)
    print(f"{'variant':32} {'exact documents':>16} {'count F1':>9}")
    _row("(as published)", base)
    worst = 1.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, change in VARIANTS.items():
            path = Path(tmp) / "variant.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps({**row, "text": change(row["text"])}, ensure_ascii=False))
                    fh.write("\n")
            got = evaluate(path, args.gold)
            worst = min(worst, got.exact_documents / max(got.documents, 1))
            _row(name, got)
    print(f"worst variant: {worst:.1%} of documents exact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
