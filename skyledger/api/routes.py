"""The read routes: events, claims, stats, documents, failures (open to everyone)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from skyledger.api.limits import MAX_INT
from skyledger.api.views import (
    claim_hit_view,
    event_detail,
    failure_view,
)
from skyledger.ledger.summary import RATE_LABELS
from skyledger.store import index, listing, nightly, queries, search, stats
from skyledger.store.db import Store

router = APIRouter(prefix="/api", tags=["read"])

Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="Items to skip.")]
EventId = Annotated[int, Path(ge=1, le=MAX_INT, description="The event's id.")]
Text = Annotated[
    str | None,
    Query(
        max_length=search.MAX_QUERY,
        description="Words of a claim's sentences, or a place in any spelling or case form.",
    ),
]
Since = Annotated[date | None, Query(description="First night (YYYY-MM-DD), inclusive.")]
Until = Annotated[date | None, Query(description="Last night (YYYY-MM-DD), inclusive.")]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
#: How many answers of ``/api/stats`` (one per range asked) are kept for the ledger's state.
STATS_CACHE = 64


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def plain(body: dict[str, Any]) -> JSONResponse:
    """A body of plain JSON values, written as it is (no per-value conversion: the large
    answers, such as every night's figures, would spend most of their time there)."""
    return JSONResponse(body)


@router.get("/events", summary="Events, filtered and paged")
def list_events(
    store: StoreDep,
    kind: str | None = Query(None, description="air_attack, talks, call, frontline…"),
    since: Since = None,
    until: Until = None,
    place: str | None = Query(None, description="A place the event names (substring)."),
    weapon: str | None = Query(None, description="A weapon id with figures (shahed, kh-101…)."),
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    found = listing.list_events(
        store,
        kind=kind,
        since=since,
        until=until,
        place=place,
        weapon=weapon,
        limit=limit,
        offset=offset,
    )
    return plain(page(found.items, found.total, limit, offset))


@router.get("/events/{event_id}", summary="One event with its figures, claims and spans")
def get_event(store: StoreDep, event_id: EventId) -> dict[str, Any]:
    event = queries.get_event(store, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return event_detail(event)


@router.get("/claims", summary="Search claims")
def list_claims(
    store: StoreDep,
    q: Text = None,
    key: str | None = Query(None, description="Fact key: launched.drones, killed…"),
    kind: str | None = Query(None, description="Claim kind: launched, downed, place_hit…"),
    claimant: str | None = Query(None, description="ua_air_force, ua_officials, ru_mod…"),
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    """Claims, filtered; ``q`` searches their sentences and places (``total`` is the true
    count), and each item carries ``day``: its night, else its document's date."""
    filters = {"key": key, "kind": kind, "claimant": claimant}
    if q and q.strip():
        found = search.search_claims(store, q, limit=limit, offset=offset, **filters)
        return plain(page([claim_hit_view(h) for h in found.items], found.total, limit, offset))
    listed = queries.list_claims(store, **filters, limit=limit, offset=offset)
    items = [claim_hit_view(search.ClaimHit(c, None)) for c in listed]
    return plain(page(items, stats.count_claims(store, **filters), limit, offset))


@router.get("/stats", summary="Launched, downed, lost and both rates per night, week and month")
def get_stats(
    request: Request,
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    limit: Annotated[
        int,
        Query(
            ge=1, le=nightly.MAX_NIGHTS, description="Nights per page (weeks and months follow)."
        ),
    ] = nightly.NIGHTS_PAGE,
    offset: Offset = 0,
) -> Response:
    """Per night, ISO week and calendar month, for each scope (total, drones, missiles,
    model:…): ``launched``, ``downed``, ``lost``, ``shot_down`` (downed / launched),
    ``neutralised`` ((downed + lost) / launched, where lost is known) and ``flag`` (set when a
    rate is above 100 %: the figures disagree).

    The nights come a page at a time, oldest first: ``total`` nights in the range, ``limit``
    of them from ``offset`` (by default 1,000, which holds every night of the war up to late
    2024; ask ``offset=1000`` for the next). ``weeks`` and ``months`` are those that hold a
    night of the page, each summed over all its nights in the range (so a week at the edge of
    a page comes whole, and again on the next page). Computed once per state of the ledger,
    range and page, then served as it was written."""
    key = (index.version(store), since, until, limit, offset)
    cache: dict[Any, bytes] | None = getattr(request.app.state, "stats_cache", None)
    if cache is None:
        cache = request.app.state.stats_cache = {}
    body = cache.get(key)
    if body is None:
        found = nightly.stats(store, since, until, limit=limit, offset=offset)
        body = bytes(plain({"rates": RATE_LABELS, **found}).body)
        if len(cache) >= STATS_CACHE:
            cache.clear()
        cache[key] = body
    return Response(body, media_type="application/json")


@router.get("/documents/{doc_id:path}", summary="A document with its claims and their spans")
def get_document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    found = queries.get_document(store, doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    doc, claims = found
    spans = [
        {"claim": i, "key": c.key, **s.model_dump(mode="json")}
        for i, c in enumerate(claims)
        for s in c.spans
    ]
    return {
        "document": doc.model_dump(mode="json"),
        "claims": [c.model_dump(mode="json") for c in claims],
        "spans": spans,
    }


@router.get("/failures", summary="Inputs that could not be read or parsed")
def list_failures(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Newest first; ``source`` names the input from the folder it was ingested from."""
    items = [failure_view(r) for r in queries.list_failures(store, limit=limit, offset=offset)]
    return page(items, stats.count_failures(store), limit, offset)
