"""An event is stored with its claims as claim row ids and read back whole; an event stored
whole (as before) reads the same, and is rewritten with ids, without a new revision, when its
region is regrouped; an edit that leaves the claims as they were names the new claim rows
without a new revision."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from skyledger.ingest import ingest
from skyledger.ledger import build_events
from skyledger.models import Claim, Document, Event, Figure, Quantity, TimeWindow
from skyledger.sources.corpus_jsonl import read_corpus
from skyledger.store import bodies, queries
from skyledger.store.db import Store
from skyledger.store.events import load_current, rebuild_events
from skyledger.store.schema import event_claims, event_history, events

SAMPLE = Path(__file__).resolve().parents[2] / "skyledger" / "resources" / "sample"


def sample() -> list[Document]:
    return [d for d in read_corpus(SAMPLE / "airforce.jsonl") if isinstance(d, Document)]


def stored(store: Store) -> dict[int, tuple[int, dict[str, Any]]]:
    """Active event id → (revision, stored body as JSON)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(events.c.id, events.c.revision, events.c.body).where(events.c.active)
        )
        return {i: (rev, b if isinstance(b, dict) else json.loads(b)) for i, rev, b in rows}


def histories(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(event_history)).scalar_one())


def test_an_event_names_its_claims_by_row_and_reads_back_whole(store: Store) -> None:
    ingest(store, sample())
    with store.engine.connect() as conn:
        items, _ = load_current(conn)
        links: dict[int, set[int]] = {}
        for event_id, claim_id in conn.execute(sa.select(event_claims)):
            links.setdefault(event_id, set()).add(claim_id)
    built = build_events(items)
    found = stored(store)
    assert found
    for event_id, (_, body) in found.items():
        refs = bodies.claim_refs(body)
        assert refs and all(isinstance(r, int) for r in refs)
        assert set(body["claims"]) == links[event_id]  # the rows the event links
        assert "sentence" not in json.dumps(body)  # no claim's words are written again
    read = queries.list_events(store)
    assert [e.model_copy(update={"id": None}) for e in read] == built
    one = read[0]
    assert one.id is not None and queries.get_event(store, one.id) == one
    assert queries.event_revisions(store, one.id)[-1].event == one


def test_an_event_stored_whole_reads_the_same_and_is_rewritten_without_a_revision(
    store: Store,
) -> None:
    ingest(store, sample())
    event_id, (revision, _) = next(iter(stored(store).items()))
    before = queries.get_event(store, event_id)
    assert before is not None
    whole = before.model_dump(mode="json", exclude={"id"})  # a body as stored before
    with store.engine.begin() as conn:
        conn.execute(sa.update(events).where(events.c.id == event_id).values(body=whole))
    assert queries.get_event(store, event_id) == before
    count = histories(store)
    assert rebuild_events(store) == 0
    revision_after, body = stored(store)[event_id]
    assert revision_after == revision and histories(store) == count
    assert all(isinstance(r, int) for r in bodies.claim_refs(body))
    assert queries.get_event(store, event_id) == before


def test_an_edit_that_keeps_the_claims_names_the_new_rows_without_a_revision(
    store: Store,
) -> None:
    docs = sample()
    ingest(store, docs)
    before = stored(store)
    count = histories(store)
    edited = docs[0].model_copy(update={"text": docs[0].text + "\n", "content_hash": ""})
    summary = ingest(store, [edited])
    assert summary.changed == 1 and summary.events_changed == 0
    after = stored(store)
    assert histories(store) == count
    moved = [i for i in after if after[i][1] != before[i][1]]
    assert moved and all(after[i][0] == before[i][0] for i in after)
    with store.engine.connect() as conn:
        linked = {c for (c,) in conn.execute(sa.select(event_claims.c.claim_id))}
    for event_id in moved:
        assert set(after[event_id][1]["claims"]) <= linked


def test_a_claim_without_a_row_is_written_whole() -> None:
    claim = Claim(
        document_id="note-1",
        kind="launched",
        scope="drones",
        quantity=Quantity(exact=40),
        claimant="ua_air_force",
    )
    event = Event(
        kind="air_attack",
        window=TimeWindow(),
        figures=(
            Figure(
                key="launched.drones",
                quantity=Quantity(exact=40),
                claimant="ua_air_force",
                claims=(claim,),
            ),
        ),
        claims=(claim,),
    )
    body = bodies.pack(event, {})
    assert body["claims"] == [claim.model_dump(mode="json", exclude_defaults=True)]
    assert json.loads(bodies.dumps(body)) == body
    assert bodies.unpack_all(None, [(7, body)]) == [event.model_copy(update={"id": 7})]  # type: ignore[arg-type]
