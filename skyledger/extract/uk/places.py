"""Places: one Aho-Corasick pass over the gazetteer's case forms
(``resources/gazetteer/uk_places.tsv``), then the role each mention plays, read from the
nearest cue word before it: a target ("атакував Київ", "Основний напрямок удару –
Київщина", "у бік столиці") or a launch area ("із напрямків: Курськ", "(район пуску –
Вологодська обл.)"). Adjectival forms ("Курської", "Київській") name a region only when
"обл."/"область" follows them, possibly after a list ("з Брянської та Курської обл.")."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache, lru_cache

from skyledger.extract.uk.context import Context
from skyledger.extract.uk.gazetteer import GAZETTEER, Found
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.text import Sentence
from skyledger.extract.weapons import normalize
from skyledger.models import Claim

_OBLAST_WORDS = ("обл", "область", "області", "областей", "областях", "обл.", "морів", "морях")
_OWN_OBLAST = ("область", "області", "областю")
_MAX_UNKNOWN = 2


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str
    adjective: bool


def place_claims(ctx: Context) -> list[Claim]:
    """``place_hit`` and ``launch_area`` claims (one per sentence and role, listing its
    places) for the places whose role the text fixes."""
    report = ctx.report
    by_sentence: dict[int, list[Found]] = {}
    for found in report.places:
        by_sentence.setdefault(report.sentence_index(found[0]), []).append(found)
    directions = set()
    pos = report.norm.find("напрям")
    while pos >= 0:
        directions.add(report.sentence_index(pos))
        pos = report.norm.find("напрям", pos + 6)
    for index in directions:
        by_sentence.setdefault(index, [])
    out: list[Claim] = []
    for index, raw in sorted(by_sentence.items()):
        sentence = report.sentences[index]
        mentions = _resolve(sentence, raw)
        taken = _taken(sentence, mentions)
        if index in directions:
            mentions += _misspelt(ctx, sentence, taken)
            taken = _taken(sentence, mentions)
        roles = _roles(ctx, index, sentence, mentions, taken)
        for role, group in roles.items():
            places = tuple(dict.fromkeys(m.name for m in group))
            out.append(ctx.claim(role, [(m.start, m.end) for m in group], places=places))
    return out


def _roles(
    ctx: Context, index: int, sentence: Sentence, mentions: list[Mention], taken: set[int]
) -> dict[str, list[Mention]]:
    """The mentions of one sentence by role. With no cue before it, a place inside brackets
    after a launched group is its launch area ("– 8 ракет Іскандер-М (Курська обл.)"), and a
    place in a sentence that reports damage or casualties was hit ("На Сумщині є загиблі")."""
    roles: dict[str, list[Mention]] = {}
    impact: bool | None = None
    walk = _walk(sentence.words, taken)
    for mention in mentions:
        role = _role(sentence, mention, walk)
        if role == "(":
            role = "launch_area" if ctx.measures.get(index) == "launched" else "?"
        if role == "?":
            if impact is None:
                found = lexicon().impact.search(ctx.report.norm, sentence.start, sentence.end)
                impact = found is not None
            role = "place_hit" if impact else ""
        if role:
            roles.setdefault(role, []).append(mention)
            if role == "place_hit":
                roles[role].extend(_own_oblast(sentence, mention))
    return roles


def _own_oblast(sentence: Sentence, mention: Mention) -> list[Mention]:
    """ "атакував Запоріжжя та область": the city's oblast too."""
    i = bisect.bisect_left(sentence.starts, mention.end)
    words = sentence.words
    if i + 1 < len(words) and words[i] in ("та", "і", "й") and words[i + 1] in _OWN_OBLAST:
        oblast = _oblasts().get(mention.name)
        if oblast and oblast != mention.name:
            start, end, _w = sentence.tokens[i + 1]
            return [Mention(start, end, oblast, False)]
    return []


@cache
def _oblasts() -> dict[str, str]:
    from skyledger.resources import load_tsv

    return {row["name"]: row["oblast"] for row in load_tsv(GAZETTEER)}


_FUZZY_SCORE = 85
_DIRECTIONS = ("напрямків", "напрямів", "напрямами")


def _misspelt(ctx: Context, sentence: Sentence, taken: set[int]) -> list[Mention]:
    """Capitalised words of a direction list ("із напрямків: Міллерева, Курськ") that the
    gazetteer does not know, matched to the nearest known form (rapidfuzz, score ≥ 85, same
    first letter): posts are typed in a hurry."""
    words = sentence.words
    try:
        first = next(i for i, w in enumerate(words) if w in _DIRECTIONS)
    except StopIteration:
        return []
    out: list[Mention] = []
    text = ctx.report.text
    for i in range(first + 1, len(words)):
        start, end, word = sentence.tokens[i]
        if i in taken or len(word) < 5 or not text[start].isupper() or _cue(word) != "unknown":
            continue
        name = _nearest_form(word)
        if name is not None:
            out.append(Mention(start, end, name, False))
    return out


@lru_cache(maxsize=4096)
def _nearest_form(word: str) -> str | None:
    from rapidfuzz import fuzz, process

    forms = _noun_forms()
    found = process.extractOne(word, list(forms), scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE)
    if found is None or found[0][0] != word[0]:
        return None
    return forms[found[0]]


