"""The path ``skyledger extract`` runs: documents in, JSON lines out, failures named."""

from __future__ import annotations

import io

from skyledger.extract.stream import extract_to
from skyledger.models import Claim, Document, Failure


def test_claims_as_json_lines_and_failures_as_error_lines() -> None:
    items: list[Document | Failure] = [
        Document(id="a", text="Збито 40 ударних БпЛА.", lang="uk"),
        Failure(source="nights.jsonl", line=2, reason="malformed JSON"),
        Document(id="b", text="Nothing to count here.", lang="en"),
    ]
    out, err = io.StringIO(), io.StringIO()
    done = extract_to(items, out, err)
    count = done.claims
    assert (done.read, done.failed) == (2, 1)
    claims = [Claim.model_validate_json(line) for line in out.getvalue().splitlines()]
    assert count == len(claims) > 0 and {c.document_id for c in claims} == {"a"}
    downed = next(c for c in claims if c.kind == "downed" and c.scope == "drones")
    assert downed.quantity is not None and downed.quantity.exact == 40
    assert err.getvalue() == "Error: nights.jsonl:2: malformed JSON\n"
