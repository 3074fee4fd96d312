"""``extract``/``ingest`` of archives in partitions, on a Dask cluster or in this process
(``--dask ADDRESS``, ``--workers N``, ``-o claims.parquet``): the dashboard link, progress by
partition, the summary and the exit code."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skyledger.commands.common import EXIT_NONE_READ, EXIT_SOME_FAILED, err, fail, open_db

if TYPE_CHECKING:
    from skyledger.scale.jobs import PartResult
    from skyledger.scale.run import ScaleSummary


def check_cluster(dask: str | None, workers: int | None) -> None:
    if dask and workers:
        raise fail("give --dask ADDRESS or --workers N, not both")
    if workers is not None and workers < 1:
        raise fail(f"--workers {workers}: expected 1 or more")
    if dask and "://" not in dask and ":" not in dask:
        raise fail(f"--dask {dask!r}: expected a scheduler address such as tcp://host:8786")


@contextlib.contextmanager
def cluster(dask: str | None, workers: int | None) -> Iterator[Any]:
    """The Dask client the options ask for (None: run in this process), its dashboard shown."""
    if not dask and not workers:
        yield None
        return
    from skyledger.errors import SkyledgerError
    from skyledger.scale.run import connect, workers_of

    try:
        with connect(dask, workers) as client:
            where = dask or f"a local cluster of {workers} worker process(es)"
            err.print(
                f"dask: {where}, {workers_of(client)} worker(s); dashboard {client.dashboard_link}",
                markup=False,
            )
            yield client
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc


def _progress(quiet: bool, verb: str) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(f"[bold]{verb}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("partitions · {task.fields[docs]} documents · {task.fields[claims]} claims"),
        TimeElapsedColumn(),
        console=err.real(),
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def run_archives(
    paths: list[Path],
    *,
    output: Path | None,
    db: str | None,
    dask: str | None,
    workers: int | None,
    size: int,
    prefilter: bool,
    quiet: bool,
) -> ScaleSummary:
    """Extract into ``output`` (a Parquet dataset folder) or ingest into ``db``."""
    from skyledger.errors import SkyledgerError
    from skyledger.scale.archive import plan
    from skyledger.scale.run import extract_archives, ingest_archives

    check_cluster(dask, workers)
    if output is not None and output.exists() and not output.is_dir():
        raise fail(f"-o {output}: a file is there; the claims go into a folder (a dataset)")
    if size < 1:
        raise fail(f"--partition-size {size}: expected 1 or more")
    try:
        parts = plan(paths, size)
    except SkyledgerError as exc:
        raise fail(str(exc)) from exc
    url = None
    if output is None:
        store = open_db(db, create=True)
        url = store.url
        store.close()
    progress = _progress(quiet, "extract" if output is not None else "ingest")
    with cluster(dask, workers) as client, progress:
        task = progress.add_task("run", total=len(parts), docs=0, claims=0)
        seen = {"docs": 0, "claims": 0}

        def advance(result: PartResult) -> None:
            seen["docs"] += result.documents
            seen["claims"] += result.claims
            progress.update(task, advance=1, **seen)
            for failure in result.failures:
                where = f"{failure.source}:{failure.line}" if failure.line else failure.source
                err.print(f"failed: {where}: {failure.reason}", markup=False)

        common = {"client": client, "size": size, "prefilter": prefilter, "parts": parts}
        try:
            if output is not None:
                return extract_archives(paths, output, on_result=advance, **common)
            assert url is not None
            return ingest_archives(paths, url, on_result=advance, **common)
        except SkyledgerError as exc:
            raise fail(str(exc)) from exc


def finish_archives(summary: ScaleSummary, output: Path | None) -> int:
    """Print the summary; the exit code (as for ``ingest``)."""
    skip = summary.skipped / summary.documents if summary.documents else 0.0
    line = (
        f"partitions {summary.partitions} · documents {summary.documents} · skipped by the "
        f"pre-filter {summary.skipped} ({skip:.0%}) · claims {summary.claims} · "
        f"failed {summary.failed}"
    )
    if output is None:
        line += (
            f" · new {summary.new} · changed {summary.changed} · unchanged {summary.unchanged}"
            f" · events changed {summary.events_changed}"
        )
    err.print(f"{line} · {summary.rate:.0f} documents/s", markup=False)
    if output is not None:
        err.print(f"claims written to {output}/ (one Parquet file per partition)", markup=False)
    if summary.events_pending:
        err.print(
            "events not updated yet: another writer holds the ledger, and its update "
            "(or the next run) brings them up to date",
            markup=False,
        )
    if summary.failed and summary.documents == 0:
        err.print("Error: nothing could be read; see the failures above", markup=False)
        return EXIT_NONE_READ
    if summary.failed:
        where = "" if output is not None else " and in `skyledger failures`"
        err.print(f"{summary.failed} input(s) failed (listed above{where})", markup=False)
        return EXIT_SOME_FAILED
    return 0
