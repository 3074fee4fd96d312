"""parse_channel_page and post_document on t.me/s preview pages written here."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.sources.telegram_web import (
    TelegramPost,
    channel_page_url,
    parse_channel_page,
    post_document,
)

WHEN = datetime(2025, 11, 20, 6, 41, 7, tzinfo=UTC)
EMOJI_BOLT = (
    '<i class="emoji" style="background-image:url(\'//telegram.org/img/emoji/40/E29AA1.png\')">'
    "<b>⚡️</b></i>"
)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Збито 52 ударні БпЛА", "Збито 52 ударні БпЛА"),
        (
            f"{EMOJI_BOLT} <b>ЗБИТО 52 БПЛА</b><br/>➖➖➖<br/><br/>У ніч на 20 листопада"
            " противник атакував<br>",
            "⚡️ ЗБИТО 52 БПЛА\n➖➖➖\n\nУ ніч на 20 листопада противник атакував",
        ),
        (
            'Деталі — <a href="https://t.me/kpszsu" target="_blank">за посиланням</a>,'
            " <i>попередньо</i>&nbsp;уточнюється.",
            "Деталі — за посиланням, попередньо уточнюється.",
        ),
        (
            '<tg-emoji emoji-id="5420"><i class="emoji"><b>🔴</b></i></tg-emoji>'
            "Загроза балістики!<br/>  <br/>Київ",
            "🔴Загроза балістики!\n\nКиїв",
        ),
    ],
)
def test_message_text(kit, html, text):
    page = parse_channel_page(kit.channel_html("kpszsu", [kit.Post(5101, html, WHEN)]))
    (post,) = page.posts
    assert post.text == text
    assert post == TelegramPost("kpszsu", 5101, "https://t.me/kpszsu/5101", WHEN, False, text)


def test_posts_come_oldest_first_with_times_and_edits(kit):
    posts = [
        kit.Post(7, "третій", datetime(2025, 11, 20, 9, 0, tzinfo=UTC), edited=True),
        kit.Post(5, "перший", datetime(2025, 11, 20, 7, 0, tzinfo=UTC)),
        kit.Post(6, "другий", datetime(2025, 11, 20, 8, 0, tzinfo=UTC)),
    ]
    page = parse_channel_page(kit.channel_html("kpszsu", posts, before=5))
    assert [(p.post_id, p.text, p.edited) for p in page.posts] == [
        (5, "перший", False),
        (6, "другий", False),
        (7, "третій", True),
    ]
    assert page.posts[2].published_at == datetime(2025, 11, 20, 9, 0, tzinfo=UTC)
    assert (page.oldest_id, page.newest_id, page.older) == (5, 7, 5)
    assert page.ids == {5, 6, 7}
    assert page.problems == ()


def test_edited_as_plain_word_in_meta(kit):
    html = kit.channel_html("kpszsu", [kit.Post(9, "текст", WHEN)]).replace(
        '<span class="tgme_widget_message_meta">', '<span class="tgme_widget_message_meta">edited '
    )
    assert parse_channel_page(html).posts[0].edited is True


def test_service_messages_are_skipped(kit):
    posts = [kit.Post(1, "Channel created", WHEN, service=True), kit.Post(2, "Перший пост", WHEN)]
    page = parse_channel_page(kit.channel_html("kpszsu", posts))
    assert [p.post_id for p in page.posts] == [2]
    assert page.ids == {1, 2} and page.problems == ()


def test_reply_quote_is_not_the_text(kit):
    reply = (
        '<a class="tgme_widget_message_reply" href="https://t.me/kpszsu/3"><div class="'
        'tgme_widget_message_text js-message_reply_text" dir="auto">Цитата</div></a>'
    )
    html = kit.channel_html("kpszsu", [kit.Post(4, "Відповідь", WHEN)])
    html = html.replace('<div class="tgme_widget_message_text js-message_text"', reply + "\n<div "
                        'class="tgme_widget_message_text js-message_text"')  # fmt: skip
    assert parse_channel_page(html).posts[0].text == "Відповідь"


def test_post_without_text_has_empty_text(kit):
    html = kit.channel_html("kpszsu", [kit.Post(8, "x", WHEN)])
    html = html.replace(
        '<div class="tgme_widget_message_text js-message_text" dir="auto">x</div>', ""
    )
    assert parse_channel_page(html).posts[0].text == ""


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('data-post="kpszsu/12"', 'data-post="kpszsu"', "data-post"),
        ('data-post="kpszsu/12"', "", "data-post"),
        ("2025-11-20T06:41:07+00:00", "yesterday", "no readable time"),
    ],
)
def test_unreadable_messages_are_problems_not_crashes(kit, old, new, problem):
    good = kit.message_html("kpszsu", kit.Post(13, "добрий", WHEN))
    bad = kit.message_html("kpszsu", kit.Post(12, "поганий", WHEN)).replace(old, new)
    html = kit.channel_html("kpszsu", []).replace("</section>", bad + good + "</section>")
    page = parse_channel_page(html)
    assert [p.post_id for p in page.posts] == [13]
    assert len(page.problems) == 1 and problem in page.problems[0]


@pytest.mark.parametrize(
    ("html", "looks_like_channel"),
    [
        ("", False),
        ("<html><body><h1>Welcome</h1></body></html>", False),
        ("<div class='tgme_channel_info'>Channel</div>", True),
        ("<div class='tgme_widget_message_text'>unclosed <b>bold", False),
    ],
)
def test_pages_without_posts(html, looks_like_channel):
    page = parse_channel_page(html)
    assert page.posts == ()
    assert page.looks_like_channel is looks_like_channel


def test_naive_time_is_taken_as_utc(kit):
    html = kit.channel_html("kpszsu", [kit.Post(3, "t", WHEN)]).replace("+00:00", "")
    assert parse_channel_page(html).posts[0].published_at == WHEN


def test_post_document():
    post = TelegramPost("kpszsu", 61234, "https://t.me/kpszsu/61234", WHEN, True, "Збито 10 БпЛА")
    doc = post_document(post)
    assert (doc.id, doc.source, doc.medium, doc.lang) == (
        "kpszsu-61234",
        "kpszsu",
        "telegram",
        "uk",
    )
    assert doc.url == "https://t.me/kpszsu/61234" and doc.published_at == WHEN
    assert doc.title is None and doc.text == "Збито 10 БпЛА"
    assert post_document(post, lang="en").lang == "en"


@pytest.mark.parametrize(
    ("channel", "before", "base", "url"),
    [
        ("kpszsu", None, "https://t.me", "https://t.me/s/kpszsu"),
        ("@kpszsu", 5100, "https://t.me/", "https://t.me/s/kpszsu?before=5100"),
        ("ua_channel", None, "http://127.0.0.1:8000", "http://127.0.0.1:8000/s/ua_channel"),
    ],
)
def test_channel_page_url(channel, before, base, url):
    assert channel_page_url(channel, before, base_url=base) == url


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_crashes(text):
    page = parse_channel_page(f'<div class="tgme_widget_message" data-post="c/1">{text}</div>')
    for post in page.posts:
        assert post.post_id == 1
