"""The write route: ``POST /api/documents`` ingests one document (token required).

The API waits a short while (``LOCK_WAIT``) for another writer; if the ledger stays busy it
answers 503 with ``Retry-After`` and stores nothing. If the document was stored but another
writer holds the ledger, it answers 202: the events are brought up to date by that writer's
rebuild (or the next one).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from skyledger.api.auth import require_token
from skyledger.api.routes import StoreDep
from skyledger.errors import LedgerBusy
from skyledger.ingest import ingest
from skyledger.models import Document

router = APIRouter(prefix="/api", tags=["write"], dependencies=[Depends(require_token)])

#: Seconds a POST waits for another writer before answering 503 (``app.state.lock_wait``).
LOCK_WAIT = 10.0


@router.post(
    "/documents",
    status_code=201,
    summary="Ingest one document (token required)",
    responses={
        202: {"description": "Stored; its events are updated by the writer holding the ledger"},
        422: {"description": "The document was refused (the reason is given)"},
        503: {"description": "The ledger is busy: nothing stored; retry after Retry-After"},
    },
)
def post_document(
    store: StoreDep, document: Document, request: Request, response: Response
) -> dict[str, Any]:
    """Store the document, extract its claims and rebuild the events it touches.

    ``status`` is ``new``, ``changed`` (a new revision) or ``unchanged`` (same content).
    """
    wait = float(getattr(request.app.state, "lock_wait", LOCK_WAIT))
    try:
        summary = ingest(store, [document], command="api", lock_wait=wait)
    except LedgerBusy as exc:
        headers = {"Retry-After": str(int(exc.retry_after))}
        raise HTTPException(503, f"{exc}; nothing was stored, try again", headers) from exc
    status = next((s for s in ("new", "changed", "unchanged") if getattr(summary, s)), None)
    if status is None:
        reason = "; ".join(summary.problems) or "refused"
        raise HTTPException(422, f"document {document.id!r} was not stored: {reason}")
    if summary.events_pending:
        response.status_code = 202
    return {
        "id": document.id,
        "status": status,
        "claims": summary.claims,
        "events_changed": summary.events_changed,
        "events_pending": summary.events_pending,
        "url": f"/api/documents/{document.id}",
    }
