"""Invariants of the Ukrainian and Russian place forms (``gazetteer/*_toponyms.tsv``): every
form names a known place, no form names two places of one role, every settlement has an
oblast, every oblast and raion can be named in both languages, and nothing the Air Force
gazetteer knows is lost."""

from __future__ import annotations

import re

import pytest

from skyledger.extract.places import places
from skyledger.extract.toponyms import ROLES, Lang, form_readings, lexicon, norm_form
from skyledger.resources import load_tsv, load_yaml

LANGS: tuple[Lang, ...] = ("uk", "ru")


@pytest.mark.parametrize("lang", LANGS)
def test_forms_load_and_patterns_compile(lang: Lang) -> None:
    lex = lexicon(lang)
    assert set(lex.heads) == set(ROLES)
    for role, pattern in lex.heads.items():
        assert not pattern.fullmatch(""), role
    assert len(form_readings(lang)) > 4000


@pytest.mark.parametrize("lang", LANGS)
def test_every_row_names_a_known_place(lang: Lang) -> None:
    every = places()
    for row in load_tsv(f"gazetteer/{lang}_toponyms.tsv"):
        assert row["name"] in every
        assert row["head"] in ROLES
        assert row["forms"] or row["adj_m"], row["name"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_form_names_two_places_in_one_role(lang: Lang) -> None:
    """A form may be a town's noun and another place's adjective ("курська": Kursk, or Kursk
    Oblast before "області"; the next word decides), never two nouns or two adjectives of one
    role."""
    for key, readings in form_readings(lang).items():
        nouns = {r.name for r in readings if not r.adjective}
        assert len(nouns) <= 1, (key, nouns)
        for role in ROLES:
            names = {r.name for r in readings if r.adjective and r.head == role}
            assert len(names) <= 1, (key, role, names)


@pytest.mark.parametrize("lang", LANGS)
def test_every_settlement_has_an_oblast(lang: Lang) -> None:
    every = places()
    for row in load_tsv(f"gazetteer/{lang}_toponyms.tsv"):
        place = every[row["name"]]
        if place.kind in ("city", "raion", "hromada") and place.in_ukraine:
            assert every[place.oblast].kind in ("oblast", "region", "city"), place.name


@pytest.mark.parametrize("lang", LANGS)
def test_every_oblast_and_raion_in_both_languages(lang: Lang) -> None:
    named = {(r.name, r.head) for v in form_readings(lang).values() for r in v if r.adjective}
    for place in places().values():
        if place.kind == "oblast":
            assert (place.name, "oblast") in named, place.name
        if place.kind == "raion":
            assert (place.name, "raion") in named, place.name


def test_every_ukrainian_oblast_has_its_region_noun() -> None:
    nouns = {r.name for v in form_readings("uk").values() for r in v if not r.adjective}
    assert {p.name for p in places().values() if p.kind == "oblast"} <= nouns


def test_nothing_the_air_force_gazetteer_knows_is_lost() -> None:
    """Every form of ``uk_places.tsv`` names the same place here."""
    forms = form_readings("uk")
    for row in load_tsv("gazetteer/uk_places.tsv"):
        for column in ("forms", "adj_forms"):
            for form in filter(None, row[column].split(";")):
                names = {r.name for r in forms[norm_form(form)]}
                assert row["name"] in names, (form, row["name"], names)


def test_no_pattern_list_is_empty() -> None:
    spec = load_yaml("gazetteer/toponyms.yaml")
    for lang in LANGS:
        for role, fragments in spec[lang]["heads"].items():
            assert fragments, role
            for fragment in fragments:
                assert not re.fullmatch(fragment, ""), (lang, role, fragment)
