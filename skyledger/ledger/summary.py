"""Flat views of events for tables, CSV, the API and charts: the ledger's figures as stated,
labelled, with the rates computed one way everywhere.

Two rates, as the Air Force reports them:

- **shot down**: ``downed / launched`` (``downed`` is the reports' "збито/подавлено", shot down
  or suppressed by electronic warfare);
- **neutralised**: ``(downed + lost) / launched``, where ``lost`` is "локаційно втрачено" (lost
  from radar, brought down by electronic warfare); only when the night has a ``lost`` figure.

A rate is computed only from exact (or approximate) figures, never from a bound. A rate above
100 % means the figures disagree; it is kept and flagged (``flag``), never shown bare.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from skyledger.models import SCOPES, Event, Figure, Quantity

MEASURES = ("launched", "downed", "lost")
#: The flag a rate above 100 % carries.
OVER_100 = "more downed than launched: the figures disagree"
RATE_LABELS = {
    "shot_down": "shot down or suppressed / launched",
    "neutralised": "shot down, suppressed or lost to electronic warfare / launched",
}


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


def point(event: Event, key: str) -> int | None:
    """The figure's representative number (a bound gives its bound), or None."""
    fig = figure(event, key)
    return fig.quantity.point() if fig is not None else None


def _catalogue_kind(weapon: str) -> str:
    from skyledger.resources import weapons

    found = weapons().get(weapon)
    return found.kind if found is not None else "missile"


def _models_of(event: Event, measure: str, kind: str) -> list[Quantity]:
    return [
        fig.quantity
        for fig in event.figures
        if (parts := fig.key.partition(".model:"))[0] == measure
        and parts[2]
        and _catalogue_kind(parts[2]) == kind
    ]


def _parts(event: Event, measure: str) -> list[Quantity]:
    """What a night's ``measure`` counts when it states no total: its drones (else the drone
    models), its missiles (else the missile models) and the munitions counted on their own."""
    out: list[Quantity] = []
    for scope, kind in (("drones", "drone"), ("missiles", "missile")):
        fig = figure(event, f"{measure}.{scope}")
        out.extend([fig.quantity] if fig is not None else _models_of(event, measure, kind))
    return out + _models_of(event, measure, "loitering-munition")


def measure_total(event: Event, measure: str) -> int | None:
    """A night's ``measure`` (launched, downed, lost) in all: its ``total`` figure, else the
    sum of its parts (``_parts``)."""
    total = point(event, f"{measure}.total")
    if total is not None:
        return total
    parts = _parts(event, measure)
    return sum(q.point() for q in parts) if parts else None


def _count(event: Event, measure: str, scope: str) -> int | None:
    """An exact (or approximate) count for a rate; None for a bound or no figure."""
    fig = figure(event, f"{measure}.{scope}")
    if fig is not None:
        return None if fig.quantity.form == "bound" else fig.quantity.point()
    if scope != "total":
        return None
    parts = _parts(event, measure)
    if not parts or any(q.form == "bound" for q in parts):
        return None
    return sum(q.point() for q in parts)


@dataclass(frozen=True, slots=True)
class Rates:
    """The two rates of one scope; ``flag`` says why a rate is above 100 %."""

    shot_down: float | None = None
    neutralised: float | None = None
    flag: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"shot_down": self.shot_down, "neutralised": self.neutralised, "flag": self.flag}


def rates_of(launched: int | None, downed: int | None, lost: int | None) -> Rates:
    if not launched or launched <= 0 or downed is None:
        return Rates()
    shot_down = round(downed / launched, 4)
    neutralised = round((downed + lost) / launched, 4) if lost is not None else None
    over = shot_down > 1 or (neutralised is not None and neutralised > 1)
    return Rates(shot_down, neutralised, OVER_100 if over else None)


def rates(event: Event, scope: str = "total") -> Rates:
    """The shot-down and neutralised rates of one scope of an attack."""
    return rates_of(*(_count(event, m, scope) for m in MEASURES))


def rate_text(value: float | None, flag: str | None = None) -> str:
    """``87%``; a rate above 100 % gets ``⚠``; nothing when there is no rate."""
    if value is None:
        return ""
    return f"{value:.0%}" + (" ⚠" if flag and value > 1 else "")


def night_label(event: Event) -> str:
    """The night as ``YYYY-MM-DD``; an event with no night gives its start's date (or "")."""
    window = event.window
    if window.night:
        return window.night.isoformat()
    if window.start:
        return window.start.date().isoformat()
    return ""


