"""Construction tables: one row of our own words per construction, with the facts it gives.

A table is ``tests/extract/news/constructions/<lang>.yaml``, a list of rows::

    - construction: a passive downing right after its count
      text: "Of the 120 drones launched overnight, 98 were shot down, the air force said."
      title: null                       # optional headline
      published: "2025-06-14T09:00+03:00"  # optional, this is the default
      facts: {launched.drones: 120, downed.drones: 98, launched.total: 120, downed.total: 98}
      sets: {claimants: [ua_air_force]} # optional: each set named must be equal

``facts`` lists exactly the count and time facts of FORMAT.md's vocabulary that the text gives:
a row fails on anything missing, different or extra.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from skyledger.extract import extract_document
from skyledger.ledger.facts import DocumentFacts, document_facts
from skyledger.models import Document
from skyledger.scoring.gold import in_vocabulary

TABLES = Path(__file__).parent / "constructions"
DEFAULT_PUBLISHED = "2025-06-14T09:00+03:00"


@dataclass(frozen=True)
class Row:
    lang: str
    construction: str
    text: str
    facts: dict[str, Any]
    sets: dict[str, set[str]] = field(default_factory=dict)
    title: str | None = None
    published: str = DEFAULT_PUBLISHED

    def document(self) -> Document:
        return Document(
            id="row",
            lang=self.lang,  # type: ignore[arg-type]
            medium="news",
            title=self.title,
            text=self.text,
            published_at=datetime.fromisoformat(self.published),
        )

    def read(self) -> DocumentFacts:
        return document_facts(extract_document(self.document()))


def rows(lang: str) -> list[Row]:
    path = TABLES / f"{lang}.yaml"
    if not path.exists():
        return []
    out = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        out.append(
            Row(
                lang=lang,
                construction=str(item["construction"]),
                text=str(item["text"]),
                facts=dict(item.get("facts") or {}),
                sets={k: set(v) for k, v in (item.get("sets") or {}).items()},
                title=item.get("title"),
                published=str(item.get("published") or DEFAULT_PUBLISHED),
            )
        )
    return out


def languages() -> list[str]:
    return sorted(p.stem for p in TABLES.glob("*.yaml"))


def check(row: Row) -> None:
    got = row.read()
    facts = {k: v for k, v in got.facts.items() if in_vocabulary(k)}
    assert facts == row.facts, f"{row.construction}: {row.text}"
    for name, want in row.sets.items():
        assert got.sets.get(name, set()) == want, f"{row.construction} ({name}): {row.text}"
