"""A small ledger for the API, web and export tests: hand-written documents, ingested through
``ingest`` with a scripted extractor (the claims are spelled out here, so these tests do not
move when the grammars improve)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

import skyledger.extract
from skyledger.extract.spans import Sentences
from skyledger.ingest import ingest
from skyledger.models import Claim, Document, Extraction, Quantity, TimeWindow
from skyledger.store.db import open_store

KYIV = ZoneInfo("Europe/Kyiv")
ROOT = Path(__file__).resolve().parents[2]
SCRIPT_TEXT = (
    "Канал виклав <script>alert('xss')</script> і <b>жирний</b> підпис: "
    "над Сумщиною збито 12 дронів."
)


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=KYIV)


@dataclass(frozen=True)
class Said:
    """One scripted claim: the words it was read from and what they say."""

    kind: str
    scope: str | None
    value: int | None
    words: str
    claimant: str = "ua_air_force"
    places: tuple[str, ...] = ()


DOCS: list[tuple[Document, TimeWindow, list[Said]]] = [
    (
        Document(
            id="af-test-2025-12-10",
            source="Повітряні сили ЗС України",
            medium="telegram",
            published_at=at("2025-12-10 09:05"),
            lang="uk",
            text=(
                "У ніч на 10 грудня (з 18:00 9 грудня) противник атакував 120 ударними БпЛА "
                "типу Shahed, «Гербера» та іншими, а також 6 крилатими ракетами Х-101.\n"
                "За попередніми даними, станом на 08:30 збито/подавлено 104 БпЛА та 5 ракет.\n"
                "Зафіксовано влучання на 7 локаціях, зокрема в Одесі."
            ),
        ),
        TimeWindow(
            start=at("2025-12-09 18:00"), night=date(2025, 12, 10), as_of=at("2025-12-10 08:30")
        ),
        [
            Said("launched", "drones", 120, "120 ударними БпЛА"),
            Said("launched", "missiles", 6, "6 крилатими ракетами"),
            Said("launched", "model:kh-101", 6, "6 крилатими ракетами Х-101"),
            Said("downed", "drones", 104, "104 БпЛА"),
            Said("downed", "missiles", 5, "5 ракет"),
            Said("downed", "model:kh-101", 5, "5 ракет"),
            Said("hit_locations", None, 7, "7 локаціях"),
            Said("place_hit", None, None, "Одесі", places=("Odesa",)),
        ],
    ),
    (
        Document(
            id="news-test-2025-12-10",
            source="Example Wire",
            medium="news",
            published_at=at("2025-12-10 11:40"),
            lang="en",
            title="Russia hits Odesa port in overnight strike",
            text=(
                "Russia sent 125 drones and six cruise missiles against Ukraine overnight, "
                "according to a regional official. A port warehouse in Odesa caught fire after "
                "the strike, the governor said."
            ),
        ),
        TimeWindow(night=date(2025, 12, 10)),
        [
            Said("launched", "drones", 125, "125 drones", claimant="media"),
            Said("place_hit", None, None, "Odesa", claimant="ua_officials", places=("Odesa",)),
        ],
    ),
    (
        Document(
            id="af-test-2025-12-12",
            source="Повітряні сили ЗС України",
            medium="telegram",
            published_at=at("2025-12-12 08:50"),
            lang="uk",
            text=(
                "У ніч на 12 грудня противник запустив 80 ударних БпЛА. "
                "Збито 65 ворожих дронів. Є влучання у Харкові."
            ),
        ),
        TimeWindow(start=at("2025-12-11 18:00"), night=date(2025, 12, 12)),
        [
            Said("launched", "drones", 80, "80 ударних БпЛА"),
            Said("downed", "drones", 65, "65 ворожих дронів"),
            Said("place_hit", None, None, "Харкові", places=("Kharkiv",)),
        ],
    ),
    (
        Document(
            id="post-test-script",
            source="local channel",
            medium="telegram",
            published_at=at("2025-12-14 08:00"),
            lang="uk",
            title="Підпис <img src=x onerror=alert(2)>",
            text=SCRIPT_TEXT,
        ),
        TimeWindow(night=date(2025, 12, 14)),
        [Said("downed", "drones", 12, "12 дронів", claimant="ua_officials")],
    ),
]


def _claim(doc: Document, said: Said) -> Claim:
    start = doc.text.index(said.words)
    span = Sentences.of(doc.id, doc.text).span(start, start + len(said.words))
    quantity = Quantity(exact=said.value, wording=said.words) if said.value is not None else None
    return Claim(
        document_id=doc.id,
        kind=said.kind,
        scope=said.scope,
        quantity=quantity,
        places=said.places,
        claimant=said.claimant,
        spans=(span,),
    )


SCRIPT: dict[str, Extraction] = {
    doc.id: Extraction(
        document_id=doc.id,
        lang=doc.lang,
        claims=tuple(_claim(doc, s) for s in said),
        window=window,
    )
    for doc, window, said in DOCS
}


def scripted(doc: Document, _options: object) -> Extraction:
    """The scripted extraction of a test document; no claims for any other document."""
    return SCRIPT.get(doc.id, Extraction(document_id=doc.id, lang=doc.lang))


@contextlib.contextmanager
def scripted_extractor() -> Iterator[None]:
    real = skyledger.extract.extract_document
    skyledger.extract.extract_document = scripted  # type: ignore[assignment]
    try:
        yield
    finally:
        skyledger.extract.extract_document = real


def build_ledger(url: str) -> None:
    """Ingest the test documents into the database at ``url``."""
    store = open_store(url)
    try:
        with scripted_extractor():
            ingest(store, [doc for doc, _, _ in DOCS], command="test")
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(url: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """``skyledger serve`` in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "skyledger", "serve", "--db", url, "--port", str(port)]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            if httpx.get(base + "/api/events", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("server did not start within 30 s")
