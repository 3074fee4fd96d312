"""Flat rows of the ledger shared by the CSV and Parquet exports: one row per event figure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from skyledger.ledger.summary import night_label, value_text
from skyledger.models import Event, Figure

#: Column order of the CSV and Parquet exports.
FIGURE_COLUMNS: tuple[str, ...] = (
    "event_id",
    "kind",
    "night",
    "start",
    "end",
    "places",
    "key",
    "value",
    "exact",
    "min",
    "max",
    "approx",
    "claimant",
    "conflict",
    "claims",
    "sources",
    "sentence",
)
INT_COLUMNS = frozenset({"event_id", "exact", "min", "max", "approx", "claims", "sources"})


def _when(event: Event) -> dict[str, Any]:
    window = event.window
    return {
        "night": night_label(event),
        "start": window.start.isoformat() if window.start else None,
        "end": window.end.isoformat() if window.end else None,
    }


def _figure(fig: Figure | None) -> dict[str, Any]:
    if fig is None:
        empty: dict[str, Any] = dict.fromkeys(("key", "exact", "min", "max", "approx"))
        return {**empty, "value": "", "claimant": None, "conflict": False, "claims": 0}
    q = fig.quantity
    spans = [s for c in fig.claims for s in c.spans]
    return {
        "key": fig.key,
        "value": value_text(q),
        "exact": q.exact,
        "min": q.min,
        "max": q.max,
        "approx": q.approx,
        "claimant": fig.claimant,
        "conflict": fig.conflict,
        "claims": len(fig.claims),
        "sentence": spans[0].sentence if spans else None,
    }


def figure_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """One row per (event, figure); an event with no figures gives one row with no key."""
    rows: list[dict[str, Any]] = []
    for event in events:
        base = {
            "event_id": event.id,
            "kind": event.kind,
            **_when(event),
            "places": "; ".join(event.places),
            "sources": len(event.sources),
        }
        figures: list[Figure | None] = list(event.figures) or [None]
        for fig in figures:
            row = {**base, "sentence": None, **_figure(fig)}
            rows.append({col: row.get(col) for col in FIGURE_COLUMNS})
    return rows
