"""Construction tables: one row of our own words per construction, with the facts it gives.

A table is ``tests/extract/news/constructions/<lang>.yaml``, a list of rows::

    - construction: a passive downing right after its count
      text: "Of the 120 drones launched overnight, 98 were shot down, the air force said."
      title: null                       # optional headline
      published: "2025-06-14T09:00+03:00"  # optional, this is the default; null: undated
      facts: {launched.drones: 120, downed.drones: 98, launched.total: 120, downed.total: 98}
      sets: {claimants: [ua_air_force]} # optional: each set named must be equal

``facts`` lists exactly the count and time facts of FORMAT.md's vocabulary that the text gives:
a row fails on anything missing, different or extra.
"""

from __future__ import annotations

import importlib
import sys
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
#: The older English sentence tables: each case is (name, …, text, …), a text holding spaces,
#: and sometimes a publication time.
EN_TABLES = Path(__file__).resolve().parents[1] / "en"
EN_TABLE_MODULES = ("test_figures", "test_impacts", "test_events", "test_window")
EN_TABLE_NAMES = ("CASES", "SET_CASES", "CLAIMANT_CASES")


@dataclass(frozen=True)
class Row:
    lang: str
    construction: str
    text: str
    facts: dict[str, Any]
    sets: dict[str, set[str]] = field(default_factory=dict)
    title: str | None = None
    published: str | None = DEFAULT_PUBLISHED

    def document(self) -> Document:
        return Document(
            id="row",
            lang=self.lang,  # type: ignore[arg-type]
            medium="news",
            title=self.title,
            text=self.text,
            published_at=datetime.fromisoformat(self.published) if self.published else None,
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
                published=_published(item),
            )
        )
    return out


def documents(lang: str) -> list[Document]:
    """Every text of our own a language's tests read: its construction rows and, for English,
    the sentences of the older tables of ``tests/extract/en``, as those tests read them."""
    docs = [row.document() for row in rows(lang)]
    if lang != "en":
        return docs
    if str(EN_TABLES) not in sys.path:
        sys.path.insert(0, str(EN_TABLES))
    for name in EN_TABLE_MODULES:
        module = importlib.import_module(name)
        for table in EN_TABLE_NAMES:
            for case in getattr(module, table, []):
                when = next((c for c in case if isinstance(c, str) and _is_time(c)), None)
                for text in (c for c in case[1:] if isinstance(c, str) and " " in c):
                    row = Row(lang, str(case[0]), text, {}, published=when or DEFAULT_PUBLISHED)
                    docs.append(row.document())
    return docs


def _is_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return "T" in text


def _published(item: dict[str, Any]) -> str | None:
    if "published" in item and item["published"] is None:
        return None  # an undated text
    return str(item.get("published") or DEFAULT_PUBLISHED)


def languages() -> list[str]:
    return sorted(p.stem for p in TABLES.glob("*.yaml"))


def check(row: Row) -> None:
    got = row.read()
    facts = {k: v for k, v in got.facts.items() if in_vocabulary(k)}
    assert facts == row.facts, f"{row.construction}: {row.text}"
    for name, want in row.sets.items():
        assert got.sets.get(name, set()) == want, f"{row.construction} ({name}): {row.text}"
