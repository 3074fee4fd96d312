"""The piterfm "Massive Missile Attacks on Ukraine" CSV: one row per attack and weapon model.

The drones of a night go into one ``Shahed-136/131`` row (the dataset counts decoys there too),
with ``is_shahed`` and ``turbojet`` from the per-model figures. Missiles get one row per model;
a remainder the models do not account for goes into an ``Unknown Missile`` row. Counts of
locations hit and of debris sites go on the first row of the night, as the dataset does.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from skyledger.ledger.summary import figure
from skyledger.models import KYIV, Event
from skyledger.resources import weapons

COLUMNS: tuple[str, ...] = (
    "time_start", "time_end", "model", "launch_place", "target", "target_main", "launched",
    "destroyed", "not_reach_goal", "still_attacking", "border_crossing", "is_shahed",
    "num_hit_location", "num_fall_fragment_location", "carrier", "turbojet",
    "turbojet_destroyed", "affected region", "destroyed_details", "launched_details",
    "launch_place_details", "source",
)  # fmt: skip
#: Our weapon ids (one part of a group id) → the dataset's spelling.
MODEL_NAMES: dict[str, str] = {
    "shahed": "Shahed-136/131", "kh-101": "X-101", "kh-555": "X-555", "kh-55": "X-55",
    "kalibr": "Kalibr", "iskander-k": "Iskander-K", "iskander-m": "Iskander-M", "kn-23": "KN-23",
    "kinzhal": "X-47 Kinzhal", "kh-22": "X-22", "kh-32": "X-32", "kh-59": "X-59",
    "kh-69": "X-69", "kh-31p": "X-31P", "kh-35": "X-35", "zircon": "3M22 Zircon",
    "oniks": "P-800 Oniks", "s-300": "C-300", "s-400": "C-400", "orlan-10": "Orlan-10",
    "zala": "ZALA", "supercam": "Supercam", "lancet": "Lancet", "merlin-vr": "Merlin-VR",
    "cruise": "Unknown Missile", "ballistic": "Ballistic Missile", "guided-air": "Unknown Missile",
    "kab": "Aerial Bomb",
}  # fmt: skip
SHAHED_ROW = "Shahed-136/131"
UNKNOWN_MISSILE = "Unknown Missile"


def model_name(weapon_id: str) -> str:
    """``kh-101/kh-555`` → ``X-101/X-555``; unknown parts keep our id."""
    return "/".join(MODEL_NAMES.get(part, part) for part in weapon_id.split("/"))


def _kind(weapon_id: str) -> str:
    found = weapons().get(weapon_id) or weapons().get(weapon_id.split("/")[0])
    return found.kind if found is not None else "missile"


def _value(event: Event, key: str) -> int | None:
    fig = figure(event, key)
    return fig.quantity.point() if fig is not None else None


def _time(moment: datetime | None) -> str:
    return moment.astimezone(KYIV).strftime("%Y-%m-%d %H:%M") if moment else ""


def _window(event: Event) -> tuple[str, str]:
    w = event.window
    start, end = _time(w.start), _time(w.end or w.as_of)
    if w.night is not None:
        start = start or (w.night - timedelta(days=1)).isoformat()
        end = end or w.night.isoformat()
    return start, end


def _models(event: Event) -> list[str]:
    found = {
        f.key.split(":", 1)[1]
        for f in event.figures
        if f.key.startswith(("launched.model:", "downed.model:"))
    }
    return sorted(found)


def _scope_row(event: Event, scope: str, model: str) -> dict[str, Any]:
    return {
        "model": model,
        "launched": _value(event, f"launched.{scope}"),
        "destroyed": _value(event, f"downed.{scope}"),
        "not_reach_goal": _value(event, f"lost.{scope}"),
    }


def _drone_rows(event: Event, models: list[str]) -> list[dict[str, Any]]:
    drones = [m for m in models if _kind(m) != "missile"]
    if figure(event, "launched.drones") is None and figure(event, "downed.drones") is None:
        return [_scope_row(event, f"model:{m}", model_name(m)) for m in drones]
    row = _scope_row(event, "drones", SHAHED_ROW)
    row["is_shahed"] = _value(event, "launched.model:shahed")
    row["turbojet"] = _value(event, "launched.model:shahed-jet")
    row["turbojet_destroyed"] = _value(event, "downed.model:shahed-jet")
    return [row]


def _missile_rows(event: Event, models: list[str]) -> list[dict[str, Any]]:
    rows = [_scope_row(event, f"model:{m}", model_name(m)) for m in models if _kind(m) == "missile"]
    total = _scope_row(event, "missiles", UNKNOWN_MISSILE)
    if not rows:
        return [total] if total["launched"] is not None or total["destroyed"] is not None else []
    rest: dict[str, Any] = {"model": UNKNOWN_MISSILE}
    for col in ("launched", "destroyed"):
        if total[col] is None or any(r[col] is None for r in rows):
            return rows
        rest[col] = total[col] - sum(r[col] for r in rows)
    return [*rows, rest] if rest["launched"] > 0 else rows


def _launch_places(event: Event) -> str:
    names = {p for c in event.claims if c.kind == "launch_area" for p in c.places}
    return " and ".join(sorted(names))


def event_rows(event: Event) -> list[dict[str, Any]]:
    """The dataset's rows for one air attack (none for other kinds of event)."""
    if event.kind != "air_attack":
        return []
    models = _models(event)
    rows = _drone_rows(event, models) + _missile_rows(event, models)
    start, end = _window(event)
    common = {
        "time_start": start, "time_end": end, "launch_place": _launch_places(event),
        "target": "Ukraine", "border_crossing": "{}", "source": " | ".join(event.sources),
    }  # fmt: skip
    if rows:
        rows[0]["num_hit_location"] = _value(event, "hit_locations")
        rows[0]["num_fall_fragment_location"] = _value(event, "debris_locations")
        rows[0]["affected region"] = repr(list(event.places)) if event.places else None
    return [{col: {**common, **row}.get(col) for col in COLUMNS} for row in rows]


def export_piterfm(events: Iterable[Event], path: Path) -> int:
    """Write the dataset's columns; return how many rows."""
    rows = [row for event in events for row in event_rows(event)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
