"""Locations hit, debris sites, killed and wounded (hand-written sentences)."""

from __future__ import annotations

from typing import Any

import pytest
from en_helpers import facts

CASES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "hits and debris in one sentence",
        "Missiles and drones struck 17 locations, and debris fell on 9 others, the air force said.",
        {"hit_locations": 17, "debris_locations": 9},
    ),
    (
        "debris at sites",
        "Drones hit targets at 12 locations across the country, with debris falling at four sites.",
        {"hit_locations": 12, "debris_locations": 4},
    ),
    (
        "bound carries to an elided second figure",
        "At least three people were killed and 28 injured in the attack, officials said.",
        {"killed": {"min": 3}, "wounded": {"min": 28}},
    ),
    (
        "bound does not carry into a verb phrase of its own",
        "The strikes killed at least 12 people and wounded 48, the emergency service said.",
        {"killed": {"min": 12}, "wounded": 48},
    ),
    (
        "children apart",
        "At least 15 people, including two children, were killed, the governor said.",
        {"killed": {"min": 15}, "killed.children": 2},
    ),
    (
        "several places and no overall figure: none",
        "Four people were injured in the Sumy region, the governor said. In Odesa, six people "
        "were injured, the mayor said.",
        {},
    ),
    (
        "one place only: its figure",
        "Five people were hospitalised after the strike on Poltava, the governor said.",
        {"wounded": 5},
    ),
    (
        "the overall figure beats a city's",
        "Russian strikes killed 9 civilians across Ukraine over the past day, officials said. "
        "An attack on Kharkiv killed two people.",
        {"killed": 9},
    ),
    (
        "death toll",
        "The death toll from the strike on Sumy rose to 21, including two children, "
        "the emergency service said.",
        {"killed": 21, "killed.children": 2},
    ),
    (
        "among the injured",
        "Nine people were wounded in Zaporizhzhia. Among the injured were three children.",
        {"wounded": 9, "wounded.children": 3},
    ),
    (
        "an earlier day's toll is not this attack's",
        "A man was killed overnight, the governor said. Five people died in a strike on "
        "Wednesday, officials said.",
        {"killed": 1},
    ),
    (
        "an age between noun and verb",
        "A woman, 68, was killed and two people were injured, officials said.",
        {"killed": 1, "wounded": 2},
    ),
    (
        "left dead and injured",
        "The attack left four people dead and 18 injured, the governor said.",
        {"killed": 4, "wounded": 18},
    ),
    (
        "hits with a noun, debris with a bare number",
        "Hits were recorded in eight locations and drone debris fell in four, the statement said.",
        {"hit_locations": 8, "debris_locations": 4},
    ),
    (
        "a man with his age is one person",
        "A drone struck a house, killing a 70-year-old man, the governor said.",
        {"killed": 1},
    ),
    (
        "no casualties",
        "There were no casualties, the regional administration said.",
        {},
    ),
    (
        "ages are not figures",
        "A 7-year-old boy and two women were wounded, the governor said.",
        {"wounded": 2},
    ),
    (
        "N of them children between commas",
        "At least 14 people, four of them children, were killed when a missile hit Dnipro.",
        {"killed": {"min": 14}, "killed.children": 4},
    ),
    (
        "including a child inside the figure",
        "Five people including a child were injured in Zhytomyr, the governor said.",
        {"wounded": 5, "wounded.children": 1},
    ),
    (
        "one person named by trade",
        "A Ukrainian Su-27 pilot was killed during the attack, the air force said.",
        {"killed": 1},
    ),
    (
        "people named by trade",
        "Three bus drivers were injured in Kherson, the regional governor said.",
        {"wounded": 3},
    ),
    (
        "casualties in Russia are not the attack's",
        "Two people were killed in the Moscow region, the Russian governor said.",
        {},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_impacts(name: str, text: str, expected: dict[str, Any]) -> None:
    got = {k: v for k, v in facts(text).facts.items() if not k.startswith("period")}
    assert got == expected
