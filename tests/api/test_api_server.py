"""A few tests against a real ``skyledger serve`` subprocess on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from web_ledger import running_server

from skyledger.api.auth import TOKEN_ENV

TOKEN = "server-test-token"


@pytest.fixture
def server(ledger_url: str) -> Iterator[str]:
    with running_server(ledger_url, env={TOKEN_ENV: TOKEN}) as base:
        yield base


def test_served_api_reads_and_writes(server: str) -> None:
    events = httpx.get(f"{server}/api/events").json()
    assert events["total"] == 3
    doc = {"id": "served-1", "lang": "en", "text": "Twelve drones were shot down overnight."}
    denied = httpx.post(f"{server}/api/documents", json=doc)
    assert denied.status_code == 401
    posted = httpx.post(
        f"{server}/api/documents", json=doc, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert posted.status_code == 201
    assert httpx.get(f"{server}/api/documents/served-1").json()["document"]["id"] == "served-1"


def test_served_app_refuses_a_large_body_and_serves_pages(server: str) -> None:
    response = httpx.post(
        f"{server}/api/documents",
        content=b"x" * 1_100_000,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["status"] == 413
    page = httpx.get(f"{server}/")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert httpx.get(f"{server}/static/charts.js").status_code == 200
    assert httpx.get(f"{server}/openapi.json").json()["info"]["title"] == "skyledger"
