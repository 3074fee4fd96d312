"""Plain text and Markdown files: one document each."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from skyledger.errors import ReadError, ResourceError
from skyledger.models import KYIV, Document
from skyledger.resources import load_yaml
from skyledger.sources.html import guess_lang

_FRONT_DATE = re.compile(r"^(?:date|published(?:_at)?):\s*(\S+)\s*$", re.I | re.M)
#: How far into a text a date is looked for (a report states its date near the top).
DATE_WINDOW = 3000
#: A date found in the text alone is read as noon, Kyiv time, of that day.
NOON = time(12, 0)
DATES = "sources/dates.yaml"


def _markdown_title(text: str) -> tuple[str | None, str]:
    lines = text.split("\n", 1)
    if lines and lines[0].startswith("# "):
        return lines[0][2:].strip(), (lines[1] if len(lines) > 1 else "").lstrip("\n")
    return None, text


def _front_matter_date(text: str) -> datetime | None:
    match = _FRONT_DATE.search(text[:500])
    if not match:
        return None
    try:
        moment = datetime.fromisoformat(match.group(1))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


@cache
def _months() -> dict[str, int]:
    """Every month form of ``resources/sources/dates.yaml`` → month number."""
    data = load_yaml(DATES)
    try:
        forms = {
            str(form).lower(): int(number)
            for table in data["months"].values()
            for form, number in table.items()
        }
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ResourceError(f"resources/{DATES}: months: {exc}") from exc
    if not forms:
        raise ResourceError(f"resources/{DATES}: months: no month forms")
    return forms


@cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    names = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True))
    year = r"(?P<y>(?:19|20)\d\d)"
    return (
        re.compile(rf"(?<!\d){year}-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
        re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.{year}(?!\d)"),
        re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<name>{names})\.?,?\s+{year}(?!\d)", re.I),
        re.compile(
            rf"(?<![\w])(?P<name>{names})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{year}(?!\d)",
            re.I,
        ),
    )


def date_in_text(text: str) -> date | None:
    """The first complete date (day, month and year) near the top of a text, or None:
    ``2025-12-08``, ``08.12.2025``, ``8 грудня 2025``, ``8 December 2025``, ``December 8, 2025``."""
    head = text[:DATE_WINDOW]
    found: list[tuple[int, date]] = []
    for pattern in _date_patterns():
        for match in pattern.finditer(head):
            parts = match.groupdict()
            name = parts.get("name")
            # a name matched without regard to case may lower to no form ("ſeptember")
            month = _months().get(name.lower()) if name else int(parts["m"])
            if month is None:
                continue
            try:
                found.append((match.start(), date(int(parts["y"]), month, int(parts["d"]))))
            except ValueError:
                continue
            break
    return min(found)[1] if found else None


def _published(text: str) -> datetime | None:
    """The front matter's ``date:``, else the first complete date of the text (at noon, Kyiv)."""
    moment = _front_matter_date(text)
    if moment is not None:
        return moment
    day = date_in_text(text)
    return datetime.combine(day, NOON, tzinfo=KYIV) if day is not None else None


def text_document(path: Path, text: str, *, doc_id: str | None = None) -> Document:
    """A document from the decoded text of a ``.txt`` or ``.md`` file."""
    if not text.strip():
        raise ReadError(str(path), "empty file", hint="nothing to read")
    title: str | None = None
    body = text
    if path.suffix.lower() in (".md", ".markdown"):
        title, body = _markdown_title(text)
    return Document(
        id=doc_id or path.name,
        source=str(path.name),
        medium="text",
        title=title,
        text=body,
        lang=guess_lang(body),
        published_at=_published(text),
    )
