"""The Air Force report grammar, one hand-written report variant per construction.

Each row gives a report in the style of the nightly summaries (our own sentences, real kinds of
figures) and the facts it must give; facts not listed must be absent when ``exact`` is set.
"""

from __future__ import annotations

import pytest
from uk_helpers import facts, report, sets

from skyledger.ledger.facts import FactValue

HEADLINE = "⚡️ЗБИТО/ПОДАВЛЕНО 412 ЦІЛЕЙ\n➖➖➖➖➖\n"

CASES: list[tuple[str, str, dict[str, FactValue]]] = [
    (
        "headline targets",
        HEADLINE,
        {"downed.total": 412},
    ),
    (
        "headline drones only: drones and total",
        "⚡️ ЗБИТО/ПОДАВЛЕНО 77 ВОРОЖИХ БПЛА",
        {"downed.drones": 77, "downed.total": 77},
    ),
    (
        "headline split into missiles and drones",
        "⚡️ ЗБИТО/ПОДАВЛЕНО 240 ЦІЛЕЙ: 12 РАКЕТ ТА 228 ВОРОЖИХ БПЛА",
        {"downed.total": 240, "downed.missiles": 12, "downed.drones": 228},
    ),
    (
        "window with the evening start and the as-of time",
        "У ніч на 6 грудня (з 18:00 5 грудня) противник атакував 90 ударними БпЛА типу "
        "Shahed та Гербера.\n💥 Станом на 08:30 за попередніми даними засобами ППО "
        "збито/подавлено 70 ворожих БпЛА.",
        {
            "period.start": "2025-12-05T18:00+02:00",
            "period.night": "2025-12-06",
            "as_of": "2025-12-06T08:30+02:00",
            "launched.drones": 90,
            "launched.total": 90,
            "downed.drones": 70,
            "downed.total": 70,
        },
    ),
    (
        "a night into 1 January, posted on 1 January",
        "У ніч на 1 січня (з 18:00 31 грудня) ворог атакував 40 ударними БпЛА.",
        {
            "period.start": "2025-12-31T18:00+02:00",
            "period.night": "2026-01-01",
            "launched.drones": 40,
            "launched.total": 40,
        },
    ),
    (
        "during the night from a stated minute",
        "Протягом ночі (з 00:10 13 квітня) противник атакував 15 ударними БпЛА.",
        {"period.start": "2025-04-13T00:10+03:00", "launched.drones": 15, "launched.total": 15},
    ),
    (
        "launch breakdown with a missile list after a colon",
        "У ніч на 6 грудня противник атакував 653 ударними БпЛА типу Shahed, Гербера та "
        "дронами-імітаторами, а також 51 ракетою: 2 аеробалістичні Кинджал, 36 крилатих "
        "Х-101, 13 балістичних Іскандер-М.",
        {
            "period.night": "2025-12-06",
            "launched.drones": 653,
            "launched.missiles": 51,
            "launched.total": 704,
            "launched.model:kinzhal": 2,
            "launched.model:kh-101": 36,
            "launched.model:iskander-m": 13,
        },
    ),
    (
        "jet drones inside the drone figure",
        "Противник атакував 210 ударними БпЛА типу Shahed, в т.ч. понад 50 реактивних, "
        "та дронами-імітаторами із напрямків: Курськ, Орел.",
        {
            "launched.drones": 210,
            "launched.total": 210,
            "launched.model:shahed-jet": {"min": 51},
        },
    ),
    (
        "numbers as words, declined weapon names, a singular with no numeral",
        "Противник атакував трьома балістичними ракетами Іскандер-М, дев'ятьма крилатими "
        "ракетами Калібр, керованою авіаційною ракетою Х-59 та сорока ударними БпЛА.",
        {
            "launched.model:iskander-m": 3,
            "launched.model:kalibr": 9,
            "launched.model:kh-59": 1,
            "launched.missiles": 13,
            "launched.drones": 40,
            "launched.total": 53,
        },
    ),
    (
        "a number with a space inside and a case suffix",
        "Противник атакував 1 120 ударними БпЛА та 12-ма крилатими ракетами Х-101.",
        {
            "launched.drones": 1120,
            "launched.model:kh-101": 12,
            "launched.missiles": 12,
            "launched.total": 1132,
        },
    ),
    (
        "a plural with no numeral blocks the sums",
        "Противник атакував балістичними ракетами Іскандер-М/KN-23 та 120 ударними БпЛА.",
        {"launched.drones": 120},
    ),
    (
        "a separately numbered loitering munition goes into the total only",
        "Противник атакував 4 баражуючими боєприпасами «Бандероль» та 60 ударними БпЛА. "
        "Збито/подавлено 50 ворожих БпЛА та 3 S8000 «Бандероль».",
        {
            "launched.model:banderol": 4,
            "launched.drones": 60,
            "launched.total": 64,
            "downed.model:banderol": 3,
            "downed.drones": 50,
            "downed.total": 53,
        },
    ),
    (
        "the older split into shot down and lost from radar",
        "Станом на 09:00 підтверджено збиття 48 ударних БпЛА типу Shahed та безпілотників "
        "інших типів. 33 ворожі безпілотники-імітатори – локаційно втрачені.",
        {
            "as_of": "2025-12-06T09:00+02:00",
            "downed.drones": 48,
            "downed.total": 48,
            "lost.drones": 33,
            "lost.model:decoy": 33,
        },
    ),
    (
        "numbered missiles that did not reach their targets",
        "Збито/подавлено 5 керованих авіаційних ракет Х-59/69. Крім того, дві ракети Х-31П "
        "не досягли своїх цілей.",
        {
            "downed.model:kh-59/kh-69": 5,
            "downed.missiles": 5,
            "downed.total": 5,
            "lost.model:kh-31p": 2,
            "lost.missiles": 2,
        },
    ),
    (
        "a date before the verb is not a count",
        "У ніч на 10 лютого противник атакував балістичними ракетами Іскандер-М та 40 "
        "ударними БпЛА.",
        {"period.night": "2025-02-10", "launched.drones": 40},
    ),
    (
        "hits in places with a case suffix on the number",
        "Зафіксовано влучання ударних БпЛА у 5 місцях та на 4-х локаціях, падіння уламків – "
        "на 2-х.",
        {"hit_locations": 9, "debris_locations": 2},
    ),
    (
        "hits and debris, the hits given as two counts",
        "Зафіксовано влучання 3 балістичних ракет на 2 локаціях та 14 ударних БпЛА на 8 "
        "локаціях, а також падіння збитих (уламки) на дев'яти локаціях.",
        {"hit_locations": 10, "debris_locations": 9},
    ),
    (
        "all shot down: launched and downed",
        "Усі 11 шахедів збито силами ППО.",
        {
            "launched.drones": 11,
            "launched.model:shahed": 11,
            "launched.total": 11,
            "downed.drones": 11,
            "downed.model:shahed": 11,
            "downed.total": 11,
        },
    ),
    (
        "shot down out of launched",
        "Вночі захисникам неба вдалося збити 27 із 31 випущеного ударного БпЛА.",
        {
            "launched.drones": 31,
            "launched.total": 31,
            "downed.drones": 27,
            "downed.total": 27,
        },
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_report_facts(name: str, text: str, expected: dict[str, FactValue]) -> None:
    published = "2026-01-01T08:40:00+02:00" if "1 січня" in text else None
    got = facts(text, published) if published else facts(text)
    if "13 квітня" in text:
        got = facts(text, "2025-04-13T08:00:00+03:00")
    assert got == expected


def test_several_paragraphs_emoji_and_odd_punctuation() -> None:
    text = (
        "⚡️ ЗБИТО/ПОДАВЛЕНО 131 ЦІЛЬ ПРОТИВНИКА\n➖➖➖➖➖➖\n"
        "У ніч на 14 березня (з 18:00 13 березня) противник атакував:\n\n"
        "- 6 балістичними ракетами Іскандер-М/С-400 "
        "(райони пуску – Брянська, Курська обл., - рф);\n"
        "- 140 ударними БпЛА типу Shahed (понад 60 із них — реактивні), Гербера, «Пародія» "
        "із напрямків: Орел, Міллерово – рф., Гвардійське – ТОТ АР Крим.\n\n"
        "❗️Основний напрямок удару – Харківщина!\n\n"
        "💥 Станом на 08.00, за попередньою інформацією, силами ППО збито/подавлено "
        "131 ціль:\n\n- 4 балістичні ракети Іскандер-М/С-400;\n- 127 ворожих БпЛА.\n\n"
        "Зафіксовано влучання ракет та 13 ударних БпЛА на 9 локаціях.\n✊ Тримаймо небо!"
    )
    got = facts(text, "2026-03-14T08:20:00+02:00")
    assert got == {
        "downed.total": 131,
        "period.start": "2026-03-13T18:00+02:00",
        "period.night": "2026-03-14",
        "as_of": "2026-03-14T08:00+02:00",
        "launched.model:iskander-m/s-400": 6,
        "launched.missiles": 6,
        "launched.drones": 140,
        "launched.model:shahed-jet": {"min": 61},
        "launched.total": 146,
        "downed.model:iskander-m/s-400": 4,
        "downed.missiles": 4,
        "downed.drones": 127,
        "hit_locations": 9,
    }
    got_sets = sets(text, "2026-03-14T08:20:00+02:00")
    assert got_sets["places_hit"] == {"Kharkiv Oblast"}
    assert got_sets["launch_areas"] == {
        "Bryansk Oblast", "Kursk Oblast", "Oryol", "Millerovo", "Hvardiiske", "Crimea",
    }  # fmt: skip
    assert got_sets["claimants"] == {"ua_air_force"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Противник атакував Київ, Кременчук та Кривий Ріг 20 ударними БпЛА.",
         {"Kyiv", "Kremenchuk", "Kryvyi Rih"}),
        ("Основні напрямки удару – Одещина, Запоріжжя. Збито 5 БпЛА.",
         {"Odesa Oblast", "Zaporizhzhia"}),
        ("Також атаковано Полтавщину та Сумщину. Збито 9 БпЛА.", {"Poltava Oblast", "Sumy Oblast"}),
        ("Зафіксовано влучання ракети в Обухівському районі на Київщині на 2 локаціях.",
         {"Obukhiv Raion", "Kyiv Oblast"}),
        ("Більшість із 80 запущених дронів ворог спрямував у бік столиці. Збито 70 БпЛА.",
         {"Kyiv"}),
        ("Збито 30 ворожих БпЛА на Миколаївщині та Одещині.", set()),
    ],
)  # fmt: skip
def test_places_hit(text: str, places: set[str]) -> None:
    assert sets(text)["places_hit"] == places


