"""What every exporter shares: its signature, what it reports back, and the helpers that let
the export command count the events an exporter takes (``Counted``).

An exporter is given an iterable of events (``queries.iter_events`` streams them from the
ledger) and takes each event once, writing as it goes: it holds the event it is writing (the
piterfm export: the attacks of one night), a row group's rows (Parquet) and the small
summaries a format needs for its totals (GeoJSON), never the whole ledger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from skyledger.models import Event

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Written:
    """How many records an export wrote, and what it could not write (one note each)."""

    records: int
    notes: list[str] = field(default_factory=list)


#: ``(events, path, urls)`` → ``Written``; ``urls`` maps a document id to its http(s) link.
Exporter = Callable[[Iterable[Event], Path, Mapping[str, str]], Written]


class Counted(Iterator[T]):
    """An iterator that counts the items taken from it (``count``)."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self.count = 0

    def __iter__(self) -> Counted[T]:
        return self

    def __next__(self) -> T:
        item = next(self._items)
        self.count += 1
        return item
