"""The library's exceptions. Each edge (CLI, API, batch run) translates them once."""

from __future__ import annotations


class SkyledgerError(Exception):
    """Base class for every error skyledger raises on purpose."""


class ReadError(SkyledgerError):
    """An input could not be read: names the file (and line or offset) and the reason."""

    def __init__(self, path: str, reason: str, *, line: int | None = None, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        self.line = line
        self.hint = hint
        where = f"{path}:{line}" if line is not None else path
        message = f"{where}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class ResourceError(SkyledgerError):
    """A bundled language resource is missing or invalid: names the file and key."""


class StoreError(SkyledgerError):
    """The database could not be opened, migrated or written."""


class GoldError(SkyledgerError):
    """A gold annotation file is malformed."""


class LedgerBusy(StoreError):
    """Another writer held the ledger longer than this one could wait.

    ``retry_after`` is a suggested wait in seconds before trying again.
    """

    def __init__(self, message: str, retry_after: float = 5.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
