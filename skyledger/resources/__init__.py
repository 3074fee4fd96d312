"""Language resources shipped as data files, loaded and validated once.

Every loader names the file and the key in its error (``ResourceError``). Schemas are in
``SCHEMA.md`` beside this file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources as _res
from typing import Any

import yaml

from skyledger.errors import ResourceError

_ROOT = _res.files(__name__)

WEAPON_KINDS = frozenset({"drone", "missile", "bomb", "loitering-munition"})


def read_text(name: str) -> str:
    """The text of a resource file, by its path below ``resources/``."""
    try:
        return _ROOT.joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"resources/{name}: file is missing") from exc


@cache
def load_yaml(name: str) -> Any:
    """A YAML resource, parsed; errors name the file."""
    try:
        return yaml.safe_load(read_text(name))
    except yaml.YAMLError as exc:
        raise ResourceError(f"resources/{name}: invalid YAML: {exc}") from exc


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """A TSV resource with a header row, as one dict per row; errors name file and line."""
    rows = []
    reader = csv.DictReader(read_text(name).splitlines(), delimiter="\t")
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ResourceError(f"resources/{name}:{lineno}: wrong number of columns")
        rows.append({k: v for k, v in row.items() if k is not None})
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class Weapon:
    id: str
    kind: str
    cls: str
    aliases: tuple[str, ...]


@cache
def weapons() -> dict[str, Weapon]:
    """The weapon catalogue by id, validated: known kinds, no alias shared by two weapons."""
    data = load_yaml("weapons.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("weapons"), list):
        raise ResourceError("resources/weapons.yaml: top-level key 'weapons' must be a list")
    out: dict[str, Weapon] = {}
    seen: dict[str, str] = {}
    for i, entry in enumerate(data["weapons"]):
        where = f"resources/weapons.yaml: weapons[{i}]"
        try:
            weapon = Weapon(
                id=str(entry["id"]),
                kind=str(entry["kind"]),
                cls=str(entry["class"]),
                aliases=tuple(str(a).lower() for a in entry.get("aliases", [])),
            )
        except (KeyError, TypeError) as exc:
            raise ResourceError(f"{where}: missing key {exc}") from exc
        if weapon.kind not in WEAPON_KINDS:
            raise ResourceError(f"{where}.kind: unknown kind {weapon.kind!r}")
        if weapon.id in out:
            raise ResourceError(f"{where}.id: duplicate id {weapon.id!r}")
        for alias in weapon.aliases:
            if alias in seen:
                raise ResourceError(
                    f"{where}.aliases: {alias!r} is also an alias of {seen[alias]!r}"
                )
            seen[alias] = weapon.id
        out[weapon.id] = weapon
    return out


def weapon_ids() -> frozenset[str]:
    return frozenset(weapons())
