"""Weapon names found in normalised text: declined forms, groups, quotes and odd dashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.extract.weapons import find_weapons, group_id, normalize
from skyledger.resources import weapons

SHARED = Path(__file__).resolve().parents[3] / "shared"


def ids(text: str) -> list[str]:
    return [h.id for h in find_weapons(normalize(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 «шахедів»", ["shahed"]),
        ("ударними БпЛА типу Shahed-136/131", ["shahed"]),
        ("Гербера та дронами-імітаторами типу “Пародія”", ["gerbera", "decoy", "parodiya"]),
        ("71 ворожий безпілотник-імітатор", ["decoy"]),
        ("крилатими ракетами «Калібр»", ["kalibr"]),
        ("ракетами Іскандер-М/С-400", ["iskander-m/s-400"]),
        ("ракетами Іскандер- М/С-400/KN-23", ["iskander-m/kn-23/s-400"]),
        ('ракети 3М22 "Циркон"', ["zircon", "zircon"]),
        ("ракети Х-31П, Х-59", ["kh-31p/kh-59"]),
        ("Х-59/69", ["kh-59/kh-69"]),
        ('2 S8000 "Бандероль”', ["banderol", "banderol"]),
        ("7 «Бандероль»/«Дань-Т»", ["banderol/dan-t"]),
        ("в т.ч. реактивними", ["shahed-jet"]),
        ("кинджалами", ["kinzhal"]),
    ],
)
def test_find_weapons(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("выпущены восемь «Калибров» с кораблей", ["kalibr"]),
        ("применили две ракеты «Кинжал» и одну Х-47М2", ["kinzhal", "kinzhal"]),
        ("баллистическими ракетами Искандер-М/KN-23", ["iskander-m/kn-23"]),
        ("ракеты Искандер-М/КН-23 с севера", ["iskander-m/kn-23"]),
        ("около сорока «Гераней» и «Шахедов»", ["shahed", "shahed"]),
        ("беспилотники «Герань-2»", ["shahed"]),
        ("шесть крылатых ракет Х-101 и две Х-22", ["kh-101", "kh-22"]),
        ("гиперзвуковыми «Цирконами»", ["zircon"]),
        ("противокорабельные ракеты «Оникс»", ["oniks"]),
        ("ракеты Х-59, Х-69 и Х-31П", ["kh-59", "kh-69", "kh-31p"]),
        ("зенитными ракетами С-300 и С-400", ["s-300", "s-400"]),
        ("вместе с дронами-имитаторами", ["decoy"]),
        ("десятки имитаторов", ["decoy"]),
        ("сбросили управляемые авиабомбы", ["kab"]),
        ("с ударными «Италмасами»", ["italmas"]),
    ],
)
def test_find_weapons_in_russian(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    "text",
    ["комплекс «Искандер»", "новые «Искандеры»", "ракета «Орешник»", "Орешника", "гиперзвук"],
)
def test_russian_names_with_no_key(text: str) -> None:
    """The family name without its variant letter, and weapons outside the catalogue."""
    assert ids(text) == []


@pytest.mark.parametrize("text", ["гербарій", "калібрування", "Х-1010", "заланцетований"])
def test_no_match_inside_other_words(text: str) -> None:
    assert ids(text) == []


def test_offsets_point_at_the_name() -> None:
    text = "атакував  балістичною ракетою Іскандер-М"
    (hit,) = find_weapons(normalize(text))
    assert text[hit.start : hit.end] == "Іскандер-М"


def test_normalize_keeps_offsets() -> None:
    text = "ІСКАНДЕР–М «Онікс» дев’ять\u00a0ракет"
    assert len(normalize(text)) == len(text)
    assert normalize(text) == 'іскандер-м "онікс" дев\'ять ракет'


def test_group_ids() -> None:
    assert group_id(["kh-31p", "kh-59"]) == "kh-31p/kh-59"
    assert group_id(["kalibr", "kalibr"]) == "kalibr"
    assert group_id(["kalibr", "shahed"]) is None


def test_catalogue_keeps_the_ids_of_weapons_json() -> None:
    path = SHARED / "eval" / "weapons.json"
    if not path.exists():
        pytest.skip("shared weapons.json not present")
    shared = {w["id"] for w in json.loads(path.read_text(encoding="utf-8"))["weapons"]}
    assert shared <= set(weapons())
