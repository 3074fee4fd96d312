"""Running an ingest from the command line: each failure printed as it happens, a date for
undated documents, Ctrl-C finishing the current batch, the summary and the exit code."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from skyledger.commands.common import (
    EXIT_INTERRUPTED,
    EXIT_NONE_READ,
    EXIT_SOME_FAILED,
    err,
    fail,
    open_db,
)

if TYPE_CHECKING:
    from skyledger.ingest import IngestSummary
    from skyledger.models import Document, Failure


class StopFlag:
    """The first Ctrl-C asks the run to stop after the current batch (which is stored and
    whose events are built); a second one stops at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> StopFlag:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        except ValueError:  # not the main thread: Ctrl-C keeps its default meaning
            self._installed = False
        return self

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        sys.stderr.write("\nstopping after this batch (Ctrl-C again stops at once)\n")

    def __exit__(self, *_exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)


@dataclass(slots=True)
class IngestRun:
    """One ingest from the command line and what it noticed along the way."""

    published_at: datetime | None = None
    stop: StopFlag = field(default_factory=StopFlag)
    undated: list[str] = field(default_factory=list)
    stopped: bool = False

    def documents(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        """``items`` with the given date on undated documents, until Ctrl-C."""
        from skyledger.models import Document

        for item in items:
            if self.stop.requested:
                self.stopped = True
                return
            if isinstance(item, Document) and item.published_at is None:
                if self.published_at is not None:
                    item = item.model_copy(update={"published_at": self.published_at})
                else:
                    self.undated.append(item.id)
                    err.print(
                        f"warning: {item.id}: no date in the file or its text, so its nights "
                        "cannot be placed (give --published-at YYYY-MM-DD)",
                        markup=False,
                    )
            yield item


def print_failure(item: Failure) -> None:
    where = f"{item.source}:{item.line}" if item.line else item.source
    err.print(f"failed: {where}: {item.reason}", markup=False)


def print_summary(summary: IngestSummary) -> None:
    err.print(
        f"read {summary.read} · new {summary.new} · changed {summary.changed} · "
        f"unchanged {summary.unchanged} · failed {summary.failed} · "
        f"claims {summary.claims} · events changed {summary.events_changed}",
        markup=False,
    )
    if summary.events_pending:
        err.print(
            "events not updated yet: another writer holds the ledger, and its update "
            "(or the next run) brings them up to date",
            markup=False,
        )


def _progress(quiet: bool) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        console=err.real(),
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def run_ingest(
    paths: list[Path],
    db: str | None,
    quiet: bool = False,
    *,
    published_at: datetime | None = None,
    command: str = "ingest",
) -> tuple[IngestSummary, IngestRun]:
    """Ingest ``paths`` into the ledger at ``db`` (created if need be), printing each failure."""
    import sqlalchemy as sa

    from skyledger.errors import SkyledgerError
    from skyledger.ingest import ingest
    from skyledger.sources.detect import read_paths

    store = open_db(db, create=True)
    run = IngestRun(published_at=published_at)
    progress = _progress(quiet)
    try:
        with run.stop, progress:
            task = progress.add_task("ingest", total=None)
            summary = ingest(
                store,
                run.documents(read_paths(paths)),
                command=command,
                progress=lambda n: progress.advance(task, n),
                on_failure=print_failure,
            )
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    except sa.exc.SQLAlchemyError as exc:  # the disk is full, the file read-only, a lost server
        raise fail(database_failed(store.url, exc)) from None
    except KeyboardInterrupt:
        err.print(
            "interrupted: the batch being written was not stored; run the same command "
            "again to read the rest (the events are rebuilt then)",
            markup=False,
        )
        raise fail("interrupted", EXIT_INTERRUPTED) from None
    finally:
        store.close()
    return summary, run


def database_failed(url: str, exc: BaseException) -> str:
    """The one line an ingest stopped by its database prints: which database, why, and that
    the batch being written was not stored (each batch is one transaction)."""
    from skyledger.store.db import database_problem, safe_url

    return (
        f"database {safe_url(url)}: {database_problem(exc)}; the batch being written was not "
        "stored and what was stored before is intact (run the same command again once the "
        "database can be written)"
    )


def exit_code(summary: IngestSummary, run: IngestRun) -> int:
    """0 when every input was read; 3 when some failed; 4 when none could be read; 130 when
    Ctrl-C stopped the run."""
    if run.stopped:
        return EXIT_INTERRUPTED
    if summary.failed and summary.read == 0:
        return EXIT_NONE_READ
    return EXIT_SOME_FAILED if summary.failed else 0


def finish(summary: IngestSummary, run: IngestRun) -> int:
    """Print the summary and what the user should know; return the exit code."""
    print_summary(summary)
    if run.stopped:
        err.print(
            "interrupted: what was read so far is stored and its events are built; run the "
            "same command again to read the rest (stored documents are skipped)",
            markup=False,
        )
    code = exit_code(summary, run)
    if code == EXIT_NONE_READ:
        err.print("Error: nothing could be read; see the failures above", markup=False)
    elif code == EXIT_SOME_FAILED:
        err.print(
            f"{summary.failed} input(s) failed (listed above and in `skyledger failures`); "
            "the rest is stored",
            markup=False,
        )
    return code
