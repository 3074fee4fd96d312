"""From attached groups to claims: launched / downed / lost weapons, locations hit, people.

Parts of a whole give only their model key ("40 missiles, including 20 Kh-101"); several models
of one class give model keys and leave the class to the sum; "51 of the 67" states the whole as
launched; "all 14 were shot down" states both; a bound before the first of coordinated figures
carries to the next; a figure aimed at one place is held back in case the text gives a
country-wide one.
"""

from __future__ import annotations

import itertools

from skyledger.extract.news.aside import launch_point
from skyledger.extract.news.groups import ANAPHOR, GENERIC, LOCATIONS, PEOPLE, WEAPON, Group
from skyledger.extract.news.numbers import make_quantity
from skyledger.extract.news.predicates import Item
from skyledger.extract.news.sentence import Sentence
from skyledger.models import Claim, Quantity
from skyledger.resources import weapons

WEAPON_MEASURES = ("launched", "downed", "lost")


def resolve(s: Sentence, items: list[Item], context: tuple[str, str | None] | None) -> list[Item]:
    """Anaphors take the noun of the weapon group before them in the sentence, or the one
    weapon scope the sentence before counted (``context``); a bound before the first of
    coordinated figures carries to the next."""
    out = _resolve(s, items, context)
    if s.aside == "russia":  # only the clauses about Russia as the target are set aside
        out = [i for i in out if not _clause_about_russia(s, i)]
    carry_bounds(s, out)
    return out


def _resolve(s: Sentence, items: list[Item], context: tuple[str, str | None] | None) -> list[Item]:
    out: list[Item] = []
    for item in items:
        if item.kind == ANAPHOR and _clause_about_russia(s, item):
            continue
        if item.kind == ANAPHOR:
            prev = next((i for i in reversed(out) if i.kind == WEAPON), None)
            scopes = {i.scope for i in out if i.kind == WEAPON}
            if prev is not None and (len(scopes) == 1 or _near(s, prev.group, item.group)):
                item.kind, item.scope, item.model = WEAPON, prev.scope, prev.model
                item.antecedent = prev
            elif prev is None and context is not None:
                item.kind, (item.scope, item.model) = WEAPON, context
            else:
                continue
        out.append(item)
    return out


def _clause_about_russia(s: Sentence, item: Item) -> bool:
    from skyledger.extract.news.predicates import clause_of, clause_starts

    lo, hi = clause_of(clause_starts(s), item.group.first, len(s.tokens))
    if any(s.mark(k, "aside.over_russia") and not launch_point(s, k) for k in range(lo, hi)):
        return True
    start, end = s.tokens[lo].start, s.tokens[hi - 1].end
    return any(p.role == "abroad" and start <= p.start < end for p in s.places)


def _near(s: Sentence, a: Group, b: Group) -> bool:
    return b.first - a.last <= 6


def _mark_parts(s: Sentence, items: list[Item]) -> None:
    """A weapon group after "including" or "among them" is part of the group before it, of the
    same measure; a group listed right after a part is a part too ("including 20 Kh-101 and 10
    Kalibr"). Drones are never part of a missile figure, nor missiles of a drone figure."""
    whole: Item | None = None
    previous: Item | None = None
    for item in items:
        g = item.group
        if g.part and previous is not None and previous.measure == item.measure:
            parent = not previous.group.part or (
                previous.model is None and previous.scope == item.scope
            )  # "з них 38 ракет (35 крилатих і 3 балістичні)": the missiles are theirs
            whole = previous if parent else whole
        elif g.part:
            whole = None
        elif previous is not None and previous.group.part and _listed(s, previous.group, g):
            g.part = True
        if g.part and (whole is None or {whole.scope, item.scope} == {"drones", "missiles"}):
            g.part = False
        item.parent_scope = whole.scope if g.part and whole is not None else None
        previous = item


def _listed(s: Sentence, a: Group, b: Group) -> bool:
    return all(
        s.tokens[k].text == "," or s.mark(k, "numbers.joiners") for k in range(a.last, b.first)
    )


def carry_bounds(s: Sentence, items: list[Item]) -> None:
    """ "at least 127 missiles and 109 drones", "at least two people were killed and 17
    injured": the bound carries; "killed at least 12 people and wounded 48" does not."""
    for prev, item in itertools.pairwise(items):
        p, g = prev.group, item.group
        if p.number is None or g.number is None or g.number.bound or not p.number.bound:
            continue
        if g.part:
            continue  # "at least 25 people, including three children": the part is stated
        if g.quantity is None or g.quantity.exact is None or prev.kind != item.kind:
            continue
        shared = prev.predicate is item.predicate or (prev.after and item.after)
        if shared and (_listed(s, p, g) or prev.after):
            item.group.quantity = make_quantity(
                p.number.bound, g.quantity.exact, g.quantity.wording
            )


