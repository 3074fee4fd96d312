"""What the dashboard shows, computed from the stored events: the nightly series, the largest
attacks, launched and downed per weapon model, and the places hit projected onto a map."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from skyledger.export.coords import UKRAINE_BBOX, coordinates, in_ukraine_box
from skyledger.export.geojson import place_events
from skyledger.ledger.series import night_stats
from skyledger.ledger.summary import figure, interception_rate, night_label
from skyledger.models import Event
from skyledger.resources import load_tsv

#: Map width in SVG units; the height follows from the bounding box.
MAP_WIDTH = 640
#: Reference cities drawn on the map for orientation (English names of the gazetteer).
LANDMARKS = ("Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro")


def _point(event: Event, key: str) -> int | None:
    fig = figure(event, key)
    return fig.quantity.point() if fig is not None else None


def _total(event: Event, measure: str) -> int | None:
    """``measure.total``, else drones + missiles."""
    total = _point(event, f"{measure}.total")
    if total is not None:
        return total
    parts = [_point(event, f"{measure}.{scope}") for scope in ("drones", "missiles")]
    found = [p for p in parts if p is not None]
    return sum(found) if found else None


def largest_attacks(attacks: list[Event], n: int = 10) -> list[dict[str, Any]]:
    ranked: list[tuple[int, str, dict[str, Any]]] = []
    for event in attacks:
        launched = _total(event, "launched")
        if launched is None:
            continue
        row: dict[str, Any] = {
            "id": event.id,
            "night": night_label(event),
            "launched": launched,
            "downed": _total(event, "downed"),
            "rate": interception_rate(event),
            "conflicts": len(event.conflicts),
        }
        ranked.append((-launched, row["night"], row))
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [row for *_, row in ranked[:n]]


def weapon_breakdown(attacks: list[Event]) -> list[dict[str, Any]]:
    """Per weapon model: launched and downed summed over the attacks that give them."""
    sums: dict[str, dict[str, int]] = defaultdict(lambda: {"launched": 0, "downed": 0})
    for event in attacks:
        for fig in event.figures:
            measure, _, model = fig.key.partition(".model:")
            if model and measure in ("launched", "downed"):
                sums[model][measure] += fig.quantity.point()
    order = sorted(sums, key=lambda m: (-sums[m]["launched"], m))
    return [{"model": m, **sums[m]} for m in order]


#: A rough outline of Ukraine (lon/lat points), drawn under the markers; no map tiles needed.
OUTLINE = "gazetteer/ukraine_outline.tsv"


def project(lat: float, lon: float) -> tuple[float, float]:
    """Lat/lon → SVG x/y in the map's box (equirectangular, scaled by cos of mid-latitude)."""
    west, south, east, north = UKRAINE_BBOX
    squash = math.cos(math.radians((south + north) / 2))
    scale = MAP_WIDTH / ((east - west) * squash)
    return round((lon - west) * squash * scale, 1), round((north - lat) * scale, 1)


def outline_path() -> str:
    """The country's outline (``resources/gazetteer/ukraine_outline.tsv``) as an SVG path."""
    points = [project(float(r["lat"]), float(r["lon"])) for r in load_tsv(OUTLINE)]
    if not points:
        return ""
    return "M" + " L".join(f"{x},{y}" for x, y in points) + " Z"


def map_height() -> float:
    return project(UKRAINE_BBOX[1], UKRAINE_BBOX[0])[1]


def map_markers(events: list[Event]) -> tuple[list[dict[str, Any]], list[str]]:
    """Markers for the places hit (with how many events name them), and the unlocated ones."""
    markers, unlocated = [], []
    for place, found in sorted(place_events(events).items()):
        point = coordinates(place)
        if point is None or not in_ukraine_box(point):
            unlocated.append(place)
            continue
        x, y = project(*point)
        ids = [e.id for e in found]
        markers.append({"name": place, "x": x, "y": y, "events": len(ids), "first": ids[0]})
    return markers, unlocated


def landmarks() -> list[dict[str, Any]]:
    out = []
    for name in LANDMARKS:
        point = coordinates(name)
        if point is not None:
            x, y = project(*point)
            out.append({"name": name, "x": x, "y": y})
    return out


def dashboard_data(events: list[Event]) -> dict[str, Any]:
    attacks = [e for e in events if e.kind == "air_attack"]
    markers, unlocated = map_markers(attacks)
    return {
        "nights": [night_stats(e) for e in attacks if e.window.night is not None],
        "largest": largest_attacks(attacks),
        "weapons": weapon_breakdown(attacks),
        "markers": markers,
        "unlocated": unlocated,
        "landmarks": landmarks(),
        "map": {"width": MAP_WIDTH, "height": map_height(), "outline": outline_path()},
    }
