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
    """Place hit → the attacks that name it, in event order."""
    out: dict[str, list[Event]] = {}
    for event in events:
        if event.kind not in ATTACK_KINDS:
            continue
        for place in event.places:
            out.setdefault(place, []).append(event)
    return out


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    features: list[dict[str, Any]] = []
    unlocated: list[str] = []
    abroad: list[str] = []
    for place, found in sorted(place_events(events).items()):
        point = coordinates(place)
        if point is None:
            unlocated.append(place)
            continue
        if not in_ukraine(place):
            abroad.append(place)
            continue
        lat, lon = point
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "name": place,
                    "event_ids": [e.id for e in found],
                    "events": [_event_summary(e) for e in found],
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "unlocated": unlocated,
        "not_in_ukraine": abroad,
    }


def export_geojson(
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write the FeatureCollection; return how many features."""
    data = feature_collection(events)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    notes = [f"not on the map (no coordinates in the gazetteer): {', '.join(data['unlocated'])}"]
    return Written(len(data["features"]), notes if data["unlocated"] else [])
