"""How an event is stored: its body with each claim as the id of the claim row it is.

An event holds its claims, and each figure the claims behind it again; written whole, an
attack's body is some 20 KB, most of it claims the ``claims`` table holds already, and it is
written twice (the event and its history). So the store writes each claim of an event (in
``claims`` and in every figure's ``claims``) as its row id, and puts the claims back when it
reads the event (``unpack``). Claim rows never change (an edited document is a new row), so
an id in an old revision still reads the claim as it was.

A claim with no row id (none today: every event is regrouped from stored claims) is written
whole, and bodies written whole before this (every claim a JSON object) read as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skyledger.models import Claim, Event
from skyledger.store.db import JsonText
from skyledger.store.schema import claims

#: Claim rows read per round trip.
CHUNK = 500

Body = dict[str, Any]
ClaimRef = int | dict[str, Any]

_NOT_CLAIMS: Any = {"id": True, "claims": True, "figures": {"__all__": {"claims"}}}


def _ref(claim: Claim, claim_ids: Mapping[int, int]) -> ClaimRef:
    row_id = claim_ids.get(id(claim))
    if row_id is not None:
        return row_id
    return claim.model_dump(mode="json", exclude_defaults=True)


def pack(event: Event, claim_ids: Mapping[int, int]) -> Body:
    """The stored body of ``event``: claims as row ids (``claim_ids``: claim object id → row
    id, as the event's claims were loaded), the rest as the event's JSON, without its id."""
    body: Body = event.model_dump(mode="json", exclude=_NOT_CLAIMS)
    body["claims"] = [_ref(c, claim_ids) for c in event.claims]
    for stored, figure in zip(body["figures"], event.figures, strict=True):
        stored["claims"] = [_ref(c, claim_ids) for c in figure.claims]
    return body


def dumps(body: Body) -> JsonText:
    """A packed body as the JSON written to ``events`` and ``event_history``."""
    return JsonText(json.dumps(body, ensure_ascii=False, separators=(",", ":")))


def claim_refs(body: Body) -> list[ClaimRef]:
    """Every claim reference of a stored body, the event's then each figure's."""
    refs: list[ClaimRef] = list(body.get("claims") or ())
    for figure in body.get("figures") or ():
        refs.extend(figure.get("claims") or ())
    return refs


def skeleton(body: Body) -> Body:
    """The body with every claim reference blanked: two bodies with one skeleton differ at
    most in which claim rows (or whole claims) they name."""
    out = dict(body)
    out["claims"] = [None] * len(body.get("claims") or ())
    out["figures"] = [
        {**figure, "claims": [None] * len(figure.get("claims") or ())}
        for figure in body.get("figures") or ()
    ]
    return out


def load_claims(conn: Connection, ids: Iterable[int]) -> dict[int, Claim]:
    """Claim row id → the claim, for these ids."""
    wanted = sorted(set(ids))
    found: dict[int, Claim] = {}
    for start in range(0, len(wanted), CHUNK):
        rows = conn.execute(
            sa.select(claims.c.id, sa.cast(claims.c.body, sa.Text)).where(
                claims.c.id.in_(wanted[start : start + CHUNK])
            )
        )
        found.update((int(i), Claim.model_validate_json(text)) for i, text in rows)
    return found


def _claim(ref: ClaimRef, loaded: Mapping[int, Claim]) -> Claim:
    if isinstance(ref, int):
        return loaded[ref]
    return Claim.model_validate(ref)


def same_claims(
    refs: Sequence[ClaimRef], claims_now: Sequence[Claim], loaded: Mapping[int, Claim]
) -> bool:
    """Whether stored references read the same claims, in order, as ``claims_now``."""
    return len(refs) == len(claims_now) and all(
        _claim(ref, loaded) == claim for ref, claim in zip(refs, claims_now, strict=True)
    )


def event_claims(event: Event) -> list[Claim]:
    """The event's claims, then each figure's (the order of ``claim_refs``)."""
    out = list(event.claims)
    for figure in event.figures:
        out.extend(figure.claims)
    return out


def unpack_all(conn: Connection, stored: Sequence[tuple[int, Body]]) -> list[Event]:
    """The events stored bodies hold, each given with its event id, claims read back (one
    query per ``CHUNK`` claims for them all)."""
    ids = [r for _, body in stored for r in claim_refs(body) if isinstance(r, int)]
    loaded = load_claims(conn, ids) if ids else {}
    return [_event(event_id, body, loaded) for event_id, body in stored]


def unpack(conn: Connection, event_id: int, body: Body) -> Event:
    """The event one stored body holds."""
    return unpack_all(conn, [(event_id, body)])[0]


def _event(event_id: int, body: Body, loaded: Mapping[int, Claim]) -> Event:
    values = dict(body)
    values["id"] = event_id
    values["claims"] = [_claim(r, loaded) for r in body.get("claims") or ()]
    values["figures"] = [
        {**figure, "claims": [_claim(r, loaded) for r in figure.get("claims") or ()]}
        for figure in body.get("figures") or ()
    ]
    return Event.model_validate(values)
