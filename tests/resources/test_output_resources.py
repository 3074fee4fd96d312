"""The data files outside the grammars: the piterfm model names and the month names that
date plain text files. Each is complete, consistent and loads through its loader."""

from __future__ import annotations

import re

from skyledger.export.piterfm import MODELS_FILE, SHAHED_ROW, UNKNOWN_MISSILE, model_names
from skyledger.resources import load_tsv, load_yaml, weapons
from skyledger.sources.text import DATES, date_in_text


def test_every_catalogue_weapon_has_one_dataset_name() -> None:
    rows = load_tsv(MODELS_FILE)
    listed = [row["weapon"] for row in rows]
    assert len(listed) == len(set(listed)), "a weapon listed twice"
    assert set(listed) == set(weapons()), "the file and weapons.yaml list different ids"


def test_dataset_names_are_well_formed() -> None:
    for weapon, name in model_names().items():
        assert name == name.strip() and name, weapon
        assert "  " not in name and not re.search(r"\band\s*$", name), (weapon, name)
        # the dataset joins a group's models with " and ", never with "/" between ours
        for part in name.split(" and "):
            assert part, (weapon, name)
    assert model_names()["shahed"] == SHAHED_ROW
    assert model_names()["cruise"] == UNKNOWN_MISSILE


def test_a_group_is_named_from_its_parts() -> None:
    names = model_names()
    for weapon, name in names.items():
        if "/" not in weapon:
            continue
        parts = weapon.split("/")
        part_names = {names[p] for p in parts if p in names}
        if len(part_names) > 1:  # models the dataset keeps apart: each appears in the name
            assert all(p in name for p in part_names), (weapon, name, part_names)


def test_month_names_cover_every_month_in_each_language() -> None:
    data = load_yaml(DATES)
    assert set(data["months"]) == {"uk", "ru", "en"}
    for lang, table in data["months"].items():
        assert set(table.values()) == set(range(1, 13)), lang
        assert all(form == form.lower() and form.strip() for form in table), lang
    forms = [form for table in data["months"].values() for form in table]
    assert len(forms) == len(set(forms)), "a month form listed in two languages"


def test_every_month_form_dates_a_text() -> None:
    for table in load_yaml(DATES)["months"].values():
        for form, number in table.items():
            found = date_in_text(f"Звіт: 7 {form} 2025 року.")
            assert found is not None and found.month == number, form