def _aimed_before(s: Sentence, g: Group) -> bool:
    """A clause that opens with its target: a target word and a place before the group, with
    nothing but words between ("По Києву ворог запустив 40 дронів")."""
    from skyledger.extract.news.predicates import clause_of, clause_starts

    lo, _hi = clause_of(clause_starts(s), g.first, len(s.tokens))
    target = s.mark(lo, "scope.target")
    if target is None or target.last >= g.first:
        return False
    start = s.tokens[target.last].start
    if not any(p.start == start and p.in_ukraine for p in s.places):
        return False
    return all(t.kind == "word" for t in s.tokens[target.last : g.first])


def is_local(s: Sentence, g: Group) -> bool:
    """A weapon figure aimed at one place: "30 missiles at Kyiv", "over the Odesa region"."""
    k = g.last
    relative = s.mark(k, "scope.relative")
    if relative is not None:  # "…, які летіли на Вінницю": a relative clause aims the figure
        aimed = next((s.mark(j, "scope.aimed") for j in range(relative.last, relative.last + 4)
                      if s.mark(j, "scope.aimed")), None)  # fmt: skip
        if aimed is None:
            return False
        k = aimed.first
    if _aimed_before(s, g):
        return True  # "По Києву ворог запустив 40 дронів"
    aimed = s.mark(k, "scope.aimed")
    subject = k + 1 < len(s.tokens) and s.tokens[k].kind == "word"
    if aimed is None and subject and not s.mark(k, "numbers.joiners"):
        aimed = s.mark(k + 1, "scope.aimed")  # "10 ракет ворог спрямував у бік Одеси"
    if aimed is not None and s.mark(aimed.last, "scope.target") is not None:
        k = aimed.last  # "8 Kalibr missiles aimed at the capital"
    target = s.mark(k, "scope.target")
    if target is None:
        return False
    k = target.last - 1  # "у бік Вінниці": the place after the whole phrase
    end = min(len(s.tokens), k + 5)
    start, stop = s.tokens[k].end, s.tokens[end - 1].end
    if any(s.mark(t, "scope.place_nouns") for t in range(k + 1, min(end, k + 4))):
        return True  # "over his region", "at the capital"
    return any(start <= p.start < stop and p.name != "Ukraine" for p in s.places)


def _merge(s: Sentence, items: list[Item]) -> list[Item]:
    """Add each jammed figure to the shot-down figure of its scope before it."""
    out: list[Item] = []
    for item in items:
        shot = next(
            (i for i in reversed(out) if i.measure == "downed" and i.scope == item.scope), None
        )
        q, p = item.group.quantity, shot.group.quantity if shot else None
        if item.merge and shot is not None and q is not None and p is not None:
            wording = s.words(shot.group.first, item.group.last)
            shot.group.quantity = Quantity.model_validate(
                {**(p + q).model_dump(), "wording": wording}
            )
            continue
        out.append(item)
    return out


def _struck(item: Item) -> bool:
    """ "Two missiles struck the city": held like one place's figure (a launch figure only
    when the text gives none)."""
    return item.predicate is not None and item.predicate.leaf == "struck"


def _class_allowed(item: Item, items: list[Item]) -> bool:
    """A part of a class figure, or one of several model figures of one class, gives only its
    model key (the class figure is stated, or their sum); a part of a total keeps its class
    ("537 weapons, including 477 drones and 60 missiles")."""
    if item.group.part and item.parent_scope != "total":
        return False
    if item.model is not None and item.model not in GENERIC and item.scope == "missiles":
        return False  # "30 of 36 Kh-101 cruise missiles": missiles are the sum of the models
    same = [
        i for i in items
        if i.kind == WEAPON and i.measure == item.measure and i.scope == item.scope
        and not i.group.part
    ]  # fmt: skip
    return not (len(same) > 1 and all(i.model for i in same))


