"""The Ukrainian news grammar's own rule sets: launch areas, downings without a figure, and the
body's figure over the headline's.

Words come from ``resources/uk/news.yaml`` (``launch``, ``interception``).
"""

from __future__ import annotations

import bisect

from skyledger.extract.news.sentence import PlaceRef, Sentence
from skyledger.extract.news.text import Token
from skyledger.models import COUNT_KINDS, Claim

_RU = frozenset({"ru_mod", "ru_officials"})
_LAUNCH_KINDS = frozenset({"launch_area", "sea"})
#: Tokens a list of launch areas may hold between two of them ("Воронезької (н.п. Ліскі) та").
_LIST_GAP = 6


def _end(token: Token) -> int:
    return token.end


def _token(s: Sentence, offset: int) -> int:
    """The first token ending after ``offset`` (tokens are in text order)."""
    return bisect.bisect_right(s.tokens, offset, key=_end)


def _from_before(s: Sentence, k: int) -> bool:
    """ "з Курської області", "з акваторії Чорного моря", "з території Воронезької …"."""
    j = k - 1
    if j >= 0 and s.mark(j, "launch.nouns"):
        j -= 1
    return j >= 0 and s.mark(j, "launch.from") is not None


def _listed(s: Sentence, a: int, b: int) -> bool:
    """Only joins, brackets and short words between two places of a list."""
    if b - a > _LIST_GAP:
        return False
    return all(t.kind == "mark" or len(t.text) <= 3 for t in s.tokens[a:b])


def read_launch_areas(s: Sentence) -> None:
    """Where the attack came from: Russian regions, seas and Crimea after "з" / "із"."""
    if s.speaker in _RU:
        return
    previous: tuple[PlaceRef, int] | None = None
    for p in s.places:
        k = _token(s, p.start)
        launch = p.kind in _LAUNCH_KINDS or p.name == "Crimea"
        listed = previous is not None and _listed(s, previous[1], k)
        if launch and (_from_before(s, k) or listed):
            s.add("launch_area", (s.span(p.start, p.end),), places=(p.name,),
                  claimant=s.event_claimant())  # fmt: skip
            previous = (p, _token(s, p.end - 1) + 1)
        else:
            previous = None


def _near(s: Sentence, first: int, last: int, categories: tuple[str, ...]) -> bool:
    lo, hi = max(0, first - 5), min(len(s.tokens), last + 5)
    return any(s.mark(k, c) for k in range(lo, hi) for c in categories)


def read_interception(s: Sentence) -> None:
    """A downing reported without a figure ("більшість ракет вдалося збити", "всі цілі були
    знищені", "чотири снаряди збила ППО"): a downed claim with no quantity."""
    if s.speaker in _RU or any(c.kind == "downed" for c in s.claims):
        return
    for m in s.find("interception.cues"):
        if _near(s, m.first, m.last, ("heads", "weapons", "interception.agents")):
            s.add("downed", (s.token_span(m.first, m.last),))
            return


def body_over_title(sentences: list[Sentence]) -> None:
    """Where the headline and the body give a figure for the same fact, the body's stands
    (CONVENTIONS "Headline vs body")."""
    body = {c.key for s in sentences if not s.is_title for c in s.claims if c.quantity is not None}
    for s in sentences:
        if s.is_title:
            s.claims = [
                c for c in s.claims
                if c.kind not in COUNT_KINDS or c.quantity is None or c.key not in body
            ]  # fmt: skip


def titles_give_way(sentences: list[Sentence]) -> None:
    """A place hit read from a speaker's title ("Є влучання, — повідомив голова Харківської
    ОВА") stands only when the text names no place hit itself."""

    def titled(s: Sentence, c: Claim) -> bool:
        span = c.spans[0] if c.spans else None
        return span is not None and any(
            p.role == "title" and s.span(p.start, p.end) == span for p in s.places
        )

    found = [(s, c) for s in sentences for c in s.claims if c.kind == "place_hit"]
    if all(titled(s, c) for s, c in found):
        return
    for s in sentences:
        s.claims = [c for c in s.claims if c.kind != "place_hit" or not titled(s, c)]
