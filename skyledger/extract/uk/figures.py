"""Launched, downed and lost figures: which verb governs each counted group, and the figures
the report states or that are the plain sum of its stated parts (CONVENTIONS.md)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from skyledger.extract.uk import build
from skyledger.extract.uk.context import Context
from skyledger.extract.uk.items import Item, scan_items
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.text import Sentence
from skyledger.models import Claim, Quantity

MEASURES = ("launched", "downed", "lost")
_POST_GAP = 45
_FAR = 1 << 30


@dataclass(slots=True)
class Tally:
    """One measure's groups: the first of each fact key, and the kinds named without figure."""

    measure: str
    first: dict[str, Item] = field(default_factory=dict)
    items: list[tuple[str, Item]] = field(default_factory=list)
    unknown: set[str] = field(default_factory=set)
    unnumbered: list[Item] = field(default_factory=list)
    #: sentence → the start of its first drone group with a model (``_after_model_part``)
    model_drones: dict[int, int] = field(default_factory=dict)


def read_items(ctx: Context) -> list[Item]:
    """Every counted group of the report with the measure its verb gives it."""
    out: list[Item] = []
    inherited: str | None = None
    last: str | None = None  # the measure of the last counted group
    last_at = -10
    all_verbs = _verbs(ctx)
    for n_sentence, sentence in enumerate(ctx.report.sentences):
        verbs = all_verbs.get(n_sentence, [])
        # in text order and apart: their starts and ends are sorted, so ``_measure`` bisects
        bounds = ([v[0] for v in verbs], [v[1] for v in verbs])
        if not sentence.bullet and not _continues(ctx, sentence):
            inherited = last if _refers_back(ctx, sentence) else None
        elif sentence.bullet and inherited is None and _list_follows(ctx, n_sentence, last_at):
            inherited = last  # a list straight after the launch sentence (and a place line)
        if inherited is None and not any(v[2] in MEASURES for v in verbs):
            if verbs and not sentence.bullet:
                inherited = verbs[-1][2]
            continue
        items = scan_items(ctx.report, sentence)
        for n, item in enumerate(items):
            prev = items[n - 1].start if n else sentence.start
            nxt = items[n + 1].start if n + 1 < len(items) else sentence.end
            item.measure = _measure(item, verbs, bounds, (prev, nxt), inherited)
            item.sentence = n_sentence
            if item.launched_of:
                item.measure = "launched"
            if item.measure is not None:
                ctx.measures.setdefault(n_sentence, item.measure)
                if item.measure in MEASURES:
                    last, last_at = item.measure, n_sentence
        out.extend(items)
        if verbs and not sentence.bullet:
            inherited = verbs[-1][2]
    return out


def _list_follows(ctx: Context, n: int, last_at: int) -> bool:
    """Whether a list with no header of its own continues the groups counted just before it:
    the sentence before the list is no unread header ("…зафіксували:") and the last counted
    group is at most two sentences up."""
    before = ctx.report.sentences[n - 1] if n else None
    if before is None or before.bullet or n - last_at > 3:
        return False
    return not ctx.report.norm[before.start : before.end].rstrip().endswith(":")


#: A few marks may open the sentence (a dash, a bullet); a longer run is no such sentence (and
#: an unbounded one was read again from each of its characters).
_REFERS_BACK = re.compile(r"[^\w]{0,16}(?:серед|(?:[\w']+ ){0,2}(?:з|із) них)(?!\w)")


def _refers_back(ctx: Context, sentence: Sentence) -> bool:
    """A sentence about the group counted before it: "Серед ракет – …", "Близько 250 із них –
    «шахеди»", "З них 41 – реактивні"."""
    return _REFERS_BACK.match(ctx.report.norm, sentence.start, sentence.end) is not None


def _continues(ctx: Context, sentence: Sentence) -> bool:
    return ctx.report.norm.startswith("а також", sentence.start)


