"""Builders for hand-made documents, claims and extractions (no extractor involved)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from skyledger.models import Claim, Document, Extraction, Quantity, Span, TimeWindow

KYIV = ZoneInfo("Europe/Kyiv")
AIR_FORCE = "Ukrainian Air Force"


def at(moment: str) -> datetime:
    """A Kyiv time written ``2025-12-06 09:15``."""
    return datetime.fromisoformat(moment).replace(tzinfo=KYIV)


def night(day: str) -> TimeWindow:
    return TimeWindow(night=date.fromisoformat(day))


def window(start: str, end: str | None = None, night_of: str | None = None) -> TimeWindow:
    return TimeWindow(
        start=at(start),
        end=at(end) if end else None,
        night=date.fromisoformat(night_of) if night_of else None,
    )


def exact(value: int, wording: str = "") -> Quantity:
    return Quantity(exact=value, wording=wording or str(value))


def at_least(value: int, wording: str = "") -> Quantity:
    return Quantity(min=value, wording=wording or f"at least {value}")


def doc(
    doc_id: str,
    published: str | None,
    text: str,
    source: str = AIR_FORCE,
    lang: str = "uk",
    title: str | None = None,
) -> Document:
    return Document(
        id=doc_id,
        source=source,
        medium="telegram" if source == AIR_FORCE else "news",
        published_at=at(published) if published else None,
        lang=lang,  # type: ignore[arg-type]
        title=title,
        text=text,
    )


def span(document: Document, words: str) -> Span:
    """The span of the first occurrence of ``words`` (in the text, else in the title)."""
    if words in document.text:
        start = document.text.index(words)
        return Span(
            document_id=document.id,
            start=start,
            end=start + len(words),
            sentence=document.text,
        )
    assert document.title is not None and words in document.title, words
    start = document.title.index(words)
    return Span(
        document_id=document.id,
        start=start,
        end=start + len(words),
        sentence=document.title,
        field="title",
    )


def claim(
    document: Document,
    kind: str,
    scope: str | None = None,
    quantity: Quantity | None = None,
    claimant: str = "ua_air_force",
    *,
    words: str | None = None,
    parts: tuple[Claim, ...] = (),
    **extra: object,
) -> Claim:
    """A claim of ``document``; ``words`` (default: the quantity's wording) gives its span.

    A derived claim (``parts`` given) carries its parts' spans and ``derived=True``.
    """
    if parts:
        spans = tuple(s for part in parts for s in part.spans)
        extra["derived"] = True
    else:
        words = words if words is not None else (quantity.wording if quantity else None)
        spans = (span(document, words),) if words else ()
    return Claim(
        document_id=document.id,
        kind=kind,
        scope=scope,
        quantity=quantity,
        claimant=claimant,
        spans=spans,
        **extra,  # type: ignore[arg-type]
    )


def extraction(
    document: Document, *claims: Claim, window: TimeWindow | None = None
) -> tuple[Document, Extraction]:
    return document, Extraction(
        document_id=document.id, lang=document.lang, claims=claims, window=window
    )
