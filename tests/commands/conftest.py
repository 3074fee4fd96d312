"""Fixtures for the command tests: small corpora written by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from command_helpers import night_report, write_corpus


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "reports.jsonl", [night_report(6), night_report(7, 90, 80)])
