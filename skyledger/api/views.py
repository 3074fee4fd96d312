"""JSON views of ledger objects for the API (plain dicts, built once from the models)."""

from __future__ import annotations

from typing import Any

from skyledger.ledger.summary import interception_rate, night_label, value_text
from skyledger.models import Event, Figure


def figure_view(fig: Figure) -> dict[str, Any]:
    return {
        "key": fig.key,
        "value": value_text(fig.quantity),
        "quantity": fig.quantity.model_dump(mode="json", exclude_none=True),
        "claimant": fig.claimant,
        "conflict": fig.conflict,
        "claims": len(fig.claims),
        "note": fig.note,
    }


def event_summary(event: Event) -> dict[str, Any]:
    window = event.window.model_dump(mode="json")
    return {
        "id": event.id,
        "kind": event.kind,
        "night": night_label(event),
        "window": window,
        "places": list(event.places),
        "figures": [figure_view(f) for f in event.figures],
        "rates": {s: interception_rate(event, s) for s in ("drones", "missiles", "total")},
        "sources": list(event.sources),
        "conflicts": list(event.conflicts),
    }


def event_detail(event: Event) -> dict[str, Any]:
    """The summary plus every figure's claims (with spans) and the event's claims."""
    body = event_summary(event)
    body["figures"] = [
        {**figure_view(f), "claims": [c.model_dump(mode="json") for c in f.claims]}
        for f in event.figures
    ]
    body["claims"] = [c.model_dump(mode="json") for c in event.claims]
    return body


def matches_place(event: Event, place: str) -> bool:
    needle = place.strip().lower()
    return any(needle in p.lower() for p in event.places)


def matches_weapon(event: Event, weapon: str) -> bool:
    """The event has a figure for that weapon id (or a group holding it)."""
    needle = weapon.strip().lower()
    for fig in event.figures:
        _, _, scope = fig.key.partition(".model:")
        if scope and (scope == needle or needle in scope.split("/")):
            return True
    return False
