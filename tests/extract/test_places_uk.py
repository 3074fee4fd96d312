"""Ukrainian place forms: one row per construction, sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.extract.places import places
from skyledger.extract.toponyms import PlaceMention, find_places


def found(text: str) -> list[tuple[str, str, str, bool]]:
    """(words, name, kind, adjective) of every mention, the words sliced from the text."""
    return [(text[m.start : m.end], m.name, m.kind, m.adjective) for m in find_places(text, "uk")]


CITY, OBLAST, RAION, HROMADA = "city", "oblast", "raion", "hromada"

ROWS = [
    # a town in each case
    ("Уночі в Ірпені було гучно.", [("Ірпені", "Irpin", CITY, False)]),
    ("Рятувальники прибули до Фастова.", [("Фастова", "Fastiv", CITY, False)]),
    ("Удар по Фастову стався о третій.", [("Фастову", "Fastiv", CITY, False)]),
    ("Над Миколаєвом чули вибухи.", [("Миколаєвом", "Mykolaiv", CITY, False)]),
    ("Шкоди зазнало місто Українка.", [("Українка", "Ukrainka", CITY, False)]),
    ("Пожежа в Українці загашена.", [("Українці", "Ukrainka", CITY, False)]),
    ("У Синельниковому пошкоджено склад.", [("Синельниковому", "Synelnykove", CITY, False)]),
    ("Знеструмлено частину Сум.", [("Сум", "Sumy", CITY, False)]),
    ("У Броварах горів склад.", [("Броварах", "Brovary", CITY, False)]),
    # names of two words and hyphenated names
    ("У Білій Церкві пошкоджено школу.", [("Білій Церкві", "Bila Tserkva", CITY, False)]),
    ("Ворог бив по Кривому Рогу.", [("Кривому Рогу", "Kryvyi Rih", CITY, False)]),
    ("У Кривому Розі триває розбір завалів.", [("Кривому Розі", "Kryvyi Rih", CITY, False)]),
    ("У Жовтих Водах зникло світло.", [("Жовтих Водах", "Zhovti Vody", CITY, False)]),
    ("В Кам'янці-Подільському тихо.",
     [("Кам'янці-Подільському", "Kamianets-Podilskyi", CITY, False)]),
    ("Дрони летіли до Білгорода-Дністровського.",
     [("Білгорода-Дністровського", "Bilhorod-Dnistrovskyi", CITY, False)]),
    ("Тривога в Івано - Франківську.", [("Івано - Франківську", "Ivano-Frankivsk", CITY, False)]),
    ("Куп’янськ і Купʼянськ та Куп'янськ.",
     [("Куп’янськ", "Kupiansk", CITY, False), ("Купʼянськ", "Kupiansk", CITY, False),
      ("Куп'янськ", "Kupiansk", CITY, False)]),
    ("ВИБУХИ У ХАРКОВІ", [("ХАРКОВІ", "Kharkiv", CITY, False)]),
    # an oblast's own noun
    ("На Полтавщині пошкоджено газопровід.", [("Полтавщині", "Poltava Oblast", OBLAST, False)]),
    ("Збито дрони над Прикарпаттям.", [("Прикарпаттям", "Ivano-Frankivsk Oblast", OBLAST, False)]),
    # an adjective with its noun: one mention of what the noun makes it
    ("Ситуація в Сумській області напружена.",
     [("Сумській області", "Sumy Oblast", OBLAST, False)]),
    ("Уламки впали в Житомирській обл. вночі.",
     [("Житомирській обл.", "Zhytomyr Oblast", OBLAST, False)]),
    ("Про це написав голова Миколаївської ОВА.",
     [("Миколаївської ОВА", "Mykolaiv Oblast", OBLAST, False)]),
    ("Повідомила Чернігівська обласна військова адміністрація.",
     [("Чернігівська обласна", "Chernihiv Oblast", OBLAST, False)]),
    ("Влучання в Броварському районі.", [("Броварському районі", "Brovary Raion", RAION, False)]),
    ("Обухівський р-н без світла.", [("Обухівський р-н", "Obukhiv Raion", RAION, False)]),
    ("Атаки зазнала Фастівська громада.",
     [("Фастівська громада", "Fastiv Hromada", HROMADA, False)]),
    ("Білоцерківська міська територіальна громада оголосила жалобу.",
     [("Білоцерківська міська територіальна громада", "Bila Tserkva Hromada", HROMADA, False)]),
    ("Заява Криворізької МВА.", [("Криворізької МВА", "Kryvyi Rih", CITY, False)]),
    ("Полтавський міський голова закликав до спокою.",
     [("Полтавський міський", "Poltava", CITY, False)]),
    ("Це вже третій удар по Херсонському обласному центру.",
     [("Херсонському обласному центру", "Kherson", CITY, False)]),
    ("Збито над Краснодарським краєм.",
     [("Краснодарським краєм", "Krasnodar Krai", "launch_area", False)]),
    ("Дрони збили в Московському регіоні.",
     [("Московському регіоні", "Moscow Oblast", "abroad", False)]),
    # one plural noun ends a list of adjectives
    ("Відключення у Вінницькій, Хмельницькій і Тернопільській областях.",
     [("Вінницькій", "Vinnytsia Oblast", OBLAST, False),
      ("Хмельницькій", "Khmelnytskyi Oblast", OBLAST, False),
      ("Тернопільській областях", "Ternopil Oblast", OBLAST, False)]),
    ("Пуски з Брянської та Курської обл.",
     [("Брянської", "Bryansk Oblast", "launch_area", False),
      ("Курської обл.", "Kursk Oblast", "launch_area", False)]),
    ("Кораблі з акваторій Азовського та Чорного морів.",
     [("Азовського", "Sea of Azov", "sea", False), ("Чорного морів", "Black Sea", "sea", False)]),
    # a bare adjective: the town it comes from, else the oblast
    ("Одеські енергетики вже працюють.", [("Одеські", "Odesa", CITY, True)]),
    ("Волинські рятувальники поїхали на допомогу.", [("Волинські", "Volyn Oblast", OBLAST, True)]),
    ("Зруйновано Трипільську ТЕС.", [("Трипільську", "Trypillia", CITY, True)]),
    ("Без світла 12 тис. у Черкаській і 9 тис. у Рівненській.",
     [("Черкаській", "Cherkasy Oblast", OBLAST, True),
      ("Рівненській", "Rivne Oblast", OBLAST, True)]),
    # a city with its oblast
    ("Ракети летіли на Одесу та область.",
     [("Одесу", "Odesa", CITY, False), ("область", "Odesa Oblast", OBLAST, False)]),
    # city districts
    ("Вибухи в Оболонському районі.", [("Оболонському районі", "Kyiv", CITY, False)]),
    ("Пошкоджено будинок у Київському районі Одеси.", [("Одеси", "Odesa", CITY, False)]),
    ("Пожежа у Дніпровському районі міста.", []),
    ("У Подільському районі горіла крамниця.", []),
    ("Влучання в Дніпровському районі Дніпропетровської області.",
     [("Дніпровському районі", "Dnipro Raion", RAION, False),
      ("Дніпропетровської області", "Dnipropetrovsk Oblast", OBLAST, False)]),
    ("Горів склад у Шевченківському районі.", []),
    ("Село Покровського району Донецької області.",
     [("Покровського району", "Pokrovsk Raion", RAION, False),
      ("Донецької області", "Donetsk Oblast", OBLAST, False)]),
    # the capital
    ("У столиці працювала ППО.", [("столиці", "Kyiv", CITY, False)]),
    ("Дрон збили на підльоті до столиці Росії.", [("столиці Росії", "Moscow", "abroad", False)]),
    # Crimea, seas and launch areas
    ("В окупованому Криму і в АР Крим.",
     [("Криму", "Crimea", "region", False), ("АР Крим", "Crimea", "region", False)]),
    ("Пуски з акваторії Чорного моря.", [("Чорного моря", "Black Sea", "sea", False)]),
    ("З напрямків Міллерово та Приморсько-Ахтарськ.",
     [("Міллерово", "Millerovo", "launch_area", False),
      ("Приморсько-Ахтарськ", "Primorsko-Akhtarsk", "launch_area", False)]),
    ("Вибухи в Курську й Бєлгороді.",
     [("Курську", "Kursk", "launch_area", False), ("Бєлгороді", "Belgorod", "launch_area", False)]),
    # not a place
    ("Мешканці вул. Київської та вулиці Шептицького без світла.", []),
    ("На лівому березі Дніпра тривають обстріли.", []),
    ("Біля пам'ятника Богдану Хмельницькому зібралися люди.", []),
    ("Уточнюють суми коштів на відбудову.", []),
    ("Суміш диму накрила місто.", []),
    ("Українці чекали на світло.", []),
    ("Щастя не буває без миру.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_ukrainian_places(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    assert found(text) == expected


def test_a_town_named_like_a_surname_stays_a_town() -> None:
    text = "Сьогодні Хмельницький атакували дрони, а в Хмельницькому пролунали вибухи."
    assert [m[1] for m in found(text)] == ["Khmelnytskyi", "Khmelnytskyi"]


def test_offsets_point_into_the_text_as_given() -> None:
    text = "Голова\u00a0ОВА: «У Фастові — пожежа»"
    (mention,) = find_places(text, "uk")
    assert text[mention.start : mention.end] == "Фастові"
    assert mention == PlaceMention(mention.start, mention.end, "Fastiv", "city", False)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_ordered_mentions_inside_it(text: str) -> None:
    mentions = find_places(text, "uk")
    end = 0
    for m in mentions:
        assert end <= m.start < m.end <= len(text)
        assert m.name in places()
        end = m.end


PLACE_WORDS = ["Київ", "Одеській", "області", ",", " ", "та", "Фастів", "району", "Бучанського",
               "столиці", "Дніпра", "вул."]  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PLACE_WORDS)))
def test_place_words_in_any_order(words: list[str]) -> None:
    text = " ".join(words)
    for m in find_places(text, "uk"):
        assert text[m.start : m.end].strip() == text[m.start : m.end]
        assert m.kind == places()[m.name].kind
