"""Small corpora the command tests write."""

from __future__ import annotations

import json
from pathlib import Path


def night_report(day: int, launched: int = 120, downed: int = 100) -> dict[str, str]:
    """An Air Force–style report of the night into ``day`` December 2025."""
    return {
        "id": f"t-2025-12-{day:02d}",
        "source": "Повітряні сили",
        "medium": "telegram",
        "lang": "uk",
        "published_at": f"2025-12-{day:02d}T09:00:00+02:00",
        "text": f"У ніч на {day} грудня ворог запустив {launched} ударних БпЛА. "
        f"Збито {downed} БпЛА.",
    }


def write_corpus(path: Path, docs: list[dict[str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    return path
