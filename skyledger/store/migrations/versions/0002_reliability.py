"""Reliability: deleted revisions and notes on documents, one failure row per input version,
and the state of each run.

- ``documents.deleted``: a revision recording that the post was deleted at its source (it keeps
  the last text; its claims no longer count). ``documents.notes``: what was changed to store
  the document (a source cut to the column's length, NUL characters removed…).
- ``failures.fingerprint`` (unique) and ``failures.last_seen_at``: the same failure of the same
  input is kept once, with the last time it was seen.
- ``runs.status`` (running, finished, interrupted, failed), ``runs.owner`` (host and process)
  and ``runs.heartbeat_at``, so a killed run is told from a running one.

Revision ID: 0002_reliability
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_reliability"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "documents",
        sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.add_column("documents", sa.Column("notes", sa.JSON, nullable=True))
    op.add_column("failures", sa.Column("fingerprint", sa.String(64), nullable=True))
    op.add_column("failures", sa.Column("last_seen_at", sa.String(40), nullable=True))
    op.create_index("uq_failures_fingerprint", "failures", ["fingerprint"], unique=True)
    op.add_column("runs", sa.Column("status", sa.String(20), nullable=True))
    op.add_column("runs", sa.Column("owner", sa.String(300), nullable=True))
    op.add_column("runs", sa.Column("heartbeat_at", sa.String(40), nullable=True))
    runs = sa.table("runs", sa.column("status", sa.String), sa.column("finished_at", sa.String))
    op.execute(runs.update().where(runs.c.finished_at.is_not(None)).values(status="finished"))
    op.execute(runs.update().where(runs.c.finished_at.is_(None)).values(status="interrupted"))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        for name in ("heartbeat_at", "owner", "status"):
            batch.drop_column(name)
    op.drop_index("uq_failures_fingerprint", table_name="failures")
    with op.batch_alter_table("failures") as batch:
        batch.drop_column("last_seen_at")
        batch.drop_column("fingerprint")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("notes")
        batch.drop_column("deleted")
