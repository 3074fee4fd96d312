"""The English phrase lists of ``resources/en/*.yaml``, compiled once into regular expressions."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from skyledger.errors import ResourceError
from skyledger.resources import load_yaml

Pattern = re.Pattern[str]


def alternation(items: list[str], where: str) -> str:
    """``(?:a|b|c)`` from a non-empty list; an empty group would match everything."""
    parts = [str(i) for i in items if str(i)]
    if not parts:
        raise ResourceError(f"resources/en/{where}: empty list")  # pragma: no cover - bad file
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


def words(items: list[str], where: str) -> Pattern:
    """A case-insensitive pattern matching any item on word boundaries."""
    try:
        return re.compile(r"(?<![\w-])" + alternation(items, where) + r"(?![\w])", re.I)
    except re.error as exc:  # pragma: no cover - a bad resource file
        raise ResourceError(f"resources/en/{where}: bad pattern: {exc}") from exc


def literal(items: list[str]) -> list[str]:  # pragma: no cover - unused
    return [re.escape(i) for i in items]


def _get(data: Any, path: str, file: str) -> Any:
    node = data
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            raise ResourceError(f"resources/en/{file}: missing key {path!r}")  # pragma: no cover
        node = node[key]
    return node


@cache
def phrases() -> dict[str, Any]:
    data = load_yaml("en/phrases.yaml")
    if not isinstance(data, dict):  # pragma: no cover - a bad resource file
        raise ResourceError("resources/en/phrases.yaml: top level must be a mapping")
    return data


@cache
def phrase(path: str) -> Pattern:
    """The compiled word pattern for a dotted key of ``phrases.yaml`` (``verbs.launched``)."""
    return words(list(_get(phrases(), path, "phrases.yaml")), f"phrases.yaml: {path}")
