"""read_feed and entry_document on RSS 2.0, RSS 1.0 and Atom written here."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.errors import ReadError
from skyledger.sources.html import document_id_for_url
from skyledger.sources.rss import FeedEntry, entry_document, read_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
 <title>Kyiv Desk</title><link>https://desk.example/</link><language>en-gb</language>
 <item>
  <title>Russia fires 96 drones at eastern Ukraine</title>
  <link>https://desk.example/2025/10/14/drones?utm_source=rss</link>
  <guid isPermaLink="false">desk-8812</guid>
  <pubDate>Tue, 14 Oct 2025 08:20:00 +0300</pubDate>
  <description>&lt;p&gt;Air defences downed &lt;b&gt;71&lt;/b&gt; of them.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Russia fired 96 drones at eastern Ukraine overnight.</p>
<p>Air defences downed 71 of them, the air force said.<br>Two people were injured in Kharkiv.</p>
]]></content:encoded>
 </item>
 <item>
  <title>Talks resume in Geneva</title>
  <link>https://desk.example/2025/10/13/talks</link>
  <pubDate>Mon, 13 Oct 2025 18:00:00 GMT</pubDate>
  <description>Delegations met for a second day.</description>
 </item>
</channel></rss>"""

RSS_NO_DATES = """<rss version="2.0"><channel><title>Undated</title>
<item><title>First</title><link>https://undated.example/1</link>
<description>Drones were shot down over Odesa region.</description></item>
<item><title>Second</title><guid>https://undated.example/2</guid>
<description>Missile debris fell in Kyiv.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk">
 <title>Новини регіону</title><id>urn:uuid:feed-1</id><updated>2025-10-14T06:00:00Z</updated>
 <entry>
  <title>Нічна атака на Одещину</title>
  <id>urn:uuid:entry-1</id>
  <link rel="alternate" href="https://region.example/news/1"/>
  <published>2025-10-14T05:30:00+03:00</published>
  <updated>2025-10-14T06:00:00Z</updated>
  <summary>Коротко про атаку.</summary>
  <content type="html">&lt;p&gt;Вночі ворог атакував Одещину дронами.&lt;/p&gt;
   &lt;p&gt;Пошкоджено склад.&lt;/p&gt;</content>
 </entry>
 <entry>
  <title>Без посилання</title>
  <id>urn:uuid:entry-2</id>
  <updated>2025-10-13T20:00:00Z</updated>
  <content type="text">Оновлення щодо енергетики.</content>
 </entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://old.example/"><title>Old style</title></channel>
 <item rdf:about="https://old.example/7"><title>Seven</title><link>https://old.example/7</link>
  <description>Seven drones were downed.</description><dc:date>2025-10-12T04:00:00Z</dc:date></item>
</rdf:RDF>"""


def test_rss_entries():
    entries = read_feed(RSS, "https://desk.example/feed")
    assert [e.id for e in entries] == ["desk-8812", "https://desk.example/2025/10/13/talks"]
    first = entries[0]
    assert first.title == "Russia fires 96 drones at eastern Ukraine"
    assert first.published == datetime(2025, 10, 14, 5, 20, tzinfo=UTC)
    assert first.summary == "Air defences downed 71 of them."
    assert first.content == (
        "Russia fired 96 drones at eastern Ukraine overnight.\n\n"
        "Air defences downed 71 of them, the air force said.\nTwo people were injured in Kharkiv."
    )
    assert first.feed_title == "Kyiv Desk" and first.lang == "en-gb"
    assert entries[1].content is None


def test_entry_document_uses_full_text_and_the_link_id():
    entry = read_feed(RSS, "https://desk.example/feed")[0]
    doc = entry_document(entry)
    assert doc.id == document_id_for_url("https://desk.example/2025/10/14/drones")
    assert doc.text == entry.content
    assert doc.title == entry.title and doc.published_at == entry.published
    assert doc.lang == "en" and doc.medium == "news" and doc.source == "Kyiv Desk"


def test_entry_document_falls_back_to_summary():
    entry = read_feed(RSS, "https://desk.example/feed")[1]
    assert entry_document(entry).text == "Delegations met for a second day."


def test_feed_without_dates():
    entries = read_feed(RSS_NO_DATES, "https://undated.example/rss")
    assert [e.published for e in entries] == [None, None]
    assert entries[1].link == entries[1].id == "https://undated.example/2"  # permalink guid
    docs = [entry_document(e) for e in entries]
    assert docs[0].published_at is None
    assert docs[1].id == document_id_for_url("https://undated.example/2")
    assert docs[0].id != docs[1].id


def test_atom_feed():
    entries = read_feed(ATOM.encode("utf-8"), "https://region.example/atom")
    first, second = entries
    assert first.id == "urn:uuid:entry-1"
    assert first.link == "https://region.example/news/1"
    assert first.published == datetime(2025, 10, 14, 2, 30, tzinfo=UTC)
    assert first.content == "Вночі ворог атакував Одещину дронами.\n\nПошкоджено склад."
    assert second.published == datetime(2025, 10, 13, 20, 0, tzinfo=UTC)
    doc = entry_document(second)
    assert doc.text == "Оновлення щодо енергетики." and doc.lang == "uk" and doc.url is None
    assert doc.source == "Новини регіону"


def test_rss_1_0():
    (entry,) = read_feed(RDF, "https://old.example/rdf")
    assert entry.link == "https://old.example/7"
    assert entry.published == datetime(2025, 10, 12, 4, 0, tzinfo=UTC)


def test_declared_encoding_of_a_str_is_ignored_and_bytes_are_decoded():
    xml = RSS_NO_DATES.replace("<rss", '<?xml version="1.0" encoding="windows-1251"?><rss', 1)
    xml = xml.replace("Odesa", "Одеса")
    assert "Одеса" in read_feed(xml, "u")[0].summary
    assert "Одеса" in read_feed(xml.encode("cp1251"), "u")[0].summary


@pytest.mark.parametrize(
    "xml",
    ["", "   ", "<html><body><p>Not a feed</p></body></html>", "just words", b"\x00\x01"],
)
def test_not_a_feed(xml):
    with pytest.raises(ReadError) as caught:
        read_feed(xml, "https://example.com/feed")
    assert caught.value.path == "https://example.com/feed"


def test_empty_feed_has_no_entries():
    assert read_feed("<rss version='2.0'><channel><title>t</title></channel></rss>", "u") == []


def test_entry_without_text():
    entry = FeedEntry(id="x", link="https://e.example/x", title="t", published=None, summary="")
    with pytest.raises(ReadError, match="no text"):
        entry_document(entry)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_entries_or_a_read_error(text):
    try:
        entries = read_feed("<rss version='2.0'><channel><item>" + text, "u")
    except ReadError as exc:
        assert exc.reason
    else:
        for entry in entries:
            assert entry.id


def test_an_entrys_scripts_and_styles_are_no_text():
    """feedparser leaves the entries' HTML as it is (reading it as text is ours): a script or
    a style in it gives no words."""
    feed = RSS.replace(
        "<p>Russia fired 96 drones",
        "<style>p { color: red }</style><script>track('drones 500')</script>"
        "<p>Russia fired 96 drones",
    )
    text = entry_document(read_feed(feed, "https://desk.example/feed")[0]).text
    assert text.startswith("Russia fired 96 drones")
    assert "track" not in text and "color" not in text
