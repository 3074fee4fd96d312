"""Hostile input to the readers: each shape that once raised out of a reader (found by
``bench/fuzz.py``), written anew. A reader gives documents and failures with a reason; one
bad line or message costs that line or message, not the rest of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.errors import ReadError
from skyledger.extract.limits import MAX_DOCUMENT_CHARS
from skyledger.models import Document, Failure
from skyledger.sources.corpus_jsonl import read_corpus
from skyledger.sources.detect import read_paths
from skyledger.sources.html import html_to_text, read_html_article
from skyledger.sources.telegram_export import read_telegram_export
from skyledger.sources.text import date_in_text

GOOD_LINE = json.dumps({"id": "ok", "text": "Збито 5 БпЛА.", "lang": "uk"}, ensure_ascii=False)


def split(items: list[Document | Failure]) -> tuple[list[Document], list[Failure]]:
    return (
        [x for x in items if isinstance(x, Document)],
        [x for x in items if isinstance(x, Failure)],
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": "a", "text": "x", "n": ' + "1" * 5000 + "}", "unreadable JSON"),
        ('{"id": "a", "text": "x", "n": -' + "7" * 100_000 + "}", "unreadable JSON"),
        ('{"id": ' + "9" * 20 + ', "text": "x"}', "invalid field id"),
        ('{"id": "a", "text": {"text": "x"}}', "invalid field text"),
        ('{"id": "a", "text": "x", "published_at": "2025-13-45T99:99"}', "published_at"),
    ],
    ids=["deep", "long-int", "negative-long-int", "int-id", "object-text", "bad-date"],
)
def test_a_bad_corpus_line_is_a_failure_and_the_rest_is_read(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n" + GOOD_LINE + "\n", encoding="utf-8")
    docs, failures = split(list(read_corpus(path)))
    assert [d.id for d in docs] == ["ok"]
    assert len(failures) == 1 and failures[0].line == 1
    assert reason in failures[0].reason


def _export(tmp_path: Path, raw: str) -> Path:
    path = tmp_path / "result.json"
    path.write_text(raw, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "raw",
    [
        '{"name": "c", "messages": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"name": "c", "messages": [], "id": ' + "5" * 6000 + "}",
    ],
    ids=["deep", "long-int"],
)
def test_an_unreadable_export_is_one_read_error(tmp_path: Path, raw: str) -> None:
    with pytest.raises(ReadError, match="unreadable JSON"):
        list(read_telegram_export(_export(tmp_path, raw)))


def test_odd_messages_are_failures_and_the_rest_are_read(tmp_path: Path) -> None:
    good = {"id": 1, "type": "message", "date": "2025-12-06T09:15:00", "text": "Збито 5 БпЛА."}
    odd = [
        {"id": 2, "text": "x", "date_unixtime": 10**30},  # past any calendar
        {"id": 3, "text": "x", "date_unixtime": "9" * 5000},
        {"id": 4, "text": "x", "edited_unixtime": 1e308, "date": "not a date"},
        {"id": 5, "text": [{"text": ["nested", {"text": 5}]}, 7, None]},
        {"id": [[[]]], "text": "x", "forwarded_from": {"a": [1]}},
        {"id": 6, "type": ["message"], "text": "x"},
    ]
    data = {"name": ["not", "a", "name"], "messages": [*odd, good]}
    path = _export(tmp_path, json.dumps(data, ensure_ascii=False))
    docs, _failures = split(list(read_telegram_export(path)))
    assert docs[-1].text == "Збито 5 БпЛА."


def test_deep_json_ld_is_passed_over(tmp_path: Path) -> None:
    """Metadata nested past the JSON reader's depth is no metadata; the article is read."""
    ld = "[" * 100_000 + '{"headline": "x"}' + "]" * 100_000
    page = (
        "<html lang='uk'><head><title>Атака</title>"
        f'<script type="application/ld+json">{ld}</script>'
        f'<script type="application/ld+json">{{"headline": {"1" * 5000}}}</script>'
        "</head><body><article><p>Уночі противник атакував 50 ударними БпЛА. Збито 41.</p>"
        "<p>Пошкоджено будинки у двох районах міста.</p></article></body></html>"
    )
    doc = read_html_article(page, "https://example.org/a")
    assert doc.title == "Атака"
    assert "50 ударними" in doc.text


def test_a_month_name_that_lowers_to_no_form() -> None:
    """Matched without regard to case, "ſeptember" (a long s) lowers to no month name."""
    assert date_in_text("Published 8 ſeptember 2025, updated") is None
    assert date_in_text("8 September 2025") is not None


