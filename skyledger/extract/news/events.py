"""Events without figures, read from the language's words (``events.*`` of its lexicon).

- talks: a negotiation held, under way or scheduled (``events.talks.cues``, not
  ``events.talks.not``), with its venues (``events.talks.venues``) and outcome;
- call: a phone call (``events.call.cues``);
- frontline: ground advances (``events.frontline.cues``), not how a place came to be held
  (``events.frontline.since`` right before);
- counterclaim: Moscow's word on the strike (``events.counterclaim.cues`` in a clause whose
  speaker is the Russian defence ministry or officials, a headline that names them, or the
  sentences before "This was reported by" them), not where Ukraine is the one acting
  (``events.counterclaim.by_ukraine`` before the cue, unless "in response to" it); a strike
  word (``events.counterclaim.strike``) counts only where its sentence names what was hit (a
  facility, a place in Ukraine, a missile model), and gives the facilities' categories too;
  with the counter-claim, the strike it reports (``air_attack``) in Moscow's name;
- nuclear: a nuclear plant (``events.nuclear.plant``) losing power
  (``events.nuclear.power_loss``) or struck (``events.nuclear.hit``); a power facility named
  beside a hit word in a sentence on the plant's power is energy hit;
- attack: an attack reported in words with no figure (``events.attack.cues``).

Article-wide: in a text about talks, a call or a plant, a speaker's sentence on the subject
(``events.<kind>.context``) is that speaker's statement on it; after Moscow's claim, another
speaker's answer (``events.counterclaim.answer``) is theirs; in a text about a plant losing
power, Moscow's strike words are about the shelling of the plant it holds and give nothing.
"""

from __future__ import annotations

import itertools

from skyledger.extract.news.groups import GENERIC, weapon_ids
from skyledger.extract.news.lexicon import Mark
from skyledger.extract.news.sentence import Sentence
from skyledger.extract.news.speakers import clause_speakers, named, nearest_speaker, speaker_of
from skyledger.resources import weapons

RU = frozenset({"ru_mod", "ru_officials"})
#: The flag of claims read from a strike word of Moscow's (``events.counterclaim.strike``).
STRIKE = "strike"


def _first(s: Sentence, category: str) -> Mark | None:
    found = s.find(category)
    return found[0] if found else None


def _at(m: Mark) -> int:
    return m.first


def _claimant(s: Sentence, m: Mark) -> str:
    """The speaker of the clause holding a mark, else of the speech verb nearest before it,
    else the sentence's."""
    for lo, hi, claimant in clause_speakers(s):
        if lo <= m.first < hi:
            return claimant
    return nearest_speaker(s, m.first) or s.event_claimant()


def _span(s: Sentence, m: Mark) -> tuple:  # type: ignore[type-arg]
    return (s.token_span(m.first, m.last),)


def _whole(s: Sentence) -> tuple:  # type: ignore[type-arg]
    return (s.span(0, len(s.text)),)


def _detail(s: Sentence, *categories: str) -> str | None:
    words = [s.words(m.first, m.last) for c in categories if (m := _first(s, c)) is not None]
    return "; ".join(words) or None


def read_talks(s: Sentence) -> None:
    cue = _first(s, "events.talks.cues")
    if cue is None or s.has("events.talks.not") or s.speaker == "iaea":
        return
    venues = tuple(dict.fromkeys(s.words(m.first, m.last) for m in s.find("events.talks.venues")))
    detail = _detail(s, "events.talks.duration", "events.talks.outcome")
    sides = named(s) if s.has("events.talks.both_sides") else []
    for claimant in sides or [_claimant(s, cue)]:
        s.add("talks", _span(s, cue), claimant=claimant, places=venues, detail=detail)


def read_call(s: Sentence) -> None:
    cue = _first(s, "events.call.cues")
    if cue is not None:
        s.add("call", _span(s, cue), claimant=_claimant(s, cue),
              detail=s.words(cue.first, min(len(s.tokens), cue.last + 12)))  # fmt: skip