def _verbs(ctx: Context) -> dict[int, list[tuple[int, int, str]]]:
    """Every verb cue of the report, by sentence index."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    report, lex = ctx.report, lexicon()
    starts = report.verb_starts
    after = -1
    for start in starts:
        m = lex.verbs.match(report.norm, start) if start >= after else None
        if m is not None:
            cue = (m.start(), m.end(), m.lastgroup or "")
            out.setdefault(report.sentence_index(m.start()), []).append(cue)
            after = m.end()
    return out


def _measure(
    item: Item,
    verbs: list[tuple[int, int, str]],
    bounds: tuple[list[int], list[int]],
    around: tuple[int, int],
    inherited: str | None,
) -> str | None:
    """The measure of the verb governing a group: a verb right after it that may follow its
    figure ("9 БпЛА збито"), unless a counting verb right before it already governs it
    ("зафіксовано 50 БпЛА, з них 41 збито"); else the nearest verb before it."""
    prev_item, next_item = around
    starts, ends = bounds
    before = bisect.bisect_right(ends, item.start)  # the verbs ending before the group
    pre = verbs[before - 1] if before else None  # the nearest of them
    limit = next_item if pre else item.end + _FAR  # "Усі 18 ракет і 9 БпЛА знищено"
    first = bisect.bisect_left(starts, item.end)
    post = verbs[first] if first < len(verbs) and starts[first] < limit else None
    free = pre is None or pre[2] not in MEASURES or pre[1] <= prev_item < item.start
    near = post is not None and (pre is None or (free and post[0] - item.end <= _POST_GAP))
    if near and post is not None and post[2] in lexicon().post_verbs:
        return post[2]
    if pre is not None:
        return pre[2]
    return inherited


def _resolve_refs(items: list[Item]) -> None:
    """ "Вночі ворог запустив 90 дронів. ППО знешкодила 80 із них.": a figure of the group
    before it, under another measure."""
    last: Item | None = None
    for item in items:
        if item.kind == "ref":
            if last is not None and item.measure != last.measure:
                item.kind, item.model = last.kind, last.model
            else:
                item.measure = None
        elif item.kind != "sub" and item.measure in MEASURES:
            last = item


def tallies(ctx: Context, items: list[Item]) -> dict[str, Tally]:
    out = {m: Tally(m) for m in MEASURES}
    _resolve_refs(items)
    _inherit_models(items)
    for item in items:
        if item.measure not in out or item.vague or item.kind == "bomb":
            continue
        targets = [out[item.measure]]
        if item.all_ and item.measure == "downed":
            targets.append(out["launched"])
        for tally in targets:
            _add(tally, item)
    for tally in out.values():
        _block_unnumbered(ctx, tally)
        _drones_by_model(tally)
    return out


def _inherit_models(items: list[Item]) -> None:
    """ "одну ракету … вдалось перехопити": a missile with no name,
    in a paragraph whose launch names one missile model, is that model."""
    launched: dict[int, set[str | None]] = {}
    for i in items:
        if i.measure == "launched" and i.kind == "missile":
            launched.setdefault(i.paragraph, set()).add(i.model)
    for item in items:
        if item.kind != "missile" or item.model or item.measure not in ("downed", "lost"):
            continue
        models = launched.get(item.paragraph, set())
        if len(models) == 1 and None not in models:
            item.model = next(iter(models))


def _keys(item: Item) -> list[str]:
    if item.kind == "total":
        return ["total"]
    if item.kind == "drone":
        return [f"model:{item.model}"] if item.model else ["drones"]
    if item.kind == "missile":
        return [f"model:{item.model}"] if item.model else ["missiles"]
    if item.kind == "loitering":
        return [f"model:{item.model}" if item.model else "loitering"]
    return [f"model:{item.model}"] if item.model else []


def _add(tally: Tally, item: Item) -> None:
    if item.quantity is None:
        if item.kind in ("missile", "loitering", "drone"):
            tally.unnumbered.append(item)
        return
    for key in _keys(item):
        if key == "drones" and _after_model_part(tally, item):
            key = _PART  # "6 ударних БпЛА Shahed та 3 розвідувальні безпілотники": parts
        tally.items.append((key, item))
        tally.first.setdefault(key, item)
        if item.kind == "drone" and item.model:
            first = tally.model_drones.get(item.sentence, item.start)
            tally.model_drones[item.sentence] = min(first, item.start)


_PART = "part:drones"


def _after_model_part(tally: Tally, item: Item) -> bool:
    """Whether a drone group with no model follows a drone model's group in its sentence."""
    first = tally.model_drones.get(item.sentence)  # kept as groups are added: no rescan
    return first is not None and first < item.start


def _block_unnumbered(ctx: Context, tally: Tally) -> None:
    """A kind named without a number blocks the sums that would include it ("- балістичними
    ракетами Іскандер-М/KN-23" in a list), unless it is a running sentence's overview that a
    later sentence numbers under the same measure ("атакував ударними БпЛА, а зранку –
    ракетами. Усього зафіксовано 134 засоби: – 35 ударних БпЛА …")."""
    sentences = ctx.report.sentences
    for u in tally.unnumbered:
        later = any(i.kind == u.kind and i.sentence > u.sentence for _k, i in tally.items)
        if sentences[u.sentence].bullet or not later:
            tally.unknown.add(u.kind)


def figure_claims(ctx: Context, tally: dict[str, Tally]) -> list[Claim]:
    """Stated figures as claims, then the derived sums, flagging what does not add up."""
    claims: list[Claim] = []
    for measure in MEASURES:
        t = tally[measure]
        for key, items in _same_figures(t).items():
            offsets = [(i.start, i.end) for i in items]
            claims.append(ctx.claim(measure, offsets, key[0], items[0].quantity))
        claims.extend(_derived(ctx, t))
    return claims