@cache
def _noun_forms() -> dict[str, str]:
    """Every one-word noun form of the gazetteer → its place."""
    from skyledger.resources import load_tsv

    out: dict[str, str] = {}
    for row in load_tsv(GAZETTEER):
        for form in row["forms"].split(";"):
            if form and " " not in form:
                out.setdefault(normalize(form), row["name"])
    return out


def _taken(sentence: Sentence, mentions: list[Mention]) -> set[int]:
    """Indices of the tokens inside place mentions."""
    starts = sentence.starts
    out: set[int] = set()
    for m in mentions:
        out.update(range(bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end)))
    return out


def _resolve(sentence: Sentence, raw: list[Found]) -> list[Mention]:
    """Pick the reading of each form: a region adjective before "обл.", else a noun form."""
    out: list[Mention] = []
    follows = _oblast_follows(sentence, raw)
    for (start, end, values), oblast in zip(raw, follows, strict=True):
        adjectives = [name for name, adj in values if adj]
        nouns = [name for name, adj in values if not adj]
        if adjectives and oblast:
            out.append(Mention(start, end, adjectives[0], True))
        elif nouns:
            out.append(Mention(start, end, nouns[0], False))
    return out


#: What may stand between a region adjective and its "області" in a list ("Сумської,
#: Харківської та Полтавської областей").
_LIST_WORDS = frozenset((",", "та", "і", "й"))


def _oblast_follows(sentence: Sentence, raw: list[Found]) -> list[bool]:
    """For each place found, whether an oblast word follows it across a list of places and
    the words that join them; read once per sentence from its end (walking on from each place
    of a long list was quadratic in it)."""
    tokens, starts = sentence.tokens, sentence.starts
    placed = [False] * len(tokens)  # a token that starts inside a place found
    for start, end, _ in raw:
        for i in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            placed[i] = True
    follows = [False] * (len(tokens) + 1)  # from token i on, the list ends in an oblast word
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i][2]
        if word in _OBLAST_WORDS:
            follows[i] = True
        elif placed[i] or word in _LIST_WORDS:
            follows[i] = follows[i + 1]
    return [follows[bisect.bisect_left(starts, end)] for _, end, _ in raw]


@dataclass(frozen=True, slots=True)
class _Walk:
    """What ``_role`` reads walking back from a place, computed once per sentence (walking
    word by word from every place would be quadratic in a long sentence): ``back[i]`` is the
    nearest word at or before ``i`` that is read as a cue (not a skipped word, a taken place
    or "("), or -1; ``opens[i]`` counts the untaken "(" up to ``i``; ``opened[i]`` tells
    whether word ``i`` lies inside an open bracket."""

    back: list[int]
    opens: list[int]
    opened: list[bool]


def _walk(words: list[str], taken: set[int]) -> _Walk:
    back, opens, opened = [], [], []
    last, count, inside = -1, 0, False
    for i, word in enumerate(words):
        if word == ")":
            inside = False
        elif word == "(":
            inside = True
            count += i not in taken
        if i not in taken and word != "(" and _cue(word) != "skip":
            last = i
        back.append(last)
        opens.append(count)
        opened.append(inside)
    return _Walk(back, opens, opened)


def _role(sentence: Sentence, mention: Mention, walk: _Walk) -> str:
    """The role of the nearest cue before a place: a claim kind, "" for none, "(" for a place
    in brackets with no launch cue before it, "?" when no cue is near. A target verb outside
    the brackets does not reach into them ("атакував 8 ракетами (Курська обл.)")."""
    i = bisect.bisect_left(sentence.starts, mention.start) - 1
    unknown, bracket = 0, False
    words = sentence.words
    while i >= 0:
        j = walk.back[i]  # the words after j up to i are passed over
        if walk.opens[i] - (walk.opens[j] if j >= 0 else 0) > 0:
            bracket = True
        if j < 0:
            break
        i = j - 1
        cue = _cue(words[j])
        if cue == "launch_area":
            cue = _launch_cue(words, j)
        if cue != "unknown":
            return "(" if bracket and cue != "launch_area" else cue
        unknown += 1
        if unknown > _MAX_UNKNOWN:
            bracket = bracket or (i >= 0 and walk.opened[i])
            break
    return "(" if bracket else "?"


def _launch_cue(words: list[str], i: int) -> str:
    """ "у напрямку Одещини" is where they flew (a target); "з них 66 – над столицею" is no
    launch area."""
    if words[i] == "напрямку" and i > 0 and words[i - 1] in ("у", "в"):
        return "place_hit"
    if i + 1 < len(words) and words[i + 1] == "них":
        return ""
    return "launch_area"


@lru_cache(maxsize=4096)
def _cue(word: str) -> str:
    """What a word says about the place after it: a claim kind, "" for none, "skip" or
    "unknown"."""
    lex = lexicon()
    if word in lex.skip or not word[0].isalpha():
        return "skip"
    for role, kind in (("none", ""), ("target", "place_hit"), ("launch", "launch_area")):
        if lex.cues[role].match(word):
            return kind
    return "unknown"
