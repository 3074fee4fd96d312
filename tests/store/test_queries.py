"""Queries in the database (``store.index``, ``listing``, ``nightly``, the claim search) give
what the same questions computed in Python from every event give, on the bundled sample
corpus, on SQLite and PostgreSQL; the side tables follow every change of the events and are
filled for a ledger stored before them."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

import skyledger.resources
from skyledger.api.views import matches_place, matches_weapon
from skyledger.ingest import ingest, record_deletion
from skyledger.ledger.cards import event_summary
from skyledger.ledger.summary import night_figures, period_figures
from skyledger.models import Claim, Event, Span
from skyledger.sources.corpus_jsonl import read_corpus
from skyledger.store import index, listing, nightly, queries, search
from skyledger.store.db import MIGRATIONS, Store, open_store, write_connection
from skyledger.store.schema import claims, documents

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"
PG_URL = os.environ.get("SKYLEDGER_TEST_PG_URL")


def _sample_docs() -> list[object]:
    return [*read_corpus(SAMPLE / "airforce.jsonl"), *read_corpus(SAMPLE / "news.jsonl")]


@pytest.fixture(scope="module")
def sample_url(sample_ledger_url: str) -> str:
    return sample_ledger_url


@pytest.fixture
def sample(sample_url: str) -> Iterator[Store]:
    store = open_store(sample_url)
    try:
        yield store
    finally:
        store.close()


def _python_page(
    every: list[Event],
    *,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    weapon: str | None = None,
) -> list[int | None]:
    def day(e: Event) -> str:
        return e.window.night.isoformat() if e.window.night else e.window.start.isoformat()

    found = [
        e
        for e in every
        if (not kind or e.kind == kind)
        and (not since or day(e) >= since.isoformat())
        and (not until or day(e) < until.isoformat() + "~")
        and (not place or matches_place(e, place))
        and (not weapon or matches_weapon(e, weapon))
    ]
    return [e.id for e in found]


@pytest.mark.parametrize("few", [listing.FEW, 0])
def test_event_lists_equal_python_filters(
    sample: Store, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of reading a page (few matches: their ids first) give the same."""
    monkeypatch.setattr(listing, "FEW", few)
    every = queries.list_events(sample)
    assert len(every) > 20
    cards = listing.list_events(sample, limit=10_000).items
    assert cards == [event_summary(e) for e in every]  # the cards kept equal the events'
    places = sorted({p for e in every for p in e.places})[:6]
    cases: list[dict[str, object]] = [
        {},
        {"kind": "air_attack"},
        {"kind": "talks"},
        {"since": date(2025, 11, 1)},
        {"since": date(2025, 6, 1), "until": date(2025, 9, 30)},
        {"weapon": "shahed"},
        {"weapon": "kh-101"},
        {"weapon": "iskander-m"},
        {"place": "kyiv"},
        {"place": "ODES"},
        {"place": "%"},
        {"kind": "air_attack", "weapon": "kalibr", "since": date(2025, 1, 1)},
        *({"place": p} for p in places),
    ]
    for params in cases:
        expected = _python_page(every, **params)  # type: ignore[arg-type]
        whole = listing.list_events(sample, limit=10_000, **params)  # type: ignore[arg-type]
        assert whole.total == len(expected), params
        assert [e["id"] for e in whole.items] == expected, params
        paged = listing.list_events(sample, limit=3, offset=2, **params)  # type: ignore[arg-type]
        assert (paged.total, [e["id"] for e in paged.items]) == (len(expected), expected[2:5])


def test_stats_equal_python_figures(sample: Store) -> None:
    for since, until in ((None, None), (date(2025, 6, 1), date(2025, 12, 31))):
        attacks = queries.list_events(sample, kind="air_attack", since=since, until=until)
        expected = [night_figures(e) for e in attacks if e.window.night is not None]
        assert len(expected) > 10
        assert nightly.nights(sample, since, until) == expected
        for period in ("week", "month"):
            assert nightly.periods(sample, period, since, until) == period_figures(expected, period)


