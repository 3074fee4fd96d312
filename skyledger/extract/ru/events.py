"""Events of Russian texts: Moscow's counter-claims, a nuclear plant's power, the frontline,
calls; and three article-wide steps (figures continued by a list, "все они были сбиты", a class
count that repeats a model's).

Every word comes from ``resources/ru/news.yaml`` (``events.<kind>.*``, ``infrastructure``).
"""

from __future__ import annotations

import itertools

from skyledger.extract.news.groups import GENERIC, weapon_ids
from skyledger.extract.news.sentence import Sentence
from skyledger.extract.news.speakers import speaker_of
from skyledger.models import COUNT_KINDS, Claim
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


def read_counterclaims(sentences: list[Sentence]) -> None:
    """Moscow's counter-claim in each sentence that makes one (``read_counterclaim``), in the
    name of the speaker ``moscow_speaker`` finds. In a text about a nuclear plant's power,
    Moscow's words on shelling are about the other side's, never its own strike."""
    if any(c.kind == "nuclear_power_loss" for s in sentences for c in s.claims):
        return
    for n, s in enumerate(sentences):
        who = moscow_speaker(sentences, n)
        if who in RU and s.claimant not in RU:  # Moscow's figures carry its name
            s.claims = [
                c.model_copy(update={"claimant": who}) if c.kind in COUNT_KINDS else c
                for c in s.claims
            ]
        read_counterclaim(s, who)


def moscow_speaker(sentences: list[Sentence], n: int) -> str:
    """Who says sentence ``n``: its own speaker (a headline's "Песков назвал …" too); for a
    speech verb with no subject ("При этом добавили, что …") the last speaker named before;
    else Moscow when the sentence before or after it in its paragraph quotes Moscow (a quote
    of several sentences with its speaker at one end)."""
    s = sentences[n]
    if s.is_title:
        return speaker_of(s, {}) or claimant_of(s)
    if s.speaker:
        return s.speaker
    if s.has("speech.verbs"):
        named = [o.speaker for o in sentences[:n] if o.speaker and not o.is_title]
        if named:
            return named[-1]
    for o in (
        sentences[n - 1] if n else None,
        sentences[n + 1] if n + 1 < len(sentences) else None,
    ):
        if o is not None and o.unit.paragraph == s.unit.paragraph and o.speaker in RU:
            return o.speaker
    return claimant_of(s)


def narrated_casualties(sentences: list[Sentence]) -> None:
    """Moscow never counts the dead and injured of its own strike: a casualty figure in a
    sentence that quotes it ("Минобороны прокомментировало удар, в результате которого
    пострадали 20 человек") is the outlet's narration."""
    for s in sentences:
        s.claims = [
            c.model_copy(update={"claimant": "media"})
            if c.kind in ("killed", "wounded") and c.claimant in RU
            else c
            for c in s.claims
        ]


def class_parts(sentences: list[Sentence]) -> None:
    """ "7 из 9 баллистических ракет" in a text that counts missiles by model elsewhere: a
    part, so its class key stays and the missile and total figures it gave go."""
    known = weapons()

    def specific(c: Claim) -> bool:
        wid = (c.scope or "").removeprefix("model:")
        return (
            wid != c.scope
            and wid not in GENERIC
            and wid in known
            and (known[wid].kind == "missile")
        )

    elsewhere = [s for s in sentences if any(specific(c) for c in s.claims)]
    if not elsewhere:
        return
    for s in sentences:
        if s in elsewhere:
            continue
        parts = {c.spans for c in s.claims if (c.scope or "").removeprefix("model:") in GENERIC}
        s.claims = [
            c for c in s.claims if not (c.scope in ("missiles", "total") and c.spans in parts)
        ]


def read_counterclaim(s: Sentence, who: str) -> None:
    """Moscow's word on its strike: a strike with the facilities, Ukrainian places or missile
    models it names, a claim of success ("цели достигнуты", "все назначенные объекты
    поражены"), or a denial of the other side's downing claims ("якобы сбитые"). Gives the
    counter-claim, the attack it reports and the categories it names, all in Moscow's name;
    military targets alone (a daily briefing) give nothing."""
    if who not in RU or s.aside == "time" or s.has("events.counterclaim.by_ukraine"):
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


def read_nuclear(sentences: list[Sentence]) -> None:
    """In a text naming a nuclear plant, a sentence on its power supply cut, lost, damaged or
    at risk: ``nuclear_power_loss`` and the plant as a facility; a power facility named there
    (a line, the power output system) adds energy."""
    if not any(s.has("events.nuclear_safety.plant") for s in sentences):
        return
    for s in sentences:
        if s.aside == "time" or not s.has("events.nuclear_safety.power_loss"):
            continue
        if not s.has("events.nuclear_safety.supply"):
            continue
        whole = (s.span(0, len(s.text)),)
        who = claimant_of(s)
        s.add("nuclear_power_loss", whole, claimant=who, detail="power supply")
        s.add("infrastructure_hit", whole, category="nuclear_plant", claimant=who)
        damaged = s.has("events.nuclear_safety.damage")
        if (
            damaged
            and any(c == "energy" for _, _, c in categories(s))
            and not any(c.kind == "infrastructure_hit" and c.category == "energy" for c in s.claims)
        ):
            s.add("infrastructure_hit", whole, category="energy", claimant=who)


def vague_downing(s: Sentence, previous: Sentence | None) -> None:
    """ "Большую часть из них удалось сбить" after a launch count: an interception with no
    figure."""
    if s.aside or any(c.kind == "downed" for c in s.claims) or not s.has("vague"):
        return
    if not any(m.leaf == "downed" for m in s.find("predicates")):
        return
    launched = [c for o in (previous, s) if o is not None for c in o.claims if c.kind == "launched"]
    if launched:
        m = next(m for m in s.find("predicates") if m.leaf == "downed")
        s.add("downed", (s.token_span(m.first, m.last),), claimant=launched[0].claimant)


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


def missile_lists(sentences: list[Sentence]) -> None:
    """ "32 баллистических ракеты, 11 ракет других типов и 28 крылатых": missile groups listed
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
