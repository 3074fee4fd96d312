"""read_html_article: body via trafilatura, metadata from the page, stable ids, clear failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skyledger.errors import ReadError
from skyledger.sources.html import (
    document_id_for_url,
    guess_lang,
    html_to_text,
    lang_code,
    normalize_url,
    parse_datetime,
    read_html_article,
)

EN_PARAS = [
    "Russia launched 412 drones and 36 missiles at Ukraine overnight into Tuesday, "
    "the Ukrainian air force said in its morning statement.",
    "Air defence units shot down or jammed 385 of the drones and 31 of the missiles, "
    "while impacts were recorded at 14 locations in six regions.",
    "Regional officials in Lviv and Ternopil said at least three people were wounded "
    "and a warehouse complex caught fire after the strike.",
]
UK_PARAS = [
    "У ніч на 9 вересня противник атакував Україну 142 ударними дронами та двома "
    "балістичними ракетами, повідомили у Повітряних силах.",
    "За попередніми даними, сили протиповітряної оборони збили 118 безпілотників, "
    "влучання зафіксовано на семи локаціях у Харківській та Сумській областях.",
]


def page(
    paras: list[str],
    *,
    head: str = "",
    lang_attr: str | None = "en",
    h1: str | None = None,
) -> str:
    lang = f' lang="{lang_attr}"' if lang_attr else ""
    body = "".join(f"<p>{p}</p>" for p in paras)
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<!DOCTYPE html><html{lang}><head><meta charset='utf-8'>{head}</head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<main><article>{heading}{body}</article></main>"
        "<footer><p>© 2025 Example Media. All rights reserved.</p></footer></body></html>"
    )


OG = (
    "<title>Overnight attack | Example Media</title>"
    '<meta property="og:title" content="Russia fires 412 drones and 36 missiles">'
    '<meta property="og:site_name" content="Example Media">'
    '<meta property="article:published_time" content="2025-09-09T07:45:00+03:00">'
)
LD = (
    "<title>Page title only</title>"
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "Strike on Lviv region",'
    ' "datePublished": "2025-09-09T05:10:00Z"}]}</script>'
)
TIME_ONLY = "<title>Night attack</title>"
KYIV = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    ("head", "title", "published"),
    [
        (OG, "Russia fires 412 drones and 36 missiles", datetime(2025, 9, 9, 7, 45, tzinfo=KYIV)),
        (LD, "Strike on Lviv region", datetime(2025, 9, 9, 5, 10, tzinfo=UTC)),
        ("<title>  Night\n attack </title>", "Night attack", None),
    ],
)
def test_title_and_time_from_metadata(head, title, published):
    doc = read_html_article(page(EN_PARAS, head=head), "https://example.com/news/night-attack")
    assert doc.title == title
    assert doc.published_at == published
    assert doc.medium == "news"
    assert doc.lang == "en"


def test_time_element_is_the_last_resort():
    html = page(EN_PARAS, head=TIME_ONLY).replace(
        "<article>", '<article><time datetime="2025-09-08T21:30:00+00:00">8 Sept</time>'
    )
    doc = read_html_article(html, "https://example.com/a")
    assert doc.published_at == datetime(2025, 9, 8, 21, 30, tzinfo=UTC)


def test_body_keeps_paragraphs_and_drops_navigation():
    doc = read_html_article(page(EN_PARAS, head=OG), "https://example.com/a")
    assert doc.text.split("\n\n") == EN_PARAS
    assert "Home" not in doc.text and "rights reserved" not in doc.text
    assert doc.source == "Example Media"


def test_headline_repeated_in_body_is_dropped():
    html = page(EN_PARAS, head=OG, h1="Russia fires 412 drones and 36 missiles")
    doc = read_html_article(html, "https://example.com/a")
    assert doc.text.startswith(EN_PARAS[0])


def test_br_inside_paragraph_is_a_line_break():
    paras = [EN_PARAS[0].replace("Tuesday, ", "Tuesday,<br>"), *EN_PARAS[1:]]
    doc = read_html_article(page(paras), "https://example.com/a")
    assert "overnight into Tuesday,\nthe Ukrainian air force" in doc.text


@pytest.mark.parametrize(
    ("lang_attr", "paras", "given_lang", "expected"),
    [
        ("uk-UA", UK_PARAS, None, "uk"),
        ("en-GB", EN_PARAS, None, "en"),
        (None, UK_PARAS, None, "uk"),
        (None, EN_PARAS, None, "en"),
        ("de", UK_PARAS, None, "uk"),
        ("en", UK_PARAS, "uk", "uk"),
    ],
)
def test_language(lang_attr, paras, given_lang, expected):
    html = page(paras, lang_attr=lang_attr)
    assert read_html_article(html, "https://example.com/x", lang=given_lang).lang == expected


def test_language_from_meta_when_html_has_none():
    head = '<meta property="og:locale" content="uk_UA">'
    doc = read_html_article(page(EN_PARAS, head=head, lang_attr=None), "https://example.com/x")
    assert doc.lang == "uk"


def test_id_is_stable_across_tracking_parameters_and_fragments():
    a = read_html_article(page(EN_PARAS), "https://www.example.com/news/a/?utm_source=tg#top")
    b = read_html_article(page(EN_PARAS[:2]), "https://WWW.example.com/news/a")
    assert a.id == b.id
    assert a.id.startswith("example.com-")
    assert a.content_hash != b.content_hash


def test_without_url_the_id_comes_from_the_content():
    a = read_html_article(page(EN_PARAS), None)
    b = read_html_article(page(EN_PARAS), None)
    c = read_html_article(page(EN_PARAS[:2]), None)
    assert a.id == b.id != c.id
    assert a.id.startswith("html-")
    assert a.url is None and a.source == ""


def test_broken_markup_is_read():
    html = (
        "<html lang=en><head><title>Broken</title><body><div><article><p>"
        + EN_PARAS[0]
        + "<p>"
        + EN_PARAS[1]
        + "</span></table><p><b>"
        + EN_PARAS[2]
    )
    doc = read_html_article(html, "https://example.com/broken")
    for para in EN_PARAS:
        assert para in doc.text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty page"),
        ("   \n ", "empty page"),
        ("<html><head><title>Nothing</title></head><body></body></html>", "no article body"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article body"),
        ("<<<>>> </div></div>", "no article body"),
    ],
)
def test_no_body_raises_read_error(html, reason):
    with pytest.raises(ReadError) as caught:
        read_html_article(html, "https://example.com/empty")
    assert reason in caught.value.reason
    assert caught.value.path == "https://example.com/empty"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-09T07:45:00+03:00", datetime(2025, 9, 9, 7, 45, tzinfo=KYIV)),
        ("2025-09-09T04:45:00Z", datetime(2025, 9, 9, 4, 45, tzinfo=UTC)),
        ("2025-09-09 04:45", datetime(2025, 9, 9, 4, 45, tzinfo=UTC)),
        ("Tue, 09 Sep 2025 04:45:00 GMT", datetime(2025, 9, 9, 4, 45, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_datetime(value, expected):
    assert parse_datetime(value) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("uk-UA", "uk"), ("ua", "uk"), ("en_US", "en"), ("ru", "ru"), ("de-DE", None), (None, None)],
)
def test_lang_code(tag, expected):
    assert lang_code(tag) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Збито 40 ударних БпЛА над Київщиною", "uk"),
        ("Сбито 40 ударных беспилотников, сообщили в Минобороны", "ru"),
        ("Forty drones were shot down over the Kyiv region", "en"),
        ("", "en"),
    ],
)
def test_guess_lang(text, expected):
    assert guess_lang(text) == expected


def test_normalize_url():
    assert normalize_url("HTTPS://Example.com/a/?b=1&utm_medium=x#f") == "https://example.com/a?b=1"
    assert document_id_for_url("https://example.com/a") == document_id_for_url(
        "https://example.com/a/#comments"
    )


def test_html_to_text():
    fragment = "<p>Перший <b>рядок</b><br>другий</p><ul><li>один</li><li>два</li></ul><p>кінець</p>"
    assert html_to_text(fragment) == "Перший рядок\nдругий\n\nодин\nдва\n\nкінець"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(["<p>", "</p>", "<div>", "<br>", "<html lang='uk'>", "<<", "&amp;"]),
        ),
        max_size=12,
    )
)
def test_any_input_gives_a_document_or_a_read_error(parts):
    try:
        doc = read_html_article("".join(parts), "https://example.com/fuzz")
    except ReadError as exc:
        assert exc.reason
    else:
        assert doc.text.strip()
