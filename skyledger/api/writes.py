"""The write route: ``POST /api/documents`` ingests one document (token required)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from skyledger.api.auth import require_token
from skyledger.api.routes import StoreDep
from skyledger.ingest import ingest
from skyledger.models import Document

router = APIRouter(prefix="/api", tags=["write"], dependencies=[Depends(require_token)])


@router.post("/documents", status_code=201, summary="Ingest one document (token required)")
def post_document(store: StoreDep, document: Document) -> dict[str, Any]:
    """Store the document, extract its claims and rebuild the events it touches.

    ``status`` is ``new``, ``changed`` (a new revision) or ``unchanged`` (same content).
    """
    summary = ingest(store, [document], command="api")
    status = next(s for s in ("new", "changed", "unchanged", "failed") if getattr(summary, s))
    return {
        "id": document.id,
        "status": status,
        "claims": summary.claims,
        "events_changed": summary.events_changed,
        "url": f"/api/documents/{document.id}",
    }
