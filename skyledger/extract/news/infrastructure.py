"""Infrastructure hit: the categories of facilities a sentence reports hit or targeted.

A facility word (``infrastructure.<category>``: "substations", "apartment buildings", "школа")
counts in a part of the sentence that reports a hit (``hits.cues``, not a downing verb) or
names an attack (``infrastructure.cues``), unless an outage follows it ("homes were left
without power"), it is only near the strike ("a strike near the bridge"), or it survived
("the bridge itself survived"). Moscow's own claims about its targets are read as its
counter-claim, not here.
"""

from __future__ import annotations

from skyledger.extract.news.places import parts
from skyledger.extract.news.sentence import Sentence

_RU = frozenset({"ru_mod", "ru_officials"})


def _cued(s: Sentence, lo: int, hi: int) -> bool:
    return any(s.mark(k, "hits.cues") or s.mark(k, "infrastructure.cues") for k in range(lo, hi))


def _excluded(s: Sentence, first: int, last: int) -> bool:
    """An outage or "survived" right after the facility, or "near" right before it."""
    for k in range(last, min(len(s.tokens), last + 6)):
        if s.mark(k, "hits.outage") or s.mark(k, "infrastructure.unharmed"):
            return True
    return any(s.mark(k, "infrastructure.near") for k in range(max(0, first - 5), first))


def read_infrastructure(s: Sentence) -> None:
    """Add one ``infrastructure_hit`` claim per category the sentence reports hit."""
    if s.speaker in _RU or s.aside or not s.has("infrastructure.kinds"):
        return
    seen: set[str] = set()
    for lo, hi in parts(s):
        if not _cued(s, lo, hi):
            continue
        covered = inside = lo
        for k in range(lo, hi):
            m = s.mark(k, "infrastructure.kinds")
            if m is None or m.first != k or k < covered:
                continue
            if m.last <= inside:
                continue  # "нефтеперерабатывающий завод": no "завод" inside it
            inside = m.last
            if m.leaf == "none":  # "the nuclear power plant": no "power plant" inside it
                covered = m.last
                continue
            if m.leaf in seen:
                continue
            if _excluded(s, m.first, m.last):
                continue
            seen.add(m.leaf)
            s.add("infrastructure_hit", (s.token_span(m.first, m.last),), category=m.leaf,
                  claimant=s.event_claimant())  # fmt: skip
