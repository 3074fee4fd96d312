"""Queries in the database: the side tables the event lists, the statistics and the claim
search read (``skyledger.store.index``); ``0007_scope_nights`` fills them for the ledger
already stored.

- ``event_index``, ``place_names``, ``event_places``, ``event_weapons``, ``night_scopes``;
- the full-text indexes of claims and documents: FTS5 tables ``claim_fts`` and
  ``document_fts`` on SQLite; ``claim_search`` and ``document_search`` with a ``tsvector``
  and its GIN index on PostgreSQL.

Revision ID: 0004_queries
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_queries"
down_revision = "0003_incremental"
branch_labels = None
depends_on = None

T = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "event_index",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("day", T, nullable=True),
        sa.Column("night", sa.String(10), nullable=True),
        sa.Column("week", sa.String(10), nullable=True),
        sa.Column("month", sa.String(10), nullable=True),
        sa.Column("conflicts", sa.Integer, nullable=False),
        sa.Column("card", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_index_kind_day", "event_index", ["active", "kind", "day", "event_id"])
    op.create_index("ix_event_index_day", "event_index", ["active", "day", "event_id"])
    op.create_table(
        "place_names",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("lower", sa.String(300), nullable=False),
        sa.Column("folded", sa.String(300), nullable=False),
    )
    op.create_table(
        "event_places",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("place_id", sa.Integer, primary_key=True, autoincrement=False),
    )
    op.create_index("ix_event_places_place", "event_places", ["place_id", "event_id"])
    op.create_table(
        "event_weapons",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("weapon", sa.String(120), primary_key=True),
    )
    op.create_index("ix_event_weapons_weapon", "event_weapons", ["weapon", "event_id"])
    op.create_table(
        "night_scopes",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("scope", sa.String(130), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("launched", sa.BigInteger, nullable=True),
        sa.Column("downed", sa.BigInteger, nullable=True),
        sa.Column("lost", sa.BigInteger, nullable=True),
        sa.Column("shot_down", sa.Float, nullable=True),
        sa.Column("neutralised", sa.Float, nullable=True),
        sa.Column("flag", sa.Text, nullable=True),
    )
    op.create_index("ix_night_scopes_scope", "night_scopes", ["scope", "event_id"])
    for name in ("claim", "document"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(
                f"CREATE VIRTUAL TABLE {name}_fts USING fts5("
                "body, content='', tokenize='unicode61 remove_diacritics 0')"
            )
        else:
            op.execute(
                f"CREATE TABLE {name}_search (id INTEGER PRIMARY KEY, tsv TSVECTOR NOT NULL)"
            )
            op.execute(f"CREATE INDEX ix_{name}_search_tsv ON {name}_search USING GIN (tsv)")
    # the side tables of the events stored before are built by ``0007_scope_nights`` (the
    # code that builds them writes the columns of the last migration)


def downgrade() -> None:
    for name in ("claim", "document"):
        suffix = "fts" if op.get_bind().dialect.name == "sqlite" else "search"
        op.execute(f"DROP TABLE {name}_{suffix}")
    op.execute(
        "DELETE FROM cursors WHERE key IN ('index:claims', 'index:documents', 'index:version')"
    )
    for name in ("night_scopes", "event_weapons", "event_places", "place_names", "event_index"):
        op.drop_table(name)
