"""Impacts: "зафіксовано влучання … на 20 локаціях, падіння збитих (уламки) на 9 локаціях",
and reports of people killed or injured ("є загиблі та постраждалі")."""

from __future__ import annotations

import re
from functools import cache

from skyledger.extract.numbers import number_words, read_number
from skyledger.extract.uk.context import Context
from skyledger.models import Claim, Quantity


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = "|".join(sorted((re.escape(w) for w in number_words()), key=len, reverse=True))
    number = rf"(?P<n>\d+|(?:(?:{words})\s?)+)"
    return {
        "hit": re.compile(r"(?<!\w)влучан\w*"),
        "debris": re.compile(r"(?<!\w)падінн\w*"),
        "places": re.compile(rf"(?<!\w)(?:на|у|в)\s*{number}\s+локаці\w*"),
        "first": re.compile(rf"(?<!\w)(?:на|у|в)\s*{number}(?!\s*[\d:.]\d)(?!\w)"),
    }


def _value(text: str) -> int | None:
    words = text.split()
    found = read_number(words, 0)
    return found[0] if found else None


def impact_claims(ctx: Context) -> list[Claim]:
    """Hit and debris location counts, one pair per sentence that reports them."""
    out: list[Claim] = []
    pats, norm = _patterns(), ctx.report.norm
    for sentence in ctx.report.sentences:
        s, e = sentence.start, sentence.end
        hit = pats["hit"].search(norm, s, e)
        debris = pats["debris"].search(norm, s, e)
        if hit is not None:
            stop = debris.start() if debris is not None and debris.start() > hit.start() else e
            found = list(pats["places"].finditer(norm, hit.end(), stop))
            out.extend(_sum_claim(ctx, "hit_locations", found))
        if debris is not None:
            first = pats["first"].search(norm, debris.end(), e)
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
    return [ctx.claim(kind, offsets, None, Quantity(exact=total, wording=wording))]


def casualty_claims(ctx: Context) -> list[Claim]:
    """A ``killed``/``wounded`` claim without figure for each sentence reporting casualties."""
    from skyledger.extract.uk.lexicon import lexicon

    lex, norm, out = lexicon(), ctx.report.norm, []
    for sentence in ctx.report.sentences:
        s, e = sentence.start, sentence.end
        if lex.negation.search(norm, s, e):
            continue
        for kind, pattern in (("killed", lex.killed), ("wounded", lex.wounded)):
            m = pattern.search(norm, s, e)
            if m is not None:
                out.append(ctx.claim(kind, [(m.start(), m.end())]))
    return out