def read_frontline(s: Sentence) -> None:
    if s.has("events.frontline.not"):
        return
    seen: set[str] = set()
    for cue in s.find("events.frontline.cues"):
        since = any(
            s.mark(k, "events.frontline.since") for k in range(max(0, cue.first - 5), cue.first)
        )
        claimant = _claimant(s, cue)
        if since or claimant in seen:
            continue  # "since Russian troops seized the site": how a place came to be held
        seen.add(claimant)
        start = s.tokens[cue.first].start
        city = next((p.name for p in s.places if p.start >= start and p.kind == "city"), None)
        s.add("frontline", _span(s, cue), claimant=claimant, places=(city,) if city else (),
              detail=s.words(cue.first, cue.last))  # fmt: skip


def _by_ukraine(s: Sentence, cue: Mark) -> bool:
    """Ukraine as the one acting before the cue ("said Ukrainian drones attacked …"); "in
    response to Ukrainian attacks" after Moscow's own claim does not count."""
    for m in s.find("events.counterclaim.by_ukraine"):
        response = any(
            s.mark(k, "events.counterclaim.response") for k in range(max(0, m.first - 4), m.first)
        )
        if m.first < cue.first or not response:
            return True
    return False


def _strike_cues(s: Sentence) -> list[Mark]:
    """A strike word (``events.counterclaim.strike``) is a cue where its sentence names what
    was hit: a facility, a place in Ukraine, or a missile model."""
    strikes = s.find("events.counterclaim.strike")
    if not strikes:
        return []
    facility = any(m.leaf != "none" for m in s.find("infrastructure.kinds"))
    place = any(p.in_ukraine and p.role == "place" for p in s.places)
    if facility or place or _missile_model(s):
        return list(strikes[:1])
    return []


def _missile_model(s: Sentence) -> bool:
    known = weapons()
    return any(
        wid not in GENERIC and wid in known and known[wid].kind == "missile"
        for _, _, wid in weapon_ids(s)
    )


def _moscow(s: Sentence) -> str | None:
    """Moscow as the speaker of a sentence that names none of its own: a headline that says
    who spoke ("Минобороны сообщило об ударах …"), or the sentences before "Об этом сообщило
    Минобороны"."""
    if s.is_title:
        found = speaker_of(s, {})
        return found if found in RU else None
    return s.claimant if s.claimant in RU else None


def read_counterclaim(s: Sentence) -> None:
    """Moscow's word on the strike, and the strike itself in its name; a strike word with what
    it hit (``_strike_cues``) also gives the categories of the facilities it names."""
    seen: set[str] = set()
    strikes = _strike_cues(s)
    for cue in sorted([*s.find("events.counterclaim.cues"), *strikes], key=_at):
        claimant = _claimant(s, cue)
        if not s.speaker:
            claimant = _moscow(s) or claimant
        if claimant in RU and claimant not in seen and not _by_ukraine(s, cue):
            seen.add(claimant)
            flags = (STRIKE,) if cue in strikes else ()
            s.add("counterclaim", _span(s, cue), claimant=claimant, detail=s.text, flags=flags)
            if not any(c.kind == "air_attack" and c.claimant == claimant for c in s.claims):
                s.add("air_attack", _whole(s), claimant=claimant, flags=flags)
            if strikes:
                _targets(s, claimant)


def _targets(s: Sentence, claimant: str) -> None:
    """The categories of the facilities a strike of Moscow's names, in its name."""
    named = {c.category for c in s.claims if c.kind == "infrastructure_hit"}
    for m in s.find("infrastructure.kinds"):
        if m.leaf != "none" and m.leaf not in named:
            named.add(m.leaf)
            s.add("infrastructure_hit", _span(s, m), category=m.leaf, claimant=claimant,
                  flags=(STRIKE,))  # fmt: skip


def _plant_shelled(sentences: list[Sentence]) -> None:
    """In a text about a nuclear plant losing power, Moscow's strike words are about the
    shelling of the plant it holds, never a strike of its own."""
    for s in sentences:
        s.claims = [c for c in s.claims if STRIKE not in c.flags]


def read_attack(s: Sentence) -> None:
    """An attack reported in words ("a mass missile strike hit", "rocket fire")."""
    if any(c.kind in ("launched", "air_attack", "hit_locations") for c in s.claims):
        return
    if s.speaker in RU or s.has("events.counterclaim.by_ukraine"):
        return
    cue = _first(s, "events.attack.cues")
    if cue is not None:
        s.add("air_attack", _span(s, cue), claimant=s.event_claimant())


