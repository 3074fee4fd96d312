"""Invariants of the uk grammar's data files: they load, every pattern compiles, no alias or
number form is ambiguous, every place has an oblast."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from skyledger.extract.uk.gazetteer import GAZETTEER, form_keys
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.numbers import number_words
from skyledger.resources import load_tsv, load_yaml, weapons

KINDS = {"oblast", "ru_oblast", "city", "raion", "region", "sea"}


def test_grammar_loads_and_compiles() -> None:
    lex = lexicon()
    assert set(lex.heads) == {"missile", "drone", "loitering", "total"}
    assert lex.months["грудня"] == 12
    assert lex.verbs.search("противник атакував") is not None


def test_no_empty_pattern_list() -> None:
    data = load_yaml("uk/grammar.yaml")
    for section in ("verbs", "heads", "place_cues", "casualties"):
        for key, patterns in data[section].items():
            assert patterns, f"{section}.{key} is empty"
            for pattern in patterns:
                re.compile(pattern)
                assert not re.fullmatch(pattern, ""), f"{section}.{key}: {pattern!r} matches ''"


def test_number_forms_belong_to_one_value() -> None:
    data = load_yaml("uk/numbers.yaml")["cardinals"]
    counts = Counter(form for entry in data for form in entry["forms"])
    assert [f for f, n in counts.items() if n > 1] == []
    assert number_words()["шістьма"] == 6


def test_no_weapon_alias_is_shared() -> None:
    seen: dict[str, str] = {}
    for weapon in weapons().values():
        for alias in weapon.aliases:
            assert seen.setdefault(alias, weapon.id) == weapon.id


ROWS = load_tsv(GAZETTEER)


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_every_place_row(row: dict[str, str]) -> None:
    assert row["kind"] in KINDS
    assert row["oblast"], "every place has an oblast"
    forms = [f for f in row["forms"].split(";") if f] + [
        f for f in row["adj_forms"].split(";") if f
    ]
    assert forms
    for form in forms:
        assert form == form.lower().strip() and "\t" not in form
    if row["adj_forms"]:
        assert row["kind"] in ("oblast", "ru_oblast", "sea")  # "Каспійського та Чорного морів"
    if row["kind"] in ("oblast", "ru_oblast", "region", "sea"):
        assert row["oblast"] == row["name"]


def test_place_names_are_unique() -> None:
    names = Counter(r["name"] for r in ROWS)
    assert [n for n, c in names.items() if c > 1] == []


def test_a_noun_form_names_one_place() -> None:
    owners: dict[str, set[str]] = {}
    for row in ROWS:
        for form in filter(None, row["forms"].split(";")):
            owners.setdefault(form, set()).add(row["name"])
    assert {f: o for f, o in owners.items() if len(o) > 1} == {}


def test_gazetteer_automaton_builds() -> None:
    assert "києві" in form_keys()
