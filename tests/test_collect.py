"""The collector's thresholds are raised while an ingest runs and put back after it, however
ingests overlap."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from skyledger import collect
from skyledger.collect import fewer_collections


@pytest.fixture(autouse=True)
def defaults() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_raised_within_and_put_back_after() -> None:
    with fewer_collections():
        assert gc.get_threshold() == collect.THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_runs_put_back_what_was_before_the_first() -> None:
    first = fewer_collections()
    second = fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first ends while the second runs
    assert gc.get_threshold() == collect.THRESHOLDS
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)


def test_threads_and_a_failure_leave_the_defaults() -> None:
    start = threading.Barrier(4)

    def run() -> None:
        with fewer_collections():
            start.wait()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failed run")
    assert gc.get_threshold() == (700, 10, 10)


def test_never_lowered_below_a_higher_setting() -> None:
    gc.set_threshold(100_000, 50, 200)
    with fewer_collections():
        assert gc.get_threshold() == (100_000, 50, 200)
    assert gc.get_threshold() == (100_000, 50, 200)


def test_an_ingest_runs_with_fewer_collections(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skyledger import ingest as ingest_module
    from skyledger.models import Document
    from skyledger.store.db import open_store

    seen: list[tuple[int, int, int]] = []
    extract = ingest_module._extract

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return extract(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "_extract", spy)
    store = open_store(f"sqlite:///{tmp_path}/l.db")
    try:
        doc = Document(id="d1", lang="uk", text="У ніч на 6 грудня противник атакував 50 БпЛА.")
        ingest_module.ingest(store, [doc])
    finally:
        store.close()
    assert seen == [collect.THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)