def test_launch_areas_with_adjectives_before_oblast() -> None:
    text = (
        "Противник атакував 3 ракетами Х-59/69 з Курської та Бєлгородської обл. і з акваторії "
        "Азовського моря, а також 50 ударними БпЛА з мису Чауда."
    )
    assert sets(text)["launch_areas"] == {
        "Kursk Oblast", "Belgorod Oblast", "Sea of Azov", "Chauda",
    }  # fmt: skip


def test_casualties_give_the_event_type_without_figures() -> None:
    text = "Збито 12 ворожих БпЛА. На жаль, є загиблі та постраждалі."
    got = sets(text)
    assert got["event_types"] == {"air_attack", "interception", "casualties"}
    assert "killed" not in facts(text)


def test_no_casualties_when_none_reported() -> None:
    text = "Збито 12 ворожих БпЛА. Інформація про постраждалих не надходила."
    assert "casualties" not in sets(text)["event_types"]


def test_downed_more_than_launched_is_kept_and_flagged() -> None:
    text = "Противник атакував 50 ударними БпЛА. Збито/подавлено 55 ворожих БпЛА."
    result = report(text)
    assert facts(text)["downed.drones"] == 55
    assert any("exceeds" in note for note in result.inconsistencies)
    flagged = [c for c in result.claims if c.key == "downed.drones"]
    assert flagged and all("inconsistent" in c.flags for c in flagged)


