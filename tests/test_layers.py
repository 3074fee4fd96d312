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


#: ``extract`` and ``ledger`` are pure: text and claims in, claims and events out. Reading and
#: writing belong to ``sources``, ``store`` and the outputs (language resources load through
#: ``skyledger.resources``); ``extract.stream`` writes only to the stream it is handed.
PURE = ("extract", "ledger")
IO_CALLS = {"open", "print", "input"}
IO_ATTRIBUTES = {"open", "read_text", "read_bytes", "write_text", "write_bytes"}
IO_ATTRIBUTES |= {"stdin", "stdout", "stderr", "environ", "getenv", "walk", "listdir"}


@pytest.mark.parametrize(
    "path",
    [m for m in MODULES if m.relative_to(PACKAGE).parts[0] in PURE],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_pure_stages_do_no_io(path: Path) -> None:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name) and node.id in IO_CALLS:
            found.append(f"{node.id} (line {node.lineno})")
        elif isinstance(node, ast.Attribute) and node.attr in IO_ATTRIBUTES:
            found.append(f".{node.attr} (line {node.lineno})")
    for imported in imports_of(path):
        if imported.startswith(("skyledger.sources", "skyledger.store")):
            found.append(f"import {imported}")
    assert not found, f"{path.relative_to(PACKAGE)}: {', '.join(found)}"
