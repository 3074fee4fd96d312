"""Every error the API returns has one shape: ``{"error": {"status": int, "message": str}}``
(datasette's test_error_shape, for our routes)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from skyledger.api.auth import TOKEN_ENV
from skyledger.store import queries

TOKEN = "shape-token"
GOOD = {"Authorization": f"Bearer {TOKEN}"}
GOOD_JSON = {**GOOD, "Content-Type": "application/json"}
GERMAN = {"id": "x", "text": "y", "lang": "de"}
EARLY = {"id": "x", "text": "Збито 5 БпЛА."}

# (method, path, request kwargs, token configured, expected status)
CASES: list[tuple[str, str, dict[str, Any], bool, int]] = [
    ("GET", "/api/events", {"params": {"limit": 0}}, True, 422),
    ("GET", "/api/events", {"params": {"limit": 501}}, True, 422),
    ("GET", "/api/events", {"params": {"offset": -1}}, True, 422),
    ("GET", "/api/events", {"params": {"since": "10 Dec"}}, True, 422),
    ("GET", "/api/events/{event_id}", {"path": "/api/events/999"}, True, 404),
    ("GET", "/api/events/{event_id}", {"path": "/api/events/abc"}, True, 422),
    ("GET", "/api/events/{event_id}", {"path": f"/api/events/{2**63}"}, True, 422),
    ("GET", "/api/events", {"params": {"offset": 2**63}}, True, 422),
    ("GET", "/api/claims", {"params": {"offset": 2**64}}, True, 422),
    ("GET", "/api/claims", {"params": {"q": "kyiv " * 10_001}}, True, 422),
    ("GET", "/api/claims", {"params": {"limit": "many"}}, True, 422),
    ("GET", "/api/stats", {"params": {"until": "2025-13-01"}}, True, 422),
    ("GET", "/api/documents/{doc_id}", {"path": "/api/documents/no-such-doc"}, True, 404),
    ("GET", "/api/failures", {"params": {"offset": "x"}}, True, 422),
    ("GET", "/api/failures", {"params": {"offset": 2**63}}, True, 422),
    ("POST", "/api/documents", {"json": {"id": "x", "text": "y"}}, False, 403),
    ("POST", "/api/documents", {"json": {"id": "x", "text": "y"}}, True, 401),
    ("POST", "/api/documents", {"json": {}, "headers": {"Authorization": "Bearer no"}}, True, 403),
    ("POST", "/api/documents", {"json": {"text": "no id"}, "headers": GOOD}, True, 422),
    ("POST", "/api/documents", {"json": GERMAN, "headers": GOOD}, True, 422),
    ("POST", "/api/documents", {"json": {**EARLY, "published_at": "0001-01-01T00:00:00+14:00"},
                                "headers": GOOD}, True, 422),
    ("POST", "/api/documents", {"json": {**EARLY, "published_at": "9999-12-31T23:59:00-12:00"},
                                "headers": GOOD}, True, 422),
    ("POST", "/api/documents", {"json": {**EARLY, "url": "javascript:alert(1)"},
                                "headers": GOOD}, True, 422),
    ("POST", "/api/documents", {"json": {**EARLY, "content_hash": "0" * 64, "revision": 7},
                                "headers": GOOD}, True, 422),
    ("POST", "/api/documents", {"content": b"{not json", "headers": GOOD_JSON}, True, 422),
    ("POST", "/api/documents", {"content": b"x" * 1_000_001, "headers": GOOD}, True, 413),
    ("GET", "/api/no-such-route", {}, True, 404),
    ("DELETE", "/api/events", {}, True, 405),
]  # fmt: skip


def assert_error_shape(response: Any, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


@pytest.mark.parametrize(
    ("method", "route", "kwargs", "token", "status"),
    CASES,
    ids=[f"{m} {r} {s}" for m, r, _, _, s in CASES],
)
def test_error_shape(
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    method: str,
    route: str,
    kwargs: dict[str, Any],
    token: bool,
    status: int,
) -> None:
    if token:
        monkeypatch.setenv(TOKEN_ENV, TOKEN)
    else:
        monkeypatch.delenv(TOKEN_ENV, raising=False)
    kwargs = dict(kwargs)
    path = kwargs.pop("path", route)
    assert_error_shape(client.request(method, path, **kwargs), status)


def test_unexpected_errors_have_the_shape(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(queries, "list_failures", broken)
    response = client.get("/api/failures")
    assert_error_shape(response, 500)
    assert "disk on fire" not in response.text  # no internals leak


def test_every_api_route_is_in_the_table(app: FastAPI) -> None:
    covered = {(m, r) for m, r, *_ in CASES}
    for route in app.routes:
        if isinstance(route, APIRoute) and route.path.startswith("/api/"):
            for method in route.methods:
                assert (method, route.path) in covered, f"{method} {route.path} has no error case"