def test_parts_that_do_not_add_up_are_flagged() -> None:
    text = "ЗБИТО/ПОДАВЛЕНО 100 ЦІЛЕЙ: 10 РАКЕТ ТА 80 ВОРОЖИХ БПЛА"
    result = report(text)
    assert facts(text)["downed.total"] == 100
    assert any("add up" in note for note in result.inconsistencies)


@pytest.mark.parametrize(
    "text",
    [
        "Дякуємо всім, хто сьогодні тримав небо! Разом – до перемоги!",
        "Загроза застосування балістичного озброєння з північного напрямку!",
    ],
)
def test_posts_that_are_not_summaries_yield_no_claims(text: str) -> None:
    assert report(text).claims == ()


@pytest.mark.parametrize(
    "text",
    [
        "Увага! Група ударних БпЛА на півночі Сумщини, курсом на Ромни.",
        "Увага! Зафіксовано пуски керованих авіаційних бомб на Харківщину.",
        "Швидкісна ціль на сході, рух у західному напрямку!",
    ],
)
def test_live_alerts_report_an_attack_without_figures(text: str) -> None:
    """Means in the air with no figure: the post reports an attack (gold of the sample and
    variant corpora), never a count."""
    claims = report(text).claims
    assert [c.kind for c in claims] == ["air_attack"]
    assert all(c.quantity is None for c in claims)


