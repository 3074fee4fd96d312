"""Flat rows of the ledger shared by the CSV and Parquet exports: one row per event figure.

Every column has one type (``COLUMN_TYPES``): ``night`` a date (empty for an event with no
night), ``start`` and ``end`` moments with their UTC offset in Kyiv time, counts integers,
``conflict`` a boolean, the rest text. ``documents`` and ``urls`` name the documents behind
the figure (their ids, and their http(s) links where known), joined by "; ".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from skyledger.ledger.summary import value_text
from skyledger.models import KYIV, Event, Figure

#: Column → type: ``int``, ``bool``, ``date``, ``timestamp`` (with zone) or ``text``.
COLUMN_TYPES: dict[str, str] = {
    "event_id": "int",
    "kind": "text",
    "night": "date",
    "start": "timestamp",
    "end": "timestamp",
    "places": "text",
    "key": "text",
    "value": "text",
    "exact": "int",
    "min": "int",
    "max": "int",
    "approx": "int",
    "claimant": "text",
    "conflict": "bool",
    "claims": "int",
    "sources": "int",
    "sentence": "text",
    "documents": "text",
    "urls": "text",
}
#: Column order of the CSV and Parquet exports.
FIGURE_COLUMNS: tuple[str, ...] = tuple(COLUMN_TYPES)
INT_COLUMNS = frozenset(c for c, t in COLUMN_TYPES.items() if t == "int")


def _kyiv(moment: datetime | None) -> datetime | None:
    return moment.astimezone(KYIV) if moment is not None else None


def _when(event: Event) -> dict[str, date | datetime | None]:
    window = event.window
    return {"night": window.night, "start": _kyiv(window.start), "end": _kyiv(window.end)}


def _figure(fig: Figure | None, event: Event, urls: Mapping[str, str]) -> dict[str, Any]:
    if fig is None:
        empty: dict[str, Any] = dict.fromkeys(("key", "exact", "min", "max", "approx"))
        docs = list(event.sources)
        return {
            **empty,
            "value": "",
            "claimant": None,
            "conflict": False,
            "claims": 0,
            "sentence": None,
            **_documents(docs, urls),
        }
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
        **_documents(list(dict.fromkeys(c.document_id for c in fig.claims)), urls),
    }


def _documents(ids: list[str], urls: Mapping[str, str]) -> dict[str, str | None]:
    links = [urls[i] for i in ids if i in urls]
    return {"documents": "; ".join(ids) or None, "urls": "; ".join(links) or None}


def iter_figure_rows(
    events: Iterable[Event], urls: Mapping[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """One row per (event, figure), each event's rows as it comes; an event with no figures
    gives one row with no key."""
    links = urls or {}
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
            row = {**base, **_figure(fig, event, links)}
            yield {col: row.get(col) for col in FIGURE_COLUMNS}


def figure_rows(
    events: Iterable[Event], urls: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Every row of ``iter_figure_rows`` in one list."""
    return list(iter_figure_rows(events, urls))


def text_cell(value: Any) -> Any:
    """A value as the CSV writes it: ISO dates and times, ``true``/``false``, empty for none."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value
