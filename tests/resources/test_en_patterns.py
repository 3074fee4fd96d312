"""Integrity of the pattern files (``resources/en/*.yaml`` but the news lexicon, and
``abbreviations.yaml``): they load with no repeated key, every fragment compiles and matches
its own example, every list is used, every pattern compiles and finds something in each of its
examples."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from importlib import resources

import pytest

from skyledger.errors import ResourceError
from skyledger.extract.en import dates
from skyledger.extract.places import places
from skyledger.resources.patterns import PatternFile, parse, pattern_file


def _extra() -> dict[str, Mapping[str, str]]:
    """Each pattern file, with the slots its module fills from code."""
    return {
        "en/geo.yaml": {},
        "en/dates.yaml": dates.SLOTS,
        "en/window.yaml": dates.SLOTS,
        "en/targets.yaml": {},
        "en/plain.yaml": {},
        "abbreviations.yaml": {},
    }


EXTRA = _extra()
FILES = sorted(EXTRA)


def test_every_english_pattern_file_is_checked() -> None:
    folder = resources.files("skyledger.resources").joinpath("en")
    found = {f"en/{p.name}" for p in folder.iterdir() if p.name.endswith(".yaml")}
    assert found - {"en/news.yaml"} == {f for f in FILES if f.startswith("en/")}


@pytest.mark.parametrize("file", FILES)
def test_fragments_match_their_examples(file: str) -> None:
    data = pattern_file(file)
    for name, words in data.words.items():
        for fragment, example in words.items():
            assert re.search(fragment, example), f"{file}: words.{name}: {fragment!r}"


@pytest.mark.parametrize("file", FILES)
def test_patterns_compile_and_match_their_examples(file: str) -> None:
    data = pattern_file(file)
    for name, pattern in data.patterns.items():
        compiled = data.compile(name, EXTRA[file])
        assert pattern.examples, f"{file}: patterns.{name} has no example"
        for example in pattern.examples:
            assert compiled.search(example), f"{file}: patterns.{name}: {example!r}"


@pytest.mark.parametrize("file", FILES)
def test_every_list_is_used(file: str) -> None:
    data = pattern_file(file)
    used = set().union(*(data.slots(name) for name in data.patterns))
    assert set(data.words) <= used, f"{file}: unused lists {sorted(set(data.words) - used)}"
    assert used <= set(data.words) | set(EXTRA[file]), f"{file}: unknown lists"


CASED = {"regions", "titles_after"}  # lists whose fragments differ only in case on purpose


#: The modules that read each file.
READERS = {
    "en/geo.yaml": ("extract/en/geo.py", "extract/en/__init__.py"),
    "en/dates.yaml": ("extract/en/dates.py",),
    "en/window.yaml": ("extract/en/window.py",),
    "en/targets.yaml": ("extract/en/targets.py",),
    "en/plain.yaml": ("extract/en/__init__.py",),
    "abbreviations.yaml": ("extract/news/text.py",),
}


@pytest.mark.parametrize("file", FILES)
def test_every_pattern_name_and_map_is_read(file: str) -> None:
    root = resources.files("skyledger")
    source = "".join(root.joinpath(path).read_text(encoding="utf-8") for path in READERS[file])
    data = pattern_file(file)
    for name in data.patterns:
        assert f'compile("{name}"' in source, f"{file}: patterns.{name} is read by no module"
    for section, names in (("maps", data.maps), ("names", data.names)):
        for name in names:
            assert f'{section}["{name}"]' in source, f"{file}: {section}.{name} is read by none"


@pytest.mark.parametrize("file", FILES)
def test_no_fragment_twice_in_a_list(file: str) -> None:
    # The loader refuses repeated keys; two spellings of one fragment are caught here.
    data = pattern_file(file)
    for name, words in data.words.items():
        lowered = [f.lower() for f in words]
        assert len(set(lowered)) == len(lowered) or name in CASED, f"{file}: words.{name}"


def test_names_are_weekdays_and_months() -> None:
    names = pattern_file("en/dates.yaml").names
    assert len(names["weekdays"]) == 7 and len(names["months"]) == 12
    assert len({m[:3] for m in names["months"]}) == 12  # a month is known by three letters
    assert dates.weekday_index("Sunday") == 6


def test_lookalikes_are_cyrillic_letters_for_latin_ones() -> None:
    for cyrillic, latin in pattern_file("en/plain.yaml").maps["lookalikes"].items():
        assert "CYRILLIC" in unicodedata.name(cyrillic) and len(cyrillic) == 1
        assert latin.isascii() and latin.isalpha() and len(latin) == 1
        assert cyrillic.isupper() == latin.isupper()


def test_oblast_stems_name_gazetteer_oblasts() -> None:
    for stem, name in pattern_file("en/geo.yaml").maps["oblast_stems"].items():
        assert places()[name].kind == "oblast", stem


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("words:\n  a:\n    x: 'one x'\n    x: 'two x'\n", "duplicate key 'x'"),
        ("words:\n  a:\n    on: 'on it'\n", "must be non-empty strings"),
        ("words:\n  a:\n    'x?': 'x'\n", "matches the empty string"),
        ("words:\n  a:\n    '(': 'x'\n", "does not compile"),
        ("patterns:\n  p: {pattern: 'x', flags: q}\n", "unknown flag"),
        ("patterns:\n  p: {pattern: 'x', example: ['x']}\n", "unknown keys"),
        ("names:\n  days: [monday, monday]\n", "listed twice"),
        ("lists: {}\n", "top-level keys"),
        ("words: [1]\n", "non-empty mapping"),
        ("words: {a: {x: 'x'}\n", "invalid YAML"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(text: str, reason: str) -> None:
    with pytest.raises(ResourceError, match=re.escape(reason)) as err:
        parse(text, "en/bad.yaml")
    assert "resources/en/bad.yaml" in str(err.value)


def test_unknown_list_in_a_pattern_is_named() -> None:
    data: PatternFile = parse("patterns:\n  p: '{nothing}'\n", "en/bad.yaml")
    with pytest.raises(ResourceError, match=r"patterns\.p: unknown list \{nothing\}"):
        data.compile("p")
    with pytest.raises(ResourceError, match="no such pattern"):
        data.compile("q")
    with pytest.raises(ResourceError, match="left unfilled"):
        parse("patterns:\n  p: '{Month}'\n", "en/bad.yaml").compile("p")
