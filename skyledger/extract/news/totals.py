"""Sums of stated parts: ``missiles`` from numbered models, ``total`` from drones + missiles.

A derived claim is ``derived=True`` and carries the spans of its parts. A plural named with no
figure ("and dozens of drones") leaves the sum unknown, so no derived claim is made.
"""

from __future__ import annotations

from skyledger.models import Claim, Quantity, authority, claim_rank
from skyledger.resources import weapons


def best(claims: list[Claim], kind: str, scope: str) -> Claim | None:
    ranked = [
        (claim_rank(c, i), c)
        for i, c in enumerate(claims)
        if c.kind == kind and c.scope == scope and c.quantity is not None
    ]
    return min(ranked, key=lambda x: x[0])[1] if ranked else None


def _unknown(claims: list[Claim], kind: str, scope: str) -> bool:
    """A plural named without a figure for this scope, and no figure for it anywhere."""
    named = any(c.kind == kind and c.scope == scope and c.quantity is None for c in claims)
    return named and best(claims, kind, scope) is None


def _derive(document_id: str, kind: str, scope: str, parts: list[Claim]) -> Claim:
    total = parts[0].quantity
    assert total is not None
    for part in parts[1:]:
        assert part.quantity is not None
        total = total + part.quantity
    wording = " + ".join(p.quantity.wording if p.quantity else "" for p in parts)
    winner = min(parts, key=lambda c: authority(kind, c.claimant))
    return Claim(
        document_id=document_id,
        kind=kind,
        scope=scope,
        quantity=Quantity.model_validate({**total.model_dump(), "wording": wording}),
        claimant=winner.claimant,
        spans=tuple(s for p in parts for s in p.spans),
        derived=True,
    )


def _missile_models(claims: list[Claim], kind: str) -> list[Claim]:
    known = weapons()
    out = []
    for scope in dict.fromkeys(c.scope for c in claims if c.kind == kind and c.scope):
        model = scope.removeprefix("model:")
        if scope.startswith("model:") and model in known and known[model].kind == "missile":
            claim = best(claims, kind, scope)
            if claim is not None:
                out.append(claim)
    return out


def _every_model(claims: list[Claim], launched: list[Claim]) -> bool:
    """The launched missiles are the sum of the models only when every missile model the text
    counts (shot down, lost) has a launch figure too ("launched four Iskander-M", "shot down two
    Iskander-M and two Kh-59": the Kh-59 launched are unknown)."""
    have = {c.scope for c in launched}
    named = {c.scope for c in _missile_models(claims, "downed") + _missile_models(claims, "lost")}
    return named <= have


def derive_totals(document_id: str, claims: list[Claim]) -> list[Claim]:
    """Derived ``missiles`` (from models) and ``total`` (drones + missiles) per measure."""
    out: list[Claim] = []
    for kind in ("launched", "downed", "lost"):
        current = claims + out
        if best(current, kind, "missiles") is None and not _unknown(current, kind, "missiles"):
            models = _missile_models(current, kind)
            if models and (kind != "launched" or _every_model(current, models)):
                out.append(_derive(document_id, kind, "missiles", models))
        current = claims + out
        if _unknown(current, kind, "drones") or _unknown(current, kind, "missiles"):
            continue
        parts = [c for s in ("drones", "missiles") if (c := best(current, kind, s)) is not None]
        if parts:
            out.append(_derive(document_id, kind, "total", parts))
    return out


def inconsistencies(claims: list[Claim]) -> tuple[str, ...]:
    """Figures for one fact that cannot both be true ("over 700" beside a sum of 650), named so
    that the ledger can show them; figures that agree (a bound beside its exact sum) pass."""
    by_key: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.quantity is not None and claim.kind in ("launched", "downed", "lost"):
            by_key.setdefault(claim.key, []).append(claim)
    out: list[str] = []
    for key, group in by_key.items():
        first = group[0]
        assert first.quantity is not None
        for other in group[1:]:
            assert other.quantity is not None
            if not first.quantity.agrees(other.quantity):
                out.append(
                    f"{key}: {first.quantity.gold()} ({first.claimant}) vs "
                    f"{other.quantity.gold()} ({other.claimant})"
                )
    return tuple(dict.fromkeys(out))
