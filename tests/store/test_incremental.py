"""An ingest regroups only the events its documents can change, and the ledger it leaves is
the one a full rebuild gives: whatever the order and the batches the documents came in, with
edits and deletions, on the bundled sample corpus and (when present) the development corpora."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from writers import ledger_snapshot

from skyledger.ingest import ingest, record_deletion
from skyledger.ledger import build_events
from skyledger.models import Document
from skyledger.sources.corpus_jsonl import read_corpus
from skyledger.store import events as store_events
from skyledger.store import regions
from skyledger.store.db import Store, open_store
from skyledger.store.events import load_current, rebuild_events, unique_keys
from skyledger.store.schema import claims, event_history

SAMPLE = Path(__file__).resolve().parents[2] / "skyledger" / "resources" / "sample"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def corpus(*paths: Path) -> list[Document]:
    return [d for path in paths for d in read_corpus(path) if isinstance(d, Document)]


def sample() -> list[Document]:
    return corpus(SAMPLE / "airforce.jsonl", SAMPLE / "news.jsonl")


def no_full_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if an ingest falls back to rebuilding everything (it must regroup a region)."""

    def refuse(*_: object, **__: object) -> int:
        raise AssertionError("an ingest rebuilt the whole ledger")

    monkeypatch.setattr(store_events, "rebuild_in", refuse)


def one_by_one(store: Store, docs: list[Document]) -> None:
    for doc in docs:
        summary = ingest(store, [doc])
        assert not summary.events_pending


def in_memory(store: Store) -> dict[str, dict[str, Any]]:
    """The events a build of the whole ledger in memory gives, by key."""
    with store.engine.connect() as conn:
        items, _ = load_current(conn)
    built = build_events(items)
    return {
        key: event.model_dump(mode="json", exclude={"id"})
        for key, event in zip(unique_keys(built), built, strict=True)
    }


def check_equals_rebuild(store: Store, url: str) -> dict[str, Any]:
    """The ledger equals the whole-ledger build, and a full rebuild changes nothing."""
    before = ledger_snapshot(url)
    assert before["events"] == in_memory(store)
    assert before["unlinked"] == 0 and before["stale"] == "0"
    assert rebuild_events(store) == 0
    assert ledger_snapshot(url) == before
    return before


