"""Reconcile one event's claims into figures: the authoritative value, every claim beside it.

For each fact key the value of the most authoritative claimant wins (``models.AUTHORITY``: the
Air Force for launches, interceptions, losses and location counts; officials for casualties;
the IAEA for a nuclear plant). Within one claimant the ranking of ``models.claim_rank`` applies
(exact before bound, stated before derived, earlier before later), except that a later report
from the same source replaces an earlier one (a correction). Disagreeing figures are flagged,
never averaged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from skyledger.models import (
    COUNT_KINDS,
    SCOPES,
    Claim,
    Document,
    Event,
    Figure,
    Quantity,
    claim_rank,
)

Rank = tuple[int, int, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Reconciled:
    """An event's figures and the human-readable conflict lines behind their flags."""

    figures: tuple[Figure, ...]
    conflicts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InterceptionRates:
    """Downed / launched per scope; None where either figure is missing or approximate."""

    drones: float | None
    missiles: float | None
    total: float | None


def rank(claim: Claim, position: int, superseded: bool) -> Rank:
    """Authority for the measure, then not superseded, then ``claim_rank``'s form/derived/order."""
    authority, headline, form, derived, order = claim_rank(claim, position)
    return (authority, int(superseded), headline, form, derived, order)


def _issued(document: Document | None) -> tuple[datetime, int] | None:
    if document is None or document.published_at is None:
        return None
    return (document.published_at, document.revision)


def _lineage(claim: Claim, document: Document | None) -> tuple[str, str]:
    """Claims that can correct each other: one claimant, one source (or one document)."""
    source = document.source if document is not None and document.source else ""
    return (claim.claimant, source or f"#{claim.document_id}")


def superseded(entries: Sequence[tuple[int, Claim]], documents: Mapping[str, Document]) -> set[int]:
    """Positions of claims replaced by a later report of the same source and claimant.

    A report replaces an earlier one of the same source (or an earlier revision of itself);
    linear in the number of claims.
    """
    latest: dict[tuple[str, str], tuple[datetime, int]] = {}
    for _, claim in entries:
        issued = _issued(documents.get(claim.document_id))
        if claim.quantity is not None and issued is not None:
            lineage = _lineage(claim, documents.get(claim.document_id))
            if lineage not in latest or issued > latest[lineage]:
                latest[lineage] = issued
    out: set[int] = set()
    for position, claim in entries:
        document = documents.get(claim.document_id)
        issued = _issued(document)
        newest = latest.get(_lineage(claim, document))
        if issued is not None and newest is not None and newest > issued:
            out.add(position)
    return out


def describe(quantity: Quantity) -> str:
    """A quantity for people: ``653``, ``at least 701 ("over 700")``, ``about 140``."""
    if quantity.exact is not None:
        text = str(quantity.exact)
    elif quantity.approx is not None:
        text = f"about {quantity.approx}"
    elif quantity.min is not None and quantity.max is not None:
        text = f"{quantity.min}–{quantity.max}"
    elif quantity.min is not None:
        text = f"at least {quantity.min}"
    else:
        text = f"at most {quantity.max}"
    wording = " ".join(quantity.wording.split())
    return f'{text} ("{wording}")' if wording and wording != text else text


def _side(group: Sequence[Claim]) -> str:
    """One value and who stated it: ``653 by ua_air_force [af-1, news-b]``."""
    first = group[0]
    assert first.quantity is not None
    docs = list(
        dict.fromkeys(f"{c.document_id}, derived" if c.derived else c.document_id for c in group)
    )
    shown = ", ".join(docs[:5]) + (f" and {len(docs) - 5} more" if len(docs) > 5 else "")
    claimants = "/".join(dict.fromkeys(c.claimant for c in group))
    return f"{describe(first.quantity)} by {claimants} [{shown}]"


def conflict_line(key: str, first: Sequence[Claim], second: Sequence[Claim]) -> str:
    return f"{key}: {_side(first)} vs {_side(second)}"


def disagreements(claims: Sequence[Claim]) -> list[tuple[list[Claim], list[Claim]]]:
    """Pairs of values that cannot describe the same number, each with the claims stating it.

    Claims are grouped by the value they state (and by claimant), so a night retold by
    thousands of sources costs pairs of distinct values, not pairs of claims.
    """
    groups: dict[tuple[object, ...], list[Claim]] = {}
    for claim in claims:
        q = claim.quantity
        if q is not None:
            groups.setdefault((q.exact, q.min, q.max, q.approx, claim.claimant), []).append(claim)
    values = list(groups.values())
    pairs: list[tuple[list[Claim], list[Claim]]] = []
    for i, a in enumerate(values):
        qa = a[0].quantity
        for b in values[i + 1 :]:
            qb = b[0].quantity
            if qa is not None and qb is not None and not qa.agrees(qb):
                pairs.append((a, b))
    return pairs


