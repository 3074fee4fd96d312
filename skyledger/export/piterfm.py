"""The piterfm "Massive Missile Attacks on Ukraine" CSV: one row per night and weapon model.

Model names are the dataset's own, mapped from our weapon ids by
``resources/export/piterfm_models.tsv``; several of our ids that the dataset counts together
(Kh-101, Kh-555, Kh-55) share one row. A night's rows add up to the ledger's launched and
destroyed totals (``ledger.summary.measure_total``):

- the attack drones go into the ``Shahed-136/131`` row (decoys included, as the dataset counts
  them), less the drones of a model with a row of its own (Lancet, Молнія, Orlan-10…);
- each missile model gets its row; missiles no model accounts for go into ``Unknown Missile``;
- munitions counted on their own (Banderol) get their rows;
- when the total holds more than the parts and only one part is missing (drones, or
  missiles), the difference is that part.

A night whose figures contradict each other (parts above the total, or a total with no split
by weapon) cannot be written as the dataset's rows without inventing numbers: it is left out
and named in the notes the export prints. Counts of locations hit and of debris sites go on
the first row of the night, as the dataset does.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from skyledger.errors import ResourceError
from skyledger.export.base import Written
from skyledger.ledger.summary import measure_total, night_label, point
from skyledger.models import KYIV, Event
from skyledger.resources import load_tsv, weapons

COLUMNS: tuple[str, ...] = (
    "time_start", "time_end", "model", "launch_place", "target", "target_main", "launched",
    "destroyed", "not_reach_goal", "still_attacking", "border_crossing", "is_shahed",
    "num_hit_location", "num_fall_fragment_location", "carrier", "turbojet",
    "turbojet_destroyed", "affected region", "destroyed_details", "launched_details",
    "launch_place_details", "source",
)  # fmt: skip
MODELS_FILE = "export/piterfm_models.tsv"
SHAHED_ROW = "Shahed-136/131"
UNKNOWN_MISSILE = "Unknown Missile"
#: Our measures → the dataset's columns.
MEASURES = {"launched": "launched", "downed": "destroyed"}
#: A report's window ending after this hour on the night's day is no overnight window.
MORNING_HOUR = 14


class Contradiction(Exception):
    """A night's figures that no set of the dataset's rows can state (the reason)."""


@cache
def model_names() -> dict[str, str]:
    """Our weapon id → the dataset's model name (``resources/export/piterfm_models.tsv``)."""
    names: dict[str, str] = {}
    for lineno, row in enumerate(load_tsv(MODELS_FILE), start=2):
        weapon, model = row.get("weapon", "").strip(), row.get("model", "").strip()
        if not weapon or not model:
            raise ResourceError(f"resources/{MODELS_FILE}:{lineno}: weapon and model required")
        if weapon in names:
            raise ResourceError(f"resources/{MODELS_FILE}:{lineno}: {weapon!r} listed twice")
        names[weapon] = model
    return names


def model_name(weapon_id: str) -> str:
    """The dataset's name of one of our weapon ids; an id the file does not list is a
    ``ResourceError`` (the integrity test keeps the file complete)."""
    try:
        return model_names()[weapon_id]
    except KeyError as exc:
        raise ResourceError(f"resources/{MODELS_FILE}: no row for weapon {weapon_id!r}") from exc


def _kind(weapon_id: str) -> str:
    found = weapons().get(weapon_id)
    return found.kind if found is not None else "missile"


def is_class(weapon_id: str) -> bool:
    """A class entry of the catalogue (``cruise``, ``ballistic``): missiles of no named model."""
    found = weapons().get(weapon_id)
    return found is not None and found.id == found.cls


