"""The data model: validation, arithmetic of quantities, JSON round trips."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from skyledger.models import (
    Claim,
    Document,
    Event,
    Extraction,
    Figure,
    Quantity,
    Span,
    TimeWindow,
)

quantities = st.one_of(
    st.builds(lambda v: Quantity(exact=v), st.integers(0, 10_000)),
    st.builds(lambda v: Quantity(min=v), st.integers(0, 10_000)),
    st.builds(lambda v: Quantity(max=v), st.integers(0, 10_000)),
    st.builds(lambda v: Quantity(approx=v), st.integers(0, 10_000)),
)


def test_document_hash_and_awareness() -> None:
    a = Document(id="d", text="текст", lang="uk")
    b = Document(id="d", text="текст", lang="uk", title="x")
    assert a.content_hash and a.content_hash != b.content_hash
    with pytest.raises(ValidationError, match="UTC offset"):
        Document(id="d", text="t", published_at=datetime(2025, 12, 6, 9, 0))


def test_quantity_forms() -> None:
    assert Quantity(exact=5).gold() == 5
    assert Quantity(min=701).gold() == {"min": 701}
    assert Quantity(approx=90).gold() == {"approx": 90}
    assert (Quantity(min=651) + Quantity(exact=51)).gold() == {"min": 702}
    assert (Quantity(exact=653) + Quantity(exact=51)).gold() == 704
    with pytest.raises(ValidationError):
        Quantity()
    with pytest.raises(ValidationError):
        Quantity(min=5, max=3)


def test_quantity_agreement() -> None:
    over_700 = Quantity(min=701)
    assert over_700.agrees(Quantity(exact=704))
    assert not over_700.agrees(Quantity(exact=650))
    assert Quantity(exact=5).agrees(Quantity(exact=5))
    assert not Quantity(exact=5).agrees(Quantity(exact=6))
    assert Quantity(min=3).agrees(Quantity(max=10))
    assert not Quantity(min=30).agrees(Quantity(max=10))


@given(quantities, quantities)
def test_quantity_sum_is_consistent(a: Quantity, b: Quantity) -> None:
    total = a + b
    assert total.point() >= 0
    if a.exact is not None and b.exact is not None:
        assert total.exact == a.exact + b.exact


@given(quantities)
def test_quantity_round_trip(q: Quantity) -> None:
    assert Quantity.model_validate_json(q.model_dump_json()) == q


def test_claim_and_event_round_trip() -> None:
    span = Span(document_id="d", start=3, end=6, sentence="Збито 585 БпЛА.")
    window = TimeWindow(start=datetime(2025, 12, 5, 16, 0, tzinfo=UTC), night=date(2025, 12, 6))
    claim = Claim(
        document_id="d",
        kind="downed",
        scope="drones",
        quantity=Quantity(exact=585),
        window=window,
        claimant="ua_air_force",
        spans=(span,),
    )
    assert claim.key == "downed.drones"
    assert Claim.model_validate_json(claim.model_dump_json()) == claim
    extraction = Extraction(document_id="d", lang="uk", claims=(claim,), window=window)
    assert Extraction.model_validate_json(extraction.model_dump_json()) == extraction
    figure = Figure(
        key="downed.drones", quantity=claim.quantity, claimant="ua_air_force", claims=(claim,)
    )
    event = Event(
        kind="air_attack", window=window, figures=(figure,), claims=(claim,), sources=("d",)
    )
    assert Event.model_validate_json(event.model_dump_json()) == event
    with pytest.raises(ValidationError, match="unknown claim kind"):
        Claim(document_id="d", kind="rumour")
    with pytest.raises(ValidationError):
        Span(document_id="d", start=5, end=2, sentence="")
