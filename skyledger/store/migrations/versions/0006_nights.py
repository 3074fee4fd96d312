"""The nights of the statistics counted and paged from an index alone: attacks by night
(``store.nightly``), so a page of ``/api/stats`` does not read every night's row to count
them or to find where the page starts.

Revision ID: 0006_nights
"""

from __future__ import annotations

from alembic import op

revision = "0006_nights"
down_revision = "0005_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_event_index_night", "event_index", ["active", "kind", "night", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_index_night", "event_index")
