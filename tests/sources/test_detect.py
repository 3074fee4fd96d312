"""Reading inputs of every kind, and every kind of bad input, without losing anything."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from skyledger.errors import ReadError
from skyledger.models import Document, Failure
from skyledger.sources.corpus_jsonl import read_text_or_corpus
from skyledger.sources.detect import read_paths, sniff

REPORT = (
    "⚡️ ЗБИТО/ПОДАВЛЕНО 40 ВОРОЖИХ БПЛА\n"
    "У ніч на 3 грудня (з 18:00 2 грудня) ворог запустив 52 ударні БпЛА типу Shahed."
)


def doc_line(doc_id: str, text: str = REPORT, **extra: object) -> str:
    return json.dumps({"id": doc_id, "lang": "uk", "text": text, **extra}, ensure_ascii=False)


def split(items: list[Document | Failure]) -> tuple[list[Document], list[Failure]]:
    return (
        [x for x in items if isinstance(x, Document)],
        [x for x in items if isinstance(x, Failure)],
    )


def test_corpus_file_with_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        "\n".join([doc_line("a"), "{not json", doc_line("b"), "[1, 2]", json.dumps({"id": "c"})])
        + "\n",
        encoding="utf-8",
    )
    docs, failures = split(list(read_paths([path])))
    assert [d.id for d in docs] == ["a", "b"]
    reasons = {f.line: f.reason for f in failures}
    assert reasons[2].startswith("malformed JSON")
    assert reasons[4] == "line is not a JSON object"
    assert reasons[5] == "missing field(s): text"
    assert all(f.source == str(path) for f in failures)


def test_bad_field_values_are_named(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        doc_line("a", published_at="yesterday")
        + "\n"
        + doc_line("b", published_at="2025-12-06T09:00:00")
        + "\n",
        encoding="utf-8",
    )
    docs, failures = split(list(read_paths([path])))
    assert not docs
    assert "published_at" in failures[0].reason
    assert "UTC offset" in failures[1].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("cp1251.txt", "Збито 20 БпЛА".encode("cp1251"), "not UTF-8 text"),
        ("data.json", b'{"rows": [1, 2, 3]}', "neither a corpus line nor a Telegram export"),
    ],
)
def test_bad_files_become_failures(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    docs, failures = split(list(read_paths([path])))
    assert not docs
    assert len(failures) == 1
    assert reason in failures[0].reason
    assert failures[0].source == str(path)


def test_huge_text_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as fh:
        line = "Над Києвом збито 5 БпЛА. " * 40 + "\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(line)
    docs, failures = split(list(read_paths([path])))
    assert not docs
    assert "too large" in failures[0].reason


def test_large_corpus_file_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(5000):
            fh.write(doc_line(f"d{i}") + "\n")
    count = sum(1 for x in read_paths([path]) if isinstance(x, Document))
    assert count == 5000


def test_directory_is_walked_and_read_by_content(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "report").write_text(REPORT, encoding="utf-8")  # no extension
    (tmp_path / "a.md").write_text(
        "# Night of strikes\n\nRussia launched 50 drones overnight.", encoding="utf-8"
    )
    (tmp_path / "corpus.txt").write_text(doc_line("x") + "\n", encoding="utf-8")  # JSONL in .txt
    (tmp_path / ".hidden").write_text("secret", encoding="utf-8")
    docs, failures = split(list(read_paths([tmp_path])))
    assert not failures
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"report", "a", "x"}
    assert by_id["report"].lang == "uk"
    assert by_id["a"].lang == "en" and by_id["a"].title == "Night of strikes"


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    _, failures = split(list(read_paths([tmp_path / "nope.jsonl"])))
    assert "no such file" in failures[0].reason


def test_sniff() -> None:
    p = Path("x")
    assert sniff(p, b"<!DOCTYPE html><html><body>") == "html"
    assert sniff(p, b'<html><div class="tgme_widget_message">') == "telegram_web"
    assert sniff(p, b'<?xml version="1.0"?><rss>') == "feed"
    assert (
        sniff(p, b'{"name": "kpszsu", "type": "public_channel", "messages": []}')
        == "telegram_export"
    )


ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>Night attack on Kharkiv</title>
<meta property="og:title" content="Russia strikes Kharkiv overnight">
<meta property="article:published_time" content="2025-12-07T08:00:00+02:00"></head>
<body><article><h1>Russia strikes Kharkiv overnight</h1>
<p>Russia launched 149 drones at Ukraine overnight, the air force said on Sunday.</p>
<p>Air defences shot down 127 of them, and debris fell in three districts of Kharkiv.</p>
</article></body></html>"""

CHANNEL = """<!DOCTYPE html><html><body><section class="tgme_channel_history">
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="kpszsu/501">
<div class="tgme_widget_message_text">Збито 40 ударних БпЛА<br>Тримаймо небо!</div>
<span class="tgme_widget_message_meta"><a class="tgme_widget_message_date"
href="https://t.me/kpszsu/501"><time datetime="2025-12-07T06:30:00+00:00">08:30</time></a>
</span></div></div></section></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>w-1</guid><title>Drones over Odesa</title><link>https://example.org/w-1</link>
<description>Russia launched 60 drones at Odesa region overnight.</description></item>
</channel></rss>"""


def test_saved_pages_and_feeds_are_read_by_content(tmp_path: Path) -> None:
    (tmp_path / "article.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "channel").write_text(CHANNEL, encoding="utf-8")  # no extension
    (tmp_path / "wire.xml").write_text(FEED, encoding="utf-8")
    docs, failures = split(list(read_paths([tmp_path])))
    assert not failures
    by_medium = {d.medium: d for d in docs}
    assert by_medium["news"].lang == "en"
    assert "149 drones" in "\n".join(d.text for d in docs)
    telegram = by_medium["telegram"]
    assert telegram.id == "kpszsu-501" and telegram.text.startswith("Збито 40")
    assert len(docs) == 3


def test_what_extract_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``skyledger extract``: a corpus by suffix or first line, else one text in ``lang``."""
    corpus = tmp_path / "nights.txt"  # a corpus whatever its suffix
    corpus.write_text(doc_line("a") + "\n{broken\n", encoding="utf-8")
    docs, failures = split(list(read_text_or_corpus(str(corpus), "en")))
    assert [(d.id, d.lang) for d in docs] == [("a", "uk")]
    assert [(f.source, f.line) for f in failures] == [(str(corpus), 2)]
    text = tmp_path / "night.txt"
    text.write_text(REPORT, encoding="utf-8")
    (doc,) = read_text_or_corpus(str(text), "ru")
    assert isinstance(doc, Document) and (doc.id, doc.lang, doc.text) == ("night", "ru", REPORT)
    monkeypatch.setattr("sys.stdin", io.StringIO(REPORT))
    (doc,) = read_text_or_corpus("-", "uk")
    assert isinstance(doc, Document) and (doc.id, doc.text) == ("stdin", REPORT)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "no such file"),
        ("cp1251.txt", "Збито 5 БпЛА.".encode("cp1251"), "not UTF-8 text"),
    ],
)
def test_what_extract_cannot_read(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReadError) as caught:
        list(read_text_or_corpus(str(path), "uk"))
    assert caught.value.path == str(path) and caught.value.reason.startswith(reason)
