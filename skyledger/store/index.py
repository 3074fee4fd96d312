"""Side tables the read paths query instead of loading every event: kept up to date where the
events are written (``refresh``), filled for an existing ledger by migration ``0004_queries``.

- ``event_index``: one row per event: kind, the day it sorts by (its night, else its start),
  active or not, its night with the ISO week and month it falls in, how many conflicts; the
  revision it was indexed at, so ``refresh`` finds the events that changed since; and its card
  (``ledger.cards.event_summary``), what a list of events shows.
- ``place_names`` (each place once, lowercased and folded) and ``event_places``: the places an
  event names, for the ``place`` filter and the search of events by place.
- ``event_weapons``: the weapon ids an event has figures for (a group such as
  ``iskander-m/kn-23`` under the group and under each of its members).
- ``night_scopes``: an active attack's launched, downed, lost and both rates per scope
  (``total``, ``drones``, ``missiles``, ``model:…``), as ``ledger.summary.night_figures`` gives
  them, with the attack's night, week and month; the statistics sum these rows in SQL (the
  attacks with a night), the dashboard ranks them.
- the full-text indexes: ``claim_fts``/``document_fts`` (SQLite FTS5, contentless) or
  ``claim_search``/``document_search`` (PostgreSQL ``tsvector``, ``simple`` configuration),
  over each claim's sentences and places and each document's title and text, filled for the
  rows beyond the ``index:claims`` and ``index:documents`` cursors (both tables only grow: an
  edited document is a new row, and the searches keep the current ones).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skyledger.ledger.cards import event_summary
from skyledger.ledger.summary import night_figures
from skyledger.models import Claim, Event
from skyledger.store.bodies import unpack_all
from skyledger.store.db import Store, insert_rows, put_cursor, read_cursor
from skyledger.store.schema import claims, documents, events, metadata

#: The cursors holding the highest claim id and document pk in the full-text indexes.
CLAIMS_CURSOR = "index:claims"
DOCUMENTS_CURSOR = "index:documents"
#: The cursor counting the refreshes that changed the side tables.
VERSION_CURSOR = "index:version"
#: Rows read and written per round trip while indexing.
CHUNK = 500

event_index = sa.Table(
    "event_index",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("day", sa.String(40), nullable=True),
    sa.Column("night", sa.String(10), nullable=True),
    sa.Column("week", sa.String(10), nullable=True),
    sa.Column("month", sa.String(10), nullable=True),
    sa.Column("conflicts", sa.Integer, nullable=False, default=0),
    sa.Column("card", sa.JSON, nullable=False),
    sa.Index("ix_event_index_kind_day", "active", "kind", "day", "event_id"),
    sa.Index("ix_event_index_day", "active", "day", "event_id"),
    sa.Index("ix_event_index_night", "active", "kind", "night", "event_id"),
)

place_names = sa.Table(
    "place_names",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(300), nullable=False, unique=True),
    sa.Column("lower", sa.String(300), nullable=False),
    sa.Column("folded", sa.String(300), nullable=False),
)

event_places = sa.Table(
    "event_places",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("place_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Index("ix_event_places_place", "place_id", "event_id"),
)

event_weapons = sa.Table(
    "event_weapons",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("weapon", sa.String(120), primary_key=True),
    sa.Index("ix_event_weapons_weapon", "weapon", "event_id"),
)

night_scopes = sa.Table(
    "night_scopes",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("scope", sa.String(130), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("launched", sa.BigInteger, nullable=True),
    sa.Column("downed", sa.BigInteger, nullable=True),
    sa.Column("lost", sa.BigInteger, nullable=True),
    sa.Column("shot_down", sa.Float, nullable=True),
    sa.Column("neutralised", sa.Float, nullable=True),
    sa.Column("flag", sa.Text, nullable=True),
    # the attack's night, ISO week and month (as on ``event_index``), so a range of nights
    # is summed from these rows alone
    sa.Column("night", sa.String(10), nullable=True),
    sa.Column("week", sa.String(10), nullable=True),
    sa.Column("month", sa.String(10), nullable=True),
    sa.Index("ix_night_scopes_scope", "scope", "event_id"),
    sa.Index("ix_night_scopes_launched", "scope", "launched", "downed"),
    sa.Index("ix_night_scopes_night", "night"),
)

SIDE_TABLES = (event_index, event_places, event_weapons, night_scopes)

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lowercase and fold a text the way the search does (apostrophes as one, spaces as one)."""
    return " ".join(text.casefold().replace("’", "'").replace("ʼ", "'").split())


