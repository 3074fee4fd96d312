"""A short fuzz of every grammar and reader (``bench/fuzz.py``'s cases, small inputs only),
and hypothesis' own random texts on each grammar: a change that lets some text raise out of
extraction or a reader fails here, not in a user's run. The long run is ``bench/fuzz.py``."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skyledger.errors import ReadError
from skyledger.extract import extract_document
from skyledger.models import Document
from skyledger.sources.corpus_jsonl import parse_corpus_line
from skyledger.sources.html import read_html_article

BENCH = Path(__file__).resolve().parents[1] / "bench" / "fuzz.py"
#: Cases per target: a few thousand in all, well under a minute (page and feed parsing is
#: the slowest).
CASES = {"read-html": 100, "read-feed": 60, "read-telegram-web": 150}
MOST_CASES = 300


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("skyledger_bench_fuzz", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "target",
    [
        "extract-uk",
        "extract-en",
        "extract-ru",
        "read-html",
        "read-telegram-web",
        "read-feed",
        "read-corpus",
        "read-telegram-export",
        "read-text",
    ],
)
def test_fuzz_smoke(target: str) -> None:
    escapes = _fuzz().smoke(CASES.get(target, MOST_CASES), most=20_000, names=[target])
    assert escapes == []


#: Any characters, with words and figures of the reports among them.
TEXT = st.lists(
    st.characters(codec="utf-8")
    | st.sampled_from(
        [*"0123456789 ,.-()«»\n", " збито ", " БпЛА", " drones ", " ракет", "12345678"]
    ),
    max_size=200,
).map("".join)


@pytest.mark.parametrize("lang", ["uk", "en", "ru"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, title=st.none() | TEXT)
def test_any_text_gives_claims_or_none(lang: str, text: str, title: str | None) -> None:
    doc = Document(
        id="h",
        lang=lang,
        text=text,
        title=title,
        published_at=datetime(2025, 6, 1, 9, 0, tzinfo=UTC),
    )
    for claim in extract_document(doc).claims:
        for span in claim.spans:
            field = title or "" if span.field == "title" else text
            assert 0 <= span.start <= span.end <= len(field)


@settings(max_examples=150, deadline=None)
@given(line=TEXT)
def test_any_corpus_line_gives_a_document_or_a_failure(line: str) -> None:
    parse_corpus_line(line, "c.jsonl", 1)


@settings(max_examples=100, deadline=None)
@given(body=TEXT)
def test_any_page_gives_an_article_or_a_read_error(body: str) -> None:
    with contextlib.suppress(ReadError):
        read_html_article(f"<html><body><article><p>{body}</p></article></body></html>", None)


def test_a_resumed_run_ends_each_lane_at_its_goal() -> None:
    """``--resume --cases N`` reaches N cases in all: lanes split before stop at it (a
    resumed ``--cases 1 --retime`` runs no more cases)."""
    fuzz = _fuzz()
    first = {"extract-uk": fuzz.Tally()}
    goals = {"extract-uk": 3 * fuzz.CHUNK}
    fuzz.lanes(first, goals, 3)
    assert goals == {
        "extract-uk": fuzz.CHUNK,
        f"extract-uk@{fuzz.CHUNK}": 2 * fuzz.CHUNK,
        f"extract-uk@{2 * fuzz.CHUNK}": 3 * fuzz.CHUNK,
    }
    ran = {key: fuzz.Tally(next_index=index + 10) for key, index in
           (("extract-uk", 0), (f"extract-uk@{fuzz.CHUNK}", fuzz.CHUNK),
            (f"extract-uk@{2 * fuzz.CHUNK}", 2 * fuzz.CHUNK))}  # fmt: skip
    again = {"extract-uk": 10}  # what a resumed --cases 1 asks: no fewer than already run
    fuzz.lanes(ran, again, 3)
    assert again == {key: tally.next_index for key, tally in ran.items()}
