"""Fixtures for the dashboard tests: the API tests' hand-written ledger, the app in-process,
a real ``skyledger serve`` for the browser, and Playwright driving Debian's Chromium (by its
executable path; headless)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parents[1] / "api"))

from browser_helpers import ARGS, CHROMIUM
from web_ledger import build_ledger, running_server

from skyledger.api import create_app


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    pg = browser.new_page()  # type: ignore[attr-defined]
    pg.errors = []
    pg.dialogs = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    pg.close()


@pytest.fixture
def client(ledger_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(ledger_url), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('served') / 'web.db'}"
    build_ledger(url)
    with running_server(url) as base:
        yield base
