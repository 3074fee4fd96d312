"""The document size limit as the commands say it: ``extract`` and ``ingest`` name the
document and give the same reason; the other documents are read."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from skyledger.cli import app
from skyledger.models import MAX_DOCUMENT_CHARS
from skyledger.store import queries
from skyledger.store.db import open_store

runner = CliRunner()
SMALL = "Уночі противник атакував 40 ударними БпЛА. Збито 35."


def corpus(path: Path) -> Path:
    docs = [
        {"id": "big", "lang": "uk", "text": "Збито 5 БпЛА. " * (MAX_DOCUMENT_CHARS // 14 + 5)},
        {"id": "small", "lang": "uk", "text": SMALL, "published_at": "2025-06-01T09:00:00+03:00"},
    ]
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n")
    return path


def test_extract_names_the_document_past_the_limit(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus(tmp_path / "c.jsonl"))])
    assert result.exit_code == 3  # some input failed, the rest was read
    assert "Error: big: document too large" in result.stderr
    assert f"> {MAX_DOCUMENT_CHARS:,} characters" in result.stderr
    assert '"document_id":"small"' in result.stdout


def test_ingest_stores_it_with_the_same_reason(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    result = runner.invoke(app, ["ingest", str(corpus(tmp_path / "c.jsonl")), "--db", str(db)])
    assert result.exit_code == 3, result.output
    assert "document too large" in result.stderr
    store = open_store(f"sqlite:///{db}")
    try:
        (failure,) = queries.list_failures(store)
        assert failure["reason"].startswith("document too large")
        assert queries.counts(store)["documents"] == 2  # stored, its claims not read
    finally:
        store.close()
