"""The store on a real SQLite file and the real PostgreSQL server: idempotent, transactional,
revisions kept, failures recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from skyledger.ingest import ingest
from skyledger.models import Claim, Document, Failure, Quantity, TimeWindow
from skyledger.store import queries, writes
from skyledger.store.db import Store, normalize_url, open_store
from skyledger.store.schema import claims as claims_table
from skyledger.store.schema import documents


def report(doc_id: str, text: str = "Збито 20 БпЛА.", day: int = 6) -> Document:
    return Document(
        id=doc_id,
        source="Повітряні сили",
        medium="telegram",
        lang="uk",
        text=text,
        published_at=datetime(2025, 12, day, 7, 0, tzinfo=UTC),
    )


def test_ingest_is_idempotent(store: Store) -> None:
    docs = [report("a"), report("b", "Збито 30 БпЛА.", 7)]
    first = ingest(store, docs)
    assert (first.read, first.new, first.unchanged) == (2, 2, 0)
    second = ingest(store, docs)
    assert (second.new, second.changed, second.unchanged, second.events_changed) == (0, 0, 2, 0)
    assert queries.counts(store)["revisions"] == 2


def test_changed_text_is_a_new_revision(store: Store) -> None:
    ingest(store, [report("a", "Збито 20 БпЛА.")])
    summary = ingest(store, [report("a", "Збито 25 БпЛА.")])
    assert summary.changed == 1
    revisions = queries.document_revisions(store, "a")
    assert [d.revision for d in revisions] == [1, 2]
    assert [d.text for d in revisions] == ["Збито 20 БпЛА.", "Збито 25 БпЛА."]
    current = queries.get_document(store, "a")
    assert current is not None and current[0].revision == 2
    assert queries.counts(store)["documents"] == 1


def test_duplicate_ids_in_one_batch(store: Store) -> None:
    summary = ingest(store, [report("a"), report("a"), report("a", "Збито 21 БпЛА.")])
    assert (summary.new, summary.unchanged, summary.changed) == (1, 1, 1)


def test_failures_are_recorded_and_the_run_goes_on(store: Store) -> None:
    items: list[Document | Failure] = [
        Failure(source="bad.jsonl", line=3, reason="malformed JSON", excerpt="{oops"),
        report("ok"),
    ]
    summary = ingest(store, items)
    assert (summary.read, summary.failed) == (1, 1)
    rows = queries.list_failures(store)
    assert rows[0]["source"] == "bad.jsonl" and rows[0]["line"] == 3
    assert rows[0]["run_id"] == summary.run_id


def test_a_failed_batch_leaves_no_half_written_document(store: Store) -> None:
    claim = Claim(
        document_id="x",
        kind="launched",
        scope="drones",
        quantity=Quantity(exact=5),
        window=TimeWindow(night=date(2025, 12, 6)),
    )
    bad_claim_row = {**writes.claim_row(1, claim), "kind": None}  # violates NOT NULL

    def broken_write(st: Store, rows: object, **_: object) -> None:
        with st.engine.begin() as conn:
            for row in rows:  # type: ignore[attr-defined]
                writes._insert_document(conn, row.document, 1, row.origin, None)
                conn.execute(sa.insert(claims_table), [bad_claim_row])

    original = writes.write_batch
    writes.write_batch = broken_write  # type: ignore[assignment]
    try:
        with pytest.raises(sa.exc.IntegrityError):
            ingest(store, [report("x")])
    finally:
        writes.write_batch = original
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar() == 0
    summary = ingest(store, [report("x")])  # the next run completes the job
    assert summary.new == 1


def test_cursors(store: Store) -> None:
    assert writes.get_cursor(store, "telegram:kpszsu") is None
    writes.set_cursor(store, "telegram:kpszsu", "100")
    writes.set_cursor(store, "telegram:kpszsu", "105")
    assert writes.get_cursor(store, "telegram:kpszsu") == "105"


def test_reopening_keeps_data(db_url: str) -> None:
    st = open_store(db_url)
    ingest(st, [report("a")])
    st.close()
    st = open_store(db_url)
    try:
        assert queries.counts(st)["documents"] == 1
    finally:
        st.close()


def test_urls() -> None:
    assert normalize_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    assert normalize_url("ledger.db").startswith("sqlite:////")


def test_claim_search_folds_cyrillic(store: Store) -> None:
    from skyledger.models import Span
    from skyledger.store.writes import claim_row

    doc = report("s", "Збито 20 БпЛА над Києвом.")
    ingest(store, [doc])
    span = Span(document_id="s", start=6, end=8, sentence="Збито 20 БпЛА над Києвом.")
    claim = Claim(
        document_id="s",
        kind="downed",
        scope="drones",
        quantity=Quantity(exact=20),
        spans=(span,),
        claimant="ua_air_force",
    )
    with store.engine.begin() as conn:
        pk = conn.execute(sa.select(documents.c.pk).where(documents.c.doc_id == "s")).scalar()
        conn.execute(sa.insert(claims_table).values(**claim_row(int(pk or 0), claim)))
    found = queries.list_claims(store, text="КИЄВОМ")
    assert any(c.document_id == "s" for c in found)


def test_events_stale_after_a_kill_are_rebuilt_next_run(store: Store) -> None:
    doc = report("stale", "У ніч на 6 грудня противник атакував 50 ударними БпЛА.")
    # documents written, then the run dies before the events are rebuilt
    from skyledger.extract import extract_document

    writes.write_batch(store, [writes.WriteRow(doc, "new", extract_document(doc))])
    assert writes.get_cursor(store, writes.EVENTS_STALE) == "1"
    summary = ingest(store, [doc])
    assert summary.unchanged == 1
    assert writes.get_cursor(store, writes.EVENTS_STALE) == "0"
    assert queries.counts(store)["events"] >= 1
    assert ingest(store, [doc]).events_changed == 0


def test_the_migrations_build_the_schema_the_code_uses(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from skyledger.store.schema import metadata

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == "0007_scope_nights"
        diff = [
            d
            for d in compare_metadata(context, metadata)
            # the full-text indexes differ per database and are not modelled
            if d[0] != "remove_table"
            and not (d[0] == "remove_index" and d[1].table.name not in metadata.tables)
        ]
    assert diff == []


def test_rows_beyond_the_full_text_cursors_are_indexed_again(store: Store) -> None:
    """A ledger whose full-text indexes lag behind its rows (written before the indexes
    existed, or emptied) catches up at its next write, and searches find the same."""
    from skyledger.store import index, search
    from skyledger.store.db import put_cursor

    ingest(
        store,
        [
            report("a", "Збито 20 БпЛА над Києвом, уламки впали у Фастові.", 6),
            report("b", "Over Kyiv 12 Shahed drones were shot down overnight.", 7),
        ],
    )
    queries_ = ("Києві", "Fastiv", "shahed", "уламк")
    before = [search.search(store, q) for q in queries_]
    assert all(found.documents.total for found in before)
    assert before[0].claims.total
    sqlite = store.engine.dialect.name == "sqlite"
    with store.engine.begin() as conn:
        for name in ("claim", "document"):
            conn.exec_driver_sql(
                f"INSERT INTO {name}_fts ({name}_fts) VALUES ('delete-all')"
                if sqlite
                else f"DELETE FROM {name}_search"
            )
        for key in (index.CLAIMS_CURSOR, index.DOCUMENTS_CURSOR):
            put_cursor(conn, key, "0")
        rows = queries.counts(store)
        assert index.index_claims(conn) == rows["claims"] + rows["revisions"]
    store.counts.clear()
    after = [search.search(store, q) for q in queries_]
    for old, new in zip(before, after, strict=True):
        assert (new.claims.total, new.documents.total) == (old.claims.total, old.documents.total)
        assert [h.claim for h in new.claims.items] == [h.claim for h in old.claims.items]
