"""Events of Russian texts: Moscow's counter-claims, a nuclear plant's power, the frontline,
calls; and three article-wide steps (figures continued by a list, "все они были сбиты", a class
count that repeats a model's).

Every word comes from ``resources/ru/news.yaml`` (``events.<kind>.*``, ``infrastructure``).
"""

from __future__ import annotations

import itertools

from skyledger.extract.news.groups import GENERIC, weapon_ids
from skyledger.extract.news.sentence import Sentence
from skyledger.models import Claim
from skyledger.resources import weapons

RU = frozenset({"ru_mod", "ru_officials"})


def claimant_of(s: Sentence) -> str:
    """The sentence's own speaker, else the claimant its paragraph gave it, else unknown."""
    if s.speaker:
        return s.speaker
    return s.claimant if s.claimant not in ("media", "other") else "unknown"


def categories(s: Sentence) -> list[tuple[int, int, str]]:
    """(first, last, category) of every facility category the sentence names."""
    out: list[tuple[int, int, str]] = []
    covered = 0
    for k in range(len(s.tokens)):
        m = s.mark(k, "infrastructure.kinds")
        if m is None or m.first != k or k < covered:
            continue
        covered = m.last
        if m.leaf != "none" and m.leaf not in {c for _, _, c in out}:
            out.append((m.first, m.last, m.leaf))
    return out


def _missile_models(s: Sentence) -> bool:
    known = weapons()
    return any(
        wid not in GENERIC and wid in known and known[wid].kind == "missile"
        for _, _, wid in weapon_ids(s)
    )


def read_counterclaim(s: Sentence) -> None:
    """Moscow's word on its strike: a strike with the facilities, Ukrainian places or missile
    models it names, a claim of success ("цели достигнуты", "все назначенные объекты
    поражены"), or a denial of the other side's downing claims ("якобы сбитые"). Gives the
    counter-claim, the attack it reports and the categories it names, all in Moscow's name;
    military targets alone (a daily briefing) give nothing."""
    who = claimant_of(s)
    if who not in RU or s.aside == "time":
        return
    found = categories(s)
    named = [p for p in s.places if p.in_ukraine and p.role == "place"]
    strike = s.has("events.counterclaim.strike")
    claimed = s.has("events.counterclaim.success") or s.has("events.counterclaim.disputed")
    if not claimed and not (strike and (found or named or _missile_models(s))):
        return
    whole = (s.span(0, len(s.text)),)
    s.add("counterclaim", whole, claimant=who, detail=s.text)
    s.add("air_attack", whole, claimant=who)
    for first, last, category in found:
        s.add("infrastructure_hit", (s.token_span(first, last),), category=category,
              claimant=who)  # fmt: skip


def read_nuclear(s: Sentence) -> None:
    """A nuclear plant's power line cut, lost or at risk: ``nuclear_power_loss`` and the plant
    as a facility; a line damaged or shelled adds energy (the layer's infrastructure reader)."""
    if s.aside == "time" or not s.has("events.nuclear_safety.plant"):
        return
    if not (s.has("events.nuclear_safety.power_loss") and s.has("events.nuclear_safety.supply")):
        return
    whole = (s.span(0, len(s.text)),)
    who = claimant_of(s)
    s.add("nuclear_power_loss", whole, claimant=who, detail="power supply")
    s.add("infrastructure_hit", whole, category="nuclear_plant", claimant=who)


def read_frontline(s: Sentence) -> None:
    """Settlements taken ("освободили населённый пункт", "взяли под контроль")."""
    cue = s.find("events.frontline.cues")
    if cue:
        m = cue[0]
        s.add("frontline", (s.token_span(m.first, m.last),), claimant=claimant_of(s),
              detail=s.text)  # fmt: skip


def read_call(s: Sentence) -> None:
    """A phone call ("говорил с президентом …", "телефонный разговор")."""
    cue = s.find("events.call.cues")
    if cue:
        m = cue[0]
        s.add("call", (s.token_span(m.first, m.last),), claimant=claimant_of(s), detail=s.text)


def all_of_them(s: Sentence, previous: Sentence | None) -> None:
    """ "…выпустили 12 ракет, все они были сбиты", "Все цели уничтожены" after a launch count:
    each launched figure before the words (in the sentence, else the sentence before) downed."""
    if s.aside:
        return
    marks = s.find("partitive.all_of_them")
    if not marks or not any(m.leaf == "downed" for m in s.find("predicates")):
        return
    at = s.token_span(marks[0].first, marks[0].last).start
    here = [c for c in s.claims if c.kind == "launched" and c.spans and c.spans[0].start < at]
    source = here or ([c for c in previous.claims if c.kind == "launched"] if previous else [])
    downed = {(c.scope) for c in s.claims if c.kind == "downed"}
    for c in source:
        if c.quantity is not None and not c.derived and c.scope not in downed:
            s.add("downed", c.spans, scope=c.scope, quantity=c.quantity, claimant=c.claimant)


def list_items(sentences: list[Sentence]) -> None:
    """ "ПВО сбила 589 воздушных целей:" then "- 563 беспилотника;" lines: a verbless item
    takes the measure of the figure that opened the list."""
    lead: str | None = None
    for previous, s in itertools.pairwise(sentences):
        if previous.text.rstrip().endswith(":"):
            measures = {c.kind for c in previous.claims if c.quantity is not None}
            lead = measures.pop() if len(measures) == 1 else None
        elif not s.text.lstrip().startswith(("-", "—")):
            lead = None
        if lead is None or lead == "launched" or not s.text.lstrip().startswith(("-", "—")):
            continue
        if s.find("predicates"):
            continue
        s.claims = [
            c.model_copy(update={"kind": lead}) if c.kind == "launched" and c.quantity else c
            for c in s.claims
        ]


def class_repeats(sentences: list[Sentence]) -> None:
    """ "7 из 9 баллистических ракет" beside "7 баллистических ракет Искандер-М/KN-23": the
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
