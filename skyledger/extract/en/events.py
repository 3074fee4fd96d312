"""Events without figures: infrastructure hit, nuclear plant power loss, talks, calls, the
frontline, Moscow's counter-claims, and attacks reported without numbers."""

from __future__ import annotations

import re
from functools import cache

from skyledger.extract.en.geo import mentions
from skyledger.extract.en.lexicon import phrase, phrases
from skyledger.extract.news.sentence import Sentence as Reading
from skyledger.extract.news.speakers import clause_speakers_chars, named

CATEGORIES = ("energy", "rail", "gas", "water", "port", "residential", "industrial", "medical",
              "education", "transport")  # fmt: skip
_RU = frozenset({"ru_mod", "ru_officials"})
_INFRA_CUE = re.compile(
    r"\b(?:hit|hits|struck|strik\w*|damag\w*|destroy\w*|target\w*|attack\w*|knocked out|"
    r"impact\w*|fires?|ablaze|collaps\w*|shelling|blasts?|explosions? at|severed|fell on)\b",
    re.I,
)
_OUTAGE_ONLY = re.compile(r"\b(?:without|out of|outages?|blackouts?|cut off from)\b", re.I)


def _whole(r: Reading) -> tuple:  # type: ignore[type-arg]
    return (r.span(0, len(r.text)),)


def read_infrastructure(r: Reading) -> None:  # pragma: no cover - unused: extract/news reads it
    """Categories of facilities hit or targeted in the sentence (not in Moscow's claims)."""
    if r.speaker in _RU or not _INFRA_CUE.search(r.text):
        return
    seen: set[str] = set()
    for match in _categories().finditer(r.text):
        category = match.lastgroup or ""
        if category in seen or _only_outage(r.text, match.start(), match.end()):
            continue
        seen.add(category)
        r.add("infrastructure_hit", (r.span(match.start(), match.end()),), category=category,
              claimant=r.event_claimant())  # fmt: skip
    if re.search(r"damage to critical infrastructure[^.]*without (?:power|electricity)", r.text):
        r.add("infrastructure_hit", _whole(r), category="energy", claimant=r.event_claimant())


@cache
def _categories() -> re.Pattern[str]:  # pragma: no cover - unused
    """One pattern for every category, each in a named group."""
    parts = [f"(?P<{c}>{phrase(f'infrastructure.{c}').pattern})" for c in CATEGORIES]
    return re.compile("|".join(parts), re.I)


_OUTAGE_AFTER = re.compile(
    r"\s+(?:were\s+|are\s+|was\s+)?(?:left\s+)?(?:without|lost)\s+(?:power|electricity|heat\w*|water)",
    re.I,
)
_UNHARMED = re.compile(
    r"[^.;()]{0,40}?\b(?:survived|intact|undamaged|not damaged|unharmed|unscathed)\b", re.I
)
_NEAR = re.compile(r"\bnear\s+(?:the\s+)?[\"']?(?:[\w-]+\s+){0,2}$", re.I)


def _only_outage(text: str, at: int, end: int) -> bool:  # pragma: no cover - unused
    """ "left without power", "out of electricity and water", "350,000 apartments without
    power": an outage, not a facility hit; "a strike near the bridge": not the bridge."""
    window = text[max(0, at - 25) : at]
    if _NEAR.search(text[max(0, at - 30) : at]) or _OUTAGE_AFTER.match(text, end):
        return True
    if _UNHARMED.match(text, end):  # "the bridge itself survived"
        return True
    return bool(_OUTAGE_ONLY.search(window)) and not _INFRA_CUE.search(window)


def read_nuclear(r: Reading) -> None:
    """A nuclear plant losing (or at risk of losing) power: both claims."""
    if not r.mentions_any("nucle", "npp", "reactor", "plant", "station"):
        return
    plant = phrase("nuclear.plant").search(r.text)
    loss = phrase("nuclear.power_loss").search(r.text)
    if plant and not loss and _PLANT_HIT.search(r.text) and not r.aside:
        r.add("infrastructure_hit", (r.span(plant.start(), plant.end()),),
              category="nuclear_plant", claimant=r.event_claimant())  # fmt: skip
    if not (plant and loss):
        return
    detail = _nuclear_detail(r.text)
    span = (r.span(plant.start(), plant.end()),)
    r.add("nuclear_power_loss", span, claimant=r.event_claimant(), detail=detail)
    r.add("infrastructure_hit", span, category="nuclear_plant", claimant=r.event_claimant())
    for start, end, claimant in clause_speakers_chars(r):  # "…, according to the IAEA"
        clause = r.text[start:end]
        if claimant != r.event_claimant() and _plant_loss(clause):
            span = (r.span(start, end),)
            r.add("nuclear_power_loss", span, claimant=claimant, detail=_nuclear_detail(clause))
            r.add("infrastructure_hit", span, category="nuclear_plant", claimant=claimant)


