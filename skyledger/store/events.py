"""Events in the store: always what a full rebuild from the current claims would give.

An ingest writes its documents and, in the same transaction, regroups only the events they
can change (``update_events``: the region of ``store.regions``), so adding a report costs
the events around its night, not the whole ledger. A full rebuild (``rebuild_in``: the
``skyledger rebuild`` command, or events marked stale by a writer that did not update them)
walks the whole ledger region by region, so its memory is bounded by a region too. Every event
row, its claim links and its history are written by ``write_events``.

Events are keyed stably (``event_key``); regrouping ignores the order documents came in, and
every event's links point at the claims of the current revisions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from skyledger.ledger import build_drafted
from skyledger.ledger.group import Anchor, place_claim
from skyledger.models import Claim, Document, Event, Extraction
from skyledger.store import bodies, index, regions
from skyledger.store.db import (
    JsonText,
    Store,
    ids_by_key,
    insert_rows,
    now_iso,
    put_cursor,
    read_cursor,
)
from skyledger.store.locking import ledger_update
from skyledger.store.regions import Region, live
from skyledger.store.schema import claims, documents, event_claims, event_history, events
from skyledger.store.writes import EVENTS_STALE

#: Days of air attacks regrouped at a time by a full rebuild.
REBUILD_DAYS = 120


class OutsideRegion(Exception):
    """A key of the region's events is held by an active event outside it: only a full
    rebuild numbers such keys as it would."""


def row_document(row: Row[Any]) -> Document:
    """A stored document as a reader sees it: its text and its revision."""
    return regions.builder_document(row, row.text, row.revision)


def load_current(conn: Connection) -> tuple[list[tuple[Document, Extraction]], dict[int, int]]:
    """Every current document (by id, each as revision 1) with its stored claims; and claim
    object id → claim row id. Deleted documents are left out. (The whole ledger in memory:
    for checks and tests; the store itself works region by region.)"""
    by_doc: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    rows = conn.execute(
        sa.select(claims.c.id, claims.c.document_pk, claims.c.body)
        .join(documents, documents.c.pk == claims.c.document_pk)
        .where(live())
        .order_by(claims.c.id)
    )
    for claim_id, document_pk, body in rows:
        by_doc[document_pk].append((claim_id, Claim.model_validate(body)))
    items: list[tuple[Document, Extraction]] = []
    claim_ids: dict[int, int] = {}
    query = sa.select(documents).where(live()).order_by(documents.c.doc_id)
    for row in conn.execute(query):
        doc = regions.builder_document(row, row.text)
        pairs = by_doc.get(row.pk, [])
        claim_ids.update((id(claim), claim_id) for claim_id, claim in pairs)
        items.append((doc, regions.extraction_of(row, doc, [c for _, c in pairs])))
    return items, claim_ids


def event_key(event: Event) -> str:
    """Kind, night (or the first stated moment of a day's or other event), first place for
    events other than attacks. An event with no time at all has none: such keys are numbered
    (``unique_keys``)."""
    window = event.window
    night = window.night.isoformat() if window.night else ""
    moment = None if window.night else (window.start or window.end or window.as_of)
    start = moment.isoformat() if moment else ""
    place = "" if event.kind == "air_attack" else ",".join(event.places[:1])
    return f"{event.kind}|{night}|{start}|{place}"


def unique_keys(built: Sequence[Event]) -> list[str]:
    """Each event's key, numbered from the second event (in time order) with the same key."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for event in built:
        key = event_key(event)
        seen[key] += 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def _claim_links(event: Event, claim_ids: dict[int, int]) -> set[int]:
    return {claim_ids[id(c)] for c in event.claims if id(c) in claim_ids}


def refresh_events(store: Store, reason: str = "ingest", *, wait: float | None = None) -> int:
    """Rebuild the events if they are marked stale; how many changed.

    Inside one ledger update, so the rebuild sees every committed document and nothing is
    committed beside it; ``LedgerBusy`` if another writer held the ledger too long (the
    events stay marked, and the next writer rebuilds them).
    """
    with store.engine.connect() as conn:  # nothing of ours can be pending if it reads "0"
        if not is_stale(read_cursor(conn, EVENTS_STALE)):
            return 0
    with ledger_update(store, wait) as conn:
        if not is_stale(read_cursor(conn, EVENTS_STALE)):
            return 0  # another writer's rebuild saw our documents
        changed = rebuild_in(conn, reason)
        put_cursor(conn, EVENTS_STALE, "0")
    return changed


def rebuild_events(store: Store, reason: str = "rebuild", *, wait: float | None = None) -> int:
    """Rebuild every event from the current claims; how many events changed."""
    with ledger_update(store, wait) as conn:
        changed = rebuild_in(conn, reason)
        put_cursor(conn, EVENTS_STALE, "0")
    return changed


def _unplaced(conn: Connection) -> bool:
    query = sa.select(claims.c.id).where(claims.c.group_kind.is_(None)).limit(1)
    return conn.execute(query).first() is not None


def is_stale(mark: str | None) -> bool:
    """Whether the ``EVENTS_STALE`` cursor says some documents' events are not up to date:
    ``1`` (whose, unknown) or a run's own mark (``run_mark``)."""
    return mark not in (None, "0")


def run_mark(run_id: int) -> str:
    """The stale mark of a run that brings its events up to date as it goes (``Deferred``)."""
    return f"run:{run_id}"


def update_events(
    conn: Connection,
    doc_ids: Sequence[str],
    stored: Mapping[int, Claim] | None = None,
    reason: str = "ingest",
) -> int:
    """Bring the events up to date after these documents were written on ``conn`` (inside the
    same ledger update); how many changed. Only their region is regrouped, unless the events
    were stale or some claims have no placement yet: then everything is. ``stored``: claims
    just written, by row id (not read back)."""
    mark = read_cursor(conn, EVENTS_STALE)
    if is_stale(mark) or _unplaced(conn):
        changed = rebuild_in(conn, reason)
        put_cursor(conn, EVENTS_STALE, "0")
        return changed
    if mark is None:
        put_cursor(conn, EVENTS_STALE, "0")
    return _update_or_rebuild(conn, regions.touched(conn, doc_ids), reason, stored)


def _update_or_rebuild(
    conn: Connection, region: Region, reason: str, known: Mapping[int, Claim] | None = None
) -> int:
    """Regroup the region, or everything if a key of it is held outside it. The events
    written are indexed as they are written (``write_events``); looking for side rows behind
    their events (``index.refresh`` of every event: a scan of the ledger) is left to a full
    rebuild, so an update costs its region, whatever the size of the ledger."""
    changed = 0
    try:
        for part in regions.split(region, REBUILD_DAYS):
            changed += update_region(conn, part, reason, known=known)
    except OutsideRegion:
        return changed + rebuild_in(conn, reason)
    index.refresh(conn, ())  # rows written beside the documents' own into the full text
    return changed


#: A run regroups the events of its documents once they span this many days of attacks…
GO_DAYS = REBUILD_DAYS
#: …or once it holds this many of the claims it stored (kept to regroup without reading
#: them back; the oldest are let go past twice as many).
GO_CLAIMS = 10_000


@dataclass(slots=True)
class Deferred:
    """A run that writes many batches brings its events up to date as it goes, not with
    every batch: each batch marks the events stale with the run's mark and adds its
    documents' placements here, and once they span ``GO_DAYS`` days of attacks or
    ``GO_CLAIMS`` claims, that batch regroups their region in its own transaction (a later
    batch that touches it again regroups it again); ``finish`` regroups the rest, or
    rebuilds everything if another writer left events stale meanwhile. A run killed midway
    leaves its mark: the next writer rebuilds. The claims the run stored are kept (up to
    twice ``GO_CLAIMS``), so regrouping reads back only the others."""

    mark: str
    found: Region = field(default_factory=Region)
    reason: str = "ingest"
    used: bool = False
    known: dict[int, Claim] = field(default_factory=dict)
    claims: int = 0  # stored since the last regrouping

    def __call__(
        self, conn: Connection, doc_ids: Sequence[str], stored: Mapping[int, Claim]
    ) -> int:
        """An ``EventsUpdate`` that regroups once enough has been written."""
        current = read_cursor(conn, EVENTS_STALE)
        ours = current in (None, "0", self.mark)
        put_cursor(conn, EVENTS_STALE, self.mark if ours else "1")
        regions.add(self.found, regions.seeds(conn, doc_ids))
        self.used = True
        self.known.update(stored)
        self.claims += len(stored)
        if len(self.known) > 2 * GO_CLAIMS:
            for claim_id in list(self.known)[: len(self.known) - GO_CLAIMS]:
                del self.known[claim_id]
        due = len(self.found.attack_days) >= GO_DAYS or self.claims >= GO_CLAIMS
        if not (ours and due) or _unplaced(conn):
            return 0
        expanded = regions.expand(conn, self.found)
        self.found, self.claims = Region(), 0
        return _update_or_rebuild(conn, expanded, self.reason, self.known)

    def finish(self, store: Store, *, wait: float | None = None) -> int:
        """Bring the events of the run's documents up to date; how many changed."""
        with ledger_update(store, wait) as conn:
            current = read_cursor(conn, EVENTS_STALE)
            if not is_stale(current):
                return 0  # another writer rebuilt everything since the run's last batch
            if current == self.mark and not _unplaced(conn):
                expanded = regions.expand(conn, self.found)
                changed = _update_or_rebuild(conn, expanded, self.reason, self.known)
            else:
                changed = rebuild_in(conn, self.reason)
            put_cursor(conn, EVENTS_STALE, "0")
        return changed


def update_region(
    conn: Connection,
    region: Region,
    reason: str,
    *,
    full: bool = False,
    produced: set[str] | None = None,
    known: Mapping[int, Claim] | None = None,
) -> int:
    """Regroup the region's claims and write its events; how many changed.

    A key held by an active event outside the region raises ``OutsideRegion`` before anything
    is written, unless ``full`` (a full rebuild takes the row over: the event that held it is
    written again, or retired, when its own region comes).
    """
    if not region:
        return 0
    items, claim_ids = regions.load_items(conn, region, known)
    drafted = [(d, e) for d, e in build_drafted(items) if region.holds(d)]
    keys = unique_keys([e for _, e in drafted])
    rows: dict[str, Row[Any] | None] = {
        r.event_key: r for r in conn.execute(sa.select(events).where(regions.event_filter(region)))
    }
    missing = [k for k in keys if k not in rows]
    for start in range(0, len(missing), regions.CHUNK):
        query = sa.select(events).where(
            events.c.event_key.in_(missing[start : start + regions.CHUNK])
        )
        for found in conn.execute(query):
            if found.active and not full:
                raise OutsideRegion(found.event_key)
            rows[found.event_key] = found
    linked = regions.stored_links(conn, [r.id for r in rows.values() if r is not None])
    writes: list[EventWrite] = []
    for key, (draft, event) in zip(keys, drafted, strict=True):
        row: Row[Any] | None = rows.pop(key, None)
        old = linked.get(row.id, set()) if row is not None else set()
        links = _claim_links(event, claim_ids)
        body = bodies.pack(event, claim_ids)
        writes.append(EventWrite(key, event, draft.anchor, row, links, old, body))
    for left in rows.values():
        if left is not None and left.active:
            writes.append(EventWrite(left.event_key, None, None, left, set(), set(), None))
    if produced is not None:
        produced.update(keys)
    return write_events(conn, writes, reason)


def rebuild_in(conn: Connection, reason: str = "rebuild") -> int:
    """The full rebuild, on a connection inside a ledger update, region by region; how many
    events changed."""
    place_claims(conn)
    produced: set[str] = set()
    changed = 0
    for region in full_regions(conn):
        changed += update_region(conn, region, reason, full=True, produced=produced)
    query = sa.select(events.c.id, events.c.event_key).where(events.c.active.is_(True))
    retired = [event_id for event_id, key in conn.execute(query) if key not in produced]
    for chunk in _chunks(retired):
        rows = conn.execute(sa.select(events).where(events.c.id.in_(chunk))).all()
        items = [EventWrite(row.event_key, None, None, row, set(), set(), None) for row in rows]
        changed += write_events(conn, items, reason)
    index.refresh(conn)  # any side rows still behind their events (store/index.py)
    return changed


def full_regions(conn: Connection) -> list[Region]:
    """Regions that together hold every event: air attacks ``REBUILD_DAYS`` days at a time,
    each other kind whole, the undated events of every kind."""
    placed = (
        sa.select(claims.c.group_kind, claims.c.first_day, claims.c.last_day)
        .join(documents, documents.c.pk == claims.c.document_pk)
        .where(live())
        .subquery()
    )
    days_query = (
        sa.select(placed.c.first_day)
        .where(placed.c.group_kind == regions.ATTACK, placed.c.first_day.is_not(None))
        .distinct()
    )
    whole = Region(attack_days={date.fromisoformat(d) for (d,) in conn.execute(days_query)})
    spans = conn.execute(
        sa.select(
            placed.c.group_kind, sa.func.min(placed.c.first_day), sa.func.max(placed.c.last_day)
        )
        .where(placed.c.group_kind != regions.ATTACK, placed.c.first_day.is_not(None))
        .group_by(placed.c.group_kind)
    )
    for kind, first, last in spans:
        whole.dated[kind] = [(date.fromisoformat(first), date.fromisoformat(last))]
    undated = conn.execute(
        sa.select(placed.c.group_kind).where(placed.c.first_day.is_(None)).distinct()
    )
    whole.undated = {kind for (kind,) in undated if kind is not None}
    return regions.split(whole, REBUILD_DAYS)


def place_claims(conn: Connection) -> int:
    """Give claims stored without a placement (before it was kept) theirs; how many."""
    query = sa.select(claims.c.document_pk).where(claims.c.group_kind.is_(None)).distinct()
    pks = sorted(pk for (pk,) in conn.execute(query))
    update = (
        sa.update(claims)
        .where(claims.c.id == sa.bindparam("b_claim_id"))
        .values(  # bound names apart from the columns' ("kind" is one of claims')
            group_kind=sa.bindparam("b_kind"),
            first_day=sa.bindparam("b_first"),
            last_day=sa.bindparam("b_last"),
        )
    )
    done = 0
    for start in range(0, len(pks), regions.CHUNK):
        values = []
        chunk = pks[start : start + regions.CHUNK]
        docs = {
            row.pk: row
            for row in conn.execute(
                sa.select(*regions.DOCUMENT_COLUMNS).where(documents.c.pk.in_(chunk))
            )
        }
        found = conn.execute(
            sa.select(claims.c.id, claims.c.document_pk, claims.c.body).where(
                claims.c.document_pk.in_(chunk), claims.c.group_kind.is_(None)
            )
        )
        for claim_id, pk, body in found:
            row = docs[pk]
            doc = regions.builder_document(row)
            window = regions.extraction_of(row, doc, ()).window
            placed = place_claim(Claim.model_validate(body), doc, window)
            values.append(
                {
                    "b_claim_id": claim_id,
                    "b_kind": placed.kind,
                    "b_first": placed.first.isoformat() if placed.first else None,
                    "b_last": placed.last.isoformat() if placed.last else None,
                }
            )
        if values:
            conn.execute(update, values)
            done += len(values)
    return done


@dataclass(slots=True)
class EventWrite:
    """One event to write (``event`` None: retire ``row``), with the claims it links now
    (``links``) and those its row linked (``old_links``)."""

    key: str
    event: Event | None
    anchor: Anchor | None
    row: Row[Any] | None
    links: set[int]
    old_links: set[int]
    body: bodies.Body | None  # the event as stored (``bodies.pack``); None with ``event``


def write_events(conn: Connection, items: Sequence[EventWrite], reason: str) -> int:
    """The one place events are written: insert, update or retire (``event`` None) each event,
    with its claim links and history, a statement per table for all of them, and the side
    tables of those that changed (``store.index``, from the events in hand); how many
    changed. Links to the claims of superseded revisions are moved to the current ones even
    when the event did not change (its stored body then names the current claim rows, with
    no new revision: the same claims, read again)."""
    written: dict[int, Event | None] = {}
    now = now_iso()
    inserts: list[tuple[EventWrite, dict[str, Any]]] = []
    updates: list[dict[str, Any]] = []
    day_moves: list[dict[str, Any]] = []
    rebodied: list[dict[str, Any]] = []
    retired: list[int] = []
    relinked: dict[int, set[int]] = {}
    history: list[dict[str, Any]] = []
    renamed: list[EventWrite] = []  # the same but for the claim rows named: checked below
    changed: list[EventWrite] = []
    for item in items:
        row, event = item.row, item.event
        if event is None:
            assert row is not None
            retired.append(row.id)
            relinked[row.id] = set()
            old = JsonText(json.dumps(row.body, ensure_ascii=False))
            history.append(_history_row(row.id, row.revision + 1, "no claims left", old, now))
            written[row.id] = None
            continue
        body = item.body
        assert body is not None
        if row is not None and row.active and row.body == body:
            _unchanged(item, relinked, day_moves)
        elif row is not None and row.active and bodies.skeleton(row.body) == bodies.skeleton(body):
            renamed.append(item)
        else:
            changed.append(item)
    if renamed:
        old_ids = [r for i in renamed for r in bodies.claim_refs(i.row.body) if isinstance(r, int)]  # type: ignore[union-attr]
        loaded = bodies.load_claims(conn, old_ids)
        for item in renamed:
            assert item.row is not None and item.event is not None and item.body is not None
            refs = bodies.claim_refs(item.row.body)
            if bodies.same_claims(refs, bodies.event_claims(item.event), loaded):
                _unchanged(item, relinked, day_moves)
                rebodied.append({"event_id": item.row.id, "new_body": bodies.dumps(item.body)})
            else:
                changed.append(item)
    for item in changed:
        row, event = item.row, item.event
        assert event is not None and item.body is not None
        text = bodies.dumps(item.body)  # serialized once, written twice
        window = event.window
        values: dict[str, Any] = {
            "kind": event.kind,
            "night": window.night.isoformat() if window.night else None,
            "start": window.start.isoformat() if window.start else None,
            **_days(item.anchor),
            "body": text,
            "active": True,
            "updated_at": now,
        }
        if row is None:
            inserts.append((item, values))
            continue
        revision = row.revision + 1
        changes = {"event_key": item.key, "revision": revision, **values}
        updates.append({"event_id": row.id, **_prefixed(changes)})
        relinked[row.id] = item.links
        history.append(_history_row(row.id, revision, reason, text, now))
        written[row.id] = event
    if retired:
        for chunk in _chunks(retired):
            conn.execute(
                sa.update(events).where(events.c.id.in_(chunk)).values(active=False, updated_at=now)
            )
    if updates:
        conn.execute(_UPDATE_EVENT, updates)
    if day_moves:
        conn.execute(_MOVE_DAYS, day_moves)
    if rebodied:
        conn.execute(_REBODY, rebodied)
    if inserts:
        rows = [{"event_key": item.key, "revision": 1, **values} for item, values in inserts]
        insert_rows(conn, events, rows)  # then their ids, by key (each key is one row's)
        keys = [(item.key,) for item, _ in inserts]
        ids = ids_by_key(conn, events.c.id, (events.c.event_key,), keys)
        for event_id, (item, values) in zip(ids, inserts, strict=True):
            relinked[event_id] = item.links
            history.append(_history_row(event_id, 1, reason, values["body"], now))
            written[event_id] = item.event
    _relink_all(conn, relinked)
    insert_rows(conn, event_history, history)
    if written:
        index.refresh(conn, written, built=written)
    return len(written)


def _unchanged(
    item: EventWrite, relinked: dict[int, set[int]], day_moves: list[dict[str, Any]]
) -> None:
    """An event that did not change: its links moved to the current claims, its days to
    its anchor's."""
    row = item.row
    assert row is not None
    days = _days(item.anchor)
    if item.links != item.old_links:
        relinked[row.id] = item.links
    if (row.first_day, row.last_day) != (days["first_day"], days["last_day"]):
        day_moves.append({"event_id": row.id, **_prefixed(days)})


def _prefixed(values: dict[str, Any]) -> dict[str, Any]:
    return {f"new_{k}": v for k, v in values.items()}


def _days(anchor: Anchor | None) -> dict[str, str | None]:
    dated = anchor is not None and anchor.kind != "undated"
    return {
        "first_day": anchor.first.isoformat() if anchor is not None and dated else None,
        "last_day": anchor.last.isoformat() if anchor is not None and dated else None,
    }


_EVENT_COLUMNS = (
    "event_key",
    "revision",
    "kind",
    "night",
    "start",
    "first_day",
    "last_day",
    "body",
    "active",
    "updated_at",
)
_UPDATE_EVENT = (
    sa.update(events)
    .where(events.c.id == sa.bindparam("event_id"))
    .values({c: sa.bindparam(f"new_{c}", type_=events.c[c].type) for c in _EVENT_COLUMNS})
)
_REBODY = (
    sa.update(events)
    .where(events.c.id == sa.bindparam("event_id"))
    .values(body=sa.bindparam("new_body", type_=events.c.body.type))
)
_MOVE_DAYS = (
    sa.update(events)
    .where(events.c.id == sa.bindparam("event_id"))
    .values(
        first_day=sa.bindparam("new_first_day", type_=events.c.first_day.type),
        last_day=sa.bindparam("new_last_day", type_=events.c.last_day.type),
    )
)


def _relink_all(conn: Connection, links: dict[int, set[int]]) -> None:
    """Each event's claim links replaced by the given ones."""
    for chunk in _chunks(sorted(links)):
        conn.execute(sa.delete(event_claims).where(event_claims.c.event_id.in_(chunk)))
    rows = [
        {"event_id": event_id, "claim_id": claim_id}
        for event_id in sorted(links)
        for claim_id in sorted(links[event_id])
    ]
    insert_rows(conn, event_claims, rows)


def _chunks(items: Sequence[int]) -> list[Sequence[int]]:
    return [items[i : i + regions.CHUNK] for i in range(0, len(items), regions.CHUNK)]


def _history_row(
    event_id: int, revision: int, reason: str, body: JsonText, now: str
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "revision": revision,
        "changed_at": now,
        "reason": reason,
        "body": body,
    }
