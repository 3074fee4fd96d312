"""An event's card: what a list of events shows of it (the API's ``/api/events`` items):
kind, night, window, places, each figure with how many claims stand behind it, the rates of
each scope, sources and conflicts; no claims. The store keeps each active event's card beside
it, so a page of events reads cards, not whole events."""

from __future__ import annotations

from typing import Any

from skyledger.ledger.summary import night_label, rates, value_text
from skyledger.models import SCOPES, Event, Figure


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
        "rates": {s: rates(event, s).as_dict() for s in SCOPES},
        "sources": list(event.sources),
        "conflicts": list(event.conflicts),
    }
