"""Constructions of the second pass over the Air Force grammar (issue 3): one hand-written row
per construction, in the style of the posts (our own sentences, real kinds of figures)."""

from __future__ import annotations

import pytest
from uk_helpers import facts, sets

from skyledger.ledger.facts import FactValue

FIGURES: list[tuple[str, str, dict[str, FactValue]]] = [
    (
        "a survey verb heads the list",
        "Радіотехнічні війська виявили й супроводжували:\n"
        "– 30 ударних БпЛА Shahed-136/131;\n– 4 крилаті ракети Х-101;\n"
        "– 2 керовані авіаційні ракети Х-59.",
        {
            "launched.drones": 30, "launched.model:shahed": 30, "launched.model:kh-101": 4,
            "launched.model:kh-59": 2, "launched.missiles": 6, "launched.total": 36,
        },
    ),
    (
        "'Виявлено:' as the list header",
        "Виявлено:\n– 3 балістичні ракети Іскандер-М/KN-23;\n– 120 ударних БпЛА.",
        {
            "launched.model:iskander-m/kn-23": 3, "launched.missiles": 3,
            "launched.drones": 120, "launched.total": 123,
        },
    ),
    (
        "a list straight after the launch sentence and a place line",
        "Ворог атакував 5 ракетами та 70 ударними БпЛА. Основний напрямок удару – Одещина.\n\n"
        "– 5 балістичних ракет Іскандер-М (Курська обл.);\n– 70 ударних БпЛА.",
        {
            "launched.missiles": 5, "launched.drones": 70, "launched.total": 75,
            "launched.model:iskander-m": 5,
        },
    ),
    (
        "an overview without figures, numbered in the next sentence",
        "Ворог атакував ударними БпЛА, а вранці – ракетами. Загалом зафіксовано 48 засобів:\n"
        "– 40 ударних БпЛА;\n– 8 крилатих ракет Калібр.",
        {
            "launched.total": 48, "launched.drones": 40, "launched.missiles": 8,
            "launched.model:kalibr": 8,
        },
    ),
    (
        "unnumbered drones block the total",
        "Противник випустив 12 крилатих ракет, а також застосовував ударні БпЛА.",
        {"launched.model:cruise": 12, "launched.missiles": 12},
    ),
    (
        "'N з M' in a downed clause gives launched M",
        "Силами ППО знищено 20 з 25 крилатих ракет.",
        {
            "downed.model:cruise": 20, "downed.missiles": 20, "downed.total": 20,
            "launched.model:cruise": 25, "launched.missiles": 25, "launched.total": 25,
        },
    ),
    (
        "'Усі N … і M … знищено': both figures, both launched and downed",
        "Усі 7 ракет і 11 безпілотників знищено.",
        {
            "downed.missiles": 7, "downed.drones": 11, "downed.total": 18,
            "launched.missiles": 7, "launched.drones": 11, "launched.total": 18,
        },
    ),
    (
        "drone sub-kinds add up",
        "Ворог запустив чотири ударні БпЛА Shahed-136/131 та два розвідувальні безпілотники.",
        {"launched.model:shahed": 4, "launched.drones": 6, "launched.total": 6},
    ),
    (
        "'Серед ракет – …' continues the launch",
        "Противник атакував 20 ракетами та 40 ударними БпЛА. Серед ракет – 12 крилатих ракет "
        "Х-101 та 8 балістичних ракет Іскандер-М.",
        {
            "launched.missiles": 20, "launched.drones": 40, "launched.total": 60,
            "launched.model:kh-101": 12, "launched.model:iskander-m": 8,
        },
    ),
    (
        "'Близько N із них – «шахеди»' opening a sentence",
        "Ворог атакував 300 ударними БпЛА різних типів. Близько 180 із них – «шахеди».",
        {
            "launched.drones": 300, "launched.total": 300,
            "launched.model:shahed": {"approx": 180},
        },
    ),
    (
        "'N – локаційно втрачено' after a downed clause",
        "Збито/подавлено 40 БпЛА, 7 – локаційно втрачено.",
        {"downed.drones": 40, "downed.total": 40, "lost.drones": 7},
    ),
    (
        "'ще N локаційно втрачено'",
        "Збито/подавлено 25 ворожих БпЛА, ще 3 локаційно втрачено.",
        {"downed.drones": 25, "downed.total": 25, "lost.drones": 3},
    ),
    (
        "«Бандеролі»/«Дань-Т» declined is the group",
        "Протягом дня збито/подавлено 30 БпЛА та три «Бандеролі»/«Дань-Т».",
        {"downed.drones": 30, "downed.model:banderol/dan-t": 3, "downed.total": 33},
    ),
    (
        "a mixed drone group with no id gets no model",
        "Ворог атакував 25 ударними БпЛА типу Shahed та «Молнія».",
        {"launched.drones": 25, "launched.total": 25},
    ),
    (
        "debris 'уламки впали на N локаціях' is not added to the hits",
        "Зафіксовано влучання 3 ударних БпЛА на 3 локаціях, уламки впали на чотирьох "
        "локаціях.",
        {"hit_locations": 3, "debris_locations": 4},
    ),
    (
        "the debris count before its cue",
        "Влучання 6 БпЛА зафіксовано на 5 локаціях, а на двох локаціях – падіння уламків.",
        {"hit_locations": 5, "debris_locations": 2},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), FIGURES, ids=[c[0] for c in FIGURES])
