"""The accuracy gate: pinned F1 floors for fingerprinted corpora.

``tests/accuracy_floors.json`` pins, for each corpus and gold pair, the fingerprint of both
files and floors for overall F1, the share of exact documents and each set's F1. A test fails
when extraction falls below a floor; re-pinning (``scripts/pin_floors.py``) refuses to lower a
floor unless told ``--allow-lower``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from skyledger.scoring.score import Report

#: Scores are pinned this far below what was measured, so harmless noise does not fail.
MARGIN = 0.005


def fingerprint(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


def measured(report: Report) -> dict[str, float]:
    """The gated numbers of a report."""
    data = report.as_dict()
    out = {
        "f1": data["overall"]["f1"],
        "exact": report.exact_documents / report.documents if report.documents else 1.0,
    }
    for name, tally in data["sets"].items():
        out[f"sets.{name}"] = tally["f1"]
    return out


def floors_from(report: Report) -> dict[str, float]:
    return {k: round(max(0.0, v - MARGIN), 3) for k, v in measured(report).items()}


def shortfalls(report: Report, floors: dict[str, Any]) -> list[str]:
    """Every gated number below its floor, as ``name: got < floor``."""
    got = measured(report)
    return [
        f"{name}: {got.get(name, 0.0):.4f} < {floor}"
        for name, floor in floors.items()
        if got.get(name, 0.0) < floor
    ]
