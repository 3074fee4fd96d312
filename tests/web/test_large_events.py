"""A huge event (thousands of claims from one long, repetitive document) makes a small page,
its long lists come a page at a time, and the dashboard is computed once per ledger state;
the weapon chart pairs launched and downed night by night."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import skyledger.extract
from skyledger.api import create_app
from skyledger.extract.spans import Sentences
from skyledger.ingest import ingest
from skyledger.models import Claim, Document, Event, Extraction, Figure, Quantity, TimeWindow
from skyledger.store import queries as store_queries
from skyledger.store.db import open_store
from skyledger.web import dashboard
from skyledger.web.dashboard import weapon_breakdown

SENTENCE = "Над областю збито 5 БпЛА. "
REPEATS = 3000


def repetitive(doc: Document, _options: object) -> Extraction:
    """One claim per sentence, as a grammar reading a copied-out feed would give."""
    sentences = Sentences.of(doc.id, doc.text)
    claims = []
    for i in range(REPEATS):
        start = i * len(SENTENCE) + SENTENCE.index("5 БпЛА")
        claims.append(
            Claim(
                document_id=doc.id,
                kind="downed",
                scope="drones",
                quantity=Quantity(exact=5, wording="5"),
                claimant="ua_officials",
                spans=(sentences.span(start, start + 6),),
                places=("Kharkiv Oblast",),
            )
        )
    window = TimeWindow(night=date(2025, 12, 20))
    return Extraction(document_id=doc.id, lang="uk", claims=tuple(claims), window=window)


@pytest.fixture
def huge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'huge.db'}"
    monkeypatch.setattr(skyledger.extract, "extract_document", repetitive)
    doc = Document(
        id="copied-feed",
        lang="uk",
        published_at=datetime.fromisoformat("2025-12-20T09:00:00+02:00"),
        text=SENTENCE * REPEATS,
    )
    store = open_store(url)
    try:
        ingest(store, [doc], command="test")
    finally:
        store.close()
    return url


def test_a_huge_event_makes_a_small_page_with_a_link_to_the_rest(huge: str) -> None:
    with TestClient(create_app(huge)) as client:
        event_id = client.get("/api/events").json()["items"][0]["id"]
        page = client.get(f"/events/{event_id}")
        assert page.status_code == 200
        assert len(page.content) < 150_000
        assert page.text.count('<li class="claim') <= 30
        link = re.search(r'href="(/events/\d+\?figure=(\d+))">all (\d+) claims', page.text)
        assert link is not None and int(link[3]) >= REPEATS
        second = client.get(link[1] + "&page=2")
        assert second.status_code == 200 and len(second.content) < 150_000
        assert second.text.count('<li class="claim') == 50
        assert f"page 2 of {-(-int(link[3]) // 50)}" in second.text
        assert client.get(link[1] + "&page=0").status_code == 422


def test_the_dashboard_is_computed_once_per_ledger_state_and_loads_no_event(
    huge: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    loaded: list[int] = []
    real = dashboard.store_dashboard
    real_list = store_queries.list_events

    def counted(*args: object, **kwargs: object) -> dict[str, object]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    def listed(*args: object, **kwargs: object) -> list[Event]:
        loaded.append(1)
        return real_list(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard, "store_dashboard", counted)
    monkeypatch.setattr(store_queries, "list_events", listed)
    with TestClient(create_app(huge)) as client:
        for _ in range(3):
            assert client.get("/").status_code == 200
        assert len(calls) == 1
        store = client.app.state.store  # type: ignore[attr-defined]
        later = Document(
            id="later",
            lang="uk",
            published_at=datetime.fromisoformat("2025-12-22T09:00:00+02:00"),
            text=SENTENCE,
        )
        ingest(store, [later], command="test")
        assert client.get("/").status_code == 200
        assert len(calls) == 2
    assert loaded == []


def fig(key: str, value: int) -> Figure:
    return Figure(key=key, quantity=Quantity(exact=value), claimant="ua_air_force")


def night(day: int, *figures: Figure) -> Event:
    return Event(kind="air_attack", window=TimeWindow(night=date(2025, 12, day)), figures=figures)


def test_the_weapon_chart_pairs_launched_and_downed_night_by_night() -> None:
    rows = weapon_breakdown(
        [
            night(1, fig("launched.model:kh-101", 20), fig("downed.model:kh-101", 18)),
            night(2, fig("downed.model:kh-101", 30)),  # no launches known that night
            night(3, fig("launched.model:iskander-m/kn-23", 4)),
            night(
                4,
                fig("launched.model:iskander-m/kn-23", 6),
                fig("downed.model:iskander-m/kn-23", 2),
            ),
        ]
    )
    by_model = {r["model"]: r for r in rows}
    assert by_model["kh-101"] == {
        "model": "kh-101", "launched": 20, "downed": 18, "nights": 1, "unpaired": 1
    }  # fmt: skip
    assert by_model["iskander-m/kn-23"]["launched"] == 6  # the group stays whole
    assert all(r["downed"] <= r["launched"] for r in rows)


def _shown_counts(client: TestClient) -> dict[str, int]:
    html = client.get("/").text
    return {name: int(n) for n, name in re.findall(r"<span><b>(\d+)</b> (\w+)</span>", html)}


def test_the_dashboard_counts_follow_every_change(tmp_path: Path) -> None:
    """The counts the dashboard shows are kept with it per ledger state, and still follow a
    post without figures, a post deleted at its source, and failures and runs."""
    from skyledger.ingest import record_deletion
    from skyledger.models import Failure

    url = f"sqlite:///{tmp_path / 'counts.db'}"
    day = datetime.fromisoformat("2025-12-20T09:00:00+02:00")
    report = Document(id="a", lang="uk", published_at=day, text="У ніч на 20 грудня збито 5 БпЛА.")
    with TestClient(create_app(url)) as client:
        store = client.app.state.store  # type: ignore[attr-defined]
        ingest(store, [report], command="test")
        first = _shown_counts(client)
        assert (first["documents"], first["revisions"], first["runs"]) == (1, 1, 1)
        quiet = Document(id="b", lang="uk", published_at=day, text="Погода сьогодні ясна.")
        ingest(store, [quiet, Failure(source="inbox/x.jsonl", reason="not JSON")], command="test")
        second = _shown_counts(client)
        assert (second["documents"], second["failures"], second["runs"]) == (2, 1, 2)
        assert second["claims"] == first["claims"]
        assert record_deletion(store, "b")
        third = _shown_counts(client)
        assert (third["documents"], third["revisions"]) == (1, 3)
        assert third == {**store_queries.counts(store)}
