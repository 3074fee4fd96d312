"""Every construction table row gives exactly its facts (tables: ``constructions.py``)."""

from __future__ import annotations

import pytest
from constructions import Row, check, languages, rows

ALL = [row for lang in languages() for row in rows(lang)]


@pytest.mark.parametrize("row", ALL, ids=[f"{r.lang}: {r.construction}" for r in ALL])
def test_construction(row: Row) -> None:
    check(row)
