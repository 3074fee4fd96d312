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
from skyledger.sources.text import date_in_text

REPORT = (
    "⚡️ ЗБИТО/ПОДАВЛЕНО 40 ВОРОЖИХ БПЛА\n"
    "У ніч на 3 грудня (з 18:00 2 грудня) ворог запустив 52 ударні БпЛА типу Shahed."
)


def doc_line(doc_id: str, text: str = REPORT, **extra: object) -> str:
    return json.dumps({"id": doc_id, "lang": "uk", "text": text, **extra}, ensure_ascii=False)


def label(path: Path) -> str:
    """How a file given on its own is named: its folder and its name."""
    return f"{path.parent.name}/{path.name}"


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
    assert all(f.source == label(path) for f in failures)


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
        ("image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a document (.png files"),
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
    assert failures[0].source == label(path)


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
    root = tmp_path.name
    assert set(by_id) == {f"{root}/sub/report", f"{root}/a.md", "x"}
    assert by_id[f"{root}/sub/report"].lang == "uk"
    assert by_id[f"{root}/a.md"].lang == "en" and by_id[f"{root}/a.md"].title == "Night of strikes"


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


def test_two_files_of_one_name_stay_two_documents(tmp_path: Path) -> None:
    for folder, figure in (("a", 40), ("b", 52)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"Збито {figure} БпЛА.", encoding="utf-8")
    docs, failures = split(list(read_paths([tmp_path])))
    assert not failures
    root = tmp_path.name
    assert sorted(d.id for d in docs) == [f"{root}/a/report.txt", f"{root}/b/report.txt"]
    # the same file named on its own, from anywhere, keeps an id of its folder and name
    (alone,) = split(list(read_paths([tmp_path / "b" / "report.txt"])))[0]
    assert alone.id == "b/report.txt"


def test_failures_name_inputs_from_the_folder_given(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    bad = tmp_path / "inbox" / "bad.jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    _, failures = split(list(read_paths([tmp_path.resolve() / "inbox"])))
    assert [f.source for f in failures] == ["inbox/bad.jsonl"]
    assert str(tmp_path) not in failures[0].source


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "report.txt"
    raw = "У ніч на 3 грудня 2025 року збито 40 БпЛА.".encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path.write_bytes(raw)
    docs, failures = split(list(read_paths([path])))
    assert not failures
    assert docs[0].text.startswith("У ніч на 3 грудня") and docs[0].lang == "uk"


def test_utf16_corpus_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(doc_line("a") + "\n" + doc_line("b") + "\n", encoding="utf-16")
    docs, failures = split(list(read_paths([path])))
    assert not failures and [d.id for d in docs] == ["a", "b"]


def test_what_is_not_a_document_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("Збито 12 БпЛА.", encoding="utf-8")
    (tmp_path / "missile_attacks_daily.csv").write_text("a,b\n" + "1,2\n" * 50_000)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    docs, failures = split(list(read_paths([tmp_path])))
    assert [d.id for d in docs] == [f"{tmp_path.name}/report.txt"]
    reasons = {f.source.rsplit("/", 1)[1]: f.reason for f in failures}
    assert reasons["missile_attacks_daily.csv"].startswith("not a document (.csv files")
    assert reasons["scan.pdf"].startswith("not a document (.pdf files")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("У ніч на 8 грудня 2025 року противник атакував 40 БпЛА.", "2025-12-08"),
        ("В ночь на 8 декабря 2025 года сбито 40 дронов.", "2025-12-08"),
        ("Overnight on 9 December 2025, Russia launched 50 drones.", "2025-12-09"),
        ("KYIV, December 9, 2025 - Russia launched 50 drones.", "2025-12-09"),
        ("Звіт за 2025-12-07: збито 12 БпЛА.", "2025-12-07"),
        ("Станом на 06.12.2025 збито 12 БпЛА.", "2025-12-06"),
        ("У ніч на 8 грудня збито 40 БпЛА.", None),  # no year: not a complete date
        ("Збито 31 лютого 2025 року 5 БпЛА.", None),  # no such day
    ],
)
def test_date_in_text(text: str, day: str | None) -> None:
    found = date_in_text(text)
    assert (found.isoformat() if found else None) == day


def test_a_text_file_takes_its_date_from_its_text(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("У ніч на 8 грудня 2025 року противник атакував 40 БпЛА.", encoding="utf-8")
    (doc,) = split(list(read_paths([path])))[0]
    assert doc.published_at is not None
    assert doc.published_at.isoformat() == "2025-12-08T12:00:00+02:00"
