"""Flat views of events for tables, CSV and charts (the ledger's figures, never re-derived)."""

from __future__ import annotations

from typing import Any

from skyledger.models import SCOPES, Event, Figure, Quantity


def figure(event: Event, key: str) -> Figure | None:
    return next((f for f in event.figures if f.key == key), None)


def value_text(quantity: Quantity | None) -> str:
    """``704``, ``>700``, ``≥8``, ``≤100``, ``~90``, or empty."""
    if quantity is None:
        return ""
    if quantity.exact is not None:
        return str(quantity.exact)
    if quantity.approx is not None:
        return f"~{quantity.approx}"
    if quantity.min is not None and quantity.max is not None:
        return f"{quantity.min}–{quantity.max}"
    if quantity.min is not None:
        return f"≥{quantity.min}"
    return f"≤{quantity.max}"


def interception_rate(event: Event, scope: str = "total") -> float | None:
    """Downed / launched for one scope, when both are exact (or approximate) figures."""
    launched, downed = figure(event, f"launched.{scope}"), figure(event, f"downed.{scope}")
    if launched is None or downed is None:
        return None
    a, b = launched.quantity, downed.quantity
    if a.form == "bound" or b.form == "bound" or a.point() <= 0:
        return None
    return round(b.point() / a.point(), 4)


def night_label(event: Event) -> str:
    window = event.window
    if window.night:
        return window.night.isoformat()
    if window.start:
        return window.start.strftime("%Y-%m-%d %H:%M")
    return ""


def attack_row(event: Event) -> dict[str, Any]:
    """One attack as a flat row: figures per scope, interception rate, sources, conflicts."""
    row: dict[str, Any] = {"id": event.id, "night": night_label(event)}
    for measure in ("launched", "downed"):
        for scope in SCOPES:
            fig = figure(event, f"{measure}.{scope}")
            row[f"{measure}_{scope}"] = value_text(fig.quantity if fig else None)
    rate = interception_rate(event)
    row["interception_rate"] = rate
    for key in ("hit_locations", "killed", "wounded"):
        fig = figure(event, key)
        row[key] = value_text(fig.quantity if fig else None)
    row["places"] = list(event.places)
    row["sources"] = len(event.sources)
    row["conflicts"] = len(event.conflicts)
    return row


def event_row(event: Event) -> dict[str, Any]:
    """Any event as a flat row: kind, when, where, figures, sources, conflicts."""
    return {
        "id": event.id,
        "kind": event.kind,
        "night": night_label(event),
        "places": list(event.places),
        "figures": {f.key: value_text(f.quantity) for f in event.figures},
        "sources": len(event.sources),
        "conflicts": list(event.conflicts),
    }