def test_figures(name: str, text: str, expected: dict[str, FactValue]) -> None:
    assert facts(text) == expected


WINDOWS: list[tuple[str, str, str, dict[str, FactValue]]] = [
    (
        "a start without brackets and the date before it",
        "11 листопада, з 07:00 ранку, ворог випустив 20 крилатих ракет.",
        "2025-11-11T15:00:00+02:00",
        {"period.start": "2025-11-11T07:00+02:00"},
    ),
    (
        "a day of 31 December posted after midnight",
        "31 грудня, протягом дня (з 09:00 до 22:00), противник атакував 30 ударними БпЛА.",
        "2026-01-01T00:20:00+02:00",
        {"period.start": "2025-12-31T09:00+02:00"},
    ),
    (
        "'Протягом доби – з 18:00 … до 18:00 …'",
        "Протягом доби – з 18:00 2 червня до 18:00 3 червня – ворог атакував 90 БпЛА.",
        "2026-06-03T19:00:00+03:00",
        {"period.start": "2026-06-02T18:00+03:00"},
    ),
    (
        "'Від 07:00 до 18:00 <date>'",
        "Від 07:00 до 18:00 9 травня ворог запустив по Україні 40 ударних БпЛА.",
        "2026-05-09T18:30:00+03:00",
        {"period.start": "2026-05-09T07:00+03:00"},
    ),
    (
        "'Протягом ночі на <date>'",
        "Протягом ночі на 3 листопада противник запустив 50 ударних БпЛА.",
        "2025-11-03T08:00:00+02:00",
        {"period.night": "2025-11-03"},
    ),
    (
        "'Вночі та зранку <date>'",
        "Вночі та зранку 5 вересня 2024 року ворог випустив 35 ракет.",
        "2024-09-05T12:00:00+03:00",
        {"period.night": "2024-09-05"},
    ),
    (
        "a bare 'На 08:30' as-of time",
        "💥 На 08:30 протиповітряною обороною збито 60 ворожих дронів.",
        "2025-12-03T08:50:00+02:00",
        {"as_of": "2025-12-03T08:30+02:00"},
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "published", "expected"), WINDOWS, ids=[c[0] for c in WINDOWS]
)
def test_windows(name: str, text: str, published: str, expected: dict[str, FactValue]) -> None:
    got = facts(text, published)
    assert {k: v for k, v in got.items() if k.startswith(("period", "as_of"))} == expected


