"""Coordinates of named places, from the gazetteer only (``resources/gazetteer/places.tsv``,
read by ``extract.places``): a name the gazetteer does not hold gets none, rather than a
namesake somewhere else in the world. Used by the GeoJSON export and the dashboard map."""

from __future__ import annotations

from functools import cache

from skyledger.errors import ResourceError
from skyledger.extract.places import Place, place_names, places

#: Ukraine's bounding box (west, south, east, north), for the dashboard map.
UKRAINE_BBOX = (22.0, 44.2, 40.3, 52.5)
_SUFFIXES = (" oblast", " region", " province", " city")
#: Gazetteer kinds that are places in Ukraine (a place hit is one of these).
UKRAINIAN_KINDS = frozenset({"city", "oblast", "raion", "region"})


@cache
def _gazetteer() -> dict[str, Place]:
    """Every spelling of the gazetteer (lower-case) → its place; empty if it cannot load."""
    try:
        table, names = places(), place_names()
    except (ResourceError, OSError):
        return {}
    return {alias: table[name] for alias, name in names.items()}


def gazetteer_place(name: str) -> Place | None:
    """The gazetteer's place for a name as the ledger writes it, or None."""
    key = name.strip().lower()
    if not key:
        return None
    table = _gazetteer()
    if key in table:
        return table[key]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and key.removesuffix(suffix) in table:
            return table[key.removesuffix(suffix)]
    return None


def coordinates(name: str) -> tuple[float, float] | None:
    """(lat, lon) of a place the gazetteer holds, or None."""
    place = gazetteer_place(name)
    if place is None or place.lat is None or place.lon is None:
        return None  # a place the gazetteer holds without coordinates gets no point
    return (place.lat, place.lon)


def in_ukraine(name: str) -> bool:
    """Whether the gazetteer places ``name`` in Ukraine (not a launch area, sea or abroad)."""
    place = gazetteer_place(name)
    return place is not None and place.kind in UKRAINIAN_KINDS


def in_ukraine_box(point: tuple[float, float]) -> bool:
    west, south, east, north = UKRAINE_BBOX
    lat, lon = point
    return south <= lat <= north and west <= lon <= east
