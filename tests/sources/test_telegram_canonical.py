"""The same post read from a Telegram Desktop export and from the channel's web preview has
one text and one content hash, so alternating the two readers never makes a new revision."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from skyledger.ingest import ingest
from skyledger.models import Document
from skyledger.sources.detect import read_paths
from skyledger.sources.telegram_web import parse_channel_page, post_document
from skyledger.store import queries
from skyledger.store.db import Store

#: What the author typed: a trailing space after the headline, a non-breaking space inside a
#: number, Windows line breaks and a blank line at the end.
TYPED = [
    {"type": "bold", "text": "⚡️ ЗБИТО/ПОДАВЛЕНО 52 ВОРОЖИХ БПЛА "},
    "\r\nУ ніч на 9 грудня противник атакував 1\xa0200 ударними БпЛА.  \r\n",
    {"type": "hashtag", "text": "#кпс"},
    "\r\n\r\n",
]
#: The same post as the preview shows it.
SHOWN = (
    "<b>⚡️ ЗБИТО/ПОДАВЛЕНО 52 ВОРОЖИХ БПЛА </b><br>У ніч на 9 грудня противник атакував "
    '1&nbsp;200 ударними БпЛА.  <br><a href="?q=%23кпс">#кпс</a>'
)


def from_export(tmp_path: Path) -> Document:
    data = {
        "name": "Повітряні сили",
        "type": "public_channel",
        "username": "kpszsu",
        "messages": [{"id": 7, "type": "message", "date_unixtime": "1765263600", "text": TYPED}],
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (doc,) = read_paths([path])
    assert isinstance(doc, Document)
    return doc


def from_preview(kit: Any) -> Document:
    page = kit.channel_html("kpszsu", [kit.Post(7, SHOWN, kit.hours_ago(2))])
    (post,) = parse_channel_page(page).posts
    return post_document(post)


def test_one_text_whichever_reader(tmp_path: Path, kit: Any) -> None:
    exported, previewed = from_export(tmp_path), from_preview(kit)
    assert exported.id == previewed.id == "kpszsu-7"
    assert (
        exported.text
        == previewed.text
        == (
            "⚡️ ЗБИТО/ПОДАВЛЕНО 52 ВОРОЖИХ БПЛА\n"
            "У ніч на 9 грудня противник атакував 1 200 ударними БпЛА.\n#кпс"
        )
    )
    assert exported.content_hash == previewed.content_hash


def test_alternating_readers_make_no_new_revision(store: Store, tmp_path: Path, kit: Any):
    exported, previewed = from_export(tmp_path), from_preview(kit)
    assert ingest(store, [exported]).new == 1
    for doc in (previewed, exported, previewed):
        assert ingest(store, [doc]).unchanged == 1
    assert queries.counts(store)["revisions"] == 1
