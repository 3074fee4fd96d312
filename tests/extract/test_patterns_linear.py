"""No regular expression of the grammars and readers backtracks catastrophically: each is run
over adversarial texts (long runs of one letter, space, digit, bracket or word, each ending
in a character that makes the match fail late) in a child process under a watchdog.

A linear pattern reads these texts in milliseconds; a quadratic one needs minutes on them
and a cubic one years, so a pattern that starts to backtrack fails here rather than hanging a
run. Patterns applied only to a short window of text (the words just before a place) are
listed with their window and read over texts of that size.
"""

from __future__ import annotations

import dataclasses
import importlib
import multiprocessing as mp
import re
from typing import Any

import pytest

from skyledger.extract.toponyms import ROLES

MODULES = (
    "skyledger.extract.spans",
    "skyledger.extract.uk.numbers",
    "skyledger.extract.canonical",
    "skyledger.extract.toponyms",
    "skyledger.extract.weapons",
    "skyledger.extract.en",
    "skyledger.extract.en.dates",
    "skyledger.extract.en.geo",
    "skyledger.extract.en.targets",
    "skyledger.extract.en.window",
    "skyledger.extract.news.text",
    "skyledger.extract.uk.figures",
    "skyledger.extract.uk.news",
    "skyledger.extract.uk.text",
    "skyledger.sources.html",
    "skyledger.sources.nesting",
    "skyledger.sources.rss",
    "skyledger.sources.telegram_web",
    "skyledger.sources.text",
    "skyledger.store.index",
    "skyledger.store.values",
)
#: Functions that compile patterns from the resources once (``module:function`` and its
#: arguments): each pattern they return (in a mapping, a sequence or a dataclass) is read too.
BUILDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("skyledger.extract.uk.window:_patterns", ()),
    ("skyledger.extract.uk.impacts:_patterns", ()),
    ("skyledger.extract.uk.lexicon:lexicon", ()),
    ("skyledger.sources.text:_date_patterns", ()),
    ("skyledger.extract.toponyms:lexicon", ("uk",)),
    ("skyledger.extract.toponyms:lexicon", ("ru",)),
)
#: Patterns only ever applied to the few characters before a match (module.name → window).
WINDOWED = {
    "skyledger.extract.toponyms._PREVIOUS": 40,
    "skyledger.extract.en.geo._TITLE_BEFORE": 40,
    "skyledger.extract.en.geo._LOCATOR": 60,
    "skyledger.extract.en.geo._NEAR_CAPITAL": 60,
    "skyledger.extract.en.geo._LOCAL": 60,
    "skyledger.extract.en.geo._SEP": 64,  # only between two places at most this far apart
    "skyledger.extract.en.geo._REGIONS_BEFORE": 60,
}
#: Patterns only ever matched at one position (after a place, at a token): read with
#: ``match`` and ``fullmatch`` (a leading ``\s+`` makes ``finditer`` over a run of spaces
#: quadratic, which no caller asks for).
ANCHORED = frozenset(
    {
        "skyledger.extract.en._REGIONAL",
        "skyledger.extract.en.geo._FACILITY",
        "skyledger.extract.en.geo._REGIONS_AFTER",
        "skyledger.extract.en.geo._TITLE_AFTER",
        "skyledger.extract.uk.figures._REFERS_BACK",
        "skyledger.extract.weapons._ENDING",
        "skyledger.extract.uk.numbers.DIGITS",
        "skyledger.sources.html._TRACKING",
    }
    # the gazetteer's words around a place: matched right after it (``heads``, ``own_oblast``,
    # ``district_of``), between two of its places (``list_joins``), or to the one word
    # before it (``not_after``, ``homonym_cue``)
    | {
        f"skyledger.extract.toponyms.lexicon({lang}).{name}"
        for lang in ("uk", "ru")
        for name in (
            *(f"heads[{role}]" for role in ROLES),
            "list_joins",
            "own_oblast",
            "district_of",
            "not_after",
            "homonym_cue",
        )
    }
)
#: Patterns whose text never ends in white space (their callers cut it): a trailing run of
#: white space makes each of its characters start a failed match.
TRIMMED = frozenset({"skyledger.extract.uk.text._SPACED_TOKEN"})
SIZE = 20_000
WATCHDOG = 60
UNITS = (
    "a", "а", "aа", " ", "\t ", "1", "1 ", "1,", "12 345 ", ".", ". ", "(", "«", "-", "\n", "\n ",
    "з них ", "на ", "mayor ", "Kyiv, ", "Kyiv and ", "north ", "drones ", "збито 5 ", "ʼ", "_",
)  # fmt: skip
ENDS = ("", "!", "x", "5", ".", "\n", "А")


def texts(size: int, trimmed: bool = False) -> list[str]:
    made = [(unit * (size // len(unit) + 1))[:size] + end for unit in UNITS for end in ENDS]
    return [text.rstrip() for text in made] if trimmed else made


def _collect(found: dict[str, re.Pattern[str]], name: str, value: Any, depth: int = 0) -> None:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        found[name] = value
    elif depth >= 2:
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(found, f"{name}[{key}]", item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _collect(found, f"{name}[{i}]", item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _collect(found, f"{name}.{f.name}", getattr(value, f.name), depth + 1)


def patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{name}.{attr}"] = value
    for builder, args in BUILDERS:
        module_name, function = builder.split(":")
        built = getattr(importlib.import_module(module_name), function)(*args)
        _collect(found, f"{module_name}.{function}({', '.join(args)})", built)
    from skyledger.extract.route import cues_uk

    cues = cues_uk()
    found["route.voice"] = cues.voice
    found["route.strong"] = cues.strong
    found["route.casualty"] = cues.casualty
    for i, weak in enumerate(cues.weak):
        found[f"route.weak[{i}]"] = weak
    return found


def _scan(pattern: re.Pattern[str], size: int, anchored: bool, trimmed: bool, queue: Any) -> None:
    for text in texts(size, trimmed):
        if not anchored:
            for _ in pattern.finditer(text):
                pass
        pattern.match(text)
        pattern.fullmatch(text)
    queue.put("done")


@pytest.mark.parametrize("name", sorted(patterns()))
def test_pattern_reads_adversarial_text_in_linear_time(name: str) -> None:
    pattern = patterns()[name]
    size = WINDOWED.get(name, SIZE)
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    args = (pattern, size, name in ANCHORED, name in TRIMMED, queue)
    proc = ctx.Process(target=_scan, args=args)
    proc.start()
    proc.join(WATCHDOG)
    if proc.is_alive():
        proc.kill()
        proc.join()
        pytest.fail(f"{name} still reading adversarial text after {WATCHDOG} s: it backtracks")
    assert queue.get(timeout=10) == "done"


def test_every_listed_pattern_exists() -> None:
    assert set(WINDOWED) | ANCHORED | TRIMMED <= set(patterns())