def test_every_claim_is_the_air_force_s_with_spans_into_the_text() -> None:
    text = HEADLINE + "Противник атакував 20 ударними БпЛА із напрямку Брянськ."
    result = report(text)
    assert result.claims
    for claim in result.claims:
        assert claim.claimant == "ua_air_force"
        for span in claim.spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end].strip() in span.sentence


def test_a_rule_can_be_switched_off() -> None:
    from datetime import datetime

    from skyledger.extract import ExtractOptions
    from skyledger.extract.uk import extract as extract_report
    from skyledger.models import Document

    text = "Противник атакував 20 ударними БпЛА із напрямку Брянськ."
    doc = Document(id="t", text=text, published_at=datetime.fromisoformat("2025-12-06T09:00+02:00"))
    on = extract_report(doc, ExtractOptions())
    off = extract_report(doc, ExtractOptions(disabled_rules=frozenset({"places"})))
    assert any(c.kind == "launch_area" for c in on.claims)
    assert not any(c.kind == "launch_area" for c in off.claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Вночі ворог запустив 90 ударних дронів. Сили ППО знешкодили 80 із них.",
            {"launched.drones": 90, "launched.total": 90, "downed.drones": 80, "downed.total": 80},
        ),
        (
            "Усього в повітряному просторі зафіксовано 50 БпЛА, з них 41 збито.",
            {"launched.drones": 50, "launched.total": 50, "downed.drones": 41, "downed.total": 41},
        ),
        (
            "Зафіксовано 300 засобів: 280 ударних БпЛА (понад 150 з них – «шахеди») та 20 ракет.",
            {
                "launched.total": 300,
                "launched.drones": 280,
                "launched.model:shahed": {"min": 151},
                "launched.missiles": 20,
            },
        ),
        (
            "Збито/подавлено 520 цілей: 210 ударних БпЛА типу Shahed, 300 дронів-імітаторів, "
            "10 ракет Х-101.",
            {
                "downed.total": 520,
                "downed.model:shahed": 210,
                "downed.model:decoy": 300,
                "downed.drones": 510,
                "downed.model:kh-101": 10,
                "downed.missiles": 10,
            },
        ),
    ],
)
def test_parts_of_a_group(text: str, expected: dict[str, FactValue]) -> None:
    assert facts(text) == expected


def test_misspelt_directions_are_matched_to_the_nearest_place() -> None:
    text = "Противник атакував 50 ударними БпЛА із напрямків: Міллерева, Бринськ, Орьол – рф."
    assert sets(text)["launch_areas"] == {"Millerovo", "Bryansk", "Oryol"}


def test_out_of_without_a_participle() -> None:
    assert facts("Всього збито 36 із 43 ворожих ракет.") == {
        "launched.missiles": 43,
        "launched.total": 43,
        "downed.missiles": 36,
        "downed.total": 36,
    }
