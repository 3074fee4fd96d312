"""Russian names of places: one row per construction, sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.extract.places import places
from skyledger.extract.toponyms import find_places


def found(text: str) -> list[tuple[str, str, str, bool]]:
    return [(text[m.start : m.end], m.name, m.kind, m.adjective) for m in find_places(text, "ru")]


CITY, OBLAST, RAION, LAUNCH = "city", "oblast", "raion", "launch_area"

ROWS = [
    # Ukrainian towns by their Russian names, old names too
    ("Взрывы прогремели в Днепропетровске.", [("Днепропетровске", "Dnipro", CITY, False)]),
    ("Над Днепром поднялся дым.", [("Днепром", "Dnipro", CITY, False)]),
    ("В Николаеве объявили тревогу.", [("Николаеве", "Mykolaiv", CITY, False)]),
    ("Удар по Кривому Рогу нанесен днем.", [("Кривому Рогу", "Kryvyi Rih", CITY, False)]),
    ("В Кривом Роге нет света.", [("Кривом Роге", "Kryvyi Rih", CITY, False)]),
    ("Запорожье снова под обстрелом.", [("Запорожье", "Zaporizhzhia", CITY, False)]),
    ("Харькову и Одессе досталось больше всего.",
     [("Харькову", "Kharkiv", CITY, False), ("Одессе", "Odesa", CITY, False)]),
    ("В Киеве работала ПВО.", [("Киеве", "Kyiv", CITY, False)]),
    ("Власти Кировограда сообщили о пожаре.", [("Кировограда", "Kropyvnytskyi", CITY, False)]),
    ("В Белой Церкви повреждена подстанция.", [("Белой Церкви", "Bila Tserkva", CITY, False)]),
    ("Город Каменец-Подольский без света.",
     [("Каменец-Подольский", "Kamianets-Podilskyi", CITY, False)]),
    ("В Ровно тихо.", [("Ровно", "Rivne", CITY, False)]),
    # "X-ская область" is X Oblast, "Y-ский район" is Y Raion
    ("Ракета упала в Кировоградской области.",
     [("Кировоградской области", "Kirovohrad Oblast", OBLAST, False)]),
    ("Пострадал Синельниковский район.",
     [("Синельниковский район", "Synelnykove Raion", RAION, False)]),
    ("Поврежден объект в Броварском районе.",
     [("Броварском районе", "Brovary Raion", RAION, False)]),
    ("Глава Сумской ОВА сообщил о раненых.", [("Сумской ОВА", "Sumy Oblast", OBLAST, False)]),
    ("Заявила Харьковская областная администрация.",
     [("Харьковская областная", "Kharkiv Oblast", OBLAST, False)]),
    ("Киевский городской голова подтвердил.", [("Киевский городской", "Kyiv", CITY, False)]),
    ("Фастовская городская община объявила траур.",
     [("Фастовская городская община", "Fastiv Hromada", "hromada", False)]),
    ("Пожар на Киевщине потушен.", [("Киевщине", "Kyiv Oblast", OBLAST, False)]),
    # a list ended by one plural noun
    ("Удары по Киевской, Николаевской и Одесской областям.",
     [("Киевской", "Kyiv Oblast", OBLAST, False),
      ("Николаевской", "Mykolaiv Oblast", OBLAST, False),
      ("Одесской областям", "Odesa Oblast", OBLAST, False)]),
    ("Газовые объекты в Харьковской, Львовской, а также Ивано-Франковской областях.",
     [("Харьковской", "Kharkiv Oblast", OBLAST, False), ("Львовской", "Lviv Oblast", OBLAST, False),
      ("Ивано-Франковской областях", "Ivano-Frankivsk Oblast", OBLAST, False)]),
    # a city and its oblast
    ("Ракеты летели на Харьков и область.",
     [("Харьков", "Kharkiv", CITY, False), ("область", "Kharkiv Oblast", OBLAST, False)]),
    # Russia: launch areas and regions, so that a text about Russia shows itself
    ("Пуски велись из Курской области и Брянска.",
     [("Курской области", "Kursk Oblast", LAUNCH, False), ("Брянска", "Bryansk", LAUNCH, False)]),
    ("Губернатор Орловской области рассказал об атаке на Орёл.",
     [("Орловской области", "Oryol Oblast", LAUNCH, False), ("Орёл", "Oryol", LAUNCH, False)]),
    ("В Орле и Белгороде слышали взрывы.",
     [("Орле", "Oryol", LAUNCH, False), ("Белгороде", "Belgorod", LAUNCH, False)]),
    ("Беспилотники сбиты над Белгородской и Курской областями.",
     [("Белгородской", "Belgorod Oblast", LAUNCH, False),
      ("Курской областями", "Kursk Oblast", LAUNCH, False)]),
    ("Дроны летели на Москву через Подмосковье.",
     [("Москву", "Moscow", "abroad", False), ("Подмосковье", "Moscow Oblast", "abroad", False)]),
    ("Сбиты над Тульской областью и Краснодарским краем.",
     [("Тульской областью", "Tula Oblast", "abroad", False),
      ("Краснодарским краем", "Krasnodar Krai", LAUNCH, False)]),
    ("Атака на нефтебазу в Таганроге.", [("Таганроге", "Taganrog", LAUNCH, False)]),
    # occupied Ukraine, Crimea and the seas
    ("Бои на территории Донецкой Народной Республики и ЛНР.",
     [("Донецкой Народной Республики", "Donetsk Oblast", OBLAST, False),
      ("ЛНР", "Luhansk Oblast", OBLAST, False)]),
    ("Взрывы в Республике Крым и в Севастополе.",
     [("Республике Крым", "Crimea", "region", False), ("Севастополе", "Sevastopol", CITY, False)]),
    ("Над акваторией Черного моря и Азовским морем.",
     [("Черного моря", "Black Sea", "sea", False),
      ("Азовским морем", "Sea of Azov", "sea", False)]),
    # the capitals named by a phrase
    ("Удар по столице Украины.", [("столице Украины", "Kyiv", CITY, False)]),
    ("Атака на российскую столицу отбита.", [("российскую столицу", "Moscow", "abroad", False)]),
    # city districts
    ("В Голосеевском районе повреждено здание.", [("Голосеевском районе", "Kyiv", CITY, False)]),
    ("Пожар в Шевченковском районе Харькова.", [("Харькова", "Kharkiv", CITY, False)]),
    # a bare adjective
    ("Харьковские энергетики восстановили линию.", [("Харьковские", "Kharkiv", CITY, True)]),
    # not a place
    ("Пробка на улице Киевской и у реки Днепр.", []),
    ("Новые данные от городского головы.", []),
    ("Украинка рассказала о ночи в подвале.", []),
    ("Подстанции обесточены: в Черниговской и Сумской.",
     [("Черниговской", "Chernihiv Oblast", OBLAST, True),
      ("Сумской", "Sumy Oblast", OBLAST, True)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_russian_places(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    assert found(text) == expected


def test_yo_and_ye_are_one_letter_offsets_unchanged() -> None:
    for text in ("Атака на Орёл.", "Атака на Орел."):
        (mention,) = find_places(text, "ru")
        assert text[mention.start : mention.end] in ("Орёл", "Орел")
        assert mention.name == "Oryol"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_ordered_mentions_inside_it(text: str) -> None:
    end = 0
    for m in find_places(text, "ru"):
        assert end <= m.start < m.end <= len(text)
        assert m.name in places()
        end = m.end
