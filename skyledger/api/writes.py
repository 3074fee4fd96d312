"""The write route: ``POST /api/documents`` ingests one document (token required).

The body is a ``DocumentIn``: a document as a writer states it. The server computes what only
it can know (the content hash, the revision), so an edit is never mistaken for the stored
version, and it refuses what it could not store (a link that is not http(s), a time near the
ends of the calendar) with a 422 naming the field.

The API waits a short while (``LOCK_WAIT``) for another writer; if the ledger stays busy it
answers 503 with ``Retry-After`` and stores nothing. If the document was stored but another
writer holds the ledger, it answers 202: the events are brought up to date by that writer's
rebuild (or the next one).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from skyledger.api.auth import require_token
from skyledger.api.routes import StoreDep
from skyledger.errors import LedgerBusy
from skyledger.ingest import ingest
from skyledger.models import Document, Lang

router = APIRouter(prefix="/api", tags=["write"], dependencies=[Depends(require_token)])

#: ``published_at`` must lie within these years (UTC): the store keeps times it can convert.
YEARS = (1900, 2200)


class DocumentIn(BaseModel):
    """A document to ingest; ``content_hash`` and ``revision`` are the server's to compute."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=512)
    source: str = ""
    medium: str = "text"
    url: str | None = None
    published_at: datetime | None = None
    lang: Lang = "uk"
    title: str | None = None
    text: str

    @field_validator("url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.strip().lower().startswith(("http://", "https://")):
            raise ValueError("only http:// and https:// links are kept")
        return value

    @field_validator("published_at")
    @classmethod
    def _when(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("published_at must carry a UTC offset")
        try:
            moment = value.astimezone(UTC)
        except OverflowError as exc:
            raise ValueError("published_at is out of range") from exc
        if not YEARS[0] <= moment.year <= YEARS[1]:
            raise ValueError(f"published_at must fall between {YEARS[0]} and {YEARS[1]}")
        return value

    def document(self) -> Document:
        return Document(**self.model_dump())


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
    store: StoreDep, document: DocumentIn, request: Request, response: Response
) -> dict[str, Any]:
    """Store the document, extract its claims and rebuild the events it touches.

    ``status`` is ``new``, ``changed`` (a new revision) or ``unchanged`` (same content).
    ``content_hash`` and ``revision`` are computed here; a body that sends them is refused.
    """
    wait = float(getattr(request.app.state, "lock_wait", LOCK_WAIT))
    doc = document.document()
    try:
        summary = ingest(store, [doc], command="api", lock_wait=wait)
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
        "id": doc.id,
        "status": status,
        "content_hash": doc.content_hash,
        "claims": summary.claims,
        "events_changed": summary.events_changed,
        "events_pending": summary.events_pending,
        "url": f"/api/documents/{doc.id}",
    }
