"""The read routes, in-process over ASGI: paging, filters, details with spans, stats."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_ledger import DOCS

TEXTS = {doc.id: doc for doc, _, _ in DOCS}


def test_events_page_has_total_limit_offset(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert (body["total"], body["limit"], body["offset"]) == (3, 2, 1)
    assert [e["night"] for e in body["items"]] == ["2025-12-12", "2025-12-14"]


@pytest.mark.parametrize(
    ("params", "nights"),
    [
        ({}, ["2025-12-10", "2025-12-12", "2025-12-14"]),
        ({"kind": "air_attack"}, ["2025-12-10", "2025-12-12", "2025-12-14"]),
        ({"kind": "talks"}, []),
        ({"since": "2025-12-11"}, ["2025-12-12", "2025-12-14"]),
        ({"until": "2025-12-12"}, ["2025-12-10", "2025-12-12"]),
        ({"since": "2025-12-11", "until": "2025-12-12"}, ["2025-12-12"]),
        ({"place": "odesa"}, ["2025-12-10"]),
        ({"place": "Kharkiv"}, ["2025-12-12"]),
        ({"weapon": "kh-101"}, ["2025-12-10"]),
        ({"weapon": "kalibr"}, []),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], nights: list[str]) -> None:
    body = client.get("/api/events", params=params).json()
    assert [e["night"] for e in body["items"]] == nights
    assert body["total"] == len(nights)


def test_event_summary_has_figures_rates_and_conflicts(client: TestClient) -> None:
    event = client.get("/api/events", params={"place": "Odesa"}).json()["items"][0]
    figures = {f["key"]: f for f in event["figures"]}
    assert figures["launched.drones"]["value"] == "120"
    assert figures["launched.drones"]["conflict"] is True  # the wire said 125
    drones = event["rates"]["drones"]
    assert drones["shot_down"] == pytest.approx(104 / 120, abs=1e-4)
    assert (drones["neutralised"], drones["flag"]) == (None, None)
    assert event["conflicts"]
    assert event["sources"] == ["af-test-2025-12-10", "news-test-2025-12-10"]


def test_event_detail_has_claims_with_spans_that_slice_the_text(client: TestClient) -> None:
    event_id = client.get("/api/events", params={"place": "Odesa"}).json()["items"][0]["id"]
    body = client.get(f"/api/events/{event_id}").json()
    figure = next(f for f in body["figures"] if f["key"] == "downed.drones")
    (claim,) = figure["claims"]
    (span,) = claim["spans"]
    assert TEXTS[claim["document_id"]].text[span["start"] : span["end"]] == "104 БпЛА"
    assert "104 БпЛА" in span["sentence"]
    assert len(body["claims"]) == 10


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({}, 14),
        ({"kind": "launched"}, 5),
        ({"key": "launched.drones"}, 3),
        ({"claimant": "media"}, 1),
        ({"q": "odesa"}, 3),  # two name Odesa; a third says "в Одесі" in its sentence
        ({"q": "nothing like this"}, 0),
    ],
)
def test_claims_search(client: TestClient, params: dict[str, str], total: int) -> None:
    body = client.get("/api/claims", params={**params, "limit": 2}).json()
    assert body["total"] == total
    assert len(body["items"]) == min(2, total)


def test_stats_per_night_and_week(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    first = body["nights"][0]
    assert first["night"] == "2025-12-10"
    rates = {"lost": None, "neutralised": None, "flag": None}
    assert first["drones"] == {"launched": 120, "downed": 104, "shot_down": 0.8667, **rates}
    assert first["model:kh-101"] == {"launched": 6, "downed": 5, "shot_down": 0.8333, **rates}
    (week,) = body["weeks"]  # 10, 12 and 14 December 2025 share ISO week 50
    assert week["week"] == "2025-W50"
    assert week["nights"] == 3
    assert week["drones"]["launched"] == 200
    assert week["drones"]["downed"] == 181
    assert week["drones"]["shot_down"] == round((104 + 65) / 200, 4)
    (month,) = body["months"]
    assert (month["month"], month["nights"]) == ("2025-12", 3)
    assert set(body["rates"]) == {"shot_down", "neutralised"}


def test_stats_come_a_page_of_nights_at_a_time_with_whole_weeks(client: TestClient) -> None:
    whole = client.get("/api/stats").json()
    assert (whole["total"], whole["limit"], whole["offset"]) == (3, 1000, 0)
    first = client.get("/api/stats", params={"limit": 2}).json()
    assert first["total"] == 3
    assert [n["night"] for n in first["nights"]] == ["2025-12-10", "2025-12-12"]
    assert first["weeks"] == whole["weeks"]  # week 50 holds the third night too: it is whole
    assert first["months"] == whole["months"]
    rest = client.get("/api/stats", params={"limit": 2, "offset": 2}).json()
    assert [n["night"] for n in rest["nights"]] == ["2025-12-14"]
    assert rest["nights"] == whole["nights"][2:] and rest["weeks"] == whole["weeks"]
    past = client.get("/api/stats", params={"offset": 3}).json()
    assert (past["total"], past["nights"], past["weeks"], past["months"]) == (3, [], [], [])
    for bad in ({"limit": 0}, {"limit": 5001}, {"offset": -1}):
        assert client.get("/api/stats", params=bad).status_code == 422


def test_a_page_of_stats_sums_its_weeks_within_the_range_asked(client: TestClient) -> None:
    params = {"since": "2025-12-11", "limit": 1}
    body = client.get("/api/stats", params=params).json()
    assert body["total"] == 2 and [n["night"] for n in body["nights"]] == ["2025-12-12"]
    (week,) = body["weeks"]
    assert week["nights"] == 2  # the 12th and the 14th: the 10th is before the range


def test_stats_since_until(client: TestClient) -> None:
    body = client.get("/api/stats", params={"since": "2025-12-12", "until": "2025-12-12"}).json()
    assert [n["night"] for n in body["nights"]] == ["2025-12-12"]


def test_document_with_claims_and_spans(client: TestClient) -> None:
    body = client.get("/api/documents/af-test-2025-12-12").json()
    doc = body["document"]
    assert doc["id"] == "af-test-2025-12-12"
    assert len(body["claims"]) == 3
    for span in body["spans"]:
        assert doc["text"][span["start"] : span["end"]] in span["sentence"]


def test_failures_page(client: TestClient) -> None:
    body = client.get("/api/failures").json()
    assert body == {"total": 0, "limit": 50, "offset": 0, "items": []}


def test_openapi_lists_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/claims",
        "/api/stats",
        "/api/documents/{doc_id}",
        "/api/failures",
        "/api/documents",
    ):
        assert path in paths
    assert "/" not in paths  # pages stay out of the schema
    assert client.get("/docs").status_code == 200


def test_stats_follow_a_new_report(client: TestClient) -> None:
    from datetime import datetime

    from skyledger.ingest import ingest
    from skyledger.models import Document

    before = client.get("/api/stats").json()
    assert client.get("/api/stats").json() == before  # served again as it was written
    store = client.app.state.store  # type: ignore[attr-defined]
    later = Document(
        id="af-test-2025-12-20",
        lang="uk",
        published_at=datetime.fromisoformat("2025-12-20T09:00:00+02:00"),
        text="У ніч на 20 грудня ворог запустив 40 ударних БпЛА. Збито 31 БпЛА.",
    )
    ingest(store, [later], command="test")
    after = client.get("/api/stats").json()
    assert [n["night"] for n in after["nights"]] == [
        *(n["night"] for n in before["nights"]),
        "2025-12-20",
    ]
    assert after["nights"][-1]["drones"]["launched"] == 40
