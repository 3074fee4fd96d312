"""What every rule of the uk grammar sees: the document, its prepared text, and how to make a
claim with spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from skyledger.extract.limits import sentence_bounds
from skyledger.extract.uk import build
from skyledger.extract.uk.text import Report
from skyledger.models import CLAIM_KINDS, Claim, Document, Quantity, Span, TimeWindow

CLAIMANT = "ua_air_force"
_CLAIM_FIELDS = frozenset(Claim.model_fields)
_KINDS = frozenset(CLAIM_KINDS)


@dataclass(slots=True)
class Context:
    doc: Document
    report: Report
    window: TimeWindow | None = None
    inconsistencies: list[str] = field(default_factory=list)
    flagged: dict[str, str] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # sentence index → its stripped text
    measures: dict[int, str] = field(default_factory=dict)  # sentence index → measure of its groups
    spans: dict[tuple[int, int], Span] = field(default_factory=dict)  # one Span per offset pair

    @classmethod
    def of(cls, doc: Document) -> Context:
        return cls(doc, Report.of(doc.text))

    def flag(self, key: str, message: str) -> None:
        """Record a figure that does not add up; claims for ``key`` carry the flag."""
        if message not in self.inconsistencies:
            self.inconsistencies.append(message)
        self.flagged.setdefault(key, "inconsistent")

    def claim(
        self,
        kind: str,
        offsets: list[tuple[int, int]],
        scope: str | None = None,
        qty: Quantity | None = None,
        **extra: Any,
    ) -> Claim:
        """A claim of the Air Force read from ``text[start:end]`` for each offset pair.

        Built as ``model_construct`` would (``build.claim``): every field comes from this
        grammar (a known kind, a valid ``Quantity``, offsets in order), so validating again in
        this hot loop would only cost time; ``extra`` may only name fields of ``Claim``."""
        if kind not in _KINDS or not extra.keys() <= _CLAIM_FIELDS:
            raise ValueError(f"bad claim {kind!r} {sorted(extra)}")
        span = self.span
        fields: dict[str, Any] = {
            "document_id": self.doc.id,
            "kind": kind,
            "scope": scope,
            "quantity": qty,
            "window": self.window,
            "places": (),
            "category": None,
            "claimant": CLAIMANT,
            "spans": tuple([span(s, e) for s, e in offsets]),
            "derived": False,
            "detail": None,
            "flags": (),
        }
        if extra:
            fields.update(extra)
        return build.claim(fields)

    def span(self, start: int, end: int) -> Span:
        made = self.spans.get((start, end))
        if made is not None:
            return made
        if not 0 <= start <= end:
            raise ValueError(f"bad span {start}-{end}")
        report = self.report
        index = report.sentence_index(start)
        sentence = self.texts.get(index)
        first, last = report.original(start, end)
        if sentence is None:
            found = report.sentences[index]
            lo, hi = report.original(found.start, found.end)
            cut = sentence_bounds(lo, hi, first, last)
            sentence = self.doc.text[cut[0] : cut[1]].strip()
            if cut == (lo, hi):  # a sentence cut around one span is not shared
                self.texts[index] = sentence
        made = self.spans[start, end] = build.span(self.doc.id, first, last, sentence)
        return made
