"""What the dashboard shows, computed from the stored events: the nightly series (and the
monthly sums), the largest attacks, launched and downed per weapon model, and the places hit
projected onto a map. Computed once per state of the ledger (``cached_dashboard``).

The page holds the nights of the last year before the newest (what its "a year" view draws)
and the months they fall in; how many nights there are in all (``nights_total``) tells the
page's script to read the older nights and months from ``/api/stats`` when the reader asks
for all of them, so the page stays the same size however long the ledger grows."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from skyledger.export.coords import UKRAINE_BBOX, coordinates, in_ukraine_box
from skyledger.export.geojson import place_events
from skyledger.ledger.summary import (
    RATE_LABELS,
    figure,
    measure_total,
    night_figures,
    night_label,
    period_figures,
    rates,
)
from skyledger.models import Event
from skyledger.resources import load_tsv
from skyledger.store import index, nightly, overview, queries
from skyledger.store.db import Store

#: Map width in SVG units; the height follows from the bounding box.
MAP_WIDTH = 640
#: Days before the newest night whose nights (and their months) the page holds: its longest
#: view but "all".
RECENT_DAYS = 365
#: Reference cities drawn on the map for orientation (English names of the gazetteer).
LANDMARKS = ("Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro")


def largest_attacks(attacks: list[Event], n: int = 10) -> list[dict[str, Any]]:
    ranked: list[tuple[int, str, dict[str, Any]]] = []
    for event in attacks:
        launched = measure_total(event, "launched")
        if launched is None:
            continue
        found = rates(event)
        row: dict[str, Any] = {
            "id": event.id,
            "night": night_label(event),
            "launched": launched,
            "downed": measure_total(event, "downed"),
            "lost": measure_total(event, "lost"),
            "shot_down": found.shot_down,
            "neutralised": found.neutralised,
            "flag": found.flag,
            "conflicts": len(event.conflicts),
        }
        ranked.append((-launched, row["night"], row))
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [row for *_, row in ranked[:n]]


def weapon_breakdown(attacks: list[Event]) -> list[dict[str, Any]]:
    """Per weapon model (a group such as ``iskander-m/kn-23`` kept whole): launched and downed
    summed over the nights that give both, so downed never comes from a night whose launches
    are unknown; ``nights`` counts those nights, ``unpaired`` the nights with one figure."""
    sums: dict[str, dict[str, int]] = defaultdict(
        lambda: {"launched": 0, "downed": 0, "nights": 0, "unpaired": 0}
    )
    for event in attacks:
        models = {
            f.key.partition(".model:")[2]
            for f in event.figures
            if f.key.startswith(("launched.model:", "downed.model:"))
        }
        for model in models:
            launched = figure(event, f"launched.model:{model}")
            downed = figure(event, f"downed.model:{model}")
            if launched is None or downed is None:
                sums[model]["unpaired"] += 1
                continue
            sums[model]["launched"] += launched.quantity.point()
            sums[model]["downed"] += downed.quantity.point()
            sums[model]["nights"] += 1
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
    nights = [night_figures(e) for e in attacks if e.window.night is not None]
    nights.sort(key=lambda n: str(n["night"]))
    since = recent_since(date.fromisoformat(nights[-1]["night"]) if nights else None)
    held = [n for n in nights if since is None or n["night"] >= since.isoformat()]
    months = [n for n in nights if since is None or n["night"] >= since.replace(day=1).isoformat()]
    return {
        "nights": held,
        "nights_total": len(nights),
        "months": period_figures(months, "month"),
        "rate_labels": RATE_LABELS,
        "largest": largest_attacks(attacks),
        "weapons": weapon_breakdown(attacks),
        "markers": markers,
        "unlocated": unlocated,
        "landmarks": landmarks(),
        "map": {"width": MAP_WIDTH, "height": map_height(), "outline": outline_path()},
    }


def recent_since(newest: date | None) -> date | None:
    """The first night the page holds: ``RECENT_DAYS`` before the newest."""
    return newest - timedelta(days=RECENT_DAYS) if newest else None


def store_markers(store: Store) -> tuple[list[dict[str, Any]], list[str]]:
    """``map_markers`` of the attacks, from the places the store keeps per event."""
    markers, unlocated = [], []
    for place, count, first in overview.place_counts(store):
        point = coordinates(place)
        if point is None or not in_ukraine_box(point):
            unlocated.append(place)
            continue
        x, y = project(*point)
        markers.append({"name": place, "x": x, "y": y, "events": count, "first": first})
    return markers, unlocated


def store_dashboard(store: Store) -> dict[str, Any]:
    """``dashboard_data`` of every event, by queries in the database (no event is loaded)."""
    markers, unlocated = store_markers(store)
    since = recent_since(nightly.newest_night(store))
    return {
        "nights": nightly.nights(store, since),
        "nights_total": nightly.count_nights(store),
        "months": nightly.periods(store, "month", since.replace(day=1) if since else None),
        "rate_labels": RATE_LABELS,
        "largest": overview.largest_attacks(store),
        "weapons": overview.weapon_breakdown(store),
        "markers": markers,
        "unlocated": unlocated,
        "landmarks": landmarks(),
        "map": {"width": MAP_WIDTH, "height": map_height(), "outline": outline_path()},
    }


def cached_dashboard(state: Any, store: Store) -> tuple[dict[str, Any], dict[str, int]]:
    """``store_dashboard`` and how much the ledger holds (``queries.counts``), computed again
    only when the ledger changed (kept on the app's ``state``); failures and runs, which come
    without a change to the ledger, are counted each time."""
    version = index.version(store)
    cached = getattr(state, "dashboard_cache", None)
    if cached is None or cached[0] != version:
        cached = (version, store_dashboard(store), queries.ledger_counts(store))
        state.dashboard_cache = cached
    data: dict[str, Any] = cached[1]
    return data, {**cached[2], **queries.log_counts(store)}
