"""An attack's night, ISO week and month on each of its ``night_scopes`` rows, indexed by
night, and rows for active attacks only: the statistics of a range of nights sum these rows
alone (``store.nightly.periods``), with no join to ``event_index`` on either database. The
largest attacks and the sums per weapon model are read from an index of launched and downed
per scope (the dashboard's first view), and the documents of the ledger counted and listed
from an index of their order (``published_utc``, ``doc_id``) with ``current`` and
``deleted``.

The rows already stored take their night, week and month from ``event_index``; those of
retired attacks are dropped (nothing reads them). The side tables of a ledger from before
``0004_queries`` are built here, once the columns exist.

Revision ID: 0007_scope_nights
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_scope_nights"
down_revision = "0006_nights"
branch_labels = None
depends_on = None

COLUMNS = ("night", "week", "month")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("night_scopes", sa.Column(name, sa.String(10), nullable=True))
    of_event = "FROM event_index WHERE event_index.event_id = night_scopes.event_id"
    op.execute(
        "UPDATE night_scopes SET "
        + ", ".join(f"{name} = (SELECT event_index.{name} {of_event})" for name in COLUMNS)
    )
    op.execute(
        "DELETE FROM night_scopes WHERE event_id NOT IN "
        "(SELECT event_id FROM event_index WHERE active = true)"
    )
    op.create_index("ix_night_scopes_night", "night_scopes", ["night"])
    op.create_index("ix_night_scopes_launched", "night_scopes", ["scope", "launched", "downed"])
    op.create_index(
        "ix_documents_listed", "documents", ["published_utc", "doc_id", "current", "deleted"]
    )
    from skyledger.store import index

    index.refresh(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_documents_listed", "documents")
    op.drop_index("ix_night_scopes_launched", "night_scopes")
    op.drop_index("ix_night_scopes_night", "night_scopes")
    with op.batch_alter_table("night_scopes") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
