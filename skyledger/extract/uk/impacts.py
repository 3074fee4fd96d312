"""Impacts: "зафіксовано влучання … на 20 локаціях, падіння збитих (уламки) на 9 локаціях",
and reports of people killed or injured ("є загиблі та постраждалі")."""

from __future__ import annotations

import re
from functools import cache

from skyledger.extract.uk import build
from skyledger.extract.uk.context import Context
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.numbers import number_words, read_number
from skyledger.models import Claim


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = "|".join(sorted((re.escape(w) for w in number_words()), key=len, reverse=True))
    number = rf"(?P<n>\d+|(?:(?:{words})\s?)+)(?:-\w{{1,3}})?"
    return {
        "hit": re.compile(r"(?<!\w)влучан\w*"),
        "places": re.compile(rf"(?<!\w)(?:на|у|в)\s*{number}\s+(?:локаці|місц)\w*"),
        "first": re.compile(rf"(?<!\w)(?:на|у|в)\s*{number}(?!\s*[\d:.]\d)(?!\w)"),
    }


def _value(text: str) -> int | None:
    words = text.split()
    found = read_number(words, 0)
    return found[0] if found else None


def impact_claims(ctx: Context) -> list[Claim]:
    """Hit and debris location counts, one pair per sentence that reports them."""
    out: list[Claim] = []
    pats, report = _patterns(), ctx.report
    norm = report.norm
    cues: dict[int, dict[str, re.Match[str]]] = {}
    for kind, pattern in (("hit", pats["hit"]), ("debris", lexicon().debris)):
        for m in _cues(norm, pattern, lexicon().impact_stems[kind]):
            cues.setdefault(report.sentence_index(m.start()), {}).setdefault(kind, m)
    for index, found in sorted(cues.items()):
        out.extend(_sentence_impacts(ctx, report.sentences[index].end, found))
    return out


def _cues(norm: str, pattern: re.Pattern[str], stems: tuple[str, ...]) -> list[re.Match[str]]:
    """Matches of a cue pattern, tried only where one of its literal stems occurs."""
    out: list[re.Match[str]] = []
    for stem in stems:
        pos = norm.find(stem)
        while pos >= 0:
            m = pattern.match(norm, pos)
            if m is not None:
                out.append(m)
            pos = norm.find(stem, pos + len(stem))
    return sorted(out, key=lambda m: m.start()) if len(stems) > 1 else out


def _sentence_impacts(ctx: Context, end: int, found: dict[str, re.Match[str]]) -> list[Claim]:
    """ "влучання … на 16 локаціях, падіння уламків – на 3": the hit counts up to the debris
    cue, the debris count after it, or right before it ("а на трьох локаціях – падіння
    уламків")."""
    pats, norm = _patterns(), ctx.report.norm
    hit, debris = found.get("hit"), found.get("debris")
    out: list[Claim] = []
    before: re.Match[str] | None = None
    if hit is not None:
        stop = debris.start() if debris is not None and debris.start() > hit.start() else end
        places = list(pats["places"].finditer(norm, hit.end(), stop))
        if places and stop != end and not norm[places[-1].end() : stop].strip(" -:"):
            before = places.pop()
        out.extend(_sum_claim(ctx, "hit_locations", places))
    if debris is not None:
        first = pats["first"].search(norm, debris.end(), end) or before
        out.extend(_sum_claim(ctx, "debris_locations", [first] if first else []))
    return out


def _sum_claim(ctx: Context, kind: str, found: list[re.Match[str]]) -> list[Claim]:
    values = [(m, _value(m.group("n"))) for m in found]
    values = [(m, v) for m, v in values if v is not None]
    if not values:
        return []
    total = sum(v for _, v in values if v is not None)
    wording = " + ".join(m.group("n").strip() for m, _ in values)
    offsets = [(m.start("n"), m.start("n") + len(m.group("n").rstrip())) for m, _ in values]
    return [ctx.claim(kind, offsets, None, build.exact(total, wording))]


def casualty_claims(ctx: Context) -> list[Claim]:
    """A ``killed``/``wounded`` claim without figure for each sentence reporting casualties."""
    lex, report = lexicon(), ctx.report
    out: list[Claim] = []
    if not any(stem in report.norm for stem in lex.casualty_stems):
        return out
    seen: set[tuple[str, int]] = set()
    for kind, pattern in (("killed", lex.killed), ("wounded", lex.wounded)):
        for m in pattern.finditer(report.norm):
            index = report.sentence_index(m.start())
            sentence = report.sentences[index]
            if (kind, index) in seen or lex.negation.search(
                report.norm, sentence.start, sentence.end
            ):
                continue
            seen.add((kind, index))
            out.append(ctx.claim(kind, [(m.start(), m.end())]))
    return out


def infrastructure_claims(ctx: Context) -> list[Claim]:
    """An ``infrastructure_hit`` claim per category a sentence names as struck or targeted
    ("удару по енергетичних об'єктах", "основна ціль – газовидобувна інфраструктура",
    "пошкоджено портову інфраструктуру")."""
    lex, report = lexicon(), ctx.report
    norm = report.norm
    out: list[Claim] = []
    seen: set[str] = set()
    starts = report.infra_starts
    for start in starts:
        if start and norm[start - 1].isalnum():
            continue
        for category, pattern in lex.infrastructure.items():
            m = pattern.match(norm, start)
            if m is None or category in seen:
                continue
            sentence = report.sentences[report.sentence_index(start)]
            if lex.strike.search(norm, sentence.start, sentence.end):
                seen.add(category)
                out.append(ctx.claim("infrastructure_hit", [(start, m.end())], category=category))
    return out
