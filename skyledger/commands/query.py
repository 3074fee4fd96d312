"""Commands that read the ledger: attacks, events, failures, status."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from skyledger.commands.common import db_option, fail, open_db, out, parse_day

if TYPE_CHECKING:
    from skyledger.models import Event
    from skyledger.store.db import Store


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


SINCE = typer.Option(None, "--since", help="First night to show (YYYY-MM-DD).")
UNTIL = typer.Option(None, "--until", help="Last night to show (YYYY-MM-DD).")
FORMAT = typer.Option(Format.table, "--format", "-f", help="table, csv or json.")
#: The attacks table: row key → column title.
ATTACK_COLUMNS = (
    ("id", "id"),
    ("night", "night"),
    ("launched_drones", "drones"),
    ("launched_missiles", "missl."),
    ("launched_total", "total"),
    ("downed_total", "downed"),
    ("lost_total", "lost"),
    ("shot_down_rate", "shot%"),
    ("neutralised_rate", "neutr%"),
    ("hit_locations", "hits"),
    ("sources", "src"),
    ("conflicts", "⚠"),
)


@contextmanager
def _load(
    db: str | None, kind: str | None, since: str | None, until: str | None
) -> Iterator[Iterator[Event]]:
    """The events, streamed from the ledger (a batch at a time) while the store is open."""
    from skyledger.store import queries

    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    store = open_db(db)
    try:
        events = queries.iter_events(store, kind=kind, since=first, until=last)
        try:
            yield events
        finally:
            events.close()
    finally:
        store.close()


def _csv(rows: Iterable[dict[str, Any]]) -> None:
    """Print the rows as CSV as they come, the first row's keys the header (nothing for no
    rows)."""
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                for k, v in row.items()
            }
        )


def _json_events(events: Iterable[Event]) -> None:
    for event in events:
        sys.stdout.write(event.model_dump_json() + "\n")


def _print(
    events: Iterator[Event],
    format: Format,
    row: Callable[[Event], dict[str, Any]],
    table: Callable[[list[dict[str, Any]]], Any],
) -> None:
    """Print the events as they come: JSON lines, or CSV rows; a table is built from the
    small rows (one per event) and printed at the end."""
    if format is Format.json:
        _json_events(events)
    elif format is Format.csv:
        _csv(row(e) for e in events)
    else:
        out.print(table([row(e) for e in events]))


def attacks_cmd(
    since: str | None = SINCE,
    until: str | None = UNTIL,
    format: Format = FORMAT,
    db: str | None = db_option(),
) -> None:
    """Overnight attacks: launched, downed and lost per night, both rates, sources, conflicts.

    shot% is shot down or suppressed / launched; neutr% adds the drones lost to electronic
    warfare ("локаційно втрачено") where the report gives them. A rate above 100% means the
    figures disagree and is marked ⚠. `--format json` prints every event with all its
    claims, spans and claimants.

    Example: skyledger attacks --since 2025-12-01 --format csv
    """
    from skyledger.ledger.summary import attack_row

    with _load(db, "air_attack", since, until) as events:
        _print(events, format, attack_row, _attacks_table)


def _attacks_table(rows: list[dict[str, Any]]) -> Any:
    from rich import box
    from rich.table import Table

    from skyledger.ledger.summary import rate_text

    table = Table(title=f"{len(rows)} attacks", box=box.SIMPLE_HEAD, pad_edge=False)
    for _, title in ATTACK_COLUMNS:
        table.add_column(title, justify="right", no_wrap=True)
    for row in rows:
        shown = {
            **row,
            "shot_down_rate": rate_text(row["shot_down_rate"], row["rate_flag"]),
            "neutralised_rate": rate_text(row["neutralised_rate"], row["rate_flag"]),
            "conflicts": "⚠" * min(3, row["conflicts"]),
        }
        table.add_row(*(str(shown[k]) for k, _ in ATTACK_COLUMNS))
    return table


def events_cmd(
    since: str | None = SINCE,
    until: str | None = UNTIL,
    kind: str | None = typer.Option(
        None, "--kind", help="air_attack, talks, call, nuclear_power_loss, frontline…"
    ),
    event_id: int | None = typer.Option(None, "--id", help="Show one event in full."),
    history: bool = typer.Option(False, "--history", help="With --id: every revision."),
    format: Format = FORMAT,
    db: str | None = db_option(),
) -> None:
    """Every event of the ledger, or one event in full with `--id N` (and `--history`).

    Example: skyledger events --id 3 --history
    """
    if history and event_id is None:
        raise fail("--history shows the revisions of one event: add --id N")
    if event_id is not None:
        _show_event(db, event_id, history, format)
        return
    from skyledger.ledger.summary import event_row

    with _load(db, kind, since, until) as events:
        _print(events, format, event_row, _events_table)


def _events_table(rows: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title=f"{len(rows)} events")
    for title in ("id", "kind", "night", "places", "figures", "src", "⚠"):
        table.add_column(title)
    for row in rows:
        figures = ", ".join(f"{k}={v}" for k, v in list(row["figures"].items())[:6])
        table.add_row(
            str(row["id"]),
            row["kind"],
            row["night"],
            ", ".join(row["places"][:4]),
            figures,
            str(row["sources"]),
            "⚠" * min(3, len(row["conflicts"])),
        )
    return table


def _show_event(db: str | None, event_id: int, history: bool, format: Format) -> None:
    from skyledger.ledger.summary import value_text
    from skyledger.store import queries

    store = open_db(db)
    try:
        event = queries.get_event(store, event_id)
        revisions = queries.event_revisions(store, event_id) if history else []
    finally:
        store.close()
    if event is None:
        raise fail(f"no event with id {event_id}")
    if format is Format.json:
        data: dict[str, Any] = event.model_dump(mode="json")
        if history:
            data["history"] = [
                {
                    "revision": r.revision,
                    "changed_at": r.changed_at,
                    "reason": r.reason,
                    "event": r.event.model_dump(mode="json"),
                }
                for r in revisions
            ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    print_event(event)
    for rev in revisions:
        figures = ", ".join(f"{f.key}={value_text(f.quantity)}" for f in rev.event.figures)
        out.print(
            f"  revision {rev.revision} at {rev.changed_at} ({rev.reason}): {figures}", markup=False
        )


def print_event(event: Event) -> None:
    from rich.markup import escape

    from skyledger.ledger.summary import event_row, value_text

    row = event_row(event)
    out.print(
        f"[bold]Event {event.id}[/] · {event.kind} · {row['night']} · "
        f"{escape(', '.join(event.places))} · {len(event.sources)} sources"
    )
    for fig in event.figures:
        mark = " [red]⚠ conflict[/]" if fig.conflict else ""
        out.print(f"  [bold]{fig.key}[/] = {value_text(fig.quantity)} ({fig.claimant}){mark}")
        for claim in fig.claims:
            sentence = claim.spans[0].sentence if claim.spans else ""
            value = value_text(claim.quantity)
            out.print(
                f"      {value:>6} {claim.claimant:<13} {claim.document_id}: {sentence}",
                markup=False,
            )
    for line in event.conflicts:
        out.print(f"  [red]⚠[/] {escape(line)}")


def failures_cmd(
    limit: int = typer.Option(50, "--limit", help="How many, newest first.", min=1),
    db: str | None = db_option(),
) -> None:
    """Inputs that could not be read or parsed, with the reason (newest first)."""
    from skyledger.store import queries

    store = open_db(db)
    try:
        rows = queries.list_failures(store, limit=limit)
    finally:
        store.close()
    if not rows:
        out.print("no failures")
    for row in rows:
        where = f"{row['source']}:{row['line']}" if row["line"] else row["source"]
        out.print(f"{row['created_at']}  {where}: {row['reason']}", markup=False)


def _print_runs(store: Store) -> None:
    """Runs by state, the newest interrupted one, and events waiting for a rebuild."""
    from skyledger.store.events import is_stale
    from skyledger.store.runs import run_summary
    from skyledger.store.writes import EVENTS_STALE, get_cursor

    states, interrupted = run_summary(store)
    if states:
        shown = " · ".join(f"{n} {state}" for state, n in sorted(states.items()))
        out.print(f"{'run states':>10}: {shown}")
    if interrupted is not None:
        out.print(
            f"{'last':>10}: run {interrupted.id} ({interrupted.command}) started "
            f"{interrupted.started_at} was interrupted; run it again to finish it",
            markup=False,
        )
    if not states.get("running") and is_stale(get_cursor(store, EVENTS_STALE)):
        out.print(f"{'events':>10}: not up to date; the next ingest rebuilds them")


def status_cmd(db: str | None = db_option()) -> None:
    """Which database, and how much the ledger holds: documents, revisions, claims, events,
    failures, runs (and any interrupted); and whether the extractor runs compiled or as pure
    Python."""
    from skyledger.commands.common import database_url
    from skyledger.store import queries
    from skyledger.store.db import safe_url

    out.print(f"{'database':>10}: {safe_url(database_url(db))}", markup=False)
    store = open_db(db)
    try:
        for name, n in queries.counts(store).items():
            out.print(f"{name:>10}: {n}")
        _print_runs(store)
    finally:
        store.close()
    from skyledger.extract import NATIVE

    out.print(f"{'extractor':>10}: {NATIVE.describe()}", markup=False)


def rebuild_cmd(db: str | None = db_option()) -> None:
    """Regroup every claim of the ledger into events again, from scratch.

    Each ingest already keeps the events up to date: it regroups only the nights (and
    neighbouring nights) its documents touch, and the result is the same as a full rebuild.
    Run this after upgrading skyledger when the grouping rules changed, or to check a ledger:
    it prints how many events changed (0 when the ledger was already current). The rebuild
    works a few months of nights at a time, so its memory does not grow with the ledger;
    other writers wait until it is done.
    """
    from skyledger.errors import LedgerBusy
    from skyledger.store.events import rebuild_events

    store = open_db(db)
    try:
        changed = rebuild_events(store)
    except LedgerBusy as exc:
        raise fail(str(exc)) from exc
    finally:
        store.close()
    out.print(f"events changed: {changed}")
