"""A folder named by a relative path, with a saved feed in it, is read whole; a reader that
breaks on one file costs the rest of that file only, with a failure that says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.models import Document, Failure
from skyledger.sources import detect
from skyledger.sources.detect import read_paths

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Desk</title><language>en</language>
<item><title>Night attack</title><link>news/night.html</link>
<pubDate>Sat, 06 Dec 2025 07:00:00 +0000</pubDate>
<description>Russia launched 60 drones overnight, 45 were shot down.</description></item>
</channel></rss>"""


def folder(root: Path) -> Path:
    base = root / "inbox"
    base.mkdir()
    (base / "a-feed.xml").write_text(FEED, encoding="utf-8")
    lines = [
        json.dumps({"id": f"c-{i}", "lang": "en", "text": f"Air defence shot down {i} drones."})
        for i in range(5)
    ]
    (base / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return base


def test_a_relative_folder_with_a_saved_feed_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    items = list(read_paths([Path("inbox")]))
    assert [type(x) for x in items] == [Document] * 6
    entry = items[0]
    assert isinstance(entry, Document) and entry.source == "Local Desk"
    assert entry.text == "Russia launched 60 drones overnight, 45 were shot down."


def test_a_reader_that_breaks_loses_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = folder(tmp_path)

    def broken(path: Path, kind: str):  # a reader with a bug
        raise RuntimeError("unexpected markup")
        yield  # pragma: no cover

    monkeypatch.setattr(detect, "_read_markup", broken)
    items = list(read_paths([base]))
    failures = [x for x in items if isinstance(x, Failure)]
    assert len(failures) == 1 and failures[0].source.endswith("a-feed.xml")
    assert failures[0].reason == (
        "reader failed, the rest of this file was not read: RuntimeError: unexpected markup"
    )
    assert sum(isinstance(x, Document) for x in items) == 5
