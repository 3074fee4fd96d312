"""Which lines of the news layer and the English grammar our own sentences run.

    python tests/extract/news/measure_lines.py

Run by ``test_lines.py`` in a fresh interpreter, so that coverage.py starts before any module
of the package is imported (their definitions are measured too). Reads every construction row
of every language and the older English tables (``constructions.documents``) with the lexicon
recording, and prints JSON: for each measured file, the statements it holds, how many ran, and
every line that did not run with the function it belongs to.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path

import coverage

PACKAGES = ("extract/news", "extract/en")


def _package_dir() -> Path:
    spec = importlib.util.find_spec("skyledger")  # finds the package without importing it
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


def _functions(source: str) -> dict[int, str]:
    """Line → name of the innermost function (or class) that holds it."""
    inner: dict[int, tuple[int, str]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                if line not in inner or node.lineno >= inner[line][0]:
                    inner[line] = (node.lineno, node.name)
    return {line: name for line, (_, name) in inner.items()}


def main() -> None:
    root = _package_dir()
    files = sorted(f for package in PACKAGES for f in (root / package).glob("*.py"))
    cov = coverage.Coverage(data_file=None, include=[str(f) for f in files], config_file=False)
    cov.start()
    from constructions import documents, languages

    from skyledger.extract import extract_document
    from skyledger.extract.news.lexicon import recording

    with recording():
        for lang in languages():
            for doc in documents(lang):
                extract_document(doc)
    cov.stop()
    report = {}
    for path in files:
        module = sys.modules.get(
            "skyledger." + path.relative_to(root).with_suffix("").as_posix().replace("/", ".")
        )
        if module is not None and not str(getattr(module, "__file__", "")).endswith(".py"):
            continue  # compiled: its lines cannot be traced
        _, statements, _excluded, missing, _ = cov.analysis2(str(path))
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        functions = _functions(source)
        report[path.relative_to(root / "extract").as_posix()] = {
            "statements": len(statements),
            "ran": len(statements) - len(missing),
            "missing": [
                {"line": n, "function": functions.get(n, ""), "text": lines[n - 1].strip()}
                for n in missing
            ],
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