def test_a_text_file_past_the_document_limit_is_refused_with_the_shared_reason(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Збито 5 БпЛА. " * (MAX_DOCUMENT_CHARS // 14 + 10), encoding="utf-8")
    docs, failures = split(list(read_paths([path])))
    assert not docs
    assert "document too large" in failures[0].reason
    assert f"{MAX_DOCUMENT_CHARS:,} characters" in failures[0].reason


def test_a_page_of_messages_nested_in_one_another_is_read_in_part() -> None:
    """Unclosed message elements nest every message inside the one before: reading each then
    searches the rest of the page (quadratic); past ``MAX_MESSAGES`` the page is read in part
    and says so."""
    from skyledger.sources.telegram_web import MAX_MESSAGES, parse_channel_page

    fragment = (
        '<div class="tgme_widget_message" data-post="kpszsu/{n}">'
        '<div class="tgme_widget_message_text">Збито {n} БпЛА.'
        '<time datetime="2025-11-20T06:41:07+00:00">06:41</time>'
    )
    page = "<html><body>" + "".join(fragment.format(n=n) for n in range(1, 400))
    result = parse_channel_page(page)
    assert len(result.posts) <= MAX_MESSAGES
    assert any("only the first" in problem for problem in result.problems)


def test_a_post_number_of_hundreds_of_digits_is_a_problem_not_an_exception() -> None:
    """A data-post no channel has ("channel/" and 600 digits) would make a document id past
    its column: the message is listed as unreadable and the page is read."""
    from skyledger.sources.telegram_web import parse_channel_page, post_document

    message = (
        '<div class="tgme_widget_message" data-post="kpszsu/{n}">'
        '<div class="tgme_widget_message_text">Збито 12 БпЛА.</div>'
        '<time datetime="2025-11-20T06:41:07+00:00">06:41</time></div>'
    )
    page = "<html><body>" + message.format(n="7" * 600) + message.format(n="101") + "</body></html>"
    result = parse_channel_page(page)
    assert [post.post_id for post in result.posts] == [101]
    assert [post_document(post).id for post in result.posts] == ["kpszsu-101"]
    assert any("without a valid data-post" in problem for problem in result.problems)


ARTICLE = (
    "<html><head><title>Нічна атака</title></head><body><article>"
    "<p>Уночі ворог атакував Київ 40 ударними БпЛА. Збито 35.</p></article>"
    "<script>var row = '<div><div><div>' + name + '<\\/div>';</script></body></html>"
)


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 100_000,
        "<html><body>" + "<section><b>" * 30_000 + "</body></html>",
        "<html><body><p>Збито 5 БпЛА.</p>" + "<table><tr><td>3" * 300 + "</body></html>",
    ],
    ids=["unclosed-divs", "unclosed-sections", "nested-tables"],
)
def test_a_page_nested_past_any_article_is_refused_with_a_reason(page: str) -> None:
    """Each block element the parser opened walked every element still open: tens of
    thousands never closed took seconds per 100 KB."""
    with pytest.raises(ReadError, match="nested more than"):
        read_html_article(page, "https://example.org/deep")


def test_tags_inside_a_script_do_not_count_as_nesting() -> None:
    deep_script = ARTICLE.replace("<div><div><div>", "<div>" * 2_000)
    doc = read_html_article(deep_script, "https://example.org/news/1")
    assert "40 ударними БпЛА" in doc.text


def test_a_fragment_nested_too_deep_is_read_as_plain_text() -> None:
    fragment = "<div>" * 50_000 + "Збито 12 БпЛА" + "</div>" * 10
    assert html_to_text(fragment) == "Збито 12 БпЛА"
    assert html_to_text("<p>Збито <b>5</b> БпЛА</p><p>Ще 2</p>") == "Збито 5 БпЛА\n\nЩе 2"


def test_a_page_of_thousands_of_paragraphs_skips_the_quadratic_fallback() -> None:
    """A page with no article in it sent trafilatura to its last fallback, which compared each
    paragraph with its neighbours one by one (10,000 took seconds): past
    ``MAX_FALLBACK_BLOCKS`` paragraphs the page is read without the fallbacks."""
    page = "<html><body><div>" + "<p>а</p><div>б</div>" * 5_000 + "</div></body></html>"
    try:
        read_html_article(page, "https://example.org/many")
    except ReadError as exc:
        assert "no article body" in str(exc)
    doc = read_html_article(ARTICLE, "https://example.org/news/2")
    assert "Збито 35" in doc.text
