"""JSON views of ledger objects for the API (plain dicts, built once from the models)."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from skyledger.ledger.cards import event_summary, figure_view
from skyledger.models import Event
from skyledger.store.search import ClaimHit


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


def claim_hit_view(hit: ClaimHit) -> dict[str, Any]:
    """A claim as JSON, with ``day``: its night, else its document's date."""
    day = hit.day
    return {**hit.claim.model_dump(mode="json"), "day": day.isoformat() if day else None}


def display_source(source: str) -> str:
    """A failure's input as shown to the world: never a path of the server's own disk (rows
    recorded before sources were named from their folder keep only the last two parts)."""
    for path in (PurePosixPath(source), PureWindowsPath(source)):
        if path.is_absolute() and "://" not in source:
            return "/".join(path.parts[-2:])
    return source


def failure_view(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "source": display_source(str(row.get("source", "")))}