@pytest.fixture
def other(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    url = f"sqlite:///{tmp_path / 'whole.db'}"
    st = open_store(url)
    try:
        yield st, url
    finally:
        st.close()


def test_one_at_a_time_in_any_order_equals_one_whole_ingest(
    store: Store, db_url: str, other: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = sample()
    random.Random(18).shuffle(docs)
    with monkeypatch.context() as patched:
        no_full_rebuild(patched)
        one_by_one(store, docs)
    got = check_equals_rebuild(store, db_url)
    whole, whole_url = other
    ingest(whole, sorted(docs, key=lambda d: d.id), batch_size=7)  # deferred to the run's end
    assert ledger_snapshot(whole_url)["events"] == got["events"]
    assert ledger_snapshot(whole_url)["links"] == got["links"]


def test_edits_and_deletions_leave_the_rebuilt_ledger(
    store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = sample()
    ingest(store, docs)
    rng = random.Random(7)
    with monkeypatch.context() as patched:
        no_full_rebuild(patched)
        for doc in rng.sample(docs, 4):  # edited posts: new revisions with other figures
            text = doc.text.replace("1", "2", 1) + " "
            ingest(store, [doc.model_copy(update={"text": text, "content_hash": ""})])
        for doc in rng.sample(docs, 3):
            assert record_deletion(store, doc.id)
    check_equals_rebuild(store, db_url)


def test_an_ingest_regroups_only_its_region(store: Store) -> None:
    docs = sorted(sample(), key=lambda d: d.published_at or datetime.min.replace(tzinfo=UTC))
    ingest(store, docs[:-1])
    with store.engine.connect() as conn:
        histories = conn.execute(sa.select(sa.func.count()).select_from(event_history)).scalar()
    summary = ingest(store, docs[-1:])
    with store.engine.connect() as conn:
        after = conn.execute(sa.select(sa.func.count()).select_from(event_history)).scalar()
        region = regions.touched(conn, [docs[-1].id])
    assert summary.new == 1 and int(after or 0) - int(histories or 0) == summary.events_changed
    assert 0 < len(region.attack_days) <= 3 * 2  # its days and their neighbours


def test_a_retelling_moves_with_the_report_of_its_night(
    store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report of night N arriving after a retelling published the next afternoon moves the
    retelling (a neighbour's event) to night N: both events are regrouped."""
    retelling = Document(
        id="wire-1",
        lang="en",
        source="wire",
        published_at=datetime(2025, 9, 29, 15, 0, tzinfo=UTC),
        text="Russia launched 595 drones and 48 missiles at Ukraine, the air force said.",
    )
    report = Document(
        id="af-1",
        lang="uk",
        source="kpszsu",
        published_at=datetime(2025, 9, 28, 9, 0, tzinfo=UTC),
        text="У ніч на 28 вересня противник атакував 595 ударними БпЛА та 48 ракетами.",
    )
    with monkeypatch.context() as patched:
        no_full_rebuild(patched)
        one_by_one(store, [retelling, report])
    got = check_equals_rebuild(store, db_url)
    nights = {body["window"].get("night") for body in got["events"].values()}
    assert date(2025, 9, 28).isoformat() in nights


@pytest.mark.skipif(not SHARED.is_dir(), reason="the development corpora are not present")
def test_development_corpora_in_shuffled_batches_equal_a_rebuild(
    store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = corpus(*sorted(SHARED.glob("*.dev.jsonl")))
    random.Random(16).shuffle(docs)
    with monkeypatch.context() as patched:
        no_full_rebuild(patched)
        for start in range(0, len(docs), 25):
            ingest(store, docs[start : start + 25])  # one batch each: in its transaction
    check_equals_rebuild(store, db_url)


@pytest.mark.parametrize("days, claims", [(3, 10_000), (10_000, 25)])
def test_a_long_run_regroups_as_it_goes_and_equals_a_rebuild(
    store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch, days: int, claims: int
) -> None:
    """A run of many batches regroups every few days of attacks (or claims) it wrote, in the
    batch's own transaction, reading back only the claims it does not hold; out of order,
    with a later batch touching days regrouped before, and an edit within the run."""
    monkeypatch.setattr(store_events, "GO_DAYS", days)
    monkeypatch.setattr(store_events, "GO_CLAIMS", claims)
    docs = sample()
    random.Random(5).shuffle(docs)
    edited = docs[0].model_copy(update={"text": docs[0].text.replace("1", "3", 1) + " "})
    read_back: list[int] = []
    load = regions.load_items

    def counted(conn: Any, region: Any, known: Any = None) -> Any:
        items, ids = load(conn, region, known)
        read_back.append(sum(1 for i in ids.values() if not known or i not in known))
        return items, ids

    with monkeypatch.context() as patched:
        no_full_rebuild(patched)
        patched.setattr(regions, "load_items", counted)
        summary = ingest(
            store, [*docs, edited.model_copy(update={"content_hash": ""})], batch_size=4
        )
    assert summary.changed == 1 and summary.events_changed > 0
    assert len(read_back) > 2  # regrouped along the way, not once at the end
    if claims > 1000:  # every claim the run stored is held: few are read back
        assert sum(read_back) < len(load_current_claims(store)) / 2
    check_equals_rebuild(store, db_url)


def load_current_claims(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        _, ids = load_current(conn)
    return list(ids.values())


def test_a_new_report_does_not_look_through_every_event(
    store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a report costs its region: the search for side rows behind their events (a
    scan of every event) is a full rebuild's, not an update's."""
    from skyledger.store import index

    docs = sorted(sample(), key=lambda d: d.published_at or datetime.min.replace(tzinfo=UTC))
    ingest(store, docs[:-1])

    def scan(*_: object) -> list[int]:
        raise AssertionError("an update looked through every event")

    with monkeypatch.context() as patched:
        no_full_rebuild(patched)
        patched.setattr(index, "stale_events", scan)
        assert ingest(store, docs[-1:]).new == 1
    check_equals_rebuild(store, db_url)


def test_the_rebuild_command_changes_nothing_on_a_current_ledger(sqlite_url: str) -> None:
    from typer.testing import CliRunner

    from skyledger.cli import app

    st = open_store(sqlite_url)
    try:
        ingest(st, sample()[:20])
    finally:
        st.close()
    result = CliRunner().invoke(app, ["rebuild", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "events changed: 0"


def test_a_ledger_stored_before_placements_were_kept_is_placed_and_rebuilt(
    store: Store, db_url: str
) -> None:
    """A ledger from before migration 0003: claims with no placement, events marked stale;
    the next ingest places every claim and rebuilds once (``kind`` is a column of claims, so
    the update's bound names stay apart from the columns')."""
    docs = sorted(sample(), key=lambda d: d.id)
    ingest(store, docs[:-1])
    with store.engine.begin() as conn:
        conn.execute(sa.update(claims).values(group_kind=None, first_day=None, last_day=None))
    ingest(store, docs[-1:])
    with store.engine.connect() as conn:
        unplaced = conn.execute(
            sa.select(sa.func.count()).select_from(claims).where(claims.c.group_kind.is_(None))
        ).scalar()
    assert unplaced == 0
    check_equals_rebuild(store, db_url)
