"""End to end on a real two-worker ``LocalCluster``: the claims of a Parquet dataset and of a
ledger (SQLite, and PostgreSQL when configured) are those of the single-process path, claim by
claim; a rerun adds nothing; failures of every worker are recorded with file and line; a
worker killed in the middle of a run loses nothing."""

from __future__ import annotations

import json
import os
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from scale_archives import SAMPLE, write_archive

from skyledger.extract import extract_document
from skyledger.ingest import ingest
from skyledger.models import Document
from skyledger.scale.jobs import PartResult
from skyledger.scale.run import extract_archives, ingest_archives
from skyledger.sources.corpus_jsonl import read_corpus
from skyledger.store.db import open_store
from skyledger.store.schema import claims, documents, failures

PG_URL = os.environ.get("SKYLEDGER_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A ledger URL: a SQLite file, or a schema of our own on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scale.db'}"
        return
    if not PG_URL:
        pytest.skip("SKYLEDGER_TEST_PG_URL is not set")
    name = f"scale_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{name}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        engine.dispose()


def _claims_of(url: str) -> list[str]:
    """Every stored claim of the current documents, as sorted JSON."""
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(claims.c.body)
                .join(documents, documents.c.pk == claims.c.document_pk)
                .where(documents.c.current.is_(True))
            )
            return sorted(json.dumps(body, sort_keys=True) for (body,) in rows)
    finally:
        store.close()


def _count(url: str, table: sa.Table) -> int:
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
    finally:
        store.close()


def test_parquet_claims_are_the_single_process_claims(client: Any, tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "in")
    summary = extract_archives([archive], tmp_path / "claims.parquet", client=client, size=7)
    assert summary.workers == 2 and summary.partitions == 8 and summary.failed == 0
    table = pq.read_table(tmp_path / "claims.parquet")
    got = sorted(table.column("claim").to_pylist())
    docs = [d for d in read_corpus(archive) if isinstance(d, Document)]
    want = sorted(
        c.model_dump_json(exclude_defaults=True) for d in docs for c in extract_document(d).claims
    )
    assert got == want and len(got) == summary.claims > 600
    first = table.to_pylist()[0]
    doc = next(d for d in docs if d.id == first["doc_id"])
    assert doc.text[first["span_start"] : first["span_end"]]  # offsets into the text
    assert first["file"] == "in/archive.jsonl" and first["line"] >= 1


@pytest.mark.parametrize("kind", ["zst", "parquet"])
def test_compressed_and_parquet_archives_give_the_same_claims(
    client: Any, tmp_path: Path, kind: str
) -> None:
    archive = write_archive(tmp_path / "in")
    plain = extract_archives([archive], tmp_path / "plain", client=client, size=10)
    lines = archive.read_text(encoding="utf-8").splitlines()
    if kind == "zst":
        other = tmp_path / "in" / "archive.jsonl.zst"
        zstandard = pytest.importorskip("zstandard")
        other.write_bytes(zstandard.ZstdCompressor().compress(archive.read_bytes()))
    else:
        other = tmp_path / "in" / "archive.parquet"
        table = pa.Table.from_pylist([json.loads(line) for line in lines])
        pq.write_table(table, other, row_group_size=10)
    archive.unlink()
    got = extract_archives([other], tmp_path / "other", client=client, size=10)
    assert got.partitions == plain.partitions == 6
    assert _dataset(tmp_path / "other") == _dataset(tmp_path / "plain")


def _dataset(folder: Path) -> list[tuple[str, int]]:
    table = pq.read_table(folder)
    return sorted(
        zip(table.column("claim").to_pylist(), table.column("line").to_pylist(), strict=True)
    )


def test_ledger_claims_are_the_single_process_claims_and_a_rerun_adds_nothing(
    client: Any, url: str, tmp_path: Path
) -> None:
    archive = write_archive(tmp_path / "in", bad=True)
    summary = ingest_archives([archive], url, client=client, size=9)
    assert (summary.new, summary.failed, summary.events_changed > 0) == (51, 2, True)
    alone = f"sqlite:///{tmp_path / 'alone.db'}"
    store = open_store(alone)
    try:  # the bad lines give no document (the single-process reader stops at a bad byte)
        ingest(store, read_corpus(write_archive(tmp_path / "good")))
    finally:
        store.close()
    assert _claims_of(url) == _claims_of(alone)
    before = {t.name: _count(url, t) for t in (documents, claims, failures)}
    again = ingest_archives([archive], url, client=client, size=9)
    assert (again.new, again.unchanged, again.claims) == (0, 51, 0)
    assert {t.name: _count(url, t) for t in (documents, claims, failures)} == before
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(failures.c.source, failures.c.line, failures.c.reason))
            found = sorted((s, line, r.split(":")[0]) for s, line, r in rows)
    finally:
        store.close()
    assert found == [
        ("in/archive.jsonl", 4, "malformed JSON"),
        ("in/archive.jsonl", 10, "not UTF-8 text"),
    ]


def test_a_worker_killed_mid_run_loses_nothing(client: Any, tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "in", copies=4)
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_one(_result: PartResult) -> None:
        if not killed:  # a worker in the middle of a partition
            busy = [address for address, keys in client.processing().items() if keys]
            victim = pids[sorted(busy)[0]]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    summary = ingest_archives([archive], url, client=client, size=6, on_result=kill_one)
    assert killed and summary.partitions == 34
    assert summary.documents == 204 and summary.failed == 0
    assert summary.new + summary.unchanged == 204  # a partition run again finds its documents
    assert _count(url, documents) == 204
    one_copy = len(_claims_of_sample())
    assert _count(url, claims) == 4 * one_copy
    client.wait_for_workers(2, timeout=60)


def _claims_of_sample() -> list[str]:
    return [
        c.model_dump_json()
        for name in ("airforce.jsonl", "news.jsonl")
        for d in read_corpus(SAMPLE / name)
        if isinstance(d, Document)
        for c in extract_document(d).claims
    ]
