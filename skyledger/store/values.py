"""What the database can hold: each document is checked and cleaned before it is written, so
one odd input becomes a stored document with a note, or a failure with a reason, never an
error that stops the batch.

- NUL characters (PostgreSQL refuses them in text) are removed from every text field;
- lone surrogates (no database can encode them) become U+FFFD in every text field;
- a document id with either is refused: it names the document, and a changed id could merge
  two documents into one;
- ``source`` and ``medium`` longer than their columns are cut, with a note.
"""

from __future__ import annotations

import re

from skyledger.models import Document, Failure
from skyledger.store.schema import documents

SOURCE_LENGTH: int = documents.c.source.type.length  # type: ignore[attr-defined]
MEDIUM_LENGTH: int = documents.c.medium.type.length  # type: ignore[attr-defined]
#: How much of a refused input a failure keeps.
EXCERPT_LENGTH = 2000

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: str) -> str:
    """``value`` without NUL characters, lone surrogates replaced by U+FFFD."""
    if _UNSTORABLE.search(value) is None:
        return value
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def _describe(value: str) -> str:
    found = _UNSTORABLE.search(value)
    assert found is not None
    char = "a NUL character" if found.group() == "\x00" else "an unpaired surrogate"
    return f"{char} (U+{ord(found.group()):04X} at character {found.start()})"


def prepare_document(doc: Document) -> tuple[Document, tuple[str, ...]] | Failure:
    """The document as the database will hold it, with notes on what was changed; or a
    ``Failure`` naming why it cannot be stored."""
    if _UNSTORABLE.search(doc.id):
        return Failure(
            source=storable(doc.url or "") or ascii(doc.id)[1:-1],
            reason=f"document id {doc.id!a} contains {_describe(doc.id)}",
            excerpt=storable(doc.text)[:EXCERPT_LENGTH],
        )
    notes: list[str] = []
    fields: dict[str, str] = {}
    for name in ("source", "medium", "url", "title", "text"):
        value = getattr(doc, name)
        if isinstance(value, str) and _UNSTORABLE.search(value):
            notes.append(f"{name}: removed {_describe(value)} and any others like it")
            fields[name] = storable(value)
    for name, limit in (("source", SOURCE_LENGTH), ("medium", MEDIUM_LENGTH)):
        value = fields.get(name, getattr(doc, name))
        if len(value) > limit:
            notes.append(f"{name}: cut from {len(value)} to {limit} characters")
            fields[name] = value[:limit]
    if not fields:
        return doc, ()
    if "title" in fields or "text" in fields:
        fields["content_hash"] = ""  # the cleaned content has its own hash
    return Document(**{**doc.model_dump(), **fields}), tuple(notes)


def failure_row_values(failure: Failure) -> Failure:
    """A failure whose text fields the database can hold."""
    return Failure(
        source=storable(failure.source),
        reason=storable(failure.reason),
        excerpt=storable(failure.excerpt)[:EXCERPT_LENGTH],
        line=failure.line,
    )
