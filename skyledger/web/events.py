"""What an event page shows: each figure with the first claims behind it and a link to the
rest, a page at a time, so an event built from thousands of claims (a long, repetitive
document) still makes a small page."""

from __future__ import annotations

from typing import Any

from skyledger.models import Claim, Document, Event, Figure
from skyledger.store import queries
from skyledger.store.db import Store
from skyledger.web.highlight import marked_sentence

#: Claims shown under each figure on the event's own page.
FIGURE_CLAIMS = 10
#: Claims outside the figures shown on the event's own page.
OTHER_CLAIMS = 20
#: Claims per page when one figure (or the other claims) is shown in full.
PAGE = 50
#: Quotes shown for one claim (a claim read from many sentences shows its first ones).
QUOTES = 3


class Sources:
    """The documents an event page quotes, loaded once each."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.docs: dict[str, Document | None] = {}

    def get(self, doc_id: str) -> Document | None:
        if doc_id not in self.docs:
            found = queries.get_document(self.store, doc_id)
            self.docs[doc_id] = found[0] if found else None
        return self.docs[doc_id]

    def quotes(self, claim: Claim) -> list[Any]:
        doc = self.get(claim.document_id)
        title, text = (doc.title, doc.text) if doc else (None, None)
        spans = _first_per_sentence(claim)[:QUOTES]
        return [marked_sentence(title, text, [s, *claim.spans]) for s in spans]


def _first_per_sentence(claim: Claim) -> list[Any]:
    seen, out = set(), []
    for span in claim.spans:
        if (span.field, span.sentence) not in seen:
            seen.add((span.field, span.sentence))
            out.append(span)
    return out


def _claim_view(claim: Claim, sources: Sources, fig: Figure | None) -> dict[str, Any]:
    agrees = True
    if fig is not None and claim.quantity is not None:
        agrees = fig.quantity.agrees(claim.quantity)
    return {"claim": claim, "quotes": sources.quotes(claim), "agrees": agrees}


def _window(items: tuple[Claim, ...], page: int | None, first: int) -> tuple[Claim, ...]:
    if page is None:
        return items[:first]
    return items[(page - 1) * PAGE : page * PAGE]


def event_view(
    event: Event,
    store: Store,
    *,
    figure: int | None = None,
    others: bool = False,
    page: int = 1,
) -> dict[str, Any]:
    """The page's context. ``figure=N`` (1-based) or ``others=True`` shows that list in full,
    a page at a time; otherwise every list shows its first claims and how many there are."""
    sources = Sources(store)
    focus = figure is not None or others
    figures = []
    for index, fig in enumerate(event.figures, start=1):
        if focus and index != figure:
            continue
        shown = _window(fig.claims, page if figure == index else None, FIGURE_CLAIMS)
        figures.append(
            {
                "index": index,
                "figure": fig,
                "claims": [_claim_view(c, sources, fig) for c in shown],
                "total": len(fig.claims),
            }
        )
    in_figures = {c.model_dump_json() for f in event.figures for c in f.claims}
    rest = tuple(c for c in event.claims if c.model_dump_json() not in in_figures)
    other_views = []
    if not focus or others:
        shown = _window(rest, page if others else None, OTHER_CLAIMS)
        other_views = [_claim_view(c, sources, None) for c in shown]
    focus_total = None
    if figure is not None:
        focus_total = len(event.figures[figure - 1].claims) if figure <= len(event.figures) else 0
    elif others:
        focus_total = len(rest)
    return {
        "event": event,
        "figures": figures,
        "others": other_views,
        "others_total": len(rest),
        "focus": focus,
        "focus_total": focus_total,
        "figure_claims": FIGURE_CLAIMS,
        "other_claims": OTHER_CLAIMS,
    }
