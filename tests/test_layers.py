"""Imports run one way only: sources → extract → ledger → store → outputs.

``models``, ``errors`` and ``resources`` sit below every stage; outputs may import anything
and nothing imports them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "skyledger"
ORDER = ["sources", "extract", "ledger", "store"]
BASE = {"models", "errors", "resources"}


def layer(module: str) -> int | None:
    """Rank of a ``skyledger.x`` module: base -1, stages 0..3, outputs 4."""
    parts = module.split(".")
    if parts[0] != "skyledger" or len(parts) < 2:
        return None
    top = parts[1]
    if top in BASE:
        return -1
    if top in ORDER:
        return ORDER.index(top)
    return len(ORDER)


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path: Path) -> None:
    module = "skyledger." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    own = layer(module.removesuffix(".__init__"))
    if own is None or module == "skyledger.__init__":
        return
    for imported in imports_of(path):
        other = layer(imported)
        if other is None:
            continue
        assert other <= own or own == len(ORDER), f"{module} imports {imported}"
        if own == -1:
            assert other == -1, f"{module} (base) imports {imported}"
