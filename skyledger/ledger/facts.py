"""One document's facts: the claims of an ``Extraction`` in the key/value form of the gold files.

For each fact key the claim of the most authoritative claimant wins; among one claimant's claims
an exact figure beats a bound or an approximation, and a stated figure beats a derived sum (the
headline "over 700" beside 653 + 51 gives 704): ``models.claim_rank``, the ranking the ledger's
reconciliation uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from skyledger.models import COUNT_KINDS, Claim, ClaimRank, Extraction, TimeWindow, claim_rank

EVENT_TYPE_OF_KIND = {
    "launched": "air_attack",
    "air_attack": "air_attack",
    "hit_locations": "air_attack",
    "debris_locations": "air_attack",
    "downed": "interception",
    "killed": "casualties",
    "wounded": "casualties",
    "nuclear_power_loss": "nuclear_safety",
    "talks": "talks",
    "call": "call",
    "frontline": "frontline",
    "counterclaim": "counterclaim",
}
SET_NAMES = ("event_types", "places_hit", "infrastructure", "launch_areas", "claimants")
ANONYMOUS = frozenset({"unknown", "media", "other"})
#: Claimants whose figures stay claims and never become a document's facts: a speaker outside
#: the vocabulary, and Moscow's figures about its own strike (its version, beside Ukraine's).
NOT_FACTS = frozenset({"other", "ru_mod", "ru_officials"})

FactValue = int | dict[str, int] | str


@dataclass(slots=True)
class DocumentFacts:
    facts: dict[str, FactValue] = field(default_factory=dict)
    sets: dict[str, set[str]] = field(default_factory=dict)
    sources: dict[str, Claim] = field(default_factory=dict)


def best_claims(claims: Iterable[Claim]) -> dict[str, Claim]:
    """The winning count claim for every fact key."""
    ranked: dict[str, tuple[ClaimRank, Claim]] = {}
    for position, claim in enumerate(claims):
        if claim.kind not in COUNT_KINDS or claim.quantity is None or claim.claimant in NOT_FACTS:
            continue
        rank = claim_rank(claim, position)
        current = ranked.get(claim.key)
        if current is None or rank < current[0]:
            ranked[claim.key] = (rank, claim)
    return {key: claim for key, (_, claim) in ranked.items()}


def format_minute(moment: datetime) -> str:
    """ISO local time with offset at minute precision: ``2025-12-05T18:00+02:00``."""
    offset = moment.strftime("%z")
    return moment.strftime("%Y-%m-%dT%H:%M") + f"{offset[:3]}:{offset[3:]}"


def time_facts(window: TimeWindow | None) -> dict[str, FactValue]:
    out: dict[str, FactValue] = {}
    if window is None:
        return out
    if window.start is not None:
        out["period.start"] = format_minute(window.start)
    if window.night is not None:
        out["period.night"] = window.night.isoformat()
    if window.as_of is not None:
        out["as_of"] = format_minute(window.as_of)
    return out


def set_facts(claims: Iterable[Claim]) -> dict[str, set[str]]:
    sets: dict[str, set[str]] = {name: set() for name in SET_NAMES}
    for claim in claims:
        event_type = EVENT_TYPE_OF_KIND.get(claim.kind)
        if event_type:
            sets["event_types"].add(event_type)
        if claim.kind == "infrastructure_hit" and claim.category:
            sets["infrastructure"].add(claim.category)
            if claim.category != "nuclear_plant":
                sets["event_types"].add("infrastructure_hit")
        elif claim.kind == "place_hit":
            sets["places_hit"].update(claim.places)
        elif claim.kind == "launch_area":
            sets["launch_areas"].update(claim.places)
        if claim.claimant not in ANONYMOUS:
            sets["claimants"].add(claim.claimant)
    return sets


def document_facts(extraction: Extraction) -> DocumentFacts:
    """The gold-form facts of one document's extraction."""
    best = best_claims(extraction.claims)
    facts: dict[str, FactValue] = {}
    for key, claim in best.items():
        assert claim.quantity is not None
        facts[key] = claim.quantity.gold()
    facts.update(time_facts(extraction.window))
    return DocumentFacts(facts=facts, sets=set_facts(extraction.claims), sources=best)
