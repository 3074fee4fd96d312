"""No regular expression of the grammars and readers backtracks catastrophically: each is run
over adversarial texts (long runs of one letter, space, digit, bracket or word, each ending
in a character that makes the match fail late) in a child process under a watchdog.

A linear pattern reads these texts in milliseconds; a quadratic one needs minutes on them
and a cubic one years, so a pattern that starts to backtrack fails here rather than hanging a
run. Patterns applied only to a short window of text (the words just before a place) are
listed with their window and read over texts of that size.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import re
from typing import Any

import pytest

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
    "skyledger.sources.rss",
    "skyledger.sources.text",
    "skyledger.store.values",
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


def patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{name}.{attr}"] = value
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