def attack_row(event: Event) -> dict[str, Any]:
    """One attack as a flat row: figures per scope, lost, both rates, sources, conflicts."""
    row: dict[str, Any] = {"id": event.id, "night": night_label(event)}
    for measure in ("launched", "downed"):
        for scope in SCOPES:
            fig = figure(event, f"{measure}.{scope}")
            row[f"{measure}_{scope}"] = value_text(fig.quantity if fig else None)
    lost = measure_total(event, "lost")
    row["lost_total"] = "" if lost is None else str(lost)
    found = rates(event)
    row["shot_down_rate"] = found.shot_down
    row["neutralised_rate"] = found.neutralised
    row["rate_flag"] = found.flag
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


def event_scopes(event: Event) -> list[str]:
    """``total``, ``drones``, ``missiles`` and every ``model:…`` scope with a figure."""
    models = {
        f.key.split(".", 1)[1]
        for f in event.figures
        if f.key.startswith(("launched.model:", "downed.model:", "lost.model:"))
    }
    return [*SCOPES, *sorted(models)]


def night_figures(event: Event) -> dict[str, Any]:
    """One attack's launched, downed and lost per scope, with both rates."""
    row: dict[str, Any] = {"night": night_label(event) or None, "event_id": event.id}
    for scope in event_scopes(event):
        if scope == "total":
            values = {m: measure_total(event, m) for m in MEASURES}
        else:
            values = {m: point(event, f"{m}.{scope}") for m in MEASURES}
        if values["launched"] is None and values["downed"] is None:
            continue
        row[scope] = {**values, **rates(event, scope).as_dict()}
    return row


@dataclass(slots=True)
class Tally:
    """Launched, downed and lost of one scope over a period; the rates count only the
    nights that give both launched and downed (and lost, for the neutralised rate)."""

    launched: int | None = None
    downed: int | None = None
    lost: int | None = None
    paired: list[tuple[int, int, int | None]] = field(default_factory=list)

    def add(self, values: dict[str, Any]) -> None:
        for measure in MEASURES:
            if values.get(measure) is not None:
                setattr(self, measure, (getattr(self, measure) or 0) + values[measure])
        launched, downed = values.get("launched"), values.get("downed")
        if launched and downed is not None and values.get("shot_down") is not None:
            self.paired.append((launched, downed, values.get("lost")))

    def as_dict(self) -> dict[str, Any]:
        launched = sum(p[0] for p in self.paired)
        downed = sum(p[1] for p in self.paired)
        with_lost = [p for p in self.paired if p[2] is not None]
        found = rates_of(launched, downed, None)
        neutralised = None
        if with_lost:
            lost_rates = rates_of(
                sum(p[0] for p in with_lost),
                sum(p[1] for p in with_lost),
                sum(p[2] or 0 for p in with_lost),
            )
            neutralised = lost_rates.neutralised
        flag = found.flag or (OVER_100 if neutralised and neutralised > 1 else None)
        return {
            "launched": self.launched,
            "downed": self.downed,
            "lost": self.lost,
            "shot_down": found.shot_down,
            "neutralised": neutralised,
            "flag": flag,
            "nights_paired": len(self.paired),
        }


def period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}: week or month")


def period_figures(nights: list[dict[str, Any]], period: str) -> list[dict[str, Any]]:
    """``night_figures`` rows summed per ISO week (Monday first) or calendar month."""
    starts: dict[date, dict[str, Tally]] = {}
    counts: dict[date, int] = defaultdict(int)
    for row in nights:
        if not row.get("night"):
            continue
        start = period_start(date.fromisoformat(row["night"]), period)
        tallies = starts.setdefault(start, defaultdict(Tally))
        counts[start] += 1
        for scope, values in row.items():
            if isinstance(values, dict):
                tallies[scope].add(values)
    out = []
    for start in sorted(starts):
        label = start.strftime("%Y-%m")
        if period == "week":
            year, week, _ = start.isocalendar()
            label = f"{year}-W{week:02d}"
        out.append(
            {
                period: label,
                "start": start.isoformat(),
                "nights": counts[start],
                **{s: t.as_dict() for s, t in sorted(starts[start].items())},
            }
        )
    return out


def interception_rate(event: Event, scope: str = "total") -> float | None:
    """Downed / launched of one scope (the shot-down rate), when both are exact or
    approximate; prefer ``rates``, which also gives the neutralised rate and the flag."""
    return rates(event, scope).shot_down