def words(text: str) -> list[str]:
    """The words both full-text indexes hold for ``text``: letters and digits, folded."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def _period(night: str | None) -> tuple[str | None, str | None]:
    if not night:
        return None, None
    day = date.fromisoformat(night)
    return (day - timedelta(days=day.weekday())).isoformat(), day.replace(day=1).isoformat()


def _weapons(event: Event) -> set[str]:
    found: set[str] = set()
    for fig in event.figures:
        _, _, scope = fig.key.partition(".model:")
        if scope:
            found.add(scope)
            found.update(scope.split("/"))
    return found


def _chunks(items: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stale_events(conn: Connection) -> list[int]:
    """Events whose side rows are missing or older than the event (revision or state)."""
    query = (
        sa.select(events.c.id)
        .select_from(events.outerjoin(event_index, event_index.c.event_id == events.c.id))
        .where(
            sa.or_(
                event_index.c.event_id.is_(None),
                event_index.c.revision != events.c.revision,
                event_index.c.active != events.c.active,
            )
        )
        .order_by(events.c.id)
    )
    return list(conn.execute(query).scalars())


def refresh(
    conn: Connection,
    event_ids: Iterable[int] | None = None,
    *,
    built: Mapping[int, Event | None] | None = None,
) -> int:
    """Bring the side tables up to date; how many events were indexed again.

    ``event_ids`` names the events that changed; without it, the events whose indexed
    revision or state differs from the stored one are found here. ``built`` holds events
    just written as their writer has them (by row id; ``None`` for one retired), so their
    bodies need not be read back. Runs inside the transaction that wrote the events; the
    claims not yet in the full-text index are added.
    """
    ids = sorted(set(event_ids)) if event_ids is not None else stale_events(conn)
    for chunk in _chunks(ids):
        _index_events(conn, chunk, built or {})
    orphans: list[int] = []
    if event_ids is None:
        gone = sa.select(events.c.id).where(events.c.id == event_index.c.event_id)
        orphans = list(
            conn.execute(sa.select(event_index.c.event_id).where(~sa.exists(gone))).scalars()
        )
        for chunk in _chunks(orphans):
            _clear(conn, chunk)
            conn.execute(sa.delete(event_index).where(event_index.c.event_id.in_(chunk)))
    texts = index_claims(conn)
    if ids or orphans or texts:
        put_cursor(conn, VERSION_CURSOR, str(_cursor(conn, VERSION_CURSOR) + 1))
    return len(ids)


def version(store: Store) -> int:
    """A number that changes whenever the side tables or the full-text indexes do (a key for
    caching what is computed from them); one row read."""
    with store.engine.connect() as conn:
        return current_version(conn)


def current_version(conn: Connection) -> int:
    """``version`` on an open connection."""
    return _cursor(conn, VERSION_CURSOR)


def _clear(conn: Connection, ids: Sequence[int]) -> None:
    for table in (event_places, event_weapons, night_scopes):
        conn.execute(sa.delete(table).where(table.c.event_id.in_(ids)))


def _index_events(conn: Connection, ids: Sequence[int], built: Mapping[int, Event | None]) -> None:
    columns = (events.c.id, events.c.kind, events.c.night, events.c.start, events.c.revision)
    query = sa.select(*columns, events.c.active).where(events.c.id.in_(ids))
    rows = list(conn.execute(query))
    known = {i: e for i in ids if (e := built.get(i)) is not None}
    unknown = [i for i in ids if i not in known]
    stored = [
        (int(event_id), body)
        for chunk in _chunks(unknown)
        for event_id, body in conn.execute(
            sa.select(events.c.id, events.c.body).where(events.c.id.in_(chunk))
        )
    ]
    read = {event.id: event for event in unpack_all(conn, stored)}
    _clear(conn, ids)
    conn.execute(sa.delete(event_index).where(event_index.c.event_id.in_(ids)))
    index_rows: list[dict[str, Any]] = []
    place_rows: list[tuple[int, str]] = []
    weapon_rows: list[dict[str, Any]] = []
    scope_rows: list[dict[str, Any]] = []
    for row in rows:
        found = known.get(row.id)
        if found is not None:
            event = found if found.id == row.id else found.model_copy(update={"id": row.id})
        else:
            event = read[row.id]
        night = row.night
        week, month = _period(night) if row.kind == "air_attack" else (None, None)
        index_rows.append(
            {
                "event_id": row.id,
                "revision": row.revision,
                "active": bool(row.active),
                "kind": row.kind,
                "day": night if night is not None else row.start,
                "night": night,
                "week": week,
                "month": month,
                "conflicts": len(event.conflicts),
                "card": event_summary(event),
            }
        )
        place_rows.extend((row.id, place) for place in dict.fromkeys(event.places))
        weapon_rows.extend({"event_id": row.id, "weapon": w} for w in sorted(_weapons(event)))
        if row.kind == "air_attack" and row.active:
            figures = night_figures(event)
            period = {"night": night, "week": week, "month": month}
            for position, (scope, values) in enumerate(
                (k, v) for k, v in figures.items() if isinstance(v, dict)
            ):
                scope_rows.append(
                    {"event_id": row.id, "scope": scope, "position": position, **values, **period}
                )
    insert_rows(conn, event_index, index_rows)
    if place_rows:
        place_ids = _place_ids(conn, {name for _, name in place_rows})
        insert_rows(
            conn,
            event_places,
            [{"event_id": e, "place_id": place_ids[name]} for e, name in place_rows],
        )
    insert_rows(conn, event_weapons, weapon_rows)
    insert_rows(conn, night_scopes, scope_rows)


def _place_ids(conn: Connection, names: set[str]) -> dict[str, int]:
    """The id of each place name, adding the names not yet known."""
    query = sa.select(place_names.c.name, place_names.c.id).where(place_names.c.name.in_(names))
    found = {name: int(pk) for name, pk in conn.execute(query)}
    missing = sorted(names - set(found))
    if missing:
        conn.execute(
            sa.insert(place_names),
            [{"name": n, "lower": n.lower(), "folded": fold(n)} for n in missing],
        )
        query = sa.select(place_names.c.name, place_names.c.id).where(
            place_names.c.name.in_(missing)
        )
        found.update({name: int(pk) for name, pk in conn.execute(query)})
    return found


def claim_text(body: dict[str, Any]) -> str:
    """What a claim is found by: the sentences it was read from and the places it names."""
    sentences = dict.fromkeys(
        str(span.get("sentence") or "") for span in body.get("spans") or () if span
    )
    parts = [*sentences, *(str(p) for p in body.get("places") or ())]
    return " ".join(words(" ".join(parts)))


def claim_words(claim: Claim, seen: dict[str, str] | None = None) -> str:
    """``claim_text`` of a claim's stored body, from the claim itself. ``seen`` keeps the
    words of each sentence and place already read (a document's claims share sentences):
    the words of texts joined by spaces are the words of each text in turn."""
    known = {} if seen is None else seen
    parts = [*dict.fromkeys(span.sentence or "" for span in claim.spans), *claim.places]
    found = []
    for part in parts:
        text = known.get(part)
        if text is None:
            text = known[part] = " ".join(words(part))
        if text:
            found.append(text)
    return " ".join(found)


def _cursor(conn: Connection, key: str) -> int:
    return int(read_cursor(conn, key) or 0)


#: What each full-text index holds: the rows read, how a row becomes its text, the tables.
_FULLTEXT = {
    "claims": (CLAIMS_CURSOR, claims.c.id, (claims.c.body,), "claim_fts", "claim_search"),
    "documents": (
        DOCUMENTS_CURSOR,
        documents.c.pk,
        (documents.c.title, documents.c.text),
        "document_fts",
        "document_search",
    ),
}


def _text_of(name: str, row: Any) -> str:
    if name == "claims":
        return claim_text(row[1] or {})
    return document_text(row[1], row[2])


def index_claims(conn: Connection) -> int:
    """Add the claims and documents beyond their cursors to the full-text indexes; how many
    rows were added."""
    return sum(_index_text(conn, name) for name in _FULLTEXT)


def add_written(
    conn: Connection,
    claim_rows: Sequence[tuple[int, str]],
    document_rows: Sequence[tuple[int, str]],
) -> None:
    """Add claims and documents just written to the full-text indexes, as (row id, text)
    (``claim_text``, ``document_text``), so they need not be read back. Call
    ``index_claims`` before writing them: every row below theirs is then indexed, and the
    cursors move past them."""
    added = False
    for name, rows in (("claims", claim_rows), ("documents", document_rows)):
        if not rows:
            continue
        key = _FULLTEXT[name][0]
        last = _cursor(conn, key)
        fresh = [(row_id, text) for row_id, text in rows if row_id > last]
        if fresh:
            _add_text(conn, name, fresh)
            put_cursor(conn, key, str(max(row_id for row_id, _ in fresh)))
            added = True
    if added:
        put_cursor(conn, VERSION_CURSOR, str(_cursor(conn, VERSION_CURSOR) + 1))


def document_text(title: str | None, text: str | None) -> str:
    """What a document is found by: the words of its title and text."""
    return " ".join(words(f"{title or ''} {text or ''}"))


def _add_text(conn: Connection, name: str, rows: Sequence[tuple[int, str]]) -> None:
    """Add (row id, text) pairs to a full-text index: FTS5 takes them through the driver's
    ``executemany``; PostgreSQL in one statement, as two arrays (a statement per row, even
    pipelined, cost the ingest more than the index itself)."""
    _, _, _, fts, search = _FULLTEXT[name]
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"INSERT INTO {fts} (rowid, body) VALUES (?, ?)", list(rows))
        return
    conn.exec_driver_sql(
        f"INSERT INTO {search} (id, tsv) SELECT id, to_tsvector('simple', body)"
        " FROM unnest(%s::bigint[], %s::text[]) AS given (id, body)",
        ([row_id for row_id, _ in rows], [text for _, text in rows]),
    )


def _index_text(conn: Connection, name: str) -> int:
    key, pk, columns, _, _ = _FULLTEXT[name]
    last = _cursor(conn, key)
    added = 0
    while True:
        query = sa.select(pk, *columns).where(pk > last).order_by(pk).limit(CHUNK)
        rows = list(conn.execute(query))
        if not rows:
            break
        values = [(int(row[0]), _text_of(name, row)) for row in rows]
        _add_text(conn, name, values)
        last = int(rows[-1][0])
        added += len(values)
    if added:
        put_cursor(conn, key, str(last))
    return added
