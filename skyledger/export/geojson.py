"""GeoJSON export: each place hit as a Point Feature with the events (and figures) naming it.

Places with no known coordinates are listed under the collection's ``unlocated`` member.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from skyledger.export.coords import coordinates
from skyledger.ledger.summary import night_label, value_text
from skyledger.models import Event


def _event_summary(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "night": night_label(event),
        "figures": {f.key: value_text(f.quantity) for f in event.figures},
    }


def place_events(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Place name → the events that name it, in event order."""
    out: dict[str, list[Event]] = {}
    for event in events:
        for place in event.places:
            out.setdefault(place, []).append(event)
    return out


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    features: list[dict[str, Any]] = []
    unlocated: list[str] = []
    for place, found in sorted(place_events(events).items()):
        point = coordinates(place)
        if point is None:
            unlocated.append(place)
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
    return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


def export_geojson(events: Iterable[Event], path: Path) -> int:
    """Write the FeatureCollection; return how many features."""
    data = feature_collection(events)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(data["features"])