def test_stats_a_page_at_a_time_equal_the_whole(sample: Store) -> None:
    for since, until in ((None, None), (date(2025, 6, 1), date(2025, 12, 31))):
        whole = nightly.stats(sample, since, until)
        assert whole["total"] == len(whole["nights"]) > 10
        pages = [
            nightly.stats(sample, since, until, limit=4, offset=start)
            for start in range(0, whole["total"], 4)
        ]
        assert [n for p in pages for n in p["nights"]] == whole["nights"]
        for page in pages:
            assert page["total"] == whole["total"]
            nights = {n["night"] for n in page["nights"]}
            for period in ("weeks", "months"):
                held = [
                    p
                    for p in whole[period]
                    if any(_holds(p, period, date.fromisoformat(n)) for n in nights)
                ]
                assert page[period] == held, (period, sorted(nights))


def _holds(row: dict[str, Any], period: str, night: date) -> bool:
    start = date.fromisoformat(row["start"])
    if period == "weeks":
        return start <= night < start + timedelta(days=7)
    return (start.year, start.month) == (night.year, night.month)


def test_truthful_rates_hold_in_the_sums() -> None:
    over = nightly.tally(30, 40, None, (30, 40, 1), (0, 0, 0, 0))
    assert over["shot_down"] == pytest.approx(40 / 30, abs=1e-4) and over["flag"]
    lost = nightly.tally(100, 80, 15, (100, 80, 1), (100, 80, 15, 1))
    assert lost["neutralised"] == 0.95 and lost["flag"] is None
    unpaired = nightly.tally(100, None, None, (0, 0, 0), (0, 0, 0, 0))
    assert (unpaired["shot_down"], unpaired["neutralised"], unpaired["nights_paired"]) == (
        None,
        None,
        0,
    )


def _python_claim_hits(store: Store, text: str) -> list[str]:
    terms, places = search.expand(text)
    with store.engine.connect() as conn:
        query = queries.filter_claims(sa.select(claims.c.body).select_from(claims))
        bodies = list(conn.execute(query.order_by(claims.c.id)).scalars())
    words = [index.words(t) for t in terms]
    out = []
    for body in bodies:
        indexed = index.claim_text(body).split()
        by_place = any(p in (body.get("places") or ()) for p in places)
        by_words = any(w and _prefix_phrase(indexed, w) for w in words)
        if by_place or by_words:
            out.append(body["document_id"])
    return out


def _prefix_phrase(indexed: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    for i in range(len(indexed) - n + 1):
        head, last = indexed[i : i + n - 1], indexed[i + n - 1]
        if head == phrase[:-1] and last.startswith(phrase[-1]):
            return True
    return False


@pytest.mark.parametrize("text", ["Київ", "Kyiv", "Одесі", "шахед", "balistic", "ракет", "х-101"])
def test_claim_search_counts_and_pages(sample: Store, text: str) -> None:
    found = search.search_claims(sample, text, limit=1000)
    assert found.total == len(found.items)
    assert [h.claim.document_id for h in found.items] == _python_claim_hits(sample, text)
    second = search.search_claims(sample, text, limit=2, offset=1)
    assert second.total == found.total
    assert [h.claim for h in second.items] == [h.claim for h in found.items[1:3]]


def test_a_deleted_document_leaves_the_lists_and_stats(sample_url: str, tmp_path: Path) -> None:
    if not sample_url.startswith("sqlite"):
        pytest.skip("the copy is of the SQLite file")
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(sample_url.removeprefix("sqlite:///")).read_bytes())
    store = open_store(f"sqlite:///{copy}")
    try:
        before = listing.list_events(store, kind="air_attack", limit=1000)
        doc_id = before.items[0]["sources"][0]
        found = queries.get_document(store, doc_id)
        assert found is not None
        word = next(w for w in found[0].text.split() if w.isalpha() and len(w) > 4)
        hits = search.search_documents(store, word, limit=1000)
        assert doc_id in [d["doc_id"] for d in hits.items]
        assert record_deletion(store, doc_id)
        gone = search.search_documents(store, word, limit=1000)
        assert doc_id not in [d["doc_id"] for d in gone.items]
        assert gone.total == len(gone.items) == hits.total - 1
        after = listing.list_events(store, kind="air_attack", limit=1000)
        every = queries.list_events(store, kind="air_attack")
        assert [e["id"] for e in after.items] == [e.id for e in every]
        expected = [night_figures(e) for e in every if e.window.night is not None]
        assert nightly.nights(store) == expected
    finally:
        store.close()


