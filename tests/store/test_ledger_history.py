"""The ledger is a function of the current documents: after any sequence of edits, reverts,
deletions and re-ingests it equals a clean ingest of the documents as they now stand (the
same events, linked to the same claims)."""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from writers import ledger_snapshot, report_text

from skyledger.ingest import ingest, record_deletion
from skyledger.models import Document
from skyledger.store.db import open_store

IDS = ("kpszsu-1", "kpszsu-2", "news-1")
#: What a document may say: two nights, other figures; two documents may say the same (copies).
TEXTS = (
    report_text(5, 1),
    report_text(5, 2),
    report_text(6, 3),
    "Повітряні сили уточнили дані про атаку.",
)

Op = tuple[str, str, int]  # ("ingest" | "delete", doc id, text index)
ops = st.lists(
    st.tuples(st.sampled_from(["ingest", "ingest", "delete"]), st.sampled_from(IDS),
              st.integers(0, len(TEXTS) - 1)),
    min_size=1, max_size=7,
)  # fmt: skip


def document(doc_id: str, text: int) -> Document:
    return Document(
        id=doc_id,
        lang="uk",
        source=doc_id.split("-")[0],
        published_at=datetime(2025, 12, 6, 7, tzinfo=UTC),
        text=TEXTS[text],
    )


def apply(url: str, sequence: list[Op]) -> dict[str, int]:
    """Run the operations on the ledger at ``url``; the documents as they now stand."""
    current: dict[str, int] = {}
    store = open_store(url)
    try:
        for op, doc_id, text in sequence:
            if op == "ingest":
                ingest(store, [document(doc_id, text)])
                current[doc_id] = text
            else:
                record_deletion(store, doc_id)
                current.pop(doc_id, None)
    finally:
        store.close()
    return current


def clean(url: str, current: dict[str, int]) -> dict[str, object]:
    store = open_store(url)
    try:
        ingest(store, [document(i, t) for i, t in sorted(current.items())])
    finally:
        store.close()
    return ledger_snapshot(url)


def check(url: str, reference_url: str, sequence: list[Op]) -> None:
    current = apply(url, sequence)
    got = ledger_snapshot(url)
    assert got["stale"] in (None, "0") and got["unlinked"] == 0
    want = clean(reference_url, current)
    assert got["events"] == want["events"]
    assert got["links"] == want["links"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_any_history_leaves_the_ledger_of_the_current_documents(sequence: list[Op]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check(f"sqlite:///{tmp}/history.db", f"sqlite:///{tmp}/clean.db", sequence)


def test_edit_revert_delete_and_back(db_url: str, tmp_path: Path) -> None:
    """On both databases: an edit and its revert, copies, a deletion and a post that returns."""
    sequence: list[Op] = [
        ("ingest", "kpszsu-1", 0),
        ("ingest", "news-1", 0),  # a copy of the same report
        ("ingest", "kpszsu-1", 1),  # edited
        ("ingest", "kpszsu-2", 2),
        ("ingest", "kpszsu-1", 0),  # reverted
        ("delete", "news-1", 0),
        ("ingest", "kpszsu-1", 0),  # re-ingested: nothing changes
        ("delete", "kpszsu-2", 0),
        ("ingest", "kpszsu-2", 2),  # back, with its old text
    ]
    check(db_url, f"sqlite:///{tmp_path / 'clean.db'}", sequence)
