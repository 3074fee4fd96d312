"""The read routes: events, claims, stats, documents, failures (open to everyone)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from skyledger.api.views import event_detail, event_summary, matches_place, matches_weapon
from skyledger.ledger import series
from skyledger.store import queries, stats
from skyledger.store.db import Store

router = APIRouter(prefix="/api", tags=["read"])

Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
Since = Annotated[date | None, Query(description="First night (YYYY-MM-DD), inclusive.")]
Until = Annotated[date | None, Query(description="Last night (YYYY-MM-DD), inclusive.")]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


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
) -> dict[str, Any]:
    found = queries.list_events(store, kind=kind, since=since, until=until)
    if place:
        found = [e for e in found if matches_place(e, place)]
    if weapon:
        found = [e for e in found if matches_weapon(e, weapon)]
    items = [event_summary(e) for e in found[offset : offset + limit]]
    return page(items, len(found), limit, offset)


@router.get("/events/{event_id}", summary="One event with its figures, claims and spans")
def get_event(store: StoreDep, event_id: int) -> dict[str, Any]:
    event = queries.get_event(store, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return event_detail(event)


@router.get("/claims", summary="Search claims")
def list_claims(
    store: StoreDep,
    q: str | None = Query(None, description="Words in the claim (its sentences, places…)."),
    key: str | None = Query(None, description="Fact key: launched.drones, killed…"),
    kind: str | None = Query(None, description="Claim kind: launched, downed, place_hit…"),
    claimant: str | None = Query(None, description="ua_air_force, ua_officials, ru_mod…"),
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = {"key": key, "kind": kind, "claimant": claimant, "text": q}
    found = queries.list_claims(store, **filters, limit=limit, offset=offset)
    items = [c.model_dump(mode="json") for c in found]
    return page(items, stats.count_claims(store, **filters), limit, offset)


@router.get("/stats", summary="Launched, downed and interception rate per night and week")
def get_stats(store: StoreDep, since: Since = None, until: Until = None) -> dict[str, Any]:
    attacks = queries.list_events(store, kind="air_attack", since=since, until=until)
    nights = [series.night_stats(e) for e in attacks if e.window.night is not None]
    return {"nights": nights, "weeks": series.weekly_stats(nights)}


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
    items = queries.list_failures(store, limit=limit, offset=offset)
    return page(items, stats.count_failures(store), limit, offset)
