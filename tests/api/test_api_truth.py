"""What the API takes and gives back is true: the server computes a document's hash and
revision, only http(s) links are kept, failures never show the server's paths, and search
finds sentences and places (any spelling, any case form) with a true count, paged, dated."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from skyledger.api import create_app
from skyledger.api.auth import TOKEN_ENV
from skyledger.cli import app as cli
from skyledger.ingest import ingest
from skyledger.models import Document, Failure, content_hash
from skyledger.store import writes
from skyledger.store.db import open_store

TOKEN = "truth-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = {
    "id": "posted-edit",
    "lang": "uk",
    "published_at": "2025-12-15T09:00:00+02:00",
    "text": "У ніч на 15 грудня ворог запустив 52 ударні БпЛА. Збито 40 БпЛА.",
}


@pytest.fixture
def with_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)


@pytest.mark.usefixtures("with_token")
def test_the_server_computes_hash_and_revision(client: TestClient) -> None:
    first = client.post("/api/documents", json=DOC, headers=AUTH).json()
    assert first["content_hash"] == content_hash(None, DOC["text"])
    edited = {**DOC, "text": DOC["text"].replace("Збито 40", "Збито 44")}
    again = client.post("/api/documents", json=edited, headers=AUTH)
    assert again.json()["status"] == "changed"  # never dropped as "unchanged"
    stored = client.get("/api/documents/posted-edit").json()["document"]
    assert (stored["revision"], stored["content_hash"]) == (2, content_hash(None, edited["text"]))
    stale = {**edited, "content_hash": first["content_hash"], "revision": 1}
    refused = client.post("/api/documents", json=stale, headers=AUTH)
    assert refused.status_code == 422
    assert "content_hash" in refused.json()["error"]["message"]


@pytest.mark.usefixtures("with_token")
def test_only_http_links_are_taken(client: TestClient) -> None:
    bad = client.post("/api/documents", json={**DOC, "url": "javascript:alert(1)"}, headers=AUTH)
    assert bad.status_code == 422 and "http" in bad.json()["error"]["message"]
    good = {**DOC, "id": "linked", "url": "https://example.org/report"}
    assert client.post("/api/documents", json=good, headers=AUTH).status_code == 201
    assert client.get("/api/documents/linked").json()["document"]["url"] == good["url"]


def test_a_reader_never_stores_a_script_link(tmp_path: Path) -> None:
    line = {**DOC, "id": "scripted", "url": "javascript:alert(document.cookie)"}
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db]).exit_code == 0
    with TestClient(create_app(db)) as client:
        assert client.get("/api/documents/scripted").json()["document"]["url"] is None
        page = client.get("/documents/scripted").text
        assert "javascript:" not in page


def test_failures_never_show_the_servers_paths(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "broken.jsonl").write_text("{nope\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'l.db'}"
    CliRunner().invoke(cli, ["ingest", str(inbox.resolve()), "--db", db])
    store = open_store(db)
    try:  # a row written before inputs were named from their folder
        writes.record_failures(store, None, [Failure(source=str(inbox / "old.txt"), reason="x")])
    finally:
        store.close()
    with TestClient(create_app(db)) as client:
        items = client.get("/api/failures").json()["items"]
    sources = sorted(i["source"] for i in items)
    assert sources == ["inbox/broken.jsonl", "inbox/old.txt"]
    assert str(tmp_path) not in json.dumps(items)


@pytest.fixture
def searchable(tmp_path: Path) -> str:
    """60 reports naming Фастів in its case forms, and one on Odesa."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    docs = [
        Document(
            id=f"fastiv-{i}",
            lang="uk",
            published_at=datetime.fromisoformat(f"2025-11-{1 + i % 28:02d}T09:00:00+02:00"),
            text=f"У ніч на {1 + i % 28} листопада ворог атакував Фастів дронами. "
            f"Збито {10 + i} БпЛА над Фастовом.",
        )
        for i in range(60)
    ]
    docs.append(
        Document(
            id="odesa-1",
            lang="en",
            published_at=datetime.fromisoformat("2025-12-02T10:00:00+02:00"),
            text="Russia launched 30 drones at Odesa overnight; air defences shot down 25.",
        )
    )
    store = open_store(url)
    try:
        ingest(store, docs, command="test")
    finally:
        store.close()
    return url


def test_search_does_not_match_field_names(searchable: str) -> None:
    with TestClient(create_app(searchable)) as client:
        for word in ("document_id", "claimant", "spans", "quantity"):
            assert client.get("/api/claims", params={"q": word}).json()["total"] == 0, word


def test_search_finds_a_place_in_any_spelling_with_the_true_count(searchable: str) -> None:
    with TestClient(create_app(searchable)) as client:
        totals = {
            q: client.get("/api/claims", params={"q": q, "limit": 50}).json()["total"]
            for q in ("Фастів", "фастові", "Fastiv", "FASTOV")
        }
        assert len(set(totals.values())) == 1 and totals["Фастів"] >= 60
        seen: list[dict[str, str]] = []
        while True:
            body = client.get(
                "/api/claims", params={"q": "Фастів", "limit": 50, "offset": len(seen)}
            ).json()
            assert body["total"] == totals["Фастів"]
            if not body["items"]:
                break
            seen += body["items"]
        assert len(seen) == totals["Фастів"]  # every page together: the true count
        assert {c["document_id"] for c in seen} == {f"fastiv-{i}" for i in range(60)}
        assert all(c["day"] and c["day"].startswith("2025-11-") for c in seen)


def test_search_page_shows_true_counts_dates_and_pages(searchable: str) -> None:
    with TestClient(create_app(searchable)) as client:
        page = client.get("/search", params={"q": "Фастові"}).text
        total = client.get("/api/claims", params={"q": "Фастові"}).json()["total"]
        assert f"Claims ({total})" in page
        assert "Documents (60)" in page
        assert "2025-11-" in page
        assert 'href="/search?q=' in page and "page=2" in page
        second = client.get("/search", params={"q": "Фастові", "page": 2}).text
        assert "fastiv-" in second


def test_a_rate_above_100_percent_comes_with_its_flag(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    lines = [
        {
            "id": "af-odd",
            "lang": "uk",
            "published_at": "2025-12-18T09:00:00+02:00",
            "text": "У ніч на 18 грудня ворог запустив 18 ударних БпЛА. Збито 27 БпЛА.",
        },
        {
            "id": "af-lost",
            "lang": "uk",
            "published_at": "2025-12-19T09:00:00+02:00",
            "text": "У ніч на 19 грудня ворог атакував 550 ударними БпЛА. Збито 270 БпЛА, "
            "ще 208 локаційно втрачено.",
        },
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    assert CliRunner().invoke(cli, ["ingest", str(corpus), "--db", url]).exit_code == 0
    with TestClient(create_app(url)) as client:
        nights = {n["night"]: n["drones"] for n in client.get("/api/stats").json()["nights"]}
        odd, lost = nights["2025-12-18"], nights["2025-12-19"]
        assert odd["shot_down"] == 1.5 and odd["flag"]
        assert lost["lost"] == 208 and lost["shot_down"] == pytest.approx(270 / 550, abs=1e-4)
        assert lost["neutralised"] == pytest.approx(478 / 550, abs=1e-4) and not lost["flag"]
        page = client.get("/").text
        assert "150% ⚠" in page
