"""POST /api/documents: token auth, body size limit, ingest."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from skyledger.api import create_app
from skyledger.api.auth import TOKEN_ENV

TOKEN = "s3cret-test-token"
DOC = {
    "id": "posted-1",
    "source": "test",
    "lang": "en",
    "published_at": "2025-12-15T07:30:00+02:00",
    "text": "Air defence shot down 40 of 52 drones overnight, the air force said.",
}


@pytest.fixture
def with_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)


def test_post_is_disabled_without_a_configured_token(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    response = client.post("/api/documents", json=DOC)
    assert response.status_code == 403
    assert TOKEN_ENV in response.json()["error"]["message"]


@pytest.mark.usefixtures("with_token")
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": "Basic " + TOKEN}, 401),
        ({"X-API-Token": "wrong"}, 403),
    ],
)
def test_post_needs_the_right_token(
    client: TestClient, headers: dict[str, str], status: int
) -> None:
    response = client.post("/api/documents", json=DOC, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.usefixtures("with_token")
@pytest.mark.parametrize("headers", [{"Authorization": f"Bearer {TOKEN}"}, {"X-API-Token": TOKEN}])
def test_post_ingests_and_the_document_reads_back(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post("/api/documents", json=DOC, headers=headers)
    assert response.status_code == 201
    assert response.json()["status"] == "new"
    assert response.json()["url"] == "/api/documents/posted-1"
    again = client.post("/api/documents", json=DOC, headers=headers)
    assert again.json()["status"] == "unchanged"
    doc = client.get("/api/documents/posted-1").json()["document"]
    assert doc["text"] == DOC["text"]


@pytest.mark.usefixtures("with_token")
def test_an_edited_document_is_a_new_revision(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    client.post("/api/documents", json=DOC, headers=auth)
    edited = {**DOC, "text": DOC["text"].replace("40", "41")}
    assert client.post("/api/documents", json=edited, headers=auth).json()["status"] == "changed"
    assert client.get("/api/documents/posted-1").json()["document"]["revision"] == 2


@pytest.mark.usefixtures("with_token")
def test_body_larger_than_the_limit_is_refused(ledger_url: str) -> None:
    with TestClient(create_app(ledger_url, max_body_bytes=2_000)) as small:
        big = {**DOC, "text": "x" * 5_000}
        response = small.post(
            "/api/documents", json=big, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 413
        assert response.json() == {
            "error": {"status": 413, "message": "request body larger than 2000 bytes"}
        }
        ok = small.post("/api/documents", json=DOC, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 201


@pytest.mark.usefixtures("with_token")
def test_streamed_body_over_the_limit_is_refused(ledger_url: str) -> None:
    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(10):
            yield b"x" * 500

    with TestClient(create_app(ledger_url, max_body_bytes=2_000)) as small:
        response = small.post(
            "/api/documents",
            content=chunks(),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        assert response.status_code == 413
