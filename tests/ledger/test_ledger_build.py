"""The night into 6 December 2025: an Air Force report and two news retellings, one event."""

from __future__ import annotations

from datetime import date

import pytest
from ledger_helpers import at, at_least, claim, doc, exact, extraction, night, window

from skyledger.ledger import build_events, interception_rates
from skyledger.models import Document, Event, Extraction, Quantity

AF_TEXT = (
    "У ніч на 6 грудня (з 18:00 5 грудня) противник атакував Україну 653 ударними БпЛА "
    "та 51 ракетою різних типів. Силами ППО знешкоджено 585 дронів та 30 ракет. "
    "Влучання зафіксовано на 29 локаціях."
)
NEWS_TITLE = "Russia pounds Ukraine's grid with over 700 drones and missiles"
NEWS_TEXT = (
    "Russian forces fired 653 drones and 51 missiles at Ukraine overnight into Saturday, the "
    "air force said. Air defences brought down 585 drones and 30 missiles. The interior "
    "minister said at least eight people were wounded. A strike wrecked the railway station in "
    "Fastiv. Moscow said every target had been hit. The Zaporizhzhia plant briefly lost all "
    "off-site power, the IAEA said. Negotiators closed a third day of talks in Florida. "
    "Zelensky held a call with the US envoys. Russian troops kept pressing on Pokrovsk."
)
WIRE_TEXT = (
    "Ukraine's air force counted 653 drones in the overnight barrage, and officials said at "
    "least eight people were hurt, some of them in Fastiv."
)


def air_force() -> tuple[Document, Extraction]:
    d = doc("af-2025-12-06", "2025-12-06 09:15", AF_TEXT)
    drones, missiles = (
        claim(d, "launched", "drones", exact(653)),
        claim(d, "launched", "missiles", exact(51)),
    )
    down_d, down_m = (
        claim(d, "downed", "drones", exact(585)),
        claim(d, "downed", "missiles", exact(30)),
    )
    return extraction(
        d,
        drones,
        missiles,
        claim(d, "launched", "total", exact(704, "653 + 51"), parts=(drones, missiles)),
        down_d,
        down_m,
        claim(d, "downed", "total", exact(615, "585 + 30"), parts=(down_d, down_m)),
        claim(d, "hit_locations", None, exact(29)),
        window=window("2025-12-05 18:00", night_of="2025-12-06"),
    )


def news(drones: int = 653) -> tuple[Document, Extraction]:
    text = NEWS_TEXT.replace("653", str(drones))
    d = doc("news-a", "2025-12-06 15:40", text, "News A", "en", NEWS_TITLE)
    return extraction(
        d,
        claim(d, "launched", "total", at_least(701, "over 700"), "media"),
        claim(d, "launched", "drones", exact(drones), "ua_air_force"),
        claim(d, "launched", "missiles", exact(51)),
        claim(d, "downed", "drones", exact(585)),
        claim(d, "downed", "missiles", exact(30)),
        claim(d, "wounded", None, at_least(8, "at least eight"), "ua_officials"),
        claim(d, "place_hit", places=("Fastiv",), words="Fastiv", claimant="media"),
        claim(d, "infrastructure_hit", category="rail", words="railway station", claimant="media"),
        claim(d, "counterclaim", claimant="ru_mod", words="every target had been hit"),
        claim(d, "nuclear_power_loss", claimant="iaea", words="lost all off-site power"),
        claim(d, "talks", claimant="media", places=("Florida",), words="talks in Florida"),
        claim(d, "call", claimant="ua_officials", words="call with the US envoys"),
        claim(d, "frontline", claimant="media", places=("Pokrovsk",), words="Pokrovsk"),
        window=night("2025-12-06"),
    )


def wire() -> tuple[Document, Extraction]:
    d = doc("news-b", "2025-12-06 11:05", WIRE_TEXT, "Wire B", "en")
    return extraction(
        d,
        claim(d, "launched", "drones", exact(653)),
        claim(d, "wounded", None, at_least(8, "least eight"), "ua_officials"),
        claim(d, "place_hit", places=("Fastiv",), words="Fastiv", claimant="ua_officials"),
    )


def attacks(events: list[Event]) -> list[Event]:
    return [e for e in events if e.kind == "air_attack"]


