"""The uk grammar: the Ukrainian Air Force's nightly summaries (and news quotes of them)
read into claims with spans.

Rules run in order (``RULES``); ``ExtractOptions.disabled_rules`` switches one off by name.
A post with no attack figure (a live alert, a thank-you post) yields no claims.
"""

from __future__ import annotations

from collections.abc import Callable

from skyledger.extract.options import ExtractOptions
from skyledger.extract.uk import build
from skyledger.extract.uk.context import Context
from skyledger.extract.uk.figures import (
    check_launched_downed,
    figure_claims,
    read_items,
    tallies,
)
from skyledger.extract.uk.impacts import casualty_claims, impact_claims, infrastructure_claims
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.places import place_claims
from skyledger.extract.uk.window import read_window
from skyledger.models import Claim, Document, Extraction

Rule = Callable[[Context], list[Claim]]

FIGURE_KINDS = frozenset({"launched", "downed", "lost", "hit_locations", "debris_locations"})


def _window(ctx: Context) -> list[Claim]:
    ctx.window = read_window(ctx)
    return []


def _figures(ctx: Context) -> list[Claim]:
    tally = tallies(ctx, read_items(ctx))
    check_launched_downed(ctx, tally)
    return figure_claims(ctx, tally)


RULES: list[tuple[str, Rule]] = [
    ("window", _window),
    ("figures", _figures),
    ("impacts", impact_claims),
    ("casualties", casualty_claims),
    ("places", place_claims),
    ("infrastructure", infrastructure_claims),
]


def extract(doc: Document, options: ExtractOptions) -> Extraction:
    """Every claim of one Air Force report, with spans into ``doc.text``."""
    ctx = Context.of(doc)
    claims: list[Claim] = []
    for name, rule in RULES:
        if options.enabled(name):
            claims.extend(rule(ctx))
    figures = [c for c in claims if c.kind in FIGURE_KINDS]
    if not figures:
        return _alert(ctx)
    attack = ctx.claim("air_attack", [], spans=figures[0].spans[:1])  # the first figure's words
    claims = [_flagged(ctx, c) for c in claims] + [attack]
    return build.extraction(doc.id, doc.lang, tuple(claims), ctx.window, tuple(ctx.inconsistencies))


def _alert(ctx: Context) -> Extraction:
    """A post with no figure: an ``air_attack`` claim if it reports an attack under way (a live
    alert), else nothing (a thank-you post)."""
    doc = ctx.doc
    found = lexicon().alert.search(ctx.report.norm)
    if found is None:
        return Extraction(document_id=doc.id, lang=doc.lang)
    attack = ctx.claim("air_attack", [(found.start(), found.end())])
    return Extraction(document_id=doc.id, lang=doc.lang, claims=(attack,), window=ctx.window)


def _flagged(ctx: Context, claim: Claim) -> Claim:
    flag = ctx.flagged.get(claim.key)
    return claim.model_copy(update={"flags": (*claim.flags, flag)}) if flag else claim
