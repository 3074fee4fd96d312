"""The HTTP API (FastAPI; OpenAPI at ``/openapi.json``, the reference page at ``/docs``) and
the dashboard.

``create_app(store_url)`` opens (and migrates) the store once and serves the JSON routes of
``routes``/``writes`` and the pages of ``skyledger.web``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI

from skyledger.api.errors import install_error_handlers
from skyledger.api.limits import MAX_BODY_BYTES, BodyLimit
from skyledger.api.routes import router as read_router
from skyledger.api.writes import router as write_router
from skyledger.store.db import open_store


def _version() -> str:
    try:
        return version("skyledger")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def create_app(store_url: str | None = None, max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The app on the store at ``store_url`` (default: ``$SKYLEDGER_DB`` or the user's file)."""
    store = open_store(store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="skyledger",
        version=_version(),
        description="Every number about the air war, traced to the sentence that said it.",
        lifespan=lifespan,
        docs_url=None,  # /docs is the dashboard's own page: Swagger UI would need a CDN
        redoc_url=None,
    )
    app.state.store = store
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    install_error_handlers(app)
    app.include_router(read_router)
    app.include_router(write_router)
    from skyledger.web import install_web

    install_web(app)
    return app


__all__ = ["create_app"]
