"""A real ``distributed.LocalCluster`` of two worker processes, shared by the cluster tests
(archives to give it: ``scale_archives.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    pytest.importorskip("distributed")
    from skyledger.scale.run import connect

    with connect(workers=2) as found:
        found.wait_for_workers(2, timeout=60)
        yield found
