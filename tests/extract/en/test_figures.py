"""Weapon figures: launched, downed, lost; bounds, parts, sums, models (hand-written sentences)."""

from __future__ import annotations

from typing import Any

import pytest
from en_helpers import facts

CASES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "plain launch and interception",
        "Russia launched 212 drones and 9 missiles at Ukraine overnight, the air force said. "
        "Air defences shot down 180 drones and 6 missiles.",
        {
            "launched.drones": 212,
            "launched.missiles": 9,
            "launched.total": 221,
            "downed.drones": 180,
            "downed.missiles": 6,
            "downed.total": 186,
        },
    ),
    (
        "bound carried over coordinated figures",
        "At least 127 missiles and 109 drones were fired at Ukraine, the president said.",
        {
            "launched.missiles": {"min": 127},
            "launched.drones": {"min": 109},
            "launched.total": {"min": 236},
        },
    ),
    (
        "over, nearly and words",
        "Moscow fired more than 400 drones and nearly forty missiles, officials said.",
        {
            "launched.drones": {"min": 401},
            "launched.missiles": {"approx": 40},
            "launched.total": {"approx": 441},
        },
    ),
    (
        "N of M with a model",
        "Ukraine's air force said it shot down 41 of the 47 Shahed drones Russia sent overnight.",
        {
            "downed.drones": 41,
            "downed.model:shahed": 41,
            "launched.drones": 47,
            "launched.model:shahed": 47,
            "downed.total": 41,
            "launched.total": 47,
        },
    ),
    (
        "of which, passive downing",
        "The air force said Russia used 60 drones and 12 missiles, of which 52 drones and "
        "10 missiles were intercepted or jammed.",
        {
            "launched.drones": 60,
            "launched.missiles": 12,
            "downed.drones": 52,
            "downed.missiles": 10,
            "launched.total": 72,
            "downed.total": 62,
        },
    ),
    (
        "parts of a missile figure give model keys only",
        "Russia launched 35 missiles, among them 20 Kh-101 cruise missiles and 15 Kalibr "
        "missiles, the air force reported.",
        {
            "launched.missiles": 35,
            "launched.model:kh-101": 20,
            "launched.model:kalibr": 15,
            "launched.total": 35,
        },
    ),
    (
        "model names as nouns",
        "Russia launched 22 missiles, including 10 Kh-101 cruise missiles, 8 Kalibr and "
        "4 Iskander-M, the air force said.",
        {
            "launched.missiles": 22,
            "launched.model:kh-101": 10,
            "launched.model:kalibr": 8,
            "launched.model:iskander-m": 4,
            "launched.total": 22,
        },
    ),
    (
        "drones into Russia are not this attack",
        "Ukraine fired 100 drones at Russia overnight, Moscow said.",
        {},
    ),
    (
        "a comparison with other weeks is still this night",
        "Russia launched 610 drones overnight, the largest attack in recent weeks, officials said. "
        "In recent months Russia has launched 5,000 drones.",
        {"launched.drones": 610, "launched.total": 610},
    ),
    (
        "strike drones and decoys together: no model",
        "Russia attacked with 56 Shahed-type strike UAVs and simulator drones, the air force said.",
        {"launched.drones": 56, "launched.total": 56},
    ),
    (
        "a slash group and an anaphor beside two kinds",
        "Russia launched 128 drones and six Kh-59/69 guided missiles, the air force said, "
        "adding that 89 drones were downed and 34 were lost to electronic warfare.",
        {
            "launched.drones": 128,
            "launched.model:kh-59/kh-69": 6,
            "launched.missiles": 6,
            "launched.total": 134,
            "downed.drones": 89,
            "downed.total": 89,
            "lost.drones": 34,
            "lost.total": 34,
        },
    ),
    (
        "attacked a target with figures",
        "Russia attacked Ukraine's gas production facilities overnight with about 40 missiles and "
        "more than 100 drones, Naftogaz said.",
        {
            "launched.missiles": {"approx": 40},
            "launched.drones": {"min": 101},
            "launched.total": {"approx": 141},
        },
    ),
    (
        "of those, in the next sentence",
        "Russia launched 273 drones overnight, the air force said. Of those, 88 were shot down "
        "and 128 were lost.",
        {
            "launched.drones": 273,
            "launched.total": 273,
            "downed.drones": 88,
            "downed.total": 88,
            "lost.drones": 128,
            "lost.total": 128,
        },
    ),
    (
        "anaphor: N of them",
        "Russia fired 30 cruise missiles on Friday, 25 of them were destroyed, officials said.",
        {
            "launched.missiles": 30,
            "launched.model:cruise": 30,
            "downed.missiles": 25,
            "downed.model:cruise": 25,
            "launched.total": 30,
            "downed.total": 25,
        },
    ),
    (
        "lost from radar",
        "Russia launched 90 drones; 61 were downed and 24 drones were lost from radar, "
        "the air force said.",
        {
            "launched.drones": 90,
            "launched.total": 90,
            "downed.drones": 61,
            "downed.total": 61,
            "lost.drones": 24,
            "lost.total": 24,
        },
    ),
    (
        "lost in quotes, N more",
        "Russia launched 150 drones overnight. The air force said it downed 96 drones, "
        'and 41 more were "lost".',
        {
            "launched.drones": 150,
            "launched.total": 150,
            "downed.drones": 96,
            "downed.total": 96,
            "lost.drones": 41,
            "lost.total": 41,
        },
    ),
    (
        "of which N were shot down",
        "Russia launched 273 drones, of which 88 were shot down, the air force said.",
        {"launched.drones": 273, "launched.total": 273, "downed.drones": 88, "downed.total": 88},
    ),
    (
        "all N: launched and downed",
        "Ukrainian air defences shot down all 19 Russian drones launched overnight.",
        {"downed.drones": 19, "launched.drones": 19, "downed.total": 19, "launched.total": 19},
    ),
    (
        "a group of models",
        "Russia fired six Iskander-M or KN-23 ballistic missiles and 80 drones, officials said.",
        {
            "launched.model:iskander-m/kn-23": 6,
            "launched.missiles": 6,
            "launched.drones": 80,
            "launched.total": 86,
        },
    ),
    (
        "a plural with no figure leaves the total unknown",
        "Russian forces launched 70 missiles and dozens of drones, officials said.",
        {"launched.missiles": 70},
    ),
    (
        "a figure for one city is not the country's",
        "Russia fired 40 missiles overnight, the air force said. The mayor said 14 missiles "
        "were launched at Kyiv alone and 11 of them were shot down.",
        {"launched.missiles": 40, "launched.total": 40},
    ),
    (
        "a city's figure when it is the only one",
        "Russia attacked Odesa with 25 drones overnight, the governor said.",
        {"launched.drones": 25, "launched.total": 25},
    ),
    (
        "another night is not this night",
        "In November 2022 Russia launched 96 missiles against Ukraine, the air force recalled.",
        {},
    ),
    (
        "number words and a headline bound beside the breakdown",
        "Russia launched four hundred and twelve drones and twenty-one missiles, the air force "
        "said.",
        {"launched.drones": 412, "launched.missiles": 21, "launched.total": 433},
    ),
    (
        "drones after an included missile list are launched, not a part of the missiles",
        "The air force said Russia sent 48 missiles, including Kalibr cruise missiles, and 210 "
        "drones.",
        {"launched.missiles": 48, "launched.drones": 210, "launched.total": 258},
    ),
    (
        "a semicolon clause after a parts list keeps its own verb",
        "The attack involved 40 missiles, among them Kh-101 missiles, and 95 drones; 33 missiles "
        "and 71 drones were destroyed.",
        {
            "launched.missiles": 40,
            "launched.drones": 95,
            "launched.total": 135,
            "downed.missiles": 33,
            "downed.drones": 71,
            "downed.total": 104,
        },
    ),
    (
        "hit / targeted … with N is a launch",
        "Russia targeted Ukraine's gas network with 35 missiles and 60 Shahed drones overnight.",
        {
            "launched.missiles": 35,
            "launched.drones": 60,
            "launched.model:shahed": 60,
            "launched.total": 95,
        },
    ),
    (
        "shot down and jammed are both downed",
        "Air defences neutralised 300 targets, including 180 drones shot down and 120 jammed.",
        {"downed.total": 300, "downed.drones": 300},
    ),
    (
        "a fronted 'of the N drones,' is the launched whole",
        "Of the 102 drones, 80 were shot down and 15 were lost from radar, the air force said.",
        {
            "launched.drones": 102,
            "launched.total": 102,
            "downed.drones": 80,
            "downed.total": 80,
            "lost.drones": 15,
            "lost.total": 15,
        },
    ),
    (
        "jammed beside shot down is downed too",
        "Air defences shot down 60 drones, while 25 were jammed by electronic warfare, the air "
        "force said.",
        {"downed.drones": 85, "downed.total": 85},
    ),
    (
        "a subset is not added",
        "Air defences shot down 50 drones, 12 of them over Kyiv, the air force said.",
        {"downed.drones": 50, "downed.total": 50},
    ),
    (
        "a figure of another month is set aside",
        "Russia launched over 60 missiles overnight, the air force said. Earlier in March, "
        "Russia had fired 95 missiles in one night.",
        {"launched.missiles": {"min": 61}, "launched.total": {"min": 61}},
    ),
    (
        "a figure aimed at one place does not take the whole sentence with it",
        "The air force said 25 of the missiles were intercepted, including 8 of 10 Kalibr "
        "missiles aimed at the capital.",
        {"downed.missiles": 25, "downed.total": 25},
    ),
    (
        "one missile of the numbered ones is no figure",
        "A missile hit a school in Odesa as Russia fired 20 missiles at the country, officials "
        "said.",
        {"launched.missiles": 20, "launched.total": 20},
    ),
    (
        "among the missiles were … models, 'harder to intercept' is no downing",
        "Russia fired 30 missiles overnight, the air force said. Among the missiles were 12 "
        "Kinzhal missiles, which are harder to intercept, and 18 Kalibr cruise missiles.",
        {
            "launched.missiles": 30,
            "launched.total": 30,
            "launched.model:kinzhal": 12,
            "launched.model:kalibr": 18,
        },
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_figures(name: str, text: str, expected: dict[str, Any]) -> None:
    got = {k: v for k, v in facts(text).facts.items() if not k.startswith("period")}
    assert got == expected


def test_headline_bound_beside_breakdown() -> None:
    got = facts(
        "Russia launched 480 drones and 22 missiles in the attack, the air force said.",
        title="Russia fires over 500 drones and missiles at Ukraine",
    ).facts
    assert got["launched.total"] == 502


def test_second_claimant_kept_beside_air_force() -> None:
    got = facts(
        "President Volodymyr Zelenskyy said Russia fired more than 70 missiles. "
        "The air force said Russia launched 79 missiles overnight."
    ).facts
    assert got["launched.missiles"] == 79


def test_inconsistent_figures_are_named() -> None:
    from en_helpers import read

    got = read(
        "Russia launched 120 drones overnight, the air force said. "
        "The air force later said Russia launched 150 drones."
    )
    assert got.inconsistencies == ("launched.drones: 120 (ua_air_force) vs 150 (ua_air_force)",)


def test_headline_bound_agrees_with_its_breakdown() -> None:
    from en_helpers import read

    got = read(
        "Russia launched 480 drones and 22 missiles, the air force said.",
        title="Russia fires over 500 drones and missiles",
    )
    assert got.inconsistencies == ()
