"""A retelling that does not say which night it is joins the night whose figures it repeats."""

from __future__ import annotations

from datetime import date

from ledger_helpers import claim, doc, exact, extraction, night

from skyledger.ledger import build_events


def report(day: str, drones: int):
    d = doc(f"af-{day}", f"{day} 09:00", f"Противник атакував {drones} ударними БпЛА.")
    c = claim(d, "launched", "drones", exact(drones), words=str(drones))
    return extraction(d, c, window=night(day))


def retelling(doc_id: str, published: str, drones: int):
    d = doc(
        doc_id,
        published,
        f"Russia fired {drones} drones, the air force said.",
        source="Wire",
        lang="en",
    )
    return extraction(d, claim(d, "launched", "drones", exact(drones), words=str(drones)))


def nights(events) -> dict[str, date | None]:
    return {doc_id: e.window.night for e in events for doc_id in e.sources}


def test_a_retelling_a_day_later_joins_the_night_it_repeats() -> None:
    events = build_events([report("2025-09-28", 595), retelling("wire-1", "2025-09-29 15:00", 595)])
    assert len([e for e in events if e.kind == "air_attack"]) == 1
    assert nights(events)["wire-1"] == date(2025, 9, 28)


def test_a_retelling_with_other_figures_stays_on_its_publication_night() -> None:
    events = build_events([report("2025-09-28", 595), retelling("wire-1", "2025-09-29 15:00", 120)])
    assert nights(events)["wire-1"] == date(2025, 9, 29)


def test_its_own_night_wins_when_both_nights_match() -> None:
    events = build_events(
        [
            report("2025-09-28", 595),
            report("2025-09-29", 595),
            retelling("wire-1", "2025-09-29 15:00", 595),
        ]
    )
    assert nights(events)["wire-1"] == date(2025, 9, 29)