def figure(event: Event, key: str) -> Quantity:
    return next(f.quantity for f in event.figures if f.key == key)


def field_of(document: Document, field: str) -> str:
    return document.text if field == "text" else document.title or ""


def test_spans_point_at_their_words() -> None:
    for document, result in (air_force(), news(), wire()):
        for c in result.claims:
            words = [field_of(document, s.field)[s.start : s.end] for s in c.spans]
            if c.derived:
                assert len(words) == 2 and all(w.isdigit() for w in words)
            elif c.quantity:
                assert words == [c.quantity.wording]
            else:
                assert len(words) == 1 and words[0]


def test_one_event_for_the_night_with_no_false_conflict() -> None:
    events = build_events([news(), wire(), air_force()])
    (attack,) = attacks(events)
    assert attack.window.night == date(2025, 12, 6)
    assert attack.window.start == at("2025-12-05 18:00")
    assert attack.sources == ("af-2025-12-06", "news-a", "news-b")
    assert attack.conflicts == ()
    assert not any(f.conflict for f in attack.figures)
    assert attack.places == ("Fastiv",)
    assert attack.id is None


@pytest.mark.parametrize(
    ("key", "value", "claimant", "behind"),
    [
        ("launched.drones", 653, "ua_air_force", 3),
        ("launched.missiles", 51, "ua_air_force", 2),
        ("launched.total", 704, "ua_air_force", 2),
        ("downed.drones", 585, "ua_air_force", 2),
        ("downed.total", 615, "ua_air_force", 1),
        ("hit_locations", 29, "ua_air_force", 1),
        ("wounded", {"min": 8}, "ua_officials", 2),
    ],
)
def test_figures_of_the_night(key: str, value: object, claimant: str, behind: int) -> None:
    (attack,) = attacks(build_events([air_force(), news(), wire()]))
    fig = next(f for f in attack.figures if f.key == key)
    assert (fig.quantity.gold(), fig.claimant, len(fig.claims)) == (value, claimant, behind)
    assert fig.claims[0].quantity == fig.quantity


def test_headline_bound_stays_beside_the_exact_total() -> None:
    (attack,) = attacks(build_events([air_force(), news()]))
    fig = next(f for f in attack.figures if f.key == "launched.total")
    assert [c.quantity.gold() for c in fig.claims if c.quantity] == [704, {"min": 701}]
    assert fig.note == "sum of stated parts"


def test_other_happenings_become_their_own_events() -> None:
    events = build_events([air_force(), news(), wire()])
    kinds = sorted(e.kind for e in events)
    assert kinds == ["air_attack", "call", "frontline", "nuclear_power_loss", "talks"]
    talks = next(e for e in events if e.kind == "talks")
    assert talks.places == ("Florida",)
    assert talks.window.start == at("2025-12-06 00:00")


def test_counterclaim_joins_the_attack() -> None:
    (attack,) = attacks(build_events([air_force(), news()]))
    assert any(c.kind == "counterclaim" and c.claimant == "ru_mod" for c in attack.claims)


def test_conflicting_retelling_is_flagged() -> None:
    (attack,) = attacks(build_events([air_force(), news(drones=650), wire()]))
    fig = next(f for f in attack.figures if f.key == "launched.drones")
    assert fig.conflict and fig.quantity.exact == 653
    assert [c.quantity.exact for c in fig.claims if c.quantity] == [653, 653, 650]
    assert attack.conflicts == (
        "launched.drones: 653 by ua_air_force [af-2025-12-06, news-b] "
        "vs 650 by ua_air_force [news-a]",
    )


def test_interception_rates() -> None:
    (attack,) = attacks(build_events([air_force(), news()]))
    rates = interception_rates(attack)
    assert rates.drones == pytest.approx(585 / 653)
    assert rates.missiles == pytest.approx(30 / 51)
    assert rates.total == pytest.approx(615 / 704)


def test_events_sorted_by_time() -> None:
    earlier = doc("af-2025-12-01", "2025-12-01 08:30", "Вночі ворог запустив 90 дронів.")
    items = [air_force(), extraction(earlier, claim(earlier, "launched", "drones", exact(90)))]
    events = build_events(items)
    assert [e.window.night for e in events] == [date(2025, 12, 1), date(2025, 12, 6)]
    assert figure(events[0], "launched.drones").exact == 90
