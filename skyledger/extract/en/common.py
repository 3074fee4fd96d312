"""What every rule set of the English grammar shares: the sentence being read and its claims."""

from __future__ import annotations

from dataclasses import dataclass, field

from skyledger.extract.en.claimants import clause_speakers
from skyledger.extract.en.text import Unit
from skyledger.models import Claim, Quantity, Span


@dataclass(slots=True)
class Reading:
    """One sentence with its speaker, the claimant its figures carry, and what sets it aside."""

    unit: Unit
    speaker: str | None
    claimant: str
    document_id: str
    aside: bool = False  # about another night, another year, or Russia as the target
    aside_reason: str = ""  # "time" or "russia"
    claims: list[Claim] = field(default_factory=list)
    held: list[Claim] = field(default_factory=list)  # figures for one place, kept in reserve

    @property
    def text(self) -> str:
        return self.unit.text

    def mentions_any(self, *stems: str) -> bool:
        """A cheap test before a pattern runs: does the lower-cased sentence hold any stem?"""
        low = self.unit.lower
        return any(stem in low for stem in stems)

    def span(self, start: int, end: int) -> Span:
        return self.unit.span(start, end)

    def add(
        self,
        kind: str,
        spans: tuple[Span, ...],
        *,
        scope: str | None = None,
        quantity: Quantity | None = None,
        claimant: str | None = None,
        **extra: object,
    ) -> Claim:
        claim = Claim(
            document_id=self.document_id,
            kind=kind,
            scope=scope,
            quantity=quantity,
            claimant=claimant or self.claimant,
            spans=spans,
            **extra,
        )
        self.claims.append(claim)
        return claim

    def event_claimant(self, at: int | None = None) -> str:
        """Event claims (talks, infrastructure…) carry the sentence's own speaker only; with
        ``at``, the speaker of the clause holding that offset when the clause names its own
        ("…, Energoatom said, and the plant lost power, according to the IAEA")."""
        if at is not None:
            for start, end, claimant in clause_speakers(self.text):
                if start <= at < end:
                    return claimant
        return self.speaker or ("media" if self.unit.is_title else "unknown")
