"""What every exporter shares: its signature and what it reports back."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from skyledger.models import Event


@dataclass(frozen=True, slots=True)
class Written:
    """How many records an export wrote, and what it could not write (one note each)."""

    records: int
    notes: list[str] = field(default_factory=list)


#: ``(events, path, urls)`` → ``Written``; ``urls`` maps a document id to its http(s) link.
Exporter = Callable[[Iterable[Event], Path, Mapping[str, str]], Written]
