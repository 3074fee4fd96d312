"""The driver of an archive run: plan the partitions, hand them to a Dask cluster (a
``distributed.LocalCluster`` it starts, or an existing scheduler) or run them in this process,
and gather what they gave.

``extract`` writes each partition's claims as ``part-NNNNN.parquet`` of a dataset folder (the
driver writes them as results come back, so the workers need no access to the output);
``ingest`` lets each worker write its partition to the ledger in one transaction, then
updates the events once. A worker lost midway costs nothing: the scheduler runs its
partitions again elsewhere, and a partition run twice adds nothing to the ledger.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from skyledger.models import Failure
from skyledger.scale.archive import PARTITION, Partition, plan
from skyledger.scale.jobs import PartResult, extract_partition, ingest_partition

#: How many failures the summary keeps to show.
SHOWN = 20
#: The failures of an ``extract`` run, one JSON object a line, beside the claims' parts
#: (Parquet readers pass over a file whose name starts with "_").
FAILURES = "_failures.jsonl"
Task = Callable[[Partition], PartResult]
OnResult = Callable[[PartResult], None]


@dataclass(slots=True)
class ScaleSummary:
    partitions: int = 0
    documents: int = 0
    skipped: int = 0
    claims: int = 0
    failed: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    events_changed: int = 0
    seconds: float = 0.0
    #: CPU seconds the partitions took, summed over the workers
    cpu: float = 0.0
    workers: int = 0
    run_id: int = 0
    events_pending: bool = False
    failures: list[Failure] = field(default_factory=list)

    def add(self, result: PartResult) -> None:
        for name in ("documents", "skipped", "claims", "failed", "new", "changed", "unchanged"):
            setattr(self, name, getattr(self, name) + getattr(result, name))
        self.cpu += result.cpu
        self.failures.extend(result.failures[: max(0, SHOWN - len(self.failures))])

    def counts(self) -> dict[str, int]:
        skip = ("failures", "seconds", "cpu", "run_id", "events_pending")
        return {k: v for k, v in asdict(self).items() if k not in skip}

    @property
    def rate(self) -> float:
        """Documents per second."""
        return self.documents / self.seconds if self.seconds else 0.0


@contextlib.contextmanager
def connect(address: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: of the scheduler at ``address``, or of a ``LocalCluster`` of
    ``workers`` processes (one thread each: extraction holds the GIL) closed at the end."""
    from skyledger.errors import SkyledgerError

    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError as exc:
        raise SkyledgerError("Dask is not installed: pip install 'skyledger[scale]'") from exc
    if address:
        try:
            client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise SkyledgerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        with contextlib.closing(client):
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=40,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def _in_process(parts: Sequence[Partition], task: Task, on_result: OnResult) -> None:
    for part in parts:
        on_result(task(part))


def _on_cluster(client: Any, parts: Sequence[Partition], task: Task, on_result: OnResult) -> None:
    """One ``dask.bag`` partition per archive partition; results taken as they complete."""
    import dask.bag as db
    from distributed import as_completed

    if not parts:
        return
    bag = db.from_sequence(list(parts), npartitions=len(parts)).map(task)  # type: ignore[no-untyped-call]
    futures = client.compute(bag.to_delayed())
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        for result in future.result():
            on_result(result)


def run_parts(
    parts: Sequence[Partition], task: Task, on_result: OnResult, client: Any | None
) -> None:
    if client is None:
        _in_process(parts, task, on_result)
    else:
        _on_cluster(client, parts, task, on_result)


def workers_of(client: Any | None) -> int:
    if client is None:
        return 0
    return len(client.scheduler_info(n_workers=-1)["workers"])


def extract_archives(
    paths: Sequence[Path],
    output: Path,
    *,
    client: Any | None = None,
    size: int = PARTITION,
    prefilter: bool = True,
    on_result: OnResult | None = None,
    parts: Sequence[Partition] | None = None,
) -> ScaleSummary:
    """Claims of every archive under ``paths`` into the Parquet dataset folder ``output``."""
    import pyarrow.parquet as pq

    from skyledger.scale.jobs import claim_schema

    parts = plan(paths, size) if parts is None else parts
    output.mkdir(parents=True, exist_ok=True)
    for old in [*output.glob("part-*.parquet"), output / FAILURES]:
        old.unlink(missing_ok=True)
    summary = ScaleSummary(partitions=len(parts), workers=workers_of(client))

    def gather(result: PartResult) -> None:
        table = result.table if result.table is not None else claim_schema().empty_table()
        pq.write_table(table, output / f"part-{result.index:05d}.parquet")
        result.table = None
        if result.failures:
            with (output / FAILURES).open("a", encoding="utf-8") as fh:
                fh.writelines(f.model_dump_json() + "\n" for f in result.failures)
        summary.add(result)
        if on_result is not None:
            on_result(result)

    began = time.perf_counter()
    task = _bind(extract_partition, prefilter=prefilter)
    run_parts(parts, task, gather, client)
    summary.seconds = time.perf_counter() - began
    return summary


def ingest_archives(
    paths: Sequence[Path],
    url: str,
    *,
    client: Any | None = None,
    size: int = PARTITION,
    prefilter: bool = True,
    on_result: OnResult | None = None,
    parts: Sequence[Partition] | None = None,
) -> ScaleSummary:
    """Every archive under ``paths`` into the ledger at ``url``; the events updated at the
    end (``events_pending`` if another writer held the ledger then)."""
    from skyledger.errors import LedgerBusy
    from skyledger.ingest import HEARTBEAT
    from skyledger.store import events as store_events
    from skyledger.store import runs
    from skyledger.store.db import open_store

    parts = plan(paths, size) if parts is None else parts
    store = open_store(url)
    try:
        summary = ScaleSummary(partitions=len(parts), workers=workers_of(client))
        summary.run_id = runs.start_run(store, "ingest")

        last_beat = [time.monotonic()]

        def gather(result: PartResult) -> None:
            summary.add(result)
            if time.monotonic() - last_beat[0] > HEARTBEAT:  # partitions with nothing new
                runs.beat(store, summary.run_id)
                last_beat[0] = time.monotonic()
            if on_result is not None:
                on_result(result)

        began = time.perf_counter()
        task = _bind(ingest_partition, url=store.url, run_id=summary.run_id, prefilter=prefilter)
        try:
            run_parts(parts, task, gather, client)
            try:
                summary.events_changed = store_events.refresh_events(store)
            except LedgerBusy:
                summary.events_pending = True
        except BaseException as exc:
            status: runs.RunStatus = "failed" if isinstance(exc, Exception) else "interrupted"
            with contextlib.suppress(Exception):  # the database may be what failed
                runs.finish_run(store, summary.run_id, summary.counts(), status)
            raise
        summary.seconds = time.perf_counter() - began
        runs.finish_run(store, summary.run_id, summary.counts())
    finally:
        store.close()
    return summary


def _bind(function: Callable[..., PartResult], **kwargs: Any) -> Task:
    """``function`` with its keyword arguments fixed, picklable for the workers."""
    import functools

    return functools.partial(function, **kwargs)
