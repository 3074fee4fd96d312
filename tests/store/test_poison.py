"""One bad document never stops a run: odd values are cleaned or cut with a note, numbers no
count reaches are not counts, a document the database refuses becomes a failure, and every
other document of the file and folder is stored (a real SQLite file and the real PostgreSQL
server)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from skyledger.ingest import ingest
from skyledger.models import Claim, Document, Extraction, Quantity
from skyledger.sources.detect import read_paths
from skyledger.store import queries, writes
from skyledger.store.db import Store
from skyledger.store.schema import claims, documents

NIGHT = "2025-12-06T09:00:00+02:00"


def line(doc_id: str, text: str, **extra: Any) -> str:
    record = {"id": doc_id, "lang": "uk", "published_at": NIGHT, "text": text, **extra}
    return json.dumps(record) + "\n"  # ASCII escapes: lone surrogates survive the file


def good(i: int) -> str:
    return line(f"g-{i}", f"Над областю збито {10 + i % 40} ворожих БпЛА.")


POISONED = {
    "p-count": line("p-count", "Противник атакував 99999999999999999999 ударними БпЛА."),
    "p-int4": line("p-int4", "Противник атакував 3000000000 ударними БпЛА."),
    "p-nul": line("p-nul", "Збито 7 БпЛА.\u0000 Тримаймо небо!"),
    "p-\ud800": line("p-\ud800", "Збито 8 БпЛА."),
    "p-source": line("p-source", "Збито 9 БпЛА.", source="канал \udc80"),
    "p-url": line("p-url", "Збито 11 БпЛА.", url="https://t.me/x/\ud83d"),
    "p-long-source": line("p-long-source", "Збито 12 БпЛА.", source="Повітряні сили " * 60),
    "p-long-medium": line("p-long-medium", "Збито 13 БпЛА.", medium="telegram" * 20),
    "p-title": line("p-title", "Збито 14 БпЛА.", title="Заголовок\u0000 \udfff"),
}


def write_folder(folder: Path) -> None:
    """600 good lines with the poisoned ones early among them, then a second file of 400."""
    folder.mkdir()
    with (folder / "a.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(600):
            fh.write(good(i))
            if i == 2:
                fh.writelines(POISONED.values())
    with (folder / "b.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(good(i) for i in range(600, 1000))


def stored_row(store: Store, doc_id: str) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.select(documents).where(documents.c.doc_id == doc_id, documents.c.current)
        ).first()


def claim_values(store: Store, doc_id: str) -> list[int | None]:
    with store.engine.connect() as conn:
        return list(
            conn.execute(sa.select(claims.c.value).where(claims.c.doc_id == doc_id)).scalars()
        )


def test_poisoned_lines_among_a_thousand_good_ones(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_folder(folder)
    summary = ingest(store, read_paths([folder]))
    assert (summary.new, summary.failed) == (1000 + len(POISONED) - 1, 1)
    counts = queries.counts(store)
    assert (counts["documents"], counts["failures"]) == (1000 + len(POISONED) - 1, 1)
    assert all(stored_row(store, f"g-{i}") is not None for i in (0, 3, 599, 600, 999))

    (failure,) = queries.list_failures(store)  # an id is never changed: refused by the reader
    assert failure["source"].endswith("a.jsonl") and failure["line"] == 7
    assert failure["reason"].startswith("invalid field id")

    for doc_id in ("p-count", "p-int4"):  # stored; the impossible counts are not claims
        row = stored_row(store, doc_id)  # (past seven digits a number is read as no figure)
        assert row is not None, doc_id
        assert all(v is None or v < 10**9 for v in claim_values(store, doc_id))
    nul = stored_row(store, "p-nul")
    assert nul.text == "Збито 7 БпЛА. Тримаймо небо!" and "NUL" in nul.notes[0]
    assert stored_row(store, "p-source").source == "канал \ufffd"
    assert stored_row(store, "p-url").url == "https://t.me/x/\ufffd"
    long_source = stored_row(store, "p-long-source")
    assert len(long_source.source) == 512 and "cut from 900 to 512" in long_source.notes[0]
    assert len(stored_row(store, "p-long-medium").medium) == 64
    assert stored_row(store, "p-title").title == "Заголовок \ufffd"

    again = ingest(store, read_paths([folder]))  # nothing changes, the failure is kept once
    assert (again.new, again.changed, again.failed) == (0, 0, 1)
    assert queries.counts(store)["failures"] == 1


def doc(doc_id: str, text: str) -> Document:
    return Document(
        id=doc_id, lang="uk", text=text, published_at=datetime(2025, 12, 6, 7, tzinfo=UTC)
    )


def test_a_document_the_database_refuses_is_a_failure_and_the_batch_is_kept(
    store: Store,
) -> None:
    """Values no check caught: claims the database refuses leave the document stored without
    them; a document it refuses is a failure; the rest of the batch is written."""
    huge = Claim(
        document_id="huge", kind="launched", scope="drones", quantity=Quantity(exact=2**70)
    )
    rows = [
        writes.WriteRow(doc("a", "Збито 5 БпЛА."), "new"),
        writes.WriteRow(
            doc("huge", "Атакував безліч БпЛА."),
            "new",
            Extraction(document_id="huge", lang="uk", claims=(huge,)),
        ),
        writes.WriteRow(doc("bad", "Збито \udc80 БпЛА."), "new"),
        writes.WriteRow(doc("b", "Збито 6 БпЛА."), "new"),
    ]
    result = writes.write_batch(store, rows, run_id=None)
    assert result.outcomes == ["new", "new", "failed", "new"]
    assert result.failures == 2
    assert stored_row(store, "huge").notes[0].startswith("claims not stored")
    assert claim_values(store, "huge") == []
    assert stored_row(store, "bad") is None
    reasons = sorted(f["reason"] for f in queries.list_failures(store))
    assert reasons[0].startswith("document bad refused by the database")
    assert reasons[1].startswith("huge: claims not stored")
    assert queries.counts(store)["documents"] == 3
