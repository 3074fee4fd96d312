"""Compare the ledger with a piterfm-format CSV night by night.

A reference row belongs to the night that ends on its ``time_end`` date (Kyiv time) when the
window ends in the morning, runs overnight, or gives dates only; a daytime window (start and
end on one day, ending in the afternoon) is left out. Rows are summed per night. By default only
the Air Force's own posts count (``source`` containing ``kpszsu``): the regional commands'
daily tallies would count a night twice. Our side is each overnight attack's
``launched.total`` / ``downed.total``, else drones + missiles + munitions counted on their own
(``ledger.summary.measure_total``, the same totals the piterfm export adds up to).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from skyledger.errors import ReadError
from skyledger.ledger.summary import measure_total
from skyledger.models import Event

MEASURES = ("launched", "destroyed")
STATUSES = ("exact", "within_5pct", "differing", "only_ours", "only_reference")
MORNING_HOUR = 14
DEFAULT_SOURCE = "kpszsu"


@dataclass(slots=True)
class NightTotals:
    launched: int | None = None
    destroyed: int | None = None
    rows: int = 0

    def add(self, measure: str, value: int | None) -> None:
        if value is not None:
            setattr(self, measure, (getattr(self, measure) or 0) + value)


@dataclass(frozen=True, slots=True)
class NightComparison:
    night: date
    ours: NightTotals | None
    reference: NightTotals | None
    status: dict[str, str]


@dataclass(slots=True)
class Comparison:
    nights: list[NightComparison] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    skipped_rows: int = 0  # reference rows left out (daytime or undated)

    def sides(self) -> dict[str, int]:
        """How many nights are on both sides, only in ours, only in the reference."""
        both = sum(1 for r in self.nights if r.ours is not None and r.reference is not None)
        ours = sum(1 for r in self.nights if r.reference is None)
        return {"both": both, "only_ours": ours, "only_reference": len(self.nights) - both - ours}

    def summary(self) -> dict[str, dict[str, int]]:
        out = {m: dict.fromkeys(STATUSES, 0) for m in MEASURES}
        for row in self.nights:
            for measure in MEASURES:
                status = row.status[measure]
                if status in out[measure]:
                    out[measure][status] += 1
        return out


def _moment(value: str) -> tuple[date, int | None] | None:
    """``2026-06-07 08:30`` → (date, hour); ``2026-06-07`` → (date, None); else None."""
    parts = value.strip().split()
    try:
        day = date.fromisoformat(parts[0])
        hour = int(parts[1].split(":")[0]) if len(parts) > 1 else None
    except (IndexError, ValueError):
        return None
    return day, hour


def reference_night(time_start: str, time_end: str) -> date | None:
    """The night a reference row counts for, or None for a daytime (or unreadable) row."""
    end, start = _moment(time_end), _moment(time_start)
    if end is None:
        return None
    day, hour = end
    overnight = start is not None and start[0] < day
    if hour is None or hour < MORNING_HOUR or overnight:
        return day
    return None


def _number(value: str | None) -> int | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return None if math.isnan(number) else round(number)


def read_reference(path: Path, source: str = DEFAULT_SOURCE) -> tuple[dict[date, NightTotals], int]:
    """Reference totals per night, and how many rows were left out (daytime or unreadable)."""
    nights: dict[date, NightTotals] = {}
    skipped = 0
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = {"time_start", "time_end", "launched", "destroyed"} - set(
                reader.fieldnames or ()
            )
            if missing:
                raise ReadError(str(path), f"not a piterfm CSV: no {', '.join(sorted(missing))}")
            for row in reader:
                if source and source.lower() not in (row.get("source") or "").lower():
                    continue
                night = reference_night(row["time_start"], row["time_end"])
                if night is None:
                    skipped += 1
                    continue
                totals = nights.setdefault(night, NightTotals())
                totals.rows += 1
                for measure in MEASURES:
                    totals.add(measure, _number(row[measure]))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReadError(str(path), f"cannot read: {exc}") from exc
    return nights, skipped


def _point(event: Event, measure: str) -> int | None:
    return measure_total(event, "launched" if measure == "launched" else "downed")


def ledger_nights(events: Iterable[Event]) -> dict[date, NightTotals]:
    """Our overnight attacks' totals per night."""
    nights: dict[date, NightTotals] = {}
    for event in events:
        if event.kind != "air_attack" or event.window.night is None:
            continue
        totals = nights.setdefault(event.window.night, NightTotals())
        totals.rows += 1
        for measure in MEASURES:
            totals.add(measure, _point(event, measure))
    return nights


def agreement(ours: int | None, reference: int | None) -> str:
    if ours is None and reference is None:
        return "none"
    if reference is None:
        return "only_ours"
    if ours is None:
        return "only_reference"
    if ours == reference:
        return "exact"
    if abs(ours - reference) <= 0.05 * max(abs(ours), abs(reference)):
        return "within_5pct"
    return "differing"


def compare_nights(
    ours: dict[date, NightTotals],
    reference: dict[date, NightTotals],
    since: date | None = None,
    until: date | None = None,
) -> Comparison:
    """Night-by-night agreement; without bounds, the span of our nights is compared."""
    first = since or min(ours, default=None)
    last = until or max(ours, default=None)
    result = Comparison(first=first, last=last)
    for night in sorted(set(ours) | set(reference)):
        if (first and night < first) or (last and night > last):
            continue
        a, b = ours.get(night), reference.get(night)
        status = {
            m: agreement(getattr(a, m) if a else None, getattr(b, m) if b else None)
            for m in MEASURES
        }
        result.nights.append(NightComparison(night, a, b, status))
    return result


def _cell(totals: NightTotals | None, measure: str) -> str:
    value = getattr(totals, measure) if totals else None
    return "" if value is None else str(value)


def render_summary(result: Comparison) -> list[str]:
    span = f"{result.first or '…'} to {result.last or '…'}"
    sides = result.sides()
    lines = [
        f"nights compared: {len(result.nights)} ({span}); on both sides {sides['both']}, "
        f"only ours {sides['only_ours']}, only reference {sides['only_reference']}"
    ]
    for measure, counts in result.summary().items():
        lines.append(f"{measure}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return lines


def render_text(result: Comparison, table: bool = True) -> str:
    """The comparison as a plain-text table and a summary (what ``skyledger compare`` prints)."""
    if not table:
        return "\n".join(render_summary(result))
    head = f"{'night':<10}  {'ours L':>7} {'ref L':>7} {'launched':<14} "
    head += f"{'ours D':>7} {'ref D':>7} destroyed"
    lines = [head]
    for row in result.nights:
        line = f"{row.night.isoformat():<10}  "
        for i, measure in enumerate(MEASURES):
            line += f"{_cell(row.ours, measure):>7} {_cell(row.reference, measure):>7} "
            line += f"{row.status[measure]:<14} " if i == 0 else row.status[measure]
        lines.append(line.rstrip())
    return "\n".join([*lines, "", *render_summary(result)])