def test_backfill_of_a_ledger_stored_before_the_side_tables(sample: Store) -> None:
    """Migration 0004 fills the side tables of the ledger already stored."""
    expected = (listing.list_events(sample, limit=1000).total, nightly.stats(sample))
    hits = search.search_claims(sample, "Kyiv", limit=1000).total
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with write_connection(sample.engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003_incremental")
    with write_connection(sample.engine) as conn:
        assert not sa.inspect(conn).has_table("event_index")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert (listing.list_events(sample, limit=1000).total, nightly.stats(sample)) == expected
    assert search.search_claims(sample, "Kyiv", limit=1000).total == hits


def test_the_scopes_of_a_ledger_of_0006_take_their_nights(sample: Store) -> None:
    """Migration 0007 gives the stored scope rows their attack's night, week and month, and
    drops the rows of no active attack; the statistics are the same after it."""
    expected = nightly.stats(sample)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with write_connection(sample.engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006_nights")
    stray = 10**6  # scopes of an attack since retired (no active attack has this id)
    with write_connection(sample.engine) as conn:
        conn.exec_driver_sql(
            "INSERT INTO night_scopes (event_id, scope, position, launched)"
            f" VALUES ({stray}, 'total', 0, 5)"
        )
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        s, e = index.night_scopes.c, index.event_index.c
        rows = conn.execute(
            sa.select(s.event_id, s.night, s.week, s.month, e.night, e.week, e.month).outerjoin(
                index.event_index, e.event_id == s.event_id
            )
        ).all()
    assert rows and stray not in {row[0] for row in rows}
    assert all(row[1:4] == row[4:7] for row in rows)
    assert nightly.stats(sample) == expected


@pytest.mark.parametrize("in_order", [search.IN_ORDER, 0])
@pytest.mark.parametrize("text", ["Київ", "Одесі", "ракет", "drones"])
def test_document_search_counts_and_pages(
    sample: Store, text: str, in_order: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of reading a page (a common word's in the documents' order) give the same."""
    monkeypatch.setattr(search, "IN_ORDER", in_order)
    terms, _ = search.expand(text)
    phrases = [index.words(t) for t in terms]
    with sample.engine.connect() as conn:
        rows = conn.execute(
            sa.select(documents.c.doc_id, documents.c.title, documents.c.text)
            .where(documents.c.current.is_(True))
            .order_by(documents.c.published_utc, documents.c.doc_id)
        )
        expected = [
            doc_id
            for doc_id, title, body in rows
            if any(p and _prefix_phrase(index.words(f"{title or ''} {body}"), p) for p in phrases)
        ]
    found = search.search_documents(sample, text, limit=1000)
    assert found.total == len(expected) > 0
    assert [d["doc_id"] for d in found.items] == expected
    page = search.search_documents(sample, text, limit=2, offset=1)
    assert [d["doc_id"] for d in page.items] == expected[1:3]


def test_dashboard_from_the_database_equals_the_one_from_every_event(sample: Store) -> None:
    from skyledger.web.dashboard import dashboard_data, store_dashboard

    expected = dashboard_data(queries.list_events(sample))
    assert expected["largest"] and expected["weapons"] and expected["markers"]
    assert store_dashboard(sample) == expected


def test_the_index_version_moves_with_every_change_of_the_side_tables(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'v.db'}")
    try:
        first = index.version(store)
        docs = _sample_docs()
        ingest(store, docs[:3], command="test")  # type: ignore[arg-type]
        second = index.version(store)
        ingest(store, docs[:3], command="test")  # type: ignore[arg-type]
        assert index.version(store) == second > first
        ingest(store, docs[3:5], command="test")  # type: ignore[arg-type]
        assert index.version(store) > second
    finally:
        store.close()


def _side_tables(conn: sa.Connection) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {}
    for table in (index.event_index, index.event_weapons, index.night_scopes):
        rows = conn.execute(sa.select(table).order_by(*table.primary_key.columns))
        out[table.name] = [tuple(row) for row in rows]
    places = conn.execute(
        sa.select(index.event_places.c.event_id, index.place_names.c.name)
        .join(index.place_names, index.place_names.c.id == index.event_places.c.place_id)
        .order_by(index.event_places.c.event_id, index.place_names.c.name)
    )
    out["event_places"] = [tuple(row) for row in places]
    return out


def test_side_tables_written_from_built_events_equal_those_read_from_bodies(
    sample: Store,
) -> None:
    """An ingest indexes the events it wrote as it has them in memory; indexing every event
    again from its stored body gives the same rows."""
    with sample.engine.connect() as conn, conn.begin() as tx:
        before = _side_tables(conn)
        every = list(conn.execute(sa.select(index.event_index.c.event_id)).scalars())
        assert index.refresh(conn, every) == len(every) > 0
        assert _side_tables(conn) == before
        tx.rollback()


def test_a_claim_is_indexed_by_the_words_of_its_stored_body(sample: Store) -> None:
    """A writer indexes each claim from the claim it has (``claim_words``); the words are
    those of its stored body (``claim_text``), which the backfill reads."""

    with sample.engine.connect() as conn:
        bodies = list(conn.execute(sa.select(claims.c.body)).scalars())
    assert bodies
    for body in bodies:
        assert index.claim_words(Claim.model_validate(body)) == index.claim_text(body)


def test_statistics_are_refreshed_after_a_large_write(sample: Store) -> None:
    """PostgreSQL plans the reads from statistics of the ledger as it is, its tables vacuumed;
    SQLite has none to refresh."""
    from skyledger.store.db import analyze

    analyze(sample)
    if sample.engine.dialect.name != "postgresql":
        return
    with sample.engine.connect() as conn:
        analyzed = conn.execute(
            sa.text(
                "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()"
                " AND relname IN ('claims', 'claim_search') AND last_analyze IS NOT NULL"
                " AND last_vacuum IS NOT NULL"
            )
        ).scalar()
    assert analyzed == 2


def test_a_search_is_counted_once_per_state_of_the_ledger(tmp_path: Path) -> None:
    """The pages of a search reuse its count while the ledger stays as it was; a document
    written or deleted after it is counted."""
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        docs = _sample_docs()
        ingest(store, docs[:4], command="test")  # type: ignore[arg-type]
        first = search.search_claims(store, "БпЛА", limit=1)
        assert len(store.counts) == 1
        again = search.search_claims(store, "БпЛА", limit=1, offset=1)
        assert again.total == first.total and len(store.counts) == 1
        ingest(store, docs[4:], command="test")  # type: ignore[arg-type]
        more = search.search_claims(store, "БпЛА", limit=1)
        assert more.total > first.total
        assert more.total == len(search.search_claims(store, "БпЛА", limit=10_000).items)
        documents_before = search.search_documents(store, "БпЛА").total
        record_deletion(store, str(docs[0].id))  # type: ignore[attr-defined]
        assert search.search_claims(store, "БпЛА", limit=1).total < more.total
        after = search.search_documents(store, "БпЛА").total
        store.counts.clear()
        assert after == search.search_documents(store, "БпЛА").total <= documents_before
    finally:
        store.close()


def test_a_claim_is_indexed_by_the_same_words_with_its_sentences_read_once() -> None:
    """The words of a document's sentences are kept while its claims are indexed: each claim
    gets the words its own body gives, a sentence shared or not."""
    shared = "Уночі 12 жовтня збито 40 ударних БпЛА «Шахед» над Київщиною."
    first = Claim(
        document_id="d",
        kind="downed",
        scope="drones",
        places=("Київщина",),
        spans=(Span(document_id="d", start=0, end=10, sentence=shared),),
    )
    second = first.model_copy(
        update={
            "places": (),
            "spans": (
                Span(document_id="d", start=0, end=10, sentence=shared),
                Span(
                    document_id="d",
                    start=20,
                    end=30,
                    sentence="Ще 3 ракети Х-101 не досягли цілей.",
                ),
            ),
        }
    )
    seen: dict[str, str] = {}
    for claim in (first, second, first):
        body = json.loads(claim.model_dump_json(exclude_defaults=True))
        assert index.claim_words(claim, seen) == index.claim_text(body)
    assert shared in seen
