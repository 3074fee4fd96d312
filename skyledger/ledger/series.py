"""Launched, downed and interception rate of attack events per night and per ISO week (the
API's ``/api/stats`` and the dashboard's charts): the ledger's figures, summed, never
re-derived."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from skyledger.ledger.summary import figure, interception_rate
from skyledger.models import Event

#: The scopes every night and week reports, before the per-model ones.
SERIES_SCOPES = ("drones", "missiles", "total")


@dataclass(slots=True)
class Tally:
    """Launched and downed for one scope; the rate counts only periods with both figures."""

    launched: int | None = None
    downed: int | None = None
    paired_launched: int = 0
    paired_downed: int = 0

    def add(self, launched: int | None, downed: int | None) -> None:
        if launched is not None:
            self.launched = (self.launched or 0) + launched
        if downed is not None:
            self.downed = (self.downed or 0) + downed
        if launched is not None and downed is not None and launched > 0:
            self.paired_launched += launched
            self.paired_downed += downed

    def as_dict(self) -> dict[str, Any]:
        rate = round(self.paired_downed / self.paired_launched, 4) if self.paired_launched else None
        return {"launched": self.launched, "downed": self.downed, "rate": rate}


def _point(event: Event, key: str) -> int | None:
    fig = figure(event, key)
    return fig.quantity.point() if fig is not None else None


def event_scopes(event: Event) -> list[str]:
    """``drones``, ``missiles``, ``total`` and every ``model:…`` scope the event has figures for."""
    models = sorted(
        {
            f.key.split(".", 1)[1]
            for f in event.figures
            if f.key.startswith(("launched.model:", "downed.model:"))
        }
    )
    return [*SERIES_SCOPES, *models]


def night_stats(event: Event) -> dict[str, Any]:
    """One attack's launched, downed and rate per scope (exact figures give the rate)."""
    scopes: dict[str, Any] = {}
    for scope in event_scopes(event):
        launched, downed = _point(event, f"launched.{scope}"), _point(event, f"downed.{scope}")
        if launched is None and downed is None:
            continue
        scopes[scope] = {
            "launched": launched,
            "downed": downed,
            "rate": interception_rate(event, scope),
        }
    night = event.window.night
    return {"night": night.isoformat() if night else None, "event_id": event.id, **scopes}


@dataclass(slots=True)
class Week:
    start: date
    nights: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    def as_dict(self) -> dict[str, Any]:
        year, week, _ = self.start.isocalendar()
        return {
            "week": f"{year}-W{week:02d}",
            "start": self.start.isoformat(),
            "nights": self.nights,
            **{scope: tally.as_dict() for scope, tally in sorted(self.tallies.items())},
        }


def weekly_stats(nights: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per-night stats summed per ISO week (Monday first)."""
    weeks: dict[date, Week] = {}
    for row in nights:
        if not row["night"]:
            continue
        day = date.fromisoformat(row["night"])
        monday = day - timedelta(days=day.weekday())
        week = weeks.setdefault(monday, Week(monday))
        week.nights += 1
        for scope, values in row.items():
            if isinstance(values, dict):
                week.tallies[scope].add(values["launched"], values["downed"])
    return [weeks[k].as_dict() for k in sorted(weeks)]
