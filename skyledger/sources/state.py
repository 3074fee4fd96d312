"""Where watchers and backfills keep their cursors between polls: the store
(``commands.watch``), or memory in tests and one-off runs."""

from __future__ import annotations

from typing import Protocol


class WatchState(Protocol):
    """Where a watcher keeps its cursors between polls (the store, or memory in tests)."""

    def get_cursor(self, key: str) -> str | None: ...

    def set_cursor(self, key: str, value: str) -> None: ...


class MemoryWatchState:
    """A ``WatchState`` kept in a dict (tests, one-off runs)."""

    def __init__(self) -> None:
        self.cursors: dict[str, str] = {}

    def get_cursor(self, key: str) -> str | None:
        return self.cursors.get(key)

    def set_cursor(self, key: str, value: str) -> None:
        self.cursors[key] = value
