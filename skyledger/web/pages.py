"""The dashboard's pages: ``/``, ``/events/{id}``, ``/documents/{id}``, ``/search``,
``/failures`` and ``/docs`` (the API reference, offline)."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from skyledger.api.limits import MAX_INT
from skyledger.api.views import display_source
from skyledger.ledger.summary import rate_text, value_text
from skyledger.store import queries, search, stats
from skyledger.store.db import Store
from skyledger.web.dashboard import cached_dashboard
from skyledger.web.events import event_view
from skyledger.web.highlight import mark

HERE = FilePath(__file__).parent
#: Pages run only the app's own scripts and styles: no inline script, nothing from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
#: Results per page on the search and failures pages.
PAGE = 50

templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
)
templates.env.filters["value"] = value_text
templates.env.filters["rate"] = rate_text
templates.env.filters["http_link"] = lambda url: (
    url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None
)
router = APIRouter(include_in_schema=False)
PageNumber = Annotated[int, Query(ge=1, le=MAX_INT // PAGE)]


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


def pager(path: str, params: dict[str, Any], page: int, total: int) -> dict[str, Any]:
    """Links to the previous and next pages of a list of ``total`` items."""
    pages = max(1, -(-total // PAGE))

    def link(number: int) -> str:
        return f"{path}?{urlencode({**params, 'page': number})}"

    return {
        "page": page,
        "pages": pages,
        "previous": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    store = _store(request)
    data, counts = cached_dashboard(request.app.state, store)
    context = {"data": data, "counts": counts}
    return render(request, "dashboard.html", context)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request,
    event_id: Annotated[int, Path(ge=1, le=MAX_INT)],
    figure: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    others: bool = False,
    page: PageNumber = 1,
) -> Response:
    """One event; a figure with many claims shows the first few and links to all of them,
    a page at a time (``?figure=N``, ``?others=true``)."""
    store = _store(request)
    event = queries.get_event(store, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    view = event_view(event, store, figure=figure, others=others, page=page)
    if view.get("focus_total") is not None:
        params = {"figure": figure} if figure else {"others": "true"}
        view["pager"] = pager(f"/events/{event_id}", params, page, view["focus_total"])
    return render(request, "event.html", view)


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
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=search.MAX_QUERY)] = "",
    page: PageNumber = 1,
) -> Response:
    """Claims (by sentence and place), documents and events; true counts, a page at a time."""
    q = q.strip()
    context: dict[str, Any] = {"q": q, "result": None}
    if q:
        result = search.search(_store(request), q, limit=PAGE, offset=(page - 1) * PAGE)
        largest = max(result.claims.total, result.documents.total, result.events.total)
        context["result"] = result
        context["pager"] = pager("/search", {"q": q}, page, largest)
    return render(request, "search.html", context)


@router.get("/failures", response_class=HTMLResponse)
def failures_page(request: Request, page: PageNumber = 1) -> Response:
    """What could not be read or parsed, newest first (the CLI's `skyledger failures`)."""
    store = _store(request)
    total = stats.count_failures(store)
    rows = queries.list_failures(store, limit=PAGE, offset=(page - 1) * PAGE)
    items = [{**r, "source": display_source(str(r["source"]))} for r in rows]
    context = {"items": items, "total": total, "pager": pager("/failures", {}, page, total)}
    return render(request, "failures.html", context)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The API reference, drawn from the app's own OpenAPI document: no script, no CDN."""
    from skyledger.web.apidocs import reference

    return render(request, "apidocs.html", {"api": reference(request.app.openapi())})
