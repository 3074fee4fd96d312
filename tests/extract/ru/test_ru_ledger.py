"""End to end: Moscow's word on the night of 6 December 2025 beside the Air Force's figures.

The Air Force report and the seed article of the bundled sample and a Russian statement of our
own are ingested into a real SQLite file; the night's attack event holds Moscow's counter-claim
and its count of objects hit as claims in its name, while the event's figures stay the Air
Force's.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import skyledger.resources
from skyledger.extract import extract_document
from skyledger.ingest import ingest
from skyledger.ledger.facts import document_facts
from skyledger.models import Document
from skyledger.sources.corpus_jsonl import read_corpus
from skyledger.store import queries
from skyledger.store.db import open_store

STATEMENT = Document(
    id="ru-2025-12-06-mod",
    source="Минобороны России",
    medium="mod-statement",
    lang="ru",
    title="Минобороны сообщило об ударе по объектам энергетики Украины",
    text=(
        "Минобороны России сообщило, что в ночь на 6 декабря российские войска нанесли "
        "массированный удар высокоточным оружием большой дальности и ударными беспилотниками "
        "по предприятиям ВПК и объектам энергетики Украины.\n\n"
        "«Цели удара достигнуты. Все назначенные 14 объектов поражены», — говорится в "
        "сообщении ведомства."
    ),
    published_at=datetime.fromisoformat("2025-12-06T13:00:00+03:00"),
)
SAMPLE = Path(skyledger.resources.__file__).parent / "sample"


def _sample(ids: set[str]) -> list[Document]:
    out = []
    for name in ("airforce.jsonl", "news.jsonl"):
        out += [d for d in read_corpus(SAMPLE / name) if isinstance(d, Document) and d.id in ids]
    return out


def test_the_statement_alone_gives_no_fact() -> None:
    read = document_facts(extract_document(STATEMENT))
    assert read.facts == {"period.night": "2025-12-06"}
    assert read.sets["event_types"] == {"air_attack", "counterclaim", "infrastructure_hit"}
    assert read.sets["claimants"] == {"ru_mod"}
    assert read.sets["infrastructure"] == {"industrial", "energy"}


def test_the_event_page_shows_moscows_counterclaim(tmp_path: Path) -> None:
    docs = _sample({"sample-af-2025-12-06", "sample-news-2025-12-06-klw"})
    assert len(docs) == 2
    store = open_store(f"sqlite:///{tmp_path / 'ledger.db'}")
    try:
        ingest(store, [*docs, STATEMENT])
        night = [
            e
            for e in queries.list_events(store, kind="air_attack")
            if e.window.night is not None and e.window.night.isoformat() == "2025-12-06"
        ]
        assert len(night) == 1
        event = night[0]
        assert {"sample-af-2025-12-06", STATEMENT.id} <= set(event.sources)
        moscow = [c for c in event.claims if c.document_id == STATEMENT.id]
        assert {c.kind for c in moscow} >= {"counterclaim", "hit_locations"}
        claimed = [c for c in moscow if c.kind in ("counterclaim", "hit_locations")]
        assert {c.claimant for c in claimed} == {"ru_mod"}
        (objects,) = [c for c in moscow if c.kind == "hit_locations"]
        assert objects.quantity is not None and objects.quantity.exact == 14
        launched = {f.key: f for f in event.figures if f.key.startswith("launched.")}
        assert launched["launched.total"].claimant == "ua_air_force"
        assert all(f.claimant != "ru_mod" for f in launched.values())
    finally:
        store.close()