def _same_figures(t: Tally) -> dict[tuple[str, str], list[Item]]:
    """One claim per figure: the headline's "95 ВОРОЖИХ БПЛА" and the body's "95 ворожих
    БпЛА" are one claim with two spans; different values stay apart."""
    out: dict[tuple[str, str], list[Item]] = {}
    for key, item in t.items:
        if key not in ("loitering", _PART) and item.quantity is not None:
            out.setdefault((key, repr(item.quantity.gold())), []).append(item)
    return out


def _parts(t: Tally, kind: str) -> list[Item]:
    """The first group of each model of one kind (the stated aggregates left out)."""
    return [
        i for k, i in t.first.items() if i.kind == kind and (k.startswith("model:") or k == _PART)
    ]


def _drones_by_model(t: Tally) -> None:
    """Drone groups named by model only ("296 БпЛА типу Shahed, 415 дронів-імітаторів"):
    one such group is the drone figure; several add up to it."""
    if "drones" in t.first:
        return
    models = _parts(t, "drone")
    if len(models) == 1:
        t.first["drones"] = models[0]
        t.items.append(("drones", models[0]))


def _derived(ctx: Context, t: Tally) -> list[Claim]:
    out: list[Claim] = []
    missiles = t.first.get("missiles")
    missile_parts = _parts(t, "missile")
    missile_qty = missiles.quantity if missiles else None
    if missiles is None and missile_parts and "missile" not in t.unknown:
        missile_qty = _sum(missile_parts)
        out.append(_sum_claim(ctx, t.measure, "missiles", missile_parts, missile_qty))
    elif missiles is not None and missile_parts and "missile" not in t.unknown:
        _check_sum(ctx, t.measure, "missiles", missiles, _sum(missile_parts))
    if t.measure == "lost":
        return out
    drones = t.first.get("drones")
    drone_parts = [] if drones else _parts(t, "drone")
    if drone_parts:
        out.append(_sum_claim(ctx, t.measure, "drones", drone_parts, _sum(drone_parts)))
    loitering = [i for k, i in t.first.items() if i.kind == "loitering"]
    parts: list[Item] = ([drones] if drones else drone_parts) + loitering
    if missiles is not None:
        parts.append(missiles)
    elif missile_qty is not None:
        parts.extend(missile_parts)
    blocked = (
        "loitering" in t.unknown
        or ("missile" in t.unknown and missiles is None)
        or ("drone" in t.unknown and drones is None)
    )
    total = t.first.get("total")
    if total is not None:
        if parts and not blocked:
            _check_sum(ctx, t.measure, "total", total, _sum(parts))
    elif parts and not blocked:
        out.append(_sum_claim(ctx, t.measure, "total", parts, _sum(parts)))
    return out


def _sum(items: list[Item]) -> Quantity:
    exact = _exact_total(items)
    if exact is not None:
        return build.total(exact)  # what adding exact quantities gives, without validating
    total: Quantity | None = None
    for item in items:
        assert item.quantity is not None
        total = item.quantity if total is None else total + item.quantity
    assert total is not None
    return Quantity(
        exact=total.exact, min=total.min, max=total.max, approx=total.approx, wording="sum"
    )


def _exact_total(items: list[Item]) -> int | None:
    """The sum of groups that all have an exact figure, or None."""
    total = 0
    for item in items:
        if item.quantity is None or item.quantity.exact is None:
            return None
        total += item.quantity.exact
    return total if items else None


def _sum_claim(ctx: Context, measure: str, key: str, parts: list[Item], qty: Quantity) -> Claim:
    offsets = [(p.start, p.end) for p in parts]
    return ctx.claim(measure, offsets, key, qty, derived=True)


def _check_sum(ctx: Context, measure: str, key: str, stated: Item, parts: Quantity) -> None:
    assert stated.quantity is not None
    if not stated.quantity.agrees(parts):
        ctx.flag(
            f"{measure}.{key}",
            f"{measure}.{key}: stated {stated.quantity.gold()} but the parts add up to "
            f"{parts.gold()}",
        )


def check_launched_downed(ctx: Context, tally: dict[str, Tally]) -> None:
    """Downed (or lost) more than launched is kept as stated and flagged."""
    launched = tally["launched"].first
    for measure in ("downed", "lost"):
        for key, item in tally[measure].first.items():
            base = launched.get(key)
            if base is None or base.quantity is None or item.quantity is None:
                continue
            low = item.quantity.exact if item.quantity.exact is not None else item.quantity.min
            high = base.quantity.exact if base.quantity.exact is not None else base.quantity.max
            if low is not None and high is not None and low > high:
                ctx.flag(
                    f"{measure}.{key}",
                    f"{measure}.{key} ({item.quantity.gold()}) exceeds launched.{key} "
                    f"({base.quantity.gold()})",
                )