def _plant_loss(text: str) -> bool:
    return bool(phrase("nuclear.plant").search(text) and phrase("nuclear.power_loss").search(text))


_PLANT_HIT = re.compile(
    r"\b(?:struck|hit|hits|shelled|shelling|attack\w*|damag\w*|drone strike)\b", re.I
)


def _nuclear_detail(text: str) -> str:
    parts = []
    if re.search(r"diesel", text, re.I):
        parts.append("on diesel generators")
    duration = re.search(r"\b(?:for (?:more than |over |about )?[\w-]+ (?:hours?|days?|minutes?)|"
                         r"[\w-]+-day)\b", text, re.I)  # fmt: skip
    if duration:
        parts.append(duration.group())
    return "; ".join(parts) or "power loss"


def nuclear_statement(r: Reading, power_lost: bool) -> None:
    """In an article about a nuclear plant, a speaker's words about the plant or the IAEA."""
    if not (r.speaker and not r.claims and phrase("nuclear.context").search(r.text)):
        return
    if power_lost:
        r.add("nuclear_power_loss", _whole(r), claimant=r.speaker, flags=("statement",),
              detail="statement")  # fmt: skip
    else:
        r.add("infrastructure_hit", _whole(r), category="nuclear_plant", claimant=r.speaker,
              flags=("statement",))  # fmt: skip


def read_talks(r: Reading) -> None:
    if not r.mentions_any("talk", "negotiat", "meet", "met ", "delegat", "discussion", "round"):
        return
    cue = phrase("talks.cue").search(r.text)
    if cue is None or phrase("talks.not").search(r.text):
        return
    if r.speaker == "iaea":
        return
    venues = list(dict.fromkeys(m.group("venue") for m in _venues().finditer(r.text)))
    detail = "; ".join(
        x for x in (_first(r.text, "talks.duration"), _first(r.text, "talks.outcome")) if x
    )
    for claimant in _claimants_of_statement(r):
        r.add("talks", (r.span(cue.start(), cue.end()),), claimant=claimant,
              places=tuple(venues), detail=detail or None)  # fmt: skip


@cache
def _venues() -> re.Pattern[str]:
    names = "|".join(re.escape(str(v)) for v in phrases()["talks"]["venues"])
    return re.compile(rf"\b(?:in|at)\s+(?:the\s+)?(?P<venue>{names})\b")


_TALKS_CONTEXT = re.compile(
    r"\b(?:peace|ceasefire|truce|negotiat\w*|delegations?|meetings?|talks|agreement|deal|"
    r"proposals?|memorandum|prisoners?|envoys?|contacts|round)\b",
    re.I,
)


def talks_statement(r: Reading) -> None:
    """In an article about talks, a speaker's words on peace, delegations or a deal."""
    if r.speaker and not r.claims and _TALKS_CONTEXT.search(r.text) and r.speaker != "iaea":
        r.add("talks", _whole(r), claimant=r.speaker, flags=("statement",), detail="statement")


def _first(text: str, key: str) -> str | None:
    match = phrase(key).search(text)
    return match.group() if match else None


def _claimants_of_statement(r: Reading) -> list[str]:
    if re.search(r"\bboth (?:sides|delegations) (?:called|said|described|agreed)", r.text, re.I):
        sides = named(r)
        if sides:
            return sides
    return [r.event_claimant()]


def read_call(r: Reading) -> None:
    if not r.mentions_any("call", "phone", "spok"):
        return
    match = phrase("call").search(r.text)
    if match:
        r.add("call", (r.span(match.start(), match.end()),), claimant=r.event_claimant(),
              detail=r.text[match.start() : match.start() + 80])  # fmt: skip


