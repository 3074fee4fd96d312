"""The English place gazetteer (``resources/gazetteer/places.tsv``), shared by every stage.

``places()`` gives each place by its English exonym with coordinates (None where the gazetteer
leaves them empty rather than guess); ``place_names()`` maps every spelling (name or alias,
lower-case) to that exonym.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from skyledger.errors import ResourceError
from skyledger.resources import load_tsv

GAZETTEER = "gazetteer/places.tsv"
PLACE_KINDS = frozenset(
    {"city", "oblast", "raion", "hromada", "region", "launch_area", "sea", "abroad"}
)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str
    oblast: str
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]

    @property
    def in_ukraine(self) -> bool:
        """Ukrainian settlements and regions (not launch areas or seas)."""
        return self.kind in {"city", "oblast", "raion", "hromada"} or self.name == "Crimea"


def _place(row: dict[str, str], line: int) -> Place:
    where = f"resources/{GAZETTEER}:{line}"
    if row["kind"] not in PLACE_KINDS:
        raise ResourceError(f"{where}: unknown kind {row['kind']!r}")
    lat, lon = _coordinate(row["lat"], where), _coordinate(row["lon"], where)
    if (lat is None) != (lon is None):
        raise ResourceError(f"{where}: give both lat and lon, or neither")
    aliases = tuple(a for a in row["aliases"].split("|") if a)
    return Place(row["name"], row["kind"], row["oblast"], lat, lon, aliases)


def _coordinate(value: str, where: str) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise ResourceError(f"{where}: lat/lon must be numbers or empty") from exc


@cache
def places() -> dict[str, Place]:
    """Every place by English name; later rows of the same name are ignored."""
    out: dict[str, Place] = {}
    for line, row in enumerate(load_tsv(GAZETTEER), start=2):
        place = _place(row, line)
        out.setdefault(place.name, place)
    return out


@cache
def place_names() -> dict[str, str]:
    """Lower-case spelling (name or alias) → English name; a name wins over another's alias."""
    out: dict[str, str] = {}
    for place in places().values():
        for alias in place.aliases:
            out.setdefault(alias.lower(), place.name)
    for place in places().values():
        out[place.name.lower()] = place.name
    return out
