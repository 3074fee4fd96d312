"""One sentence as the news layer reads it: tokens, the lexicon's marks, who says it, whether it
is about this attack, and the claims read from it so far."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from skyledger.extract.news.lexicon import Lexicon, Mark
from skyledger.extract.news.text import Token, Unit
from skyledger.models import Claim, Quantity, Span


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place named in a sentence: character offsets, English name, gazetteer kind, and the
    role its words give it: "place", "title" ("Kharkiv Mayor", "mayor of Kharkiv"),
    "facility" ("Zaporizhzhia nuclear plant"), "locator" ("20 km north of Kyiv"), "launch" (a
    place outside Ukraine weapons came from), "abroad" (a place outside Ukraine where what the
    clause reports happened: its figures are not this attack's)."""

    start: int
    end: int
    name: str
    kind: str
    role: str = "place"

    @property
    def in_ukraine(self) -> bool:
        return self.kind in ("city", "oblast", "raion", "hromada") and self.name != "Ukraine"


@dataclass(slots=True)
class Sentence:
    """A unit with its tokens and marks; ``claims`` are added by the rules that read it."""

    unit: Unit
    tokens: list[Token]
    marks: list[list[Mark]]
    lex: Lexicon
    document_id: str
    speaker: str | None = None  # the claimant the sentence itself names
    claimant: str = "media"  # the claimant its figures carry (own speaker or inherited)
    aside: str = ""  # "time" (another night or period) or "russia" (Russia as the target)
    claims: list[Claim] = field(default_factory=list)
    held: list[Claim] = field(default_factory=list)  # one place's figures, kept in reserve
    places: list[PlaceRef] = field(default_factory=list)
    weapons: list[tuple[int, int, str]] | None = None  # (first token, last token, id), once
    index: list[frozenset[str]] = field(default_factory=list)  # categories starting at a token
    found: dict[str, Sequence[Mark]] = field(default_factory=dict)  # ``find`` results, once each
    present: frozenset[str] = frozenset()  # every category marked somewhere
    clauses: list[int] | None = None  # where its clauses begin (predicates.clause_starts), once
    piece: bool = False  # one of the pieces a very long unit is cut into (``read._pieces``)
    groups_cut: bool = False  # more counted groups than ``limits.MAX_GROUPS_PER_SENTENCE``

    def reach(self) -> tuple[int, int]:
        """The characters of ``text`` this sentence reads: all of it, or a piece's own part
        (rules that search the text read only that, so a long unit is read once, not once per
        piece)."""
        if not self.piece or not self.tokens:
            return 0, len(self.text)
        return self.tokens[0].start, self.tokens[-1].end

    @property
    def text(self) -> str:
        return self.unit.text

    def token_at(self, offset: int) -> int:
        """The index of the token holding a character offset, else of the first token after
        it (``len(tokens)`` past the last), by bisection: a place list of a long sentence
        looks up every place."""
        k = bisect.bisect_right(self.tokens, offset, key=_token_start) - 1
        return k if k >= 0 and self.tokens[k].end > offset else k + 1

    @property
    def is_title(self) -> bool:
        return self.unit.is_title

    def mark(self, i: int, prefix: str) -> Mark | None:
        """The longest mark of a category (or one below it) starting at token ``i``."""
        if 0 <= i < len(self.index) and prefix in self.index[i]:
            for m in self.marks[i]:
                if prefix in m.entry.prefixes:
                    return m
        return None

    def find(self, prefix: str) -> Sequence[Mark]:
        """Every mark of a category in token order, overlapping ones left out."""
        if prefix not in self.present:
            return ()  # kept nowhere: a text of many short sentences would hold one per ask
        cached = self.found.get(prefix)
        if cached is not None:
            return cached
        out: list[Mark] = []
        for i, row in enumerate(self.marks):
            if prefix not in self.index[i]:
                continue
            for m in row:
                if prefix in m.entry.prefixes:
                    if not out or m.first >= out[-1].last:
                        out.append(m)
                    break
        self.found[prefix] = out
        return out

    def has(self, prefix: str) -> bool:
        return prefix in self.present

    def span(self, start: int, end: int) -> Span:
        """A span for characters ``start``-``end`` of the sentence's text."""
        return self.unit.span(start, end)

    def token_span(self, first: int, last: int) -> Span:
        """A span over tokens ``first`` to ``last`` (exclusive)."""
        return self.unit.span(self.tokens[first].start, self.tokens[last - 1].end)

    def words(self, first: int, last: int) -> str:
        if first >= last:
            return ""  # pragma: no cover - no caller asks for no words
        return self.unit.text[self.tokens[first].start : self.tokens[last - 1].end]

    def add(
        self,
        kind: str,
        spans: tuple[Span, ...],
        *,
        scope: str | None = None,
        quantity: Quantity | None = None,
        claimant: str | None = None,
        **extra: object,
    ) -> Claim:
        claim = Claim(
            document_id=self.document_id,
            kind=kind,
            scope=scope,
            quantity=quantity,
            claimant=claimant or self.claimant,
            spans=spans,
            **extra,
        )
        self.claims.append(claim)
        return claim

    def event_claimant(self) -> str:
        """Event claims carry the sentence's own speaker only."""
        return self.speaker or ("media" if self.is_title else "unknown")


def build(unit: Unit, tokens: list[Token], lex: Lexicon, document_id: str) -> Sentence:
    marks = lex.marks(tokens)
    index = [_prefixes(row) for row in marks]
    s = Sentence(unit, tokens, marks, lex, document_id)
    s.index = index
    s.present = frozenset().union(*index) if index else _NONE
    return s


_NONE: frozenset[str] = frozenset()


def _prefixes(row: list[Mark]) -> frozenset[str]:
    if not row:
        return _NONE
    if len(row) == 1:
        return row[0].entry.prefixes
    return frozenset().union(*(m.entry.prefixes for m in row))


def _token_start(token: Token) -> int:
    return token.start