PLACES_HIT: list[tuple[str, set[str]]] = [
    ("Основний напрямок атаки – місто Київ. Збито 20 БпЛА.", {"Kyiv"}),
    ("Удари припали на енергетичні об'єкти Львова, Рівного та Волині. Збито 9 ракет.",
     {"Lviv", "Rivne", "Volyn Oblast"}),
    ("Зафіксовано влучання дронів у 6 місцях у Києві та Київській області.",
     {"Kyiv", "Kyiv Oblast"}),
    ("Збито 40 БпЛА. На Чернігівщині є загиблі та поранені.", {"Chernihiv Oblast"}),
    ("Збито 40 БпЛА. Найбільше атак – на Сумщину.", {"Sumy Oblast"}),
    ("Більшість дронів ворог спрямував у напрямку Херсонщини. Збито 30 БпЛА.",
     {"Kherson Oblast"}),
    ("Ворог атакував Харків та область 15 ударними БпЛА.", {"Kharkiv", "Kharkiv Oblast"}),
    ("Збито 12 БпЛА. В Одесі пошкоджено портову інфраструктуру.", {"Odesa"}),
    ("Найбільше постраждала столиця. Збито 50 БпЛА.", {"Kyiv"}),
    ("Знищено 30 «шахедів», з них 20 – у небі над столицею.", set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "places"), PLACES_HIT)
def test_places_hit(text: str, places: set[str]) -> None:
    assert sets(text)["places_hit"] == places


LAUNCH_AREAS: list[tuple[str, set[str]]] = [
    ("Ворог атакував:\n– 4 ракети Х-22 (район пуску – Курська обл.);\n"
     "– 10 крилатих ракет Калібр (акваторія Чорного моря);\n"
     "– 60 ударних БпЛА (Орел, Міллерово).",
     {"Kursk Oblast", "Black Sea", "Oryol", "Millerovo"}),
    ("Ворог випустив 40 крилатих ракет з районів Каспійського та Чорного морів.",
     {"Caspian Sea", "Black Sea"}),
    ("Ворог атакував 6 ракетами:\n– 6 ракет Кинджал (МіГ-31К, Рязанська обл.).",
     {"Ryazan Oblast"}),
    ("Ворог атакував 20 ракетами:\n– 20 крилатих ракет Х-101 (з літаків Ту-95МС, "
     "район Каспійського моря).", {"Caspian Sea"}),
    ("Збито/подавлено:\n– 5 балістичних ракет Іскандер-М (Бєлгородська обл.).", set()),
    ("Більшість дронів ворог спрямував у напрямку Одещини. Збито 30 БпЛА.", set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "areas"), LAUNCH_AREAS)
def test_launch_areas(text: str, areas: set[str]) -> None:
    assert sets(text)["launch_areas"] == areas


INFRASTRUCTURE: list[tuple[str, set[str]]] = [
    ("Ворог завдав удару по енергетичних об'єктах 30 ракетами.", {"energy"}),
    ("Основна ціль – газовидобувна інфраструктура. Ворог випустив 20 ракет.", {"gas"}),
    ("Збито 10 БпЛА. В Ізмаїлі пошкоджено портову інфраструктуру.", {"port"}),
    ("Збито 15 БпЛА. Пошкоджено приватні будинки.", {"residential"}),
    ("Ворог атакував по критичній інфраструктурі 40 ракетами.", set()),
    ("Збито 30 ракет. Енергетики працюють над відновленням.", set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "categories"), INFRASTRUCTURE)
def test_infrastructure(text: str, categories: set[str]) -> None:
    got = sets(text)
    assert got["infrastructure"] == categories
    assert ("infrastructure_hit" in got["event_types"]) == bool(categories)


@pytest.mark.parametrize(
    ("text", "casualties"),
    [
        ("Збито 20 БпЛА. Співчуваємо всім, хто втратив рідних.", True),
        ("Збито 20 БпЛА. Є загиблі, інформація уточнюється.", True),
        ("Збито 20 БпЛА. Інформація щодо постраждалих уточнюється.", False),
    ],
)
def test_casualties(text: str, casualties: bool) -> None:
    assert ("casualties" in sets(text)["event_types"]) == casualties
