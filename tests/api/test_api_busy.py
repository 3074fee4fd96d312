"""POST /api/documents while another writer holds the ledger: 503 with Retry-After and
nothing stored, then 201 once it is free; a document the store refuses is a 422, never a
500 (a real SQLite file and the real PostgreSQL server)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from skyledger.api import create_app
from skyledger.api.auth import TOKEN_ENV
from skyledger.store import queries
from skyledger.store.db import open_store
from skyledger.store.locking import ledger_update

TOKEN = "busy-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = {
    "id": "busy-1",
    "lang": "en",
    "published_at": "2025-12-15T07:30:00+02:00",
    "text": "Air defence shot down 40 of 52 drones overnight, the air force said.",
}


@pytest.fixture
def client(db_url: str, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    app = create_app(db_url)
    app.state.lock_wait = 0.2
    return TestClient(app, raise_server_exceptions=False)


def test_a_busy_ledger_answers_503_with_retry_after(client: TestClient, db_url: str) -> None:
    holder = open_store(db_url)
    try:
        with client, ledger_update(holder):
            busy = client.post("/api/documents", json=DOC, headers=AUTH)
        assert busy.status_code == 503
        assert busy.headers["Retry-After"] == "1"
        message = busy.json()["error"]["message"]
        assert "the ledger is busy" in message and "nothing was stored" in message
        assert queries.get_document(holder, "busy-1") is None
        with client:
            done = client.post("/api/documents", json=DOC, headers=AUTH)
        assert done.status_code == 201 and done.json()["status"] == "new"
        assert done.json()["events_pending"] is False
    finally:
        holder.close()


def test_a_refused_document_is_a_422_with_the_reason(client: TestClient) -> None:
    with client:
        response = client.post("/api/documents", json={**DOC, "id": "bad\u0000id"}, headers=AUTH)
        assert response.status_code == 422
        assert "contains a NUL character" in response.json()["error"]["message"]
        failures = client.get("/api/failures").json()["items"]
    assert "contains a NUL character" in failures[0]["reason"]