def _note(best: Claim, replaced: int) -> str | None:
    notes: list[str] = []
    if best.derived:
        notes.append("sum of stated parts")
    if replaced:
        notes.append(f"replaces {replaced} earlier figure(s) from the same source")
    return "; ".join(notes) or None


def _live(ranked: Sequence[tuple[int, Claim]], old: set[int]) -> list[Claim]:
    """The claims that can conflict: each document's best stated and best derived figure per
    claimant.

    Other readings inside one document (a headline's bound beside the body's exact figure) are
    alternatives of the same statement, not a disagreement; a sum of parts that differs from
    the stated total is.
    """
    seen: set[tuple[str, str, bool]] = set()
    out: list[Claim] = []
    for position, claim in ranked:
        ident = (claim.document_id, claim.claimant, claim.derived)
        if claim.quantity is None or position in old or ident in seen:
            continue
        seen.add(ident)
        out.append(claim)
    return out


def reconcile_key(
    key: str, entries: Sequence[tuple[int, Claim]], documents: Mapping[str, Document]
) -> tuple[Figure, tuple[str, ...]] | None:
    """The figure of one fact key and its conflict lines; None when no claim has a number."""
    old = superseded(entries, documents)
    ranked = sorted(entries, key=lambda e: rank(e[1], e[0], e[0] in old))
    counted = [claim for _, claim in ranked if claim.quantity is not None]
    if not counted:
        return None
    best = counted[0]
    assert best.quantity is not None
    lines = tuple(
        dict.fromkeys(conflict_line(key, a, b) for a, b in disagreements(_live(ranked, old)))
    )
    figure = Figure(
        key=key,
        quantity=best.quantity,
        claimant=best.claimant,
        claims=(*counted, *(claim for _, claim in ranked if claim.quantity is None)),
        conflict=bool(lines),
        note=_note(best, len(old)),
    )
    return figure, lines


def key_order(key: str) -> tuple[int, int, str]:
    """Measures in the order of ``COUNT_KINDS``; scopes total, drones, missiles, then by name."""
    measure, _, scope = key.partition(".")
    measure_rank = COUNT_KINDS.index(measure) if measure in COUNT_KINDS else len(COUNT_KINDS)
    scope_rank = SCOPES.index(scope) if scope in SCOPES else len(SCOPES)
    return (measure_rank, scope_rank, key)


def reconcile_claims(
    claims: Sequence[Claim], documents: Mapping[str, Document] | None = None
) -> Reconciled:
    """Figures and conflicts of one event; ``claims`` in event order (earliest report first)."""
    by_key: dict[str, list[tuple[int, Claim]]] = {}
    for position, claim in enumerate(claims):
        by_key.setdefault(claim.key, []).append((position, claim))
    figures: list[Figure] = []
    conflicts: list[str] = []
    for key in sorted(by_key, key=key_order):
        result = reconcile_key(key, by_key[key], documents or {})
        if result is not None:
            figures.append(result[0])
            conflicts.extend(result[1])
    return Reconciled(tuple(figures), tuple(conflicts))


def reconcile_event(
    claims: Sequence[Claim], documents: Mapping[str, Document] | None = None
) -> tuple[Figure, ...]:
    """The reconciled figures of one event (conflicts: ``reconcile_claims``)."""
    return reconcile_claims(claims, documents).figures


def _rate_value(quantity: Quantity | None) -> int | None:
    if quantity is None or quantity.approx is not None:
        return None
    if quantity.exact is not None:
        return quantity.exact
    if (quantity.min is None) != (quantity.max is None):
        return quantity.min if quantity.min is not None else quantity.max
    return None


def interception_rate(figures: Iterable[Figure], scope: str = "total") -> float | None:
    """Downed / launched for ``scope`` when both are exact or one-sided bounds, else None.

    With a bound the rate is computed from the bound itself (downed 615 of "over 700" launched
    gives 615 / 701), so it is a bound on the rate too.
    """
    quantities = {figure.key: figure.quantity for figure in figures}
    launched = _rate_value(quantities.get(f"launched.{scope}"))
    downed = _rate_value(quantities.get(f"downed.{scope}"))
    if launched is None or downed is None or launched <= 0:
        return None
    return downed / launched


def interception_rates(event: Event) -> InterceptionRates:
    """The interception rates of an event for drones, missiles and all means together."""
    return InterceptionRates(
        drones=interception_rate(event.figures, "drones"),
        missiles=interception_rate(event.figures, "missiles"),
        total=interception_rate(event.figures, "total"),
    )
