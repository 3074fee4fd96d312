"""A real ``distributed.LocalCluster`` of two worker processes, shared by the cluster tests,
and archives built from the bundled sample corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import skyledger.resources

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    pytest.importorskip("distributed")
    from skyledger.scale.run import connect

    with connect(workers=2) as found:
        found.wait_for_workers(2, timeout=60)
        yield found


def write_archive(folder: Path, copies: int = 1, bad: bool = False) -> Path:
    """The sample corpus (``copies`` times, each copy's ids made its own) as one JSONL
    archive; ``bad`` puts a malformed line and a line that is no UTF-8 among them."""
    lines: list[bytes] = []
    for copy in range(copies):
        for name in ("airforce.jsonl", "news.jsonl"):
            for line in (SAMPLE / name).read_text(encoding="utf-8").splitlines():
                obj = json.loads(line)
                if copy:
                    obj["id"] = f"{obj['id']}~{copy}"
                lines.append(json.dumps(obj, ensure_ascii=False).encode())
    if bad:
        lines.insert(3, b'{"id": "broken", "text": ')
        lines.insert(9, b'{"id": "latin1", "text": "caf\xe9"}')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "archive.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path
