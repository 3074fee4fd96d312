"""Places hit: a place is hit when the part of the sentence that names it reports a hit.

A part is the sentence up to a strong break (``hits.breaks``: ";", ":", "but"…). It reports a
hit when it holds a hit word (``hits.cues``: struck, damaged, "strikes on"…) that is not the
verb of a downing ("destroyed 28 drones in Odesa region" is no hit), or a casualty figure. A
place right after a word of its own that says it was not hit (``hits.not``: "shot down over",
"explosions were heard in", "flying toward") is left out, as is a place that only locates
another ("20 km north of Kyiv"), a title ("the mayor of Kharkiv") or a facility's name. When a
part reports a hit and names no place, the place in a speaker's title stands for it ("the
mayor of Kharkiv said a drone had hit a building").
"""

from __future__ import annotations

import itertools

from skyledger.extract.news.predicates import Item, active
from skyledger.extract.news.sentence import PlaceRef, Sentence

_DOWNING = frozenset({"downed", "lost"})


def parts(s: Sentence) -> list[tuple[int, int]]:
    """Token ranges of the parts of a sentence."""
    cuts = [0]
    if not s.has("hits.breaks"):
        return [(0, len(s.tokens))] if s.tokens else []
    for k in range(len(s.tokens)):
        m = s.mark(k, "hits.breaks")
        if m is not None and m.first == k:
            cuts.append(k)
    cuts.append(len(s.tokens))
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


def _token_of(s: Sentence, offset: int) -> int:
    for k, tok in enumerate(s.tokens):
        if tok.end > offset:
            return k
    return len(s.tokens)  # pragma: no cover - a place lies on a token


def places_hit(s: Sentence, items: list[Item]) -> list[tuple[PlaceRef, int]]:
    """(place, token) of every place the sentence reports hit, in order, each name once."""
    casualty = any(i.measure in ("killed", "wounded") for i in items)
    if not s.places or not (s.has("hits.cues") or casualty):
        return []
    downing = {i.predicate.first for i in items if i.predicate and i.measure in _DOWNING}
    downing |= _downing_words(s)
    casualties = [i.group.first for i in items if i.measure in ("killed", "wounded")]
    out: list[tuple[PlaceRef, int]] = []
    seen: set[str] = set()
    for lo, hi in parts(s):
        cues = [  # a cue of the part, or one whose words run into it ("Different cities: …")
            m.first for m in s.find("hits.cues")
            if m.first < hi and m.last > lo and m.first not in downing
        ]  # fmt: skip
        if not cues and not any(lo <= c < hi for c in casualties):
            continue
        if any(s.mark(k, "hits.negated") for k in range(lo, hi)):
            continue  # "reported no direct hits"
        named = [(p, _token_of(s, p.start)) for p in s.places if p.in_ukraine]
        inside = [(p, k) for p, k in named if lo <= k < hi]
        plain = [(p, k) for p, k in inside if p.role == "place" and not _denied(s, k, lo)]
        if not plain and not any(p.role == "place" for p, _ in inside):
            plain = [(p, k) for p, k in inside if p.role == "title"][:1]
        for p, k in plain:
            if p.name not in seen:
                seen.add(p.name)
                out.append((p, k))
    return out


def _denied(s: Sentence, k: int, lo: int) -> bool:
    """A not-hit word before the place with nothing but places, commas and words of no weight
    between ("shot down over Kyiv", "blasts were heard across the Ternopil, Lviv … regions"),
    or an outage right after it ("buildings in Kyiv without heating")."""
    after = s.mark(k + 1, "hits.outage") or s.mark(k + 2, "hits.outage")
    if after is not None:
        return True
    for j in range(k - 1, lo - 1, -1):
        m = s.mark(j, "hits.not")
        if m is not None and m.last <= k:
            return True
        if s.mark(j, "hits.cues") and j not in _downing_words(s):
            return False
    return False


def _downing_words(s: Sentence) -> set[int]:
    """Downing verbs with a weapon beside them ("the drones were destroyed in …", "they were
    shot down over …", "destroyed 16 Shaheds within …"): no hit. "A drone strike destroyed a
    station" is one."""
    out: set[int] = set()
    for m in s.find("predicates.downed"):
        if _weapon_near(s, m.first, m.last) and not active(s, m):
            out.add(m.first)
    return out


def _weapon_near(s: Sentence, first: int, last: int) -> bool:
    k = first - 1
    while k >= 0 and s.mark(k, "aux"):
        k -= 1
    for j in (k, k - 1):
        if j >= 0 and _weapon_word(s, j):
            return True
    return any(_weapon_word(s, j) for j in range(last, min(len(s.tokens), last + 3)))


def _weapon_word(s: Sentence, k: int) -> bool:
    m = s.mark(k, "heads") or s.mark(k, "singular_heads") or s.mark(k, "weapon_pronouns")
    return m is not None and not s.mark(m.last, "compound_tails")


#: Who reports damage: a foreign leader's reaction names the place, not the damage.
_DAMAGE_SOURCES = frozenset(
    {"ua_air_force", "ua_officials", "iaea", "media", "unknown", "ru_mod", "ru_officials"}
)


def read_places_hit(s: Sentence, items: list[Item]) -> None:
    if s.aside == "time":
        return  # pragma: no cover - the caller sets such sentences aside
    claimant = s.event_claimant()
    if claimant not in _DAMAGE_SOURCES:
        claimant = "unknown"  # "Trump said he was unhappy with the strikes on Kyiv"
    for p, _ in places_hit(s, items):
        s.add("place_hit", (s.span(p.start, p.end),), places=(p.name,), claimant=claimant)
