"""Counts of claims without a join per claim: indexes to count the claims of a kind or a
claimant, and to find the few documents that are not current (superseded or deleted
revisions), whose claims a count subtracts (``store.stats.count_claims``).

Revision ID: 0005_counts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_counts"
down_revision = "0004_queries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_kind", "claims", ["kind"])
    op.create_index("ix_claims_claimant", "claims", ["claimant"])
    op.create_index(
        "ix_documents_superseded",
        "documents",
        ["pk"],
        sqlite_where=sa.text("current = 0"),
        postgresql_where=sa.text("NOT current"),
    )


def downgrade() -> None:
    op.drop_index("ix_documents_superseded", "documents")
    op.drop_index("ix_claims_claimant", "claims")
    op.drop_index("ix_claims_kind", "claims")