_CALL_CONTEXT = re.compile(r"\b(?:call|phone|conversation|spoke|spoken|told)\b", re.I)


def call_statement(r: Reading) -> None:
    """In an article about a call, a speaker's words about it ("Trump said after the call …",
    "Kremlin aide Ushakov said Putin had told Trump …")."""
    if r.speaker and r.speaker != "iaea" and not r.claims and _CALL_CONTEXT.search(r.text):
        r.add("call", _whole(r), claimant=r.speaker, flags=("statement",), detail="statement")


def read_frontline(r: Reading) -> None:
    stems = ("clos", "surround", "encircl", "captur", "control", "seiz", "advanc", "gains", "push",
             "outskirts", "fell to", "liberat", "assault")  # fmt: skip
    if not r.mentions_any(*stems):
        return
    if phrase("not_frontline").search(r.text):
        return
    claimants: set[str] = set()
    for match in phrase("frontline").finditer(r.text):
        claimant = r.event_claimant(match.start())
        if claimant in claimants or _SINCE.search(
            r.text[max(0, match.start() - 40) : match.start()]
        ):
            continue  # "since Russian troops seized the site": how a place came to be held
        claimants.add(claimant)
        text = r.text[match.start() :]
        places = tuple(m.name for m in mentions(text) if m.place.kind == "city")
        r.add("frontline", (r.span(match.start(), match.end()),), claimant=claimant,
              places=places[:1], detail=match.group())  # fmt: skip


_SINCE = re.compile(r"\bsince\b(?:\s+[\w-]+){0,4}\s+$", re.I)


def read_counterclaim(r: Reading) -> None:
    """Moscow's word on the same strike: targets hit, "revenge", military-industrial targets.
    The speaker is the sentence's, or that of the clause holding the cue ("…, while Russia's
    defence ministry claimed …")."""
    seen: set[str] = set()
    for match in phrase("counterclaim.cue").finditer(r.text):
        claimant = r.event_claimant(match.start())
        if claimant in _RU and claimant not in seen and not _by_ukraine(r.text, match.start()):
            seen.add(claimant)
            r.add("counterclaim", (r.span(match.start(), match.end()),), claimant=claimant,
                  detail=r.text)  # fmt: skip


_ANSWER = re.compile(
    r"\b(?:damaged|destroyed|intact|operational|hit|struck|false|untrue|denied)\b", re.I
)


def counterclaim_answer(r: Reading, previous: Reading) -> None:
    """The sentence after Moscow's claim, by another speaker, answering it ("US officials said
    one Patriot battery had been slightly damaged"): that speaker's word on the claim."""
    if not any(c.kind == "counterclaim" for c in previous.claims) or r.claims:
        return
    if r.speaker and r.speaker not in _RU and _ANSWER.search(r.text):
        r.add("counterclaim", _whole(r), claimant=r.speaker, flags=("answer",), detail=r.text)


_IN_RESPONSE = re.compile(r"\b(?:response|retaliation|revenge|reply)\s+(?:to|for)\s+$", re.I)


def _by_ukraine(text: str, cue: int) -> bool:
    """Ukraine as the one acting before the cue ("said Ukrainian drones attacked …"); "in
    response to Ukrainian attacks" after Moscow's own claim does not count."""
    return any(
        m.start() < cue or not _IN_RESPONSE.search(text[max(0, m.start() - 30) : m.start()])
        for m in _BY_UKRAINE.finditer(text)
    )


_BY_UKRAINE = re.compile(
    r"\bukrain\w*\s+(?:forces\s+|drones?\s+|military\s+)?(?:carried out|fired|launched|attack|"
    r"struck|shell\w*)|\bukrainian shelling\b|\bshelling\b",
    re.I,
)


def read_attack(r: Reading) -> None:
    """An attack reported in words ("a mass missile strike hit", "rocket fire")."""
    if any(c.kind in ("launched", "air_attack", "hit_locations") for c in r.claims):
        return
    if r.speaker in _RU or _BY_UKRAINE.search(r.text):
        return
    match = phrase("attack_cues").search(r.text)
    if match:
        r.add("air_attack", (r.span(match.start(), match.end()),), claimant=r.event_claimant())
