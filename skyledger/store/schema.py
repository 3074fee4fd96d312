"""The database schema (SQLAlchemy Core). Migrations in ``migrations/`` create the same tables.

Documents are append-only: an edited post is a new row with the next ``revision``; the row
with ``current`` set is the one whose claims count. A post deleted at its source gets one more
revision with ``deleted`` set: it keeps the last text, and its claims count no more.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(512), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("current", sa.Boolean, nullable=False, default=True),
    sa.Column("source", sa.String(512), nullable=False, default=""),
    sa.Column("medium", sa.String(64), nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("published_at", sa.String(40), nullable=True),
    sa.Column("published_utc", sa.String(40), nullable=True),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("origin", sa.Text, nullable=True),
    sa.Column("extraction", sa.JSON, nullable=True),
    sa.Column("ingested_at", sa.String(40), nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.Column("notes", sa.JSON, nullable=True),
    sa.UniqueConstraint("doc_id", "revision", name="uq_documents_revision"),
    sa.Index("ix_documents_doc_id", "doc_id"),
    sa.Index("ix_documents_hash", "content_hash"),
    # the documents of the ledger counted, and listed in order, without reading their rows
    # (which hold the texts); ordered first, so no lookup of the current revisions takes it
    sa.Index("ix_documents_listed", "published_utc", "doc_id", "current", "deleted"),
    # the few revisions that are not current, whose claims a count subtracts
    sa.Index(
        "ix_documents_superseded",
        "pk",
        sqlite_where=sa.text("current = 0"),
        postgresql_where=sa.text("NOT current"),
    ),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_pk", sa.Integer, sa.ForeignKey("documents.pk"), nullable=False),
    sa.Column("doc_id", sa.String(512), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("key", sa.String(120), nullable=False),
    sa.Column("claimant", sa.String(40), nullable=False),
    sa.Column("night", sa.String(10), nullable=True),
    sa.Column("value", sa.Integer, nullable=True),
    sa.Column("body", sa.JSON, nullable=False),
    # where the claim can land (``ledger.group.place_claim``): its event kind and the dates
    # of its own anchor, so an ingest finds the claims its documents' events share
    sa.Column("group_kind", sa.String(40), nullable=True),
    sa.Column("first_day", sa.String(10), nullable=True),
    sa.Column("last_day", sa.String(10), nullable=True),
    sa.Index("ix_claims_document", "document_pk"),
    sa.Index("ix_claims_key", "key"),
    sa.Index("ix_claims_group", "group_kind", "first_day"),
    sa.Index("ix_claims_doc_id", "doc_id"),
    sa.Index("ix_claims_kind", "kind"),
    sa.Index("ix_claims_claimant", "claimant"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_key", sa.String(300), nullable=False, unique=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("night", sa.String(10), nullable=True),
    sa.Column("start", sa.String(40), nullable=True),
    sa.Column("revision", sa.Integer, nullable=False, default=1),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    # the dates of the event's anchor (none for an undated event), as ``first_day`` on claims
    sa.Column("first_day", sa.String(10), nullable=True),
    sa.Column("last_day", sa.String(10), nullable=True),
    sa.Index("ix_events_night", "night"),
    sa.Index("ix_events_group", "kind", "first_day"),
)

event_claims = sa.Table(
    "event_claims",
    metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), primary_key=True),
)

event_history = sa.Table(
    "event_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("changed_at", sa.String(40), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Index("ix_event_history_event", "event_id"),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("line", sa.Integer, nullable=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=True),
    sa.Column("last_seen_at", sa.String(40), nullable=True),
    sa.Index("uq_failures_fingerprint", "fingerprint", unique=True),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("command", sa.String(200), nullable=False),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("finished_at", sa.String(40), nullable=True),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("status", sa.String(20), nullable=True),
    sa.Column("owner", sa.String(300), nullable=True),
    sa.Column("heartbeat_at", sa.String(40), nullable=True),
)

cursors = sa.Table(
    "cursors",
    metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
