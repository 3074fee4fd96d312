"""The dashboard's pages in-process: what they show, and that source text is always escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient


def first_event_id(client: TestClient, **params: str) -> int:
    return int(client.get("/api/events", params=params).json()["items"][0]["id"])


def test_dashboard_has_charts_map_and_largest_attacks(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    for chart in ("chart-drones", "chart-missiles", "chart-rate", "chart-weapons"):
        assert f'id="{chart}"' in html
    assert '<script src="/static/charts.js"></script>' in html
    assert "cdn" not in html.lower() and "https://" not in html
    data = json.loads(re.search(r'id="dashboard-data">(.*?)</script>', html, re.S)[1])
    assert [n["night"] for n in data["nights"]] == ["2025-12-10", "2025-12-12", "2025-12-14"]
    assert data["largest"][0]["launched"] == 126  # 120 drones + 6 missiles
    assert data["weapons"] == [
        {"model": "kh-101", "launched": 6, "downed": 5, "nights": 1, "unpaired": 0}
    ]
    names = {m["name"] for m in data["markers"]}
    assert names == {"Odesa", "Kharkiv"}
    assert html.count('class="marker"') == 2
    outline = re.search(r'<path class="outline" d="M([^"]+) Z"', html)
    assert outline and outline[1].count(" L") >= 40


def test_event_page_highlights_the_claimed_words(client: TestClient) -> None:
    event_id = first_event_id(client, place="Odesa")
    html = client.get(f"/events/{event_id}").text
    assert "<mark>104 БпЛА</mark>" in html
    assert "<mark>125 drones</mark>" in html
    assert "⚠ conflict" in html and "⚠ disagrees" in html
    assert "<code>launched.drones</code>" in html


def test_document_with_markup_in_its_text_shows_it_as_text(client: TestClient) -> None:
    page = client.get("/documents/post-test-script")
    assert page.status_code == 200
    html = page.text
    assert "<script>alert" not in html and "<b>жирний" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<mark>12 дронів</mark>" in html


def test_event_page_of_the_markup_document_escapes_its_sentence(client: TestClient) -> None:
    event_id = first_event_id(client, since="2025-12-14")
    html = client.get(f"/events/{event_id}").text
    assert "&lt;script&gt;" in html and "<script>alert" not in html


def test_search_finds_claims_documents_and_places(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Odesa"}).text
    assert "Events naming the place (1)" in html
    assert "news-test-2025-12-10" in html
    escaped = client.get("/search", params={"q": "<script>"}).text
    assert "<script>" not in escaped.split("<main>")[1].split("</main>")[0]
    assert "post-test-script" in escaped


def test_missing_event_and_document_give_html_404(client: TestClient) -> None:
    for path in ("/events/999", "/documents/nope<b>"):
        page = client.get(path)
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "<b>" not in page.text.split("<main>")[1]


def test_static_files_are_served(client: TestClient) -> None:
    script = client.get("/static/charts.js")
    assert script.status_code == 200
    assert "createElementNS" in script.text
    assert client.get("/static/style.css").status_code == 200


def test_event_page_shows_moscows_version_beside_the_figures(tmp_path: Path) -> None:
    """A Russian defence-ministry statement about a night stands on that night's event page
    as Moscow's version, with its sentence."""
    from datetime import datetime

    from web_ledger import build_ledger

    from skyledger.api import create_app
    from skyledger.ingest import ingest
    from skyledger.models import Document
    from skyledger.store.db import open_store

    url = f"sqlite:///{tmp_path / 'moscow.db'}"
    build_ledger(url)
    statement = (
        "Минобороны России сообщило, что в ночь на 14 декабря был нанесён массированный удар "
        "по объектам энергетики Украины. Все назначенные объекты поражены."
    )
    store = open_store(url)
    try:
        published = datetime.fromisoformat("2025-12-14T12:00:00+03:00")
        doc = Document(id="ru-mod-1214", source="test", lang="ru", text=statement)
        ingest(store, [doc.model_copy(update={"published_at": published})])
    finally:
        store.close()
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        events = client.get("/api/events", params={"kind": "air_attack"}).json()["items"]
        night = next(e for e in events if e.get("night") == "2025-12-14")
        html = client.get(f"/events/{night['id']}").text
    assert "Moscow&#39;s version" in html or "Moscow's version" in html
    section = html.split("version</h2>", 1)[1].split("</div>", 1)[0]
    assert "ru_mod" in section and "объектам энергетики Украины" in section
