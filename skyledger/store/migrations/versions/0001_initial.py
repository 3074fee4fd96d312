"""Initial schema: documents, claims, events, event_claims, event_history, failures, runs,
cursors.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("command", sa.String(200), nullable=False),
        sa.Column("started_at", T, nullable=False),
        sa.Column("finished_at", T, nullable=True),
        sa.Column("counts", sa.JSON, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("source", sa.String(512), nullable=False),
        sa.Column("medium", sa.String(64), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("published_at", T),
        sa.Column("published_utc", T),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("extraction", sa.JSON),
        sa.Column("ingested_at", T, nullable=False),
        sa.UniqueConstraint("doc_id", "revision", name="uq_documents_revision"),
    )
    op.create_index("ix_documents_doc_id", "documents", ["doc_id"])
    op.create_index("ix_documents_hash", "documents", ["content_hash"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_pk", sa.Integer, sa.ForeignKey("documents.pk"), nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("claimant", sa.String(40), nullable=False),
        sa.Column("night", sa.String(10)),
        sa.Column("value", sa.Integer),
        sa.Column("body", sa.JSON, nullable=False),
    )
    op.create_index("ix_claims_document", "claims", ["document_pk"])
    op.create_index("ix_claims_key", "claims", ["key"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_key", sa.String(300), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("night", sa.String(10)),
        sa.Column("start", T),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("updated_at", T, nullable=False),
    )
    op.create_index("ix_events_night", "events", ["night"])
    op.create_table(
        "event_claims",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), primary_key=True),
    )
    op.create_table(
        "event_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("changed_at", T, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_history_event", "event_history", ["event_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
        sa.Column("created_at", T, nullable=False),
    )
    op.create_table(
        "cursors",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", T, nullable=False),
    )


def downgrade() -> None:
    for name in (
        "cursors",
        "failures",
        "event_history",
        "event_claims",
        "events",
        "claims",
        "documents",
        "runs",
    ):
        op.drop_table(name)
