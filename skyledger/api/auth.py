"""Token auth for writes: ``Authorization: Bearer <token>`` (or ``X-API-Token``) must equal
``$SKYLEDGER_API_TOKEN``. No token: 401; a wrong one: 403; no token configured: writes are off
(403). Reads need no token."""

from __future__ import annotations

import os
import secrets

from fastapi import HTTPException, Request

TOKEN_ENV = "SKYLEDGER_API_TOKEN"


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-token") or None


def require_token(request: Request) -> None:
    """FastAPI dependency guarding the write routes."""
    expected = os.environ.get(TOKEN_ENV, "")
    if not expected:
        raise HTTPException(
            403, f"writes are disabled: set {TOKEN_ENV} on the server to allow POST"
        )
    token = presented_token(request)
    if token is None:
        raise HTTPException(
            401,
            "a token is required: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not secrets.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(403, "the token is not valid")
