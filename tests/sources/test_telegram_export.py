"""Telegram Desktop exports: text as string or entities, edits, forwards, service messages."""

from __future__ import annotations

import json
from pathlib import Path

from skyledger.models import Document, Failure
from skyledger.sources.detect import read_paths


def export(tmp_path: Path, messages: list[object], **top: object) -> Path:
    data = {
        "name": "Повітряні сили",
        "type": "public_channel",
        "id": 1,
        "username": "kpszsu",
        "messages": messages,
        **top,
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_messages_of_every_shape(tmp_path: Path) -> None:
    path = export(
        tmp_path,
        [
            {
                "id": 10,
                "type": "message",
                "date": "2025-12-06T09:15:00",
                "date_unixtime": "1765005300",
                "text": "Збито 585 БпЛА.",
            },
            {
                "id": 11,
                "type": "message",
                "date": "2025-12-06T10:00:00",
                "text": ["⚡️ ", {"type": "bold", "text": "ЗБИТО 30 РАКЕТ"}, "\nДеталі згодом."],
                "edited": "2025-12-06T10:05:00",
                "edited_unixtime": "1765008300",
                "reactions": [{"emoji": "👍", "count": 5}],
                "new_field_nobody_knows": {"x": 1},
            },
            {"id": 12, "type": "service", "action": "pin_message", "text": ""},
            {"id": 13, "type": "message", "forwarded_from": "Генштаб", "text": "Оновлення даних."},
            {"id": 14, "type": "message", "photo": "photos/1.jpg", "text": ""},
            "not a message",
        ],
    )
    items = list(read_paths([path]))
    docs = [x for x in items if isinstance(x, Document)]
    failures = [x for x in items if isinstance(x, Failure)]
    assert [d.id for d in docs] == ["kpszsu-10", "kpszsu-11", "kpszsu-13"]
    assert docs[0].published_at is not None and docs[0].published_at.utcoffset() is not None
    assert docs[0].published_at.isoformat() == "2025-12-06T09:15:00+02:00"
    assert docs[1].text == "⚡️ ЗБИТО 30 РАКЕТ\nДеталі згодом."
    assert docs[1].url == "https://t.me/kpszsu/11"
    assert docs[2].source == "Генштаб"
    assert len(failures) == 1 and "messages[5]" in failures[0].reason


def test_malformed_export_is_named(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{"name": "x", "type": "public_channel", "messages": [', encoding="utf-8")
    items = list(read_paths([path]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert "malformed JSON" in items[0].reason