def read_nuclear(s: Sentence) -> None:
    """A nuclear plant losing (or at risk of losing) power, or struck."""
    plant = _first(s, "events.nuclear.plant")
    if plant is None:
        return
    losses = s.find("events.nuclear.power_loss")
    if not losses:
        if s.has("events.nuclear.hit") and not s.aside:
            s.add("infrastructure_hit", _span(s, plant), category="nuclear_plant",
                  claimant=s.event_claimant())  # fmt: skip
        return
    detail = _detail(s, "events.nuclear.diesel", "events.nuclear.duration") or "power loss"
    seen: set[str] = set()
    for loss in losses:  # "…, Energoatom said, and …, according to the IAEA": each speaker's
        claimant = _claimant(s, loss)
        if claimant in seen:
            continue
        seen.add(claimant)
        s.add("nuclear_power_loss", _span(s, plant), claimant=claimant, detail=detail)
        s.add("infrastructure_hit", _span(s, plant), category="nuclear_plant", claimant=claimant)
        _power_hit(s, claimant)


def _power_hit(s: Sentence, claimant: str) -> None:
    """A power facility the sentence on the plant's power names as hit ("shelling of the power
    line"): energy hit too."""
    if not s.has("events.nuclear.hit") or any(
        c.kind == "infrastructure_hit" and c.category == "energy" for c in s.claims
    ):
        return
    m = next((m for m in s.find("infrastructure.kinds") if m.leaf == "energy"), None)
    if m is not None:
        s.add("infrastructure_hit", _span(s, m), category="energy", claimant=claimant)


def statements(sentences: list[Sentence], kinds: set[str]) -> None:
    """In a text about talks, a call or a nuclear plant: each speaker's words on it."""
    lost = "nuclear_power_loss" in kinds
    nuclear = lost or "nuclear_plant" in kinds
    for s in sentences:
        if not s.speaker:
            continue
        for kind in ("talks", "call"):
            fits = kind in kinds and not s.claims and s.speaker != "iaea"
            if fits and s.has(f"events.{kind}.context"):
                s.add(kind, _whole(s), claimant=s.speaker, flags=("statement",),
                      detail="statement")  # fmt: skip
        if nuclear and not s.claims and s.aside != "time" and s.has("events.nuclear.context"):
            if lost:
                s.add("nuclear_power_loss", _whole(s), claimant=s.speaker,
                      flags=("statement",), detail="statement")  # fmt: skip
                _power_hit(s, s.speaker)
            else:
                s.add("infrastructure_hit", _whole(s), category="nuclear_plant",
                      claimant=s.speaker, flags=("statement",))  # fmt: skip


def answers(sentences: list[Sentence]) -> None:
    """The sentence after Moscow's claim, by another speaker, answering it ("US officials said
    one Patriot battery had been slightly damaged"): that speaker's word on the claim."""
    for previous, s in itertools.pairwise(sentences):
        if not any(c.kind == "counterclaim" for c in previous.claims) or s.claims:
            continue
        if s.speaker and s.speaker not in RU and s.has("events.counterclaim.answer"):
            s.add("counterclaim", _whole(s), claimant=s.speaker, flags=("answer",),
                  detail=s.text)  # fmt: skip


def finish(sentences: list[Sentence]) -> None:
    """The article-wide steps: statements on talks, calls and plants; answers to Moscow."""
    kinds = {c.kind for s in sentences for c in s.claims}
    kinds |= {c.category for s in sentences for c in s.claims if c.category == "nuclear_plant"}
    if "nuclear_power_loss" in kinds:
        _plant_shelled(sentences)
    answers(sentences)
    statements(sentences, {k for k in kinds if k})


#: The rule sets of this module, by name, in order; each runs on a sentence set aside when the
#: third field says so (True: always; "russia": when only Russia as the target set it aside).
RULES = (
    ("nuclear", read_nuclear, False),
    ("talks", read_talks, True),
    ("call", read_call, True),
    ("frontline", read_frontline, False),
    ("counterclaim", read_counterclaim, "russia"),
    ("attack", read_attack, False),
)
