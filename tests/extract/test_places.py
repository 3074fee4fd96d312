"""The English gazetteer: every row valid, every oblast present, spellings unambiguous."""

from __future__ import annotations

import pytest

from skyledger.extract.places import PLACE_KINDS, place_names, places

OBLASTS = [
    "Cherkasy", "Chernihiv", "Chernivtsi", "Dnipropetrovsk", "Donetsk", "Ivano-Frankivsk",
    "Kharkiv", "Kherson", "Khmelnytskyi", "Kirovohrad", "Kyiv", "Luhansk", "Lviv", "Mykolaiv",
    "Odesa", "Poltava", "Rivne", "Sumy", "Ternopil", "Vinnytsia", "Volyn", "Zakarpattia",
    "Zaporizhzhia", "Zhytomyr",
]  # fmt: skip
CENTRES = [
    "Cherkasy", "Chernihiv", "Chernivtsi", "Dnipro", "Donetsk", "Ivano-Frankivsk", "Kharkiv",
    "Kherson", "Khmelnytskyi", "Kropyvnytskyi", "Kyiv", "Luhansk", "Lviv", "Mykolaiv", "Odesa",
    "Poltava", "Rivne", "Sumy", "Ternopil", "Vinnytsia", "Lutsk", "Uzhhorod", "Zaporizhzhia",
    "Zhytomyr",
]  # fmt: skip
LAUNCH_AREAS = [
    "Kursk", "Oryol", "Bryansk", "Millerovo", "Shatalovo", "Primorsko-Akhtarsk",
    "Hvardiiske", "Chauda", "Crimea", "Black Sea", "Sea of Azov", "Caspian Sea",
]  # fmt: skip


@pytest.mark.parametrize("stem", OBLASTS)
def test_every_oblast(stem: str) -> None:
    place = places()[f"{stem} Oblast"]
    assert place.kind == "oblast" and place.oblast == place.name
    assert place_names()[f"{stem.lower()} region"] == place.name


@pytest.mark.parametrize("name", CENTRES)
def test_oblast_centres(name: str) -> None:
    assert places()[name].kind == "city"


@pytest.mark.parametrize("name", LAUNCH_AREAS)
def test_launch_areas(name: str) -> None:
    assert not places()[name].in_ukraine or name == "Crimea"


@pytest.mark.parametrize(
    ("spelling", "name"),
    [("kiev", "Kyiv"), ("kharkov", "Kharkiv"), ("zaporizhzhya", "Zaporizhzhia"),
     ("odessa", "Odesa"), ("orel", "Oryol"), ("dnipro region", "Dnipropetrovsk Oblast"),
     ("kozyatyn", "Koziatyn"), ("bucha district", "Bucha Raion"),
     ("obolonskyi district", "Kyiv"), ("moscow region", "Moscow Oblast")],
)  # fmt: skip
def test_spellings(spelling: str, name: str) -> None:
    assert place_names()[spelling] == name


def test_rows_are_valid() -> None:
    every = places()
    assert len(every) > 250
    for place in every.values():
        assert place.kind in PLACE_KINDS
        if place.kind in ("city", "raion", "hromada"):
            assert place.oblast in every, place.name
        if place.lat is None or place.lon is None:  # left empty rather than guessed
            assert place.lat is None and place.lon is None, place.name
            continue
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
        assert place.lat != 0 or place.lon != 0, place.name


def test_every_raion_and_hromada_has_an_oblast() -> None:
    every = places()
    raions = [p for p in every.values() if p.kind == "raion"]
    assert len(raions) >= 126  # every raion of the 2020 reform outside Crimea
    for place in every.values():
        if place.kind in ("raion", "hromada"):
            assert every[place.oblast].kind == "oblast", place.name
            assert place.in_ukraine


def test_places_without_coordinates_are_few_and_known() -> None:
    missing = {p.name for p in places().values() if p.lat is None}
    assert "Dnistrovskyi Raion" in missing  # its centre is no town of the gazetteer
    assert len(missing) < 20


def test_abroad_is_not_ukraine() -> None:
    assert not places()["Moscow Oblast"].in_ukraine
    assert places()["Moscow Oblast"].kind == "abroad"
