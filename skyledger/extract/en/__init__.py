"""The English news grammar: an article (title and body) to claims with spans and claimants.

Rule sets run in a fixed, named order (``RULES``); ``ExtractOptions.disabled_rules`` switches
one off by name. Each reads one sentence (a ``Reading``) and adds claims to it; the article-wide
steps (casualty choice, nuclear statements, sums, time) run after.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from skyledger.extract.en import events, figures, impacts, targets
from skyledger.extract.en.claimants import claimants_of
from skyledger.extract.en.clauses import other_day, other_time, other_year, over_russia
from skyledger.extract.en.common import Reading
from skyledger.extract.en.text import units_of
from skyledger.extract.en.totals import derive_totals, inconsistencies
from skyledger.extract.en.window import local_date, read_window
from skyledger.extract.options import ExtractOptions
from skyledger.models import Claim, Document, Extraction

Rule = Callable[[Reading], None]

#: (name, rule, runs on sentences set aside: True always, "russia" when only Russia as target
#: set them aside — Moscow's word on the strike often names Ukraine's attacks on Russia)
RULES: tuple[tuple[str, Rule, bool | str], ...] = (
    ("figures", figures.read_figures, False),
    ("unnumbered", figures.unnumbered, False),
    ("locations", impacts.read_locations, False),
    ("infrastructure", events.read_infrastructure, False),
    ("nuclear", events.read_nuclear, False),
    ("talks", events.read_talks, True),
    ("call", events.read_call, True),
    ("frontline", events.read_frontline, False),
    ("counterclaim", events.read_counterclaim, "russia"),
    ("attack", events.read_attack, False),
    ("places_hit", targets.read_places_hit, False),
    ("launch_areas", targets.read_launch_areas, False),
)


def _readings(doc: Document) -> list[Reading]:
    units = units_of(doc)
    day = local_date(doc.published_at)
    year = day.year if day else None
    weekday = day.weekday() if day else None
    out = []
    for unit, (speaker, claimant) in zip(units, claimants_of(units), strict=True):
        text = unit.text
        timed = other_time(text) or other_year(text, year) or other_day(text, weekday)
        reason = "time" if timed else "russia" if over_russia(text) else ""
        out.append(
            Reading(unit, speaker, claimant, doc.id, aside=bool(reason), aside_reason=reason)
        )
    return out


def _read(readings: list[Reading], options: ExtractOptions) -> None:
    casualties = []
    previous: Reading | None = None
    for r in readings:
        for name, rule, on_aside in RULES:
            if options.enabled(name) and (not r.aside or on_aside in (True, r.aside_reason)):
                rule(r)
                if name == "figures":
                    figures.all_of_them(r, previous)
                    figures.follow_on(r, previous)
                if name == "locations" and options.enabled("casualties"):
                    casualties.extend(impacts.read_casualties(r, previous))
        previous = r
    impacts.choose_casualties(casualties)
    if options.enabled("figures"):
        figures.release_local(readings)
        figures.definite_model(readings)
    kinds = {(c.kind, c.category) for r in readings for c in r.claims}
    if ("talks", None) in kinds and options.enabled("talks"):
        for r in readings:
            events.talks_statement(r)
    if options.enabled("counterclaim"):
        for previous, r in itertools.pairwise(readings):
            events.counterclaim_answer(r, previous)
    if ("call", None) in kinds and options.enabled("call"):
        for r in readings:
            events.call_statement(r)
    lost = any(kind == "nuclear_power_loss" for kind, _ in kinds)
    if lost or ("infrastructure_hit", "nuclear_plant") in kinds:
        for r in readings:
            if r.aside_reason != "time":
                events.nuclear_statement(r, lost)


def extract(doc: Document, options: ExtractOptions) -> Extraction:
    """Every claim an English article makes, in text order, with derived sums and the window."""
    readings = _readings(doc)
    _read(readings, options)
    claims: list[Claim] = [c for r in readings for c in r.claims]
    if options.enabled("totals"):
        claims += derive_totals(doc.id, claims)
    texts = [(r.text, any(c.kind in ("launched", "downed", "lost") for c in r.claims))
             for r in readings if not r.aside]  # fmt: skip
    window = read_window(texts, doc.published_at) if options.enabled("window") else None
    return Extraction(
        document_id=doc.id,
        lang=doc.lang,
        claims=tuple(claims),
        window=window,
        inconsistencies=inconsistencies(claims),
    )
