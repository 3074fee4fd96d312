"""Two readings of weapon figures that the conventions give for Russian-language texts only
(``CONVENTIONS.md``, "Russian-language texts", Weapons), where the English gold reads the same
constructions otherwise; so they stay with the Russian grammar rather than the news layer:

- a class count that repeats a model's ("5 баллистических ракет Искандер-М" beside "5 из 6
  баллистических ракет") names the same weapons, so only the more specific key stays; the
  English gold keeps a class key beside its models ("60 cruise missiles", then each model's);
- missile groups listed side by side in one sentence ("20 баллистических ракет, 4 ракеты других
  типов и 15 крылатых") are parts of its missiles, a mixed group with no id included; the
  English gold adds no whole to a part named beside it ("90 missiles of several types, 30 of
  the 40 cruise missiles shot down").
"""

from __future__ import annotations

from skyledger.extract.news.groups import GENERIC
from skyledger.extract.news.sentence import Sentence
from skyledger.models import Claim
from skyledger.resources import weapons


def class_repeats(sentences: list[Sentence]) -> None:
    """ "5 из 6 баллистических ракет" beside "5 баллистических ракет Искандер-М": the
    class count names the same weapons as the model's, so only the model's stays."""
    claims = [c for s in sentences for c in s.claims]
    known = weapons()
    for s in sentences:
        kept = []
        for c in s.claims:
            cls = (c.scope or "").removeprefix("model:")
            same = c.scope and c.scope.startswith("model:") and cls in GENERIC and any(
                o.kind == c.kind and o is not c and _same(o, c)
                and (o.scope or "").startswith("model:")
                and known.get((o.scope or "")[6:]) is not None
                and known[(o.scope or "")[6:]].cls == cls
                for o in claims
            )  # fmt: skip
            if not same:
                kept.append(c)
        s.claims = kept


def _same(a: Claim, b: Claim) -> bool:
    return (
        a.quantity is not None and b.quantity is not None and a.quantity.gold() == b.quantity.gold()
    )


def missile_lists(sentences: list[Sentence]) -> None:
    """ "20 баллистических ракет, 4 ракеты других типов и 15 крылатых": missile groups listed
    side by side in one sentence are parts of its missiles, which are their sum."""
    for s in sentences:
        for kind in ("launched", "downed"):
            parts = [
                c for c in s.claims
                if c.kind == kind and c.scope == "missiles" and c.quantity and not c.derived
            ]  # fmt: skip
            if len({c.spans for c in parts}) < 2 or len({c.claimant for c in parts}) > 1:
                continue
            total = parts[0].quantity
            assert total is not None
            for c in parts[1:]:
                assert c.quantity is not None
                total = total + c.quantity
            wording = " + ".join(c.quantity.wording for c in parts if c.quantity)
            merged = parts[0].model_copy(
                update={
                    "quantity": total.model_copy(update={"wording": wording}),
                    "spans": tuple(sp for c in parts for sp in c.spans),
                }
            )
            s.claims = [merged if c is parts[0] else c for c in s.claims if c not in parts[1:]]
