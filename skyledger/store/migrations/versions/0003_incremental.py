"""Incremental ledger: where each claim can land, and the dates of each event.

- ``claims.group_kind``, ``claims.first_day``, ``claims.last_day``: the claim's event kind and
  the dates of its own anchor (``ledger.group.place_claim``), indexed, so an ingest loads only
  the claims that share events with its documents.
- ``claims.doc_id`` indexed (the claims of a document's every revision).
- ``events.first_day``, ``events.last_day``: the dates of the event's anchor, indexed with
  the kind, so an ingest finds the events it may change.

Claims stored before have no placement yet: the events are marked stale, and the next ingest
(or ``skyledger rebuild``) rebuilds them all, filling the placements in.

Revision ID: 0003_incremental
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003_incremental"
down_revision = "0002_reliability"
branch_labels = None
depends_on = None

#: ``store.writes.EVENTS_STALE``
STALE = "ledger:events-stale"


def upgrade() -> None:
    op.add_column("claims", sa.Column("group_kind", sa.String(40), nullable=True))
    op.add_column("claims", sa.Column("first_day", sa.String(10), nullable=True))
    op.add_column("claims", sa.Column("last_day", sa.String(10), nullable=True))
    op.create_index("ix_claims_group", "claims", ["group_kind", "first_day"])
    op.create_index("ix_claims_doc_id", "claims", ["doc_id"])
    op.add_column("events", sa.Column("first_day", sa.String(10), nullable=True))
    op.add_column("events", sa.Column("last_day", sa.String(10), nullable=True))
    op.create_index("ix_events_group", "events", ["kind", "first_day"])
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT 1 FROM claims LIMIT 1")).first() is None:
        return
    cursors = sa.table(
        "cursors", sa.column("key", sa.String), sa.column("value"), sa.column("updated_at")
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    op.execute(cursors.delete().where(cursors.c.key == STALE))
    op.execute(cursors.insert().values(key=STALE, value="1", updated_at=now))


def downgrade() -> None:
    op.drop_index("ix_events_group", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("last_day")
        batch.drop_column("first_day")
    op.drop_index("ix_claims_doc_id", table_name="claims")
    op.drop_index("ix_claims_group", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("last_day")
        batch.drop_column("first_day")
        batch.drop_column("group_kind")