def read_weapons(s: Sentence, items: list[Item]) -> None:
    """Add the sentence's launched / downed / lost claims; one place's figures are held."""
    weapons = [i for i in items if i.kind == WEAPON and i.measure in WEAPON_MEASURES]
    if not weapons or s.speaker in ("ru_mod", "ru_officials"):
        return
    _mark_parts(s, weapons)
    weapons = _merge(s, weapons)
    alone = s.has("scope.alone")
    local = [alone or is_local(s, i.group) or _struck(i) for i in weapons]
    for n, item in enumerate(weapons):  # "fired 31 missiles at Kyiv … shot down 21 of them"
        if item.antecedent in weapons and local[weapons.index(item.antecedent)]:
            local[n] = True
    if any(local):
        first, last = weapons[0].group, weapons[-1].group
        s.add("air_attack", (s.token_span(first.first, last.last),), flags=("local_figure",))
    launched = {i.scope for i in weapons if i.measure == "launched"}
    every = _all_downed(s, weapons)
    for item, held in zip(weapons, local, strict=True):
        if item.group.own_side or (item.group.singular and _lone_singular(item, weapons)):
            continue
        if item.scope not in ("drones", "missiles", "total"):
            continue  # guided bombs and loitering munitions are neither
        before = len(s.claims)
        _emit(s, item, _class_allowed(item, weapons), launched - {item.scope}, item in every)
        if held:
            s.held.extend(
                c.model_copy(update={"flags": ("local_figure",)}) for c in s.claims[before:]
            )
            del s.claims[before:]


def _lone_singular(item: Item, items: list[Item]) -> bool:
    """ "a missile hit the hospital as Russia fired 38 missiles": the singular is one of the
    38, not a figure; "a ballistic missile and 126 drones" is one."""
    numbered = {(i.measure, i.scope) for i in items if not i.group.singular}
    if (item.measure, item.scope) in numbered:
        return item.model is None
    return not any(i.measure == item.measure for i in items if i is not item)


def _all_downed(s: Sentence, items: list[Item]) -> list[Item]:
    """ "downed 66 out of 78 drones and four missiles launched by Russia", "destroyed all 14
    drones and one missile launched at Ukraine": a downed figure listed after one that states
    its whole, with the launch participle after it, is every weapon of its kind launched."""
    out: list[Item] = []
    for prev, item in itertools.pairwise(items):
        p, g = prev.group, item.group
        if prev.measure != "downed" or item.measure != "downed" or g.number is None:
            continue
        if prev.after or item.after:
            continue  # the objects of a downing verb before them, not a subject
        if p.number is None or not (p.number.whole or p.number.all_) or g.number.whole:
            continue
        if not _listed(s, p, g) or not _launch_after(s, g.last):
            continue
        out.append(item)
    return out


def _launch_after(s: Sentence, end: int) -> bool:
    """A launch participle at token ``end``, right after a group ("… launched by Russia")."""
    return end < len(s.tokens) and s.mark(end, "launch_participle") is not None


def _emit(
    s: Sentence, item: Item, with_class: bool, launched: set[str | None], every: bool = False
) -> None:
    g = item.group
    span = (s.token_span(g.first, g.last),)
    scopes = [item.scope] if with_class and item.scope else []
    if item.model:
        scopes.append(f"model:{item.model}")
    q = g.quantity
    for scope in scopes:
        s.add(item.measure, span, scope=scope, quantity=q)
        whole = g.number.whole if g.number else None
        if whole is not None and item.measure != "launched" and scope not in launched:
            s.add("launched", span, scope=scope, quantity=whole)
        every = every or (g.number is not None and g.number.all_)
        if every and item.measure == "downed" and q is not None and scope not in launched:
            s.add("launched", span, scope=scope, quantity=q)
    if not scopes and q is None:
        s.add(item.measure, span)


def read_locations(s: Sentence, items: list[Item]) -> None:
    """ "hit 29 locations", "debris fell at 26 sites"."""
    for item in items:
        if item.kind != LOCATIONS or item.group.quantity is None:
            continue
        g = item.group
        s.add(item.measure, (s.token_span(g.first, g.last),), quantity=g.quantity)


def people(items: list[Item]) -> list[Item]:
    return [i for i in items if i.kind == PEOPLE and i.measure in ("killed", "wounded")]


def _weapon_word(s: Sentence) -> tuple[int, int] | None:
    """The first weapon noun or model name of a sentence, as a token range."""
    if not (s.has("heads") or s.has("singular_heads") or s.has("weapons")):
        return None
    for k in range(len(s.tokens)):
        m = s.mark(k, "heads") or s.mark(k, "singular_heads") or s.mark(k, "weapons")
        if m is not None and not s.mark(m.last, "compound_tails"):
            return m.first, m.last
    return None


def unnumbered(s: Sentence) -> None:
    """ "intercepted most of the drones", "missiles were flying toward …": events, no figure."""
    kinds = {c.kind for c in s.claims}
    found = _weapon_word(s)
    if found is None:
        return
    span = (s.token_span(*found),)
    preds = {m.leaf for m in s.find("predicates")}
    if "downed" not in kinds and "downed" in preds:
        s.add("downed", span)
    if not kinds & {"launched", "air_attack"} and preds & {"launched", "attacked"}:
        s.add("air_attack", span)


