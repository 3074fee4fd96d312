"""Property tests: every claim lands in exactly one event, whatever the input order."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.ledger import build_events
from skyledger.models import (
    CLAIM_KINDS,
    CLAIMANTS,
    Claim,
    Document,
    Event,
    Extraction,
    Quantity,
    TimeWindow,
)

KYIV = ZoneInfo("Europe/Kyiv")
BASE = datetime(2025, 12, 1, tzinfo=KYIV)

moments = st.integers(0, 8 * 24 * 60).map(lambda m: BASE + timedelta(minutes=m))
nights = st.integers(0, 8).map(lambda n: date(2025, 12, 1) + timedelta(days=n))
quantities = st.one_of(
    st.none(),
    st.integers(0, 900).map(lambda n: Quantity(exact=n)),
    st.integers(0, 900).map(lambda n: Quantity(min=n)),
    st.integers(0, 900).map(lambda n: Quantity(approx=n)),
)
windows = st.one_of(
    st.none(),
    st.builds(
        TimeWindow,
        start=st.none() | moments,
        end=st.none() | moments,
        night=st.none() | nights,
        as_of=st.none() | moments,
    ),
)


@st.composite
def claims(draw: st.DrawFn, document_id: str) -> Claim:
    return Claim(
        document_id=document_id,
        kind=draw(st.sampled_from(CLAIM_KINDS)),
        scope=draw(st.sampled_from([None, "total", "drones", "missiles"])),
        quantity=draw(quantities),
        window=draw(windows),
        places=tuple(draw(st.sets(st.sampled_from(["Kyiv", "Fastiv", "Florida"]), max_size=2))),
        claimant=draw(st.sampled_from(CLAIMANTS)),
        derived=draw(st.booleans()),
    )


@st.composite
def items(draw: st.DrawFn) -> list[tuple[Document, Extraction]]:
    out: list[tuple[Document, Extraction]] = []
    for i in range(draw(st.integers(1, 5))):
        document = Document(
            id=f"d{i}",
            source=draw(st.sampled_from(["Ukrainian Air Force", "News A", ""])),
            published_at=draw(st.none() | moments),
            text="text",
        )
        found = tuple(draw(st.lists(claims(document.id), max_size=6)))
        window = draw(windows)
        out.append(
            (document, Extraction(document_id=document.id, lang="uk", claims=found, window=window))
        )
    return out


def claim_counts(events: list[Event]) -> Counter[str]:
    return Counter(claim.model_dump_json() for event in events for claim in event.claims)


@settings(max_examples=150, deadline=None)
@given(items(), st.randoms(use_true_random=False))
def test_every_claim_in_exactly_one_event_and_order_free(
    given_items: list[tuple[Document, Extraction]], rng: object
) -> None:
    events = build_events(given_items)
    expected = Counter(c.model_dump_json() for _, x in given_items for c in x.claims)
    assert claim_counts(events) == expected
    # the store maps claims back to its rows by object identity: no copies
    originals = {id(c) for _, x in given_items for c in x.claims}
    assert all(id(c) in originals for event in events for c in event.claims)
    assert all(id(c) in originals for e in events for f in e.figures for c in f.claims)
    shuffled = list(given_items)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert build_events(shuffled) == events


@settings(max_examples=150, deadline=None)
@given(items())
def test_events_are_consistent(given_items: list[tuple[Document, Extraction]]) -> None:
    for event in build_events(given_items):
        assert event.claims and event.id is None
        assert event.sources == tuple(sorted({c.document_id for c in event.claims}))
        assert len({f.key for f in event.figures}) == len(event.figures)
        for fig in event.figures:
            assert fig.claims[0].quantity == fig.quantity
            assert all(c in event.claims and c.key == fig.key for c in fig.claims)
        assert any(f.conflict for f in event.figures) == bool(event.conflicts)
