"""The dashboard: Jinja2 pages (autoescape on) and static files served by the API's app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from skyledger.web.pages import error_page, router

STATIC = Path(__file__).parent / "static"


def install_web(app: FastAPI) -> None:
    """Add the pages, ``/static`` and the HTML error page to ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.error_page = error_page


__all__ = ["install_web"]
