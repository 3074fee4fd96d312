"""The dashboard's pages: ``/``, ``/events/{id}``, ``/documents/{id}``, ``/search``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from skyledger.ledger.summary import value_text
from skyledger.models import Claim, Document, Event, Figure
from skyledger.store import queries, stats
from skyledger.store.db import Store
from skyledger.web.dashboard import dashboard_data
from skyledger.web.highlight import mark, marked_sentence

HERE = Path(__file__).parent
#: Pages run only the app's own scripts and styles: no inline script, nothing from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
)
templates.env.filters["value"] = value_text
router = APIRouter(include_in_schema=False)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", {"status": status, "message": message}, status)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    store = _store(request)
    events = queries.list_events(store)
    context = {"data": dashboard_data(events), "counts": queries.counts(store)}
    return render(request, "dashboard.html", context)


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
        return [marked_sentence(title, text, [s, *claim.spans]) for s in _first_per_sentence(claim)]


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


def event_view(event: Event, store: Store) -> dict[str, Any]:
    sources = Sources(store)
    figures = [
        {"figure": f, "claims": [_claim_view(c, sources, f) for c in f.claims]}
        for f in event.figures
    ]
    in_figures = {c.model_dump_json() for f in event.figures for c in f.claims}
    others = [
        _claim_view(c, sources, None) for c in event.claims if c.model_dump_json() not in in_figures
    ]
    return {"event": event, "figures": figures, "others": others}


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int) -> Response:
    store = _store(request)
    event = queries.get_event(store, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return render(request, "event.html", event_view(event, store))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> Response:
    found = queries.get_document(_store(request), doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    doc, claims = found
    spans = [s for c in claims for s in c.spans]
    title = mark(doc.title or "", [(s.start, s.end) for s in spans if s.field == "title"])
    body = mark(doc.text, [(s.start, s.end) for s in spans if s.field == "text"])
    context = {"doc": doc, "claims": claims, "title": title, "body": body}
    return render(request, "document.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> Response:
    store = _store(request)
    q = q.strip()[:200]
    context: dict[str, Any] = {"q": q, "claims": [], "documents": [], "events": []}
    if q:
        context["claims"] = queries.list_claims(store, text=q, limit=50)
        context["documents"] = stats.search_documents(store, q)
        needle = q.lower()
        context["events"] = [
            e for e in queries.list_events(store) if any(needle in p.lower() for p in e.places)
        ][:50]
    return render(request, "search.html", context)
