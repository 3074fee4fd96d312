"""The English phrase lists of ``resources/en/*.yaml``, compiled once into regular expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from skyledger.errors import ResourceError
from skyledger.resources import load_yaml, weapons

Pattern = re.Pattern[str]


def alternation(items: list[str], where: str) -> str:
    """``(?:a|b|c)`` from a non-empty list; an empty group would match everything."""
    parts = [str(i) for i in items if str(i)]
    if not parts:
        raise ResourceError(f"resources/en/{where}: empty list")
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


def words(items: list[str], where: str) -> Pattern:
    """A case-insensitive pattern matching any item on word boundaries."""
    try:
        return re.compile(r"(?<![\w-])" + alternation(items, where) + r"(?![\w])", re.I)
    except re.error as exc:
        raise ResourceError(f"resources/en/{where}: bad pattern: {exc}") from exc


def literal(items: list[str]) -> list[str]:
    return [re.escape(i) for i in items]


def _get(data: Any, path: str, file: str) -> Any:
    node = data
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            raise ResourceError(f"resources/en/{file}: missing key {path!r}")
        node = node[key]
    return node


@dataclass(frozen=True, slots=True)
class Numbers:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    bounds: dict[str, tuple[str, ...]]
    vague: tuple[str, ...]


@cache
def numbers() -> Numbers:
    data = load_yaml("en/numbers.yaml")
    bounds = _get(data, "bounds", "numbers.yaml")
    return Numbers(
        units={str(k): int(v) for k, v in _get(data, "units", "numbers.yaml").items()},
        tens={str(k): int(v) for k, v in _get(data, "tens", "numbers.yaml").items()},
        scales={str(k): int(v) for k, v in _get(data, "scales", "numbers.yaml").items()},
        bounds={str(k): tuple(str(x) for x in v) for k, v in bounds.items()},
        vague=tuple(str(x) for x in _get(data, "vague", "numbers.yaml")),
    )


@cache
def phrases() -> dict[str, Any]:
    data = load_yaml("en/phrases.yaml")
    if not isinstance(data, dict):
        raise ResourceError("resources/en/phrases.yaml: top level must be a mapping")
    return data


@cache
def phrase(path: str) -> Pattern:
    """The compiled word pattern for a dotted key of ``phrases.yaml`` (``verbs.launched``)."""
    return words(list(_get(phrases(), path, "phrases.yaml")), f"phrases.yaml: {path}")


@cache
def speakers() -> tuple[tuple[str, Pattern], ...]:
    data = load_yaml("en/claimants.yaml")
    groups = _get(data, "speakers", "claimants.yaml")
    return tuple((str(k), words(list(v), f"claimants.yaml: {k}")) for k, v in groups.items())


@cache
def claimant_list(key: str) -> Pattern:
    return words(list(_get(load_yaml("en/claimants.yaml"), key, "claimants.yaml")), key)


@dataclass(frozen=True, slots=True)
class WeaponWords:
    heads: dict[str, str]
    aliases: dict[str, str]
    classes: dict[str, str]
    compound_tails: tuple[str, ...]


@cache
def weapon_words() -> WeaponWords:
    data = load_yaml("en/weapons.yaml")
    known = weapons()
    aliases: dict[str, str] = {}
    for wid, weapon in known.items():
        for alias in weapon.aliases:
            if alias.isascii() and wid not in {"cruise", "ballistic", "guided-air", "decoy"}:
                aliases.setdefault(alias, wid)
    for wid, extra in _get(data, "aliases", "weapons.yaml").items():
        if str(wid) not in known:
            raise ResourceError(f"resources/en/weapons.yaml: aliases: unknown weapon {wid!r}")
        for alias in extra:
            aliases[str(alias).lower()] = str(wid)
    return WeaponWords(
        heads={str(k).lower(): str(v) for k, v in _get(data, "heads", "weapons.yaml").items()},
        aliases=aliases,
        classes={str(k): str(v) for k, v in _get(data, "classes", "weapons.yaml").items()},
        compound_tails=tuple(str(x) for x in _get(data, "compound_tails", "weapons.yaml")),
    )
