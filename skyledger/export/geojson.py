"""GeoJSON export: each place hit in an attack as a Point Feature, with the attacks (and
figures) naming it.

Only overnight attacks' places hit count (a venue of talks is no place hit), and only places
the gazetteer locates in Ukraine: a name it does not hold is listed under the collection's
``unlocated`` member, a place outside Ukraine (a launch area, Moscow) under ``not_in_ukraine``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from skyledger.export.base import Written
from skyledger.export.coords import coordinates, in_ukraine
from skyledger.ledger.summary import night_label, value_text
from skyledger.models import Event

#: Event kinds whose places are places hit.
ATTACK_KINDS = frozenset({"air_attack"})


def _event_summary(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "night": night_label(event),
        "figures": {f.key: value_text(f.quantity) for f in event.figures},
    }


def place_events(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Place hit → the attacks that name it, in event order (the events themselves: for a
    ledger's page, such as the dashboard; the export keeps summaries only)."""
    out: dict[str, list[Event]] = {}
    for event in events:
        if event.kind not in ATTACK_KINDS:
            continue
        for place in event.places:
            out.setdefault(place, []).append(event)
    return out


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    """The FeatureCollection of the places hit, taking each event once: a place's feature
    keeps a small summary of each attack naming it (id, kind, night, figures), never the
    event, so the memory is that of the output, not of the events read."""
    named: dict[str, list[dict[str, Any]]] = {}  # place with a point → its attacks
    points: dict[str, tuple[float, float]] = {}
    unlocated: set[str] = set()
    abroad: set[str] = set()
    for event in events:
        if event.kind not in ATTACK_KINDS:
            continue
        summary: dict[str, Any] | None = None
        for place in event.places:
            point = points.get(place) or coordinates(place)
            if point is None:
                unlocated.add(place)
            elif not in_ukraine(place):
                abroad.add(place)
            else:
                summary = summary or _event_summary(event)
                named.setdefault(place, []).append(summary)
                points[place] = point
    features: list[dict[str, Any]] = []
    for place, found in sorted(named.items()):
        lat, lon = points[place]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "name": place,
                    "event_ids": [s["id"] for s in found],
                    "events": found,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "unlocated": sorted(unlocated),
        "not_in_ukraine": sorted(abroad),
    }


def export_geojson(
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write the FeatureCollection; return how many features."""
    data = feature_collection(events)
    with path.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    notes = [f"not on the map (no coordinates in the gazetteer): {', '.join(data['unlocated'])}"]
    return Written(len(data["features"]), notes if data["unlocated"] else [])
