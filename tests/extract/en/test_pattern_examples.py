"""Every example of the English pattern files, read by the grammar: each fragment's own sentence
shows what its list does (a title, a facility, a list of oblasts, another day, the night). A
list that no check here reads is named in ``UNSHOWN`` with the reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from en_helpers import read

from skyledger.extract.en.dates import other_date, other_day, other_year
from skyledger.extract.en.geo import (
    city_anaphor,
    is_facility,
    is_title,
    mentions,
    near_of,
    place_of,
)
from skyledger.extract.en.window import as_of_in, night_in, read_window
from skyledger.models import KYIV
from skyledger.resources.patterns import pattern_file

DAY = date(2025, 6, 14)  # a Saturday
PUBLISHED = datetime(2025, 6, 14, 9, tzinfo=KYIV)
SATURDAY = 5
REGIONAL = pattern_file("en/geo.yaml").compile("regional_title")


def _oblasts(text: str) -> bool:
    found = mentions(text)
    return len(found) >= 1 and all(m.place.kind == "oblast" for m in found)


def _title(text: str) -> bool:
    return is_title(text, mentions(text)[0])


def _locator(text: str) -> bool:
    found = mentions(text)
    return near_of(text, found[-1], found[0] if len(found) > 1 else None)


def _regional(text: str) -> bool:
    m = mentions(text)[0]
    return is_title(text, m) and bool(REGIONAL.match(text, m.end))


def _anaphor(text: str) -> bool:
    found = city_anaphor(text, mentions(text))
    return len(found) == 1 and text[found[0].start : found[0].end].startswith("the ")


def _launch_area(text: str) -> bool:
    return any(c.kind == "launch_area" for c in read(text).claims)


CHECKS: dict[tuple[str, str], Callable[[str], bool]] = {
    ("en/geo.yaml", "regions"): _oblasts,
    ("en/geo.yaml", "regions_of"): _oblasts,
    ("en/geo.yaml", "list_joins"): lambda t: _oblasts(t) and len(mentions(t)) == 2,
    ("en/geo.yaml", "compass"): _locator,
    ("en/geo.yaml", "locators"): _locator,
    ("en/geo.yaml", "titles_after"): _title,
    ("en/geo.yaml", "regional_titles"): _title,
    ("en/geo.yaml", "city_titles"): _title,
    ("en/geo.yaml", "titles_before"): _title,
    ("en/geo.yaml", "title_joins"): _title,
    ("en/geo.yaml", "regional"): _regional,
    ("en/geo.yaml", "facilities"): lambda t: is_facility(t, mentions(t)[0]),
    ("en/geo.yaml", "city_nouns"): _anaphor,
    ("en/geo.yaml", "capital_nouns"): lambda t: city_anaphor(t, [])[0].name == "Kyiv",
    ("en/geo.yaml", "articles"): _anaphor,
    ("en/geo.yaml", "local_prepositions"): lambda t: place_of(t) == mentions(t)[-1].name,
    ("en/geo.yaml", "settlements"): lambda t: place_of(t) == mentions(t)[-1].name,
    ("en/dates.yaml", "year_prepositions"): lambda t: other_year(t, 2025),
    ("en/dates.yaml", "day_prepositions"): lambda t: other_day(t, SATURDAY),
    ("en/dates.yaml", "evening_or_night"): lambda t: not other_day(t, SATURDAY),
    ("en/dates.yaml", "date_prepositions"): lambda t: other_date(t, DAY),
    ("en/dates.yaml", "day_parts"): lambda t: other_date(t, DAY),
    ("en/dates.yaml", "nights"): lambda t: not other_date(t, DAY),
    ("en/dates.yaml", "night_before"): lambda t: not other_date(t, DAY),
    ("en/window.yaml", "into"): lambda t: night_in(t, DAY) is not None,
    ("en/window.yaml", "began"): lambda t: (
        night_in(f"{t} and ran overnight", DAY) == date(2025, 6, 13)
    ),
    ("en/window.yaml", "evening_or_night"): lambda t: night_in(f"The attack {t}.", DAY) == DAY,
    ("en/window.yaml", "overnight"): lambda t: night_in(t, DAY) == DAY,
    ("en/window.yaml", "attack_words"): lambda t: night_in(f"{t} overnight", DAY) == DAY,
    ("en/window.yaml", "daytime"): lambda t: (
        read_window([(f"{t}, Russia attacked overnight.", False)], PUBLISHED) is None
    ),
    ("en/window.yaml", "as_of"): lambda t: as_of_in(t, DAY) is not None,
    ("en/window.yaml", "statement_verbs"): lambda t: as_of_in(t, DAY) is not None,
    ("en/window.yaml", "am"): lambda t: getattr(as_of_in(t, DAY), "hour", None) == 9,
    ("en/window.yaml", "pm"): lambda t: getattr(as_of_in(t, DAY), "hour", None) == 23,
    ("en/targets.yaml", "from"): _launch_area,
    ("en/targets.yaml", "launch_words"): _launch_area,
}

#: Lists with no check here, and why.
UNSHOWN = {
    # The abbreviations keep a sentence whole where the splitter would break it; each is shown
    # by its fragment's example only (tests/resources/test_en_patterns.py).
    ("abbreviations.yaml", "en"),
    ("abbreviations.yaml", "uk"),
    ("abbreviations.yaml", "ru"),
}

ROWS = [
    (file, name, fragment, example)
    for (file, name) in CHECKS
    for fragment, example in pattern_file(file).words[name].items()
]


@pytest.mark.parametrize(
    ("file", "name", "fragment", "example"), ROWS, ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in ROWS]
)
def test_example_shows_its_list(file: str, name: str, fragment: str, example: str) -> None:
    assert CHECKS[(file, name)](example), f"{file}: words.{name}: {fragment!r}: {example!r}"


def test_every_list_is_checked_or_named() -> None:
    files = ("en/geo.yaml", "en/dates.yaml", "en/window.yaml", "en/targets.yaml",
             "abbreviations.yaml")  # fmt: skip
    lists = {(f, name) for f in files for name in pattern_file(f).words}
    assert lists == set(CHECKS) | UNSHOWN


@pytest.mark.parametrize(
    ("stem", "name"), sorted(pattern_file("en/geo.yaml").maps["oblast_stems"].items())
)
def test_oblast_stem_names_its_oblast(stem: str, name: str) -> None:
    found = mentions(f"the {stem.capitalize()} and Kharkiv Oblasts")
    assert found[0].name == name


def test_lookalike_letters_read_as_latin() -> None:
    from skyledger.extract.en import plain

    lookalikes = pattern_file("en/plain.yaml").maps["lookalikes"]
    assert plain("Kalіbr") == "Kalibr"
    assert plain("".join(lookalikes)) == "".join(lookalikes.values())