@dataclass(slots=True)
class NightRows:
    """One measure's counts per dataset model for one night."""

    drones: dict[str, int] = field(default_factory=dict)
    missiles: dict[str, int] = field(default_factory=dict)
    others: dict[str, int] = field(default_factory=dict)
    unnamed: dict[str, int] = field(default_factory=dict)

    def add(self, block: dict[str, int], model: str, value: int) -> None:
        block[model] = block.get(model, 0) + value

    def total(self) -> int:
        return sum(self.drones.values()) + sum(self.missiles.values()) + sum(self.others.values())

    def merged(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for block in (self.drones, self.missiles, self.others):
            for model, value in block.items():
                out[model] = out.get(model, 0) + value
        return out


def _model_figures(event: Event, measure: str) -> NightRows:
    rows = NightRows()
    for fig in event.figures:
        kind, _, weapon = fig.key.partition(".model:")
        if kind != measure or not weapon:
            continue
        block = {"drone": rows.drones, "missile": rows.missiles}.get(_kind(weapon), rows.others)
        if is_class(weapon):
            block = rows.unnamed
        rows.add(block, model_name(weapon), fig.quantity.point())
    return rows


def _add_unnamed(rows: NightRows, missiles: int | None) -> None:
    """Missiles of a class and no model ("8 cruise missiles") get their rows when the named
    models leave room for them in the missiles figure; else they are the named ones told
    again, and only the room left goes to ``Unknown Missile``."""
    unnamed = sum(rows.unnamed.values())
    room = None if missiles is None else missiles - sum(rows.missiles.values())
    if room is None or unnamed <= room:
        for model, value in rows.unnamed.items():
            rows.add(rows.missiles, model, value)


def _scope_rows(event: Event, measure: str) -> NightRows:
    """A measure's rows from the scope figures (drones, missiles) and the models within."""
    rows = _model_figures(event, measure)
    drones, missiles = point(event, f"{measure}.drones"), point(event, f"{measure}.missiles")
    if drones is not None:
        own = {m: v for m, v in rows.drones.items() if m != SHAHED_ROW}
        rest = drones - sum(own.values())
        if rest < 0:
            raise Contradiction(f"{measure}: drone models add up to more than {drones} drones")
        rows.drones = {SHAHED_ROW: rest, **own}  # 0 when the models hold every drone
    _add_unnamed(rows, missiles)
    if missiles is not None:
        rest = missiles - sum(rows.missiles.values())
        if rest < 0:
            raise Contradiction(
                f"{measure}: missile models add up to more than {missiles} missiles"
            )
        rows.add(rows.missiles, UNKNOWN_MISSILE, rest)  # 0: every missile has its model
    return rows


def measure_rows(event: Event, measure: str) -> dict[str, int]:
    """Dataset model → count for one measure of one attack, adding up to its total."""
    rows = _scope_rows(event, measure)
    total = measure_total(event, measure)
    if total is None:
        return rows.merged()
    gap = total - rows.total()
    has_drones = point(event, f"{measure}.drones") is not None or bool(rows.drones)
    has_missiles = point(event, f"{measure}.missiles") is not None or bool(rows.missiles)
    if gap < 0:
        raise Contradiction(f"{measure}: the parts add up to {rows.total()}, above {total}")
    if gap and has_missiles and not has_drones:
        rows.add(rows.drones, SHAHED_ROW, gap)
    elif gap and has_drones and not has_missiles:
        rows.add(rows.missiles, UNKNOWN_MISSILE, gap)
    elif gap:
        reason = "no split by weapon" if not rows.total() else f"{gap} of no known type"
        raise Contradiction(f"{measure}: a total of {total} with {reason}")
    return rows.merged()


def _lost(event: Event, models: list[str]) -> dict[str, int]:
    """``not_reach_goal`` per row: lost drones on the Shahed row, lost models on their rows."""
    lost: dict[str, int] = {}
    for fig in event.figures:
        kind, _, weapon = fig.key.partition(".model:")
        if kind == "lost" and weapon and model_name(weapon) in models:
            lost[model_name(weapon)] = lost.get(model_name(weapon), 0) + fig.quantity.point()
    drones = point(event, "lost.drones")
    if drones is None and point(event, "lost.missiles") is None:
        drones = point(event, "lost.total")
    if drones is not None and SHAHED_ROW in models and SHAHED_ROW not in lost:
        lost[SHAHED_ROW] = drones
    missiles = point(event, "lost.missiles")
    if missiles is not None and UNKNOWN_MISSILE in models and UNKNOWN_MISSILE not in lost:
        lost[UNKNOWN_MISSILE] = missiles
    return lost


def _time(moment: datetime | None) -> str:
    return moment.astimezone(KYIV).strftime("%Y-%m-%d %H:%M") if moment else ""


def window_columns(event: Event) -> tuple[str, str]:
    """``time_start`` and ``time_end`` in Kyiv time. An overnight attack's end falls on the
    morning of its night (else the night's date alone) and its start before that day (else
    the day before), so the row reads back as the same night."""
    w = event.window
    start, end = w.start, w.end or w.as_of
    if w.night is None:
        return _time(start), _time(end)
    end_kyiv = end.astimezone(KYIV) if end else None
    if end_kyiv is None or end_kyiv.date() != w.night or end_kyiv.hour >= MORNING_HOUR:
        end_text = w.night.isoformat()
    else:
        end_text = _time(end)
    start_kyiv = start.astimezone(KYIV) if start else None
    if start_kyiv is None or start_kyiv.date() >= w.night:
        start_text = (w.night - timedelta(days=1)).isoformat()
    else:
        start_text = _time(start)
    return start_text, end_text


def _launch_places(events: list[Event]) -> str:
    names = {p for e in events for c in e.claims if c.kind == "launch_area" for p in c.places}
    return " and ".join(sorted(names))


def _sum(values: Iterable[int | None]) -> int | None:
    found = [v for v in values if v is not None]
    return sum(found) if found else None


def night_rows(events: list[Event]) -> list[dict[str, Any]]:
    """The dataset's rows for the attacks of one night (raises ``Contradiction``)."""
    counts = {col: [measure_rows(e, m) for e in events] for m, col in MEASURES.items()}
    models = sorted({m for col in counts.values() for rows in col for m, v in rows.items() if v})
    models.sort(key=lambda m: (m != SHAHED_ROW, _block_order(m), m == UNKNOWN_MISSILE, m))
    lost = [_lost(e, models) for e in events]
    start, end = window_columns(events[0])
    places = sorted({p for e in events for p in e.places})
    common = {
        "time_start": start, "time_end": end, "launch_place": _launch_places(events),
        "target": "Ukraine", "border_crossing": "{}",
        "source": " | ".join(dict.fromkeys(s for e in events for s in e.sources)),
    }  # fmt: skip
    rows = []
    for model in models:
        row = {**common, "model": model, "not_reach_goal": _sum(x.get(model) for x in lost)}
        for col in MEASURES.values():
            row[col] = _sum(r.get(model) for r in counts[col])
        if model == SHAHED_ROW:
            row["is_shahed"] = _sum(point(e, "launched.model:shahed") for e in events)
            row["turbojet"] = _sum(point(e, "launched.model:shahed-jet") for e in events)
            row["turbojet_destroyed"] = _sum(point(e, "downed.model:shahed-jet") for e in events)
        rows.append(row)
    if rows:
        rows[0]["num_hit_location"] = _sum(point(e, "hit_locations") for e in events)
        rows[0]["num_fall_fragment_location"] = _sum(point(e, "debris_locations") for e in events)
        rows[0]["affected region"] = repr(places) if places else None
    return [{col: row.get(col) for col in COLUMNS} for row in rows]


def _block_order(model: str) -> int:
    kinds = {_kind(w) for w, name in model_names().items() if name == model}
    return 0 if "drone" in kinds else 1 if "missile" in kinds else 2


def event_rows(event: Event) -> list[dict[str, Any]]:
    """The dataset's rows for one air attack (none for other kinds of event)."""
    return night_rows([event]) if event.kind == "air_attack" else []


def attack_nights(events: Iterable[Event]) -> Iterator[tuple[str, list[Event]]]:
    """Each night's attacks (an attack with no night on its own, as ``event N``), taking the
    events as they come: a night is complete when the next one starts, so the events must
    come in ledger order (``queries.iter_events``, ``list_events``), a night's attacks
    together; a night met again after another is a ``ValueError``."""
    done: set[str] = set()
    key: str | None = None
    found: list[Event] = []
    for event in events:
        if event.kind != "air_attack":
            continue
        label = night_label(event) if event.window.night else f"event {event.id}"
        if label != key:
            if key is not None:
                yield key, found
                done.add(key)
            if label in done:
                raise ValueError(f"{label}: its attacks are not together (not in ledger order)")
            key, found = label, []
        found.append(event)
    if key is not None:
        yield key, found


def iter_rows(events: Iterable[Event]) -> Iterator[tuple[list[dict[str, Any]], str | None]]:
    """Each night's rows as the night completes, with a note when it is left out (its figures
    contradict: no rows)."""
    for key, found in attack_nights(events):
        try:
            yield night_rows(found), None
        except Contradiction as exc:
            ids = ", ".join(str(e.id) for e in found)
            yield [], f"{key} (event {ids}) left out: {exc}"


def rows_and_notes(events: Iterable[Event]) -> tuple[list[dict[str, Any]], list[str]]:
    """Every night's rows, and a note for each night left out (its figures contradict)."""
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for found, note in iter_rows(events):
        rows.extend(found)
        if note is not None:
            notes.append(note)
    return rows, notes


def export_piterfm(
    events: Iterable[Event], path: Path, urls: Mapping[str, str] | None = None
) -> Written:
    """Write the dataset's columns a night at a time (the events in ledger order); return how
    many rows, and the nights left out."""
    count = 0
    notes: list[str] = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for rows, note in iter_rows(events):
            writer.writerows(rows)
            count += len(rows)
            if note is not None:
                notes.append(note)
    return Written(count, notes)