def all_of_them(s: Sentence, previous: Sentence | None) -> None:
    """ "…launched 12 missiles, all of them were destroyed", or "All of them were shot down."
    opening the sentence after a launch count: each launched figure before the words (in the
    sentence, else the sentence before) downed too."""
    if s.aside:
        return
    marks = s.find("partitive.all_of_them")
    if not marks or not any(m.leaf == "downed" for m in s.find("predicates")):
        return
    at = s.tokens[marks[0].first].start
    here = [c for c in s.claims if c.kind == "launched" and c.spans and c.spans[0].start < at]
    source = here
    if not here and previous is not None and marks[0].first < 3:
        source = [c for c in previous.claims if c.kind == "launched"]
    downed = {c.scope for c in s.claims if c.kind == "downed"}
    for c in source:
        if c.quantity is not None and not c.derived and c.scope not in downed:
            s.add("downed", c.spans, scope=c.scope, quantity=c.quantity, claimant=c.claimant)


def vague_downing(s: Sentence, previous: Sentence | None) -> None:
    """ "Most of them were shot down", "Большую часть из них удалось сбить" after a launch
    count (in the sentence or the one before): an interception with no figure."""
    if s.aside or any(c.kind == "downed" for c in s.claims) or not s.has("vague"):
        return
    if not any(m.leaf == "downed" for m in s.find("predicates")):
        return
    launched = [c for o in (previous, s) if o is not None for c in o.claims if c.kind == "launched"]
    if launched:
        m = next(m for m in s.find("predicates") if m.leaf == "downed")
        s.add("downed", (s.token_span(m.first, m.last),), claimant=launched[0].claimant)


def list_items(sentences: list[Sentence]) -> None:
    """ "Air defence downed 300 targets:" then "- 280 drones;" lines ("ПВО сбила 300
    воздушных целей:", "- 280 беспилотников;"): a verbless item takes the measure of the figure
    that opened the list."""
    lead: str | None = None
    for previous, s in itertools.pairwise(sentences):
        if previous.text.rstrip().endswith(":"):
            measures = {c.kind for c in previous.claims if c.quantity is not None}
            lead = measures.pop() if len(measures) == 1 else None
        elif not s.text.lstrip().startswith(("-", "—")):
            lead = None
        if lead is None or lead == "launched" or not s.text.lstrip().startswith(("-", "—")):
            continue
        if s.find("predicates"):
            continue
        s.claims = [
            c.model_copy(update={"kind": lead}) if c.kind == "launched" and c.quantity else c
            for c in s.claims
        ]


def class_parts(sentences: list[Sentence]) -> None:
    """ "5 из 6 баллистических ракет" in a text that counts missiles by model elsewhere: a
    part, so its class key stays and the missile and total figures it gave go."""
    known = weapons()

    def specific(c: Claim) -> bool:
        wid = (c.scope or "").removeprefix("model:")
        return (
            wid != c.scope
            and wid not in GENERIC
            and wid in known
            and (known[wid].kind == "missile")
        )

    elsewhere = [s for s in sentences if any(specific(c) for c in s.claims)]
    if not elsewhere:
        return
    for s in sentences:
        if s in elsewhere:
            continue
        parts = {c.spans for c in s.claims if (c.scope or "").removeprefix("model:") in GENERIC}
        s.claims = [
            c for c in s.claims if not (c.scope in ("missiles", "total") and c.spans in parts)
        ]


def definite_model(sentences: list[Sentence]) -> None:
    """ "… all 14 drones." then "the Shahed drones were downed …": the counted drones were that
    model, when the text names no other model for them."""
    claims = [c for s in sentences for c in s.claims]
    if any(c.scope and c.scope.startswith("model:") for c in claims):
        return
    for s in sentences:
        for g in _definite_groups(s):
            model, scope = g
            for claim in claims:
                if claim.scope == scope and claim.quantity is not None and not claim.derived:
                    s.add(claim.kind, claim.spans, scope=f"model:{model}",
                          quantity=claim.quantity, claimant=claim.claimant)  # fmt: skip
            return


def _definite_groups(s: Sentence) -> list[tuple[str, str]]:
    """(model, scope) of "the <model> drones|missiles" with no partitive before it."""
    from skyledger.extract.news.groups import class_of, weapon_ids

    out: list[tuple[str, str]] = []
    for first, last, wid in weapon_ids(s):
        if first == 0 or s.tokens[first - 1].low != "the" or wid in GENERIC:
            continue
        head = s.mark(last, "heads")
        if head is None or head.leaf not in ("drones", "missiles"):
            continue
        if any(s.mark(k, "vague") for k in range(max(0, first - 4), first)):
            continue
        if class_of(wid, head.leaf) == head.leaf:
            out.append((wid, head.leaf))
    return out
