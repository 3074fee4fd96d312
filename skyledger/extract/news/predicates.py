"""Which predicate a counted group is an argument of, and so what it measures.

A group takes, inside its clause, a compatible predicate right after it ("40 drones were shot
down", "загинули" after "3 людини" works the other way round), else the nearest before it
("Russia launched 40 drones", "killing two and injuring 17"), else the first after it. Weapons
go with launch/down/lose verbs, people with kill/wound verbs, locations with hit/debris words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import islice

from skyledger.extract.news.groups import ANAPHOR, BARE, LOCATIONS, PEOPLE, WEAPON, Group
from skyledger.extract.news.lexicon import Mark
from skyledger.extract.news.sentence import Sentence
from skyledger.models import Quantity

#: Predicate leaf → (group kind it takes, the measure it gives).
TAKES: dict[str, tuple[str, str]] = {
    "launched": (WEAPON, "launched"),
    "attacked": (WEAPON, "launched"),
    "struck": (WEAPON, "launched"),  # "two missiles struck the city": held, see figures
    "downed": (WEAPON, "downed"),
    "lost": (WEAPON, "lost"),
    "jammed": (WEAPON, "lost"),  # downed when the text gives no shot-down figure beside it
    "killed": (PEOPLE, "killed"),
    "wounded": (PEOPLE, "wounded"),
    "hospitalized": (PEOPLE, "wounded"),
    "hit_by": (WEAPON, "hit_by"),  # "two missiles hit the building": no figure of the attack
    "hit": (LOCATIONS, "hit_locations"),
    "debris": (LOCATIONS, "debris_locations"),
}


@dataclass(slots=True)
class Item:
    """A group with the measure its predicate gives."""

    group: Group
    measure: str
    predicate: Mark | None
    after: bool = False  # the predicate follows the group
    kind: str = ""  # the group's kind once resolved (an anaphor takes the noun before)
    scope: str | None = None
    model: str | None = None
    hospitalized: bool = False
    antecedent: Item | None = None  # the group an anaphor stands for
    parent_scope: str | None = None  # the scope of the whole a part belongs to
    merge: bool = False  # a second way of downing, added to the shot-down figure before it


def predicates(s: Sentence) -> list[Mark]:
    """The predicate marks of a sentence: at each token the longest, every reading of it
    ("struck" hits locations and attacks with weapons), without overlaps."""
    out: list[Mark] = []
    covered = 0
    for k, row in enumerate(s.marks):
        if k < covered:
            continue
        found = [m for m in row if m.is_("predicates")]
        if not found:
            continue
        size = found[0].last
        out += [m for m in found if m.last == size]
        covered = size
    return out


def clause_starts(s: Sentence) -> list[int]:
    """Token indices where clauses begin: breaks of the lexicon and free-standing dashes (not
    in a language whose dash is a copula, ``settings.dash_copula``: "з них — 38 ракет")."""
    if s.clauses is not None:
        return s.clauses
    s.clauses = _clause_starts(s)
    return s.clauses


def _clause_starts(s: Sentence) -> list[int]:
    out = [0]
    copula = bool(s.lex.values.get("settings", {}).get("dash_copula"))
    for k, tok in enumerate(s.tokens):
        dash = tok.kind == "mark" and (tok.text == "—" or (tok.text == "-" and _spaced(s, k)))
        if (dash and not copula) or s.mark(k, "clauses.breaks") is not None:
            out.append(k)
    return out


def _spaced(s: Sentence, k: int) -> bool:
    tok = s.tokens[k]
    text = s.text
    return (tok.start == 0 or text[tok.start - 1] == " ") and (
        tok.end >= len(text) or text[tok.end] == " "
    )


def clause_of(starts: list[int], k: int, n: int) -> tuple[int, int]:
    lo = max(x for x in starts if x <= k)
    later = [x for x in starts if x > k]
    return lo, (later[0] if later else n)


def _compatible(p: Mark, kind: str, s: Sentence, g: Group) -> bool:
    leaf = p.leaf
    took = TAKES.get(leaf)
    if took is None:
        return False
    want, _ = took
    if leaf == "attacked":
        return kind == WEAPON and _instrument_before(s, g, p)
    if leaf == "struck":
        return kind == WEAPON and p.first >= g.last
    if kind in (ANAPHOR, BARE):
        return True
    return want == kind


def _instrument_before(s: Sentence, g: Group, p: Mark) -> bool:
    """ "attacked Kyiv with 40 drones": the group follows an instrument word after the verb."""
    if p.last > g.first:
        return False
    return any(s.mark(k, "instrument") for k in range(p.last, g.first))


def _gap_is_light(s: Sentence, start: int, end: int, groups: list[Group]) -> bool:
    """Only auxiliaries, adverbs, commas or coordinated groups between ("38 missiles and 412
    drones were shot down"); a partitive group ("70 missiles, 48 of which were …") is not."""
    k = start
    while k < end:
        inner = next((g for g in groups if g.first <= k < g.last), None)
        if inner is not None:
            if inner.kind == BARE or inner.relative or (inner.kind == ANAPHOR and not inner.part):
                return False  # "273 drones, of which 88 were shot down": their own predicate
            k = inner.last
            continue
        tok = s.tokens[k]
        aux = s.mark(k, "aux")
        if aux is not None:
            k = aux.last
            continue
        part = s.mark(k, "partitive.part")
        if part is not None:
            k = part.last
            continue
        if s.mark(k, "numbers.joiners") and any(g.first == k + 1 for g in groups):
            k += 1  # "38 missiles and 412 drones were shot down": coordinated groups
            continue
        if tok.kind == "mark" and tok.text in (",", '"', "'", "(", ")"):
            k += 1
            continue
        return False
    return True


@dataclass(slots=True)
class Relatives:
    """Token spans of partitive clauses ("…, 48 of which were shot down, …"): their predicate
    belongs to them, not to the groups around them; ``holding`` gives, for the start of each
    predicate in one, the clauses that hold it. Built once per sentence, so that each group
    looks these up rather than going through every clause and group."""

    holding: dict[int, list[tuple[int, int]]]
    measuring: dict[int, list[Group]]  # the groups naming a measure that hold each token

    def hide(self, p: Mark, g: Group) -> bool:
        """Whether ``p`` is the predicate of a partitive clause that ``g`` is not in."""
        return any(not a <= g.first < b for a, b in self.holding.get(p.first, ()))


def _relatives(s: Sentence, preds: list[Mark], groups: list[Group]) -> Relatives:
    taking = [p for p in preds if TAKES.get(p.leaf)]
    spans = []
    for g in groups:
        if not (g.relative or (g.kind == ANAPHOR and not g.part) or g.kind == BARE):
            continue
        at = bisect.bisect_left(taking, g.last, key=_first)  # predicates are in text order
        if at == len(taking):
            continue
        verb = taking[at]
        if g.kind == BARE:  # "two were killed"; a date before a comma ("Jan. 9, killing") is not
            light = all(s.mark(k, "aux") for k in range(g.last, verb.first))
        else:
            light = _gap_is_light(s, g.last, verb.first, groups)
        if light:
            spans.append((g.first, verb.last))
    holding: dict[int, list[tuple[int, int]]] = {}
    for a, b in spans:
        k = bisect.bisect_left(preds, a, key=_first)
        seen = -1
        while k < len(preds) and preds[k].first < b:
            if preds[k].first != seen:  # marks starting at one token are one start
                seen = preds[k].first
                holding.setdefault(seen, []).append((a, b))
            k += 1
    measuring: dict[int, list[Group]] = {}
    for g in groups:
        if g.measure:
            for k in range(g.first, g.last):
                measuring.setdefault(k, []).append(g)
    return Relatives(holding, measuring)


#: Predicates a group looks at on either side: its verb is among the nearest few, and a clause
#: of hundreds of figures and verbs is read in time linear in them.
REACH = 24


def _first(m: Mark) -> int:
    return m.first


def _choose(
    s: Sentence,
    g: Group,
    kind: str,
    preds: list[Mark],
    lo: int,
    hi: int,
    groups: list[Group],
    relatives: Relatives,
) -> tuple[Mark, bool] | None:
    def inside(p: Mark) -> bool:  # a predicate of the group's clause that can take it
        return (
            lo <= p.first < hi and not relatives.hide(p, g)
            and _compatible(p, kind, s, g)
            and not (p.leaf == "downed" and p.first >= g.last and active(s, p))
        )  # fmt: skip

    # the predicates after the group and the nearest before it, each looked at only as far as
    # needed (a clause of hundreds of groups and verbs is read in time linear in each)
    at = bisect.bisect_left(preds, g.last, key=_first)  # predicates are in text order
    after = (
        p for p in islice(preds, at, at + REACH) if inside(p)
        and not any(o is not g for o in relatives.measuring.get(p.first, ()))
    )  # fmt: skip  # "8 людей, ще 23 — постраждали": the verb of a group that names its measure
    first = next(after, None)
    at = bisect.bisect_left(preds, g.first, key=_first)
    nearer = reversed(preds[max(0, at - REACH) : at])
    before = next((p for p in nearer if p.last <= g.first and inside(p)), None)
    if first is not None and _gap_is_light(s, g.last, first.first, groups):
        if before and _adjacent(s, before, g) and _apart(s, g, first, groups):
            return before, False  # "загинуло 4 людей, 34 людини поранені"
        if before and _coordinated_with(s, g, groups) and _group_between(g, first, groups):
            return before, False  # "Збито 15 ракет і 16 дронів, ще 9 ракет втрачено"
        if _relative(s, g, first, groups):
            weapon = TAKES[first.leaf][0] == WEAPON
            if before and weapon:
                return before, False  # "shot down 14 drones fired at Kyiv"
            later = next(
                (
                    p for p in after
                    if not _group_between(first, p, groups)
                    and not any(o.first <= p.first < o.last for o in groups)
                ),
                None,
            )  # fmt: skip
            if later is not None:
                return later, True  # "60 of 76 missiles launched at Ukraine shot down"
        return first, True
    if before:
        return before, False
    if first is not None and not _interposed(s, g, first, groups):
        return first, True
    return None


def _interposed(s: Sentence, g: Group, p: Mark, groups: list[Group]) -> bool:
    """A group between ``g`` and ``p`` that is neither coordinated with it nor a part of it
    ("90 дронів, а нині бачимо 140 БпЛА, які атакували": the verb is the nearer group's;
    "300 дронів, з яких більшість — шахеди, і 20 ракет, у тому числі 4 балістичні,
    випустили": one verb for all)."""
    for x in groups:
        if not (g.last <= x.first and x.last <= p.first) or x.part or x.relative:
            continue
        k = x.first - 1
        if k < 0 or not (s.tokens[k].text == "," or s.mark(k, "numbers.joiners")):
            return True
    return False


def _apart(s: Sentence, g: Group, p: Mark, groups: list[Group]) -> bool:
    """Another group or a comma between a group and the predicate after it ("загинула жінка,
    поранено чоловіка")."""
    return _group_between(g, p, groups) or any(
        s.tokens[k].text == "," for k in range(g.last, p.first)
    )


def _coordinated_with(s: Sentence, g: Group, groups: list[Group]) -> bool:
    """The group follows another group and a joiner ("15 ракет і 16 дронів")."""
    k = g.first - 1
    return k > 0 and bool(s.mark(k, "numbers.joiners")) and any(x.last == k for x in groups)


def _adjacent(s: Sentence, p: Mark, g: Group) -> bool:
    """Only auxiliaries between a predicate and the group after it ("killed four people")."""
    return all(s.mark(k, "aux") for k in range(p.last, g.first))


def active(s: Sentence, p: Mark) -> bool:
    """ "a drone destroyed the station": a verb with no auxiliary and an object right after it,
    in a language whose passive takes one; the weapon before it did it, nothing was downed."""
    if not s.lex.values.get("settings", {}).get("passive_aux"):
        return False
    if p.first > 0 and s.mark(p.first - 1, "aux"):
        return False
    return p.last < len(s.tokens) and s.mark(p.last, "determiners") is not None


def _relative(s: Sentence, g: Group, p: Mark, groups: list[Group]) -> bool:
    """A participle right after its noun, or after the last of the groups coordinated with it,
    with no auxiliary ("drones fired at Kyiv", "20 drones and two missiles fired at Kyiv"), in
    a language whose passive takes one: a reduced relative, not the clause's predicate."""
    if g.kind in (BARE, ANAPHOR):
        return False  # "120 jammed": an ellipsis of "120 were jammed", not a relative
    if not s.lex.values.get("settings", {}).get("passive_aux"):
        return False
    return p.first == g.last or any(o.last == p.first and o.first >= g.last for o in groups)


def _group_between(a: Mark | Group, b: Mark, groups: list[Group]) -> bool:
    """A group between ``a`` and ``b``: a predicate after it is the nearer group's ("200
    дронів, а нині бачимо 140 БпЛА, які атакували")."""
    return any(a.last <= g.first and g.last <= b.first for g in groups)


def _bare_ok(s: Sentence, g: Group, p: Mark, after: bool, groups: list[Group]) -> bool:
    """A number with no noun counts only right beside its predicate ("killing two",
    "two were killed", "debris fell at four")."""
    if after:  # "two were killed": only auxiliaries between
        return all(s.mark(k, "aux") for k in range(g.last, p.first))
    between = range(p.last, g.first)
    return all(
        s.tokens[k].kind == "mark" or s.mark(k, "aux") or _preposition(s, k) for k in between
    ) and _ends_phrase(s, g.last)


def _preposition(s: Sentence, k: int) -> bool:
    return bool(s.mark(k, "scope.locative") or s.mark(k, "scope.target"))


def _ends_phrase(s: Sentence, k: int) -> bool:
    if k >= len(s.tokens):
        return True
    tok = s.tokens[k]
    return tok.kind == "mark" or bool(
        s.mark(k, "numbers.joiners") or s.mark(k, "clauses") or s.mark(k, "predicates")
        or _preposition(s, k) or s.mark(k, "aux") or s.mark(k, "speech")
    )  # fmt: skip


def attach(s: Sentence, found: list[Group], before: Item | None = None) -> list[Item]:
    """Each group with the measure of its predicate; groups with none are left out. ``before``
    is the last people group of the sentence before, which a part opening this sentence
    belongs to ("Троє людей загинули. Серед них — 16-річна дівчина.")."""
    preds = predicates(s)
    starts = clause_starts(s)
    relatives = _relatives(s, preds, found)
    n = len(s.tokens)
    out: list[Item] = []
    for g in found:
        lo, hi = clause_of(starts, g.first, n)
        if g.kind == PEOPLE and g.measure is not None:  # "13 dead", "17 injured"
            whole = g.number.whole if g.number is not None else None
            if whole is not None:  # "16 of the 24 wounded were hospitalised": 24 wounded
                out += _whole_and_part(s, g, whole, preds, lo, hi, found, relatives)
                continue
            item = Item(g, g.measure, None, True, PEOPLE)
            item.hospitalized = _state(s, g, hi) == "hospitalized"
            out.append(item)
            continue
        if g.kind == WEAPON and _fronted(s, g, lo):  # "Of the 102 drones, 80 were shot down"
            out.append(Item(g, "launched", None, False, WEAPON, g.scope, g.model))
            continue
        coordinated = _coordinated(s, g, out)
        if coordinated is not None:  # "… were intercepted along with five drones"
            out.append(coordinated)
            continue
        if g.kind == PEOPLE and g.part and out and _adjacent_part(s, out[-1], g):
            prev = out[-1]  # "25 погибших, среди которых четверо детей": the dead
            out.append(Item(g, prev.measure, prev.predicate, prev.after, PEOPLE))
            continue
        choice = _choose(s, g, g.kind, preds, lo, hi, found, relatives)
        if choice is None and g.kind == PEOPLE and g.part:
            owner = out[-1] if out and out[-1].kind == PEOPLE else None
            if owner is None and before is not None and _opens(s, g):
                owner = before
            if owner is not None:  # "the toll rose to 21, including two children"
                out.append(Item(g, owner.measure, owner.predicate, owner.after, PEOPLE))
                continue
        if g.kind == BARE and out and out[-1].kind == PEOPLE and _gapped(s, g):
            prev = out[-1]  # "У Харкові поранено сімох людей, в Одесі — трьох"
            out.append(Item(g, prev.measure, prev.predicate, prev.after, PEOPLE))
            continue
        if choice is None:
            if g.kind == WEAPON and not preds and _whole_sentence(s, g):
                # "More than 40 missiles of various types.": a verbless launch count
                out.append(Item(g, "launched", None, False, WEAPON, g.scope, g.model))
            elif g.kind == WEAPON and out and out[-1].kind == WEAPON and _dash(s, lo, out[-1]):
                # "9 Kalibr – from ships, and three from the ground": the measure before
                prev = out[-1]
                out.append(Item(g, prev.measure, prev.predicate, prev.after, WEAPON, g.scope,
                                g.model))  # fmt: skip
            continue
        p, after = choice
        if g.kind == BARE and not _bare_ok(s, g, p, after, found):
            continue
        kind, measure = TAKES[p.leaf]
        item = Item(g, measure, p, after, kind if g.kind in (BARE, ANAPHOR) else g.kind)
        item.scope, item.model = g.scope, g.model
        item.hospitalized = p.leaf == "hospitalized"
        if g.kind in (BARE, ANAPHOR) and kind == WEAPON:
            item.kind = ANAPHOR  # the noun is the one counted before
        out.append(item)
    return _jammed(out)


def _adjacent_part(s: Sentence, prev: Item, g: Group) -> bool:
    """A part of the people counted right before it, with a measure of their own ("13 dead,
    including two children"): only marks and the part word between."""
    if prev.kind != PEOPLE or prev.group.measure is None or prev.group.last > g.first:
        return False
    return all(
        s.tokens[k].kind == "mark" or s.mark(k, "partitive.part") or _inside_part(s, k)
        for k in range(prev.group.last, g.first)
    )


def _inside_part(s: Sentence, k: int) -> bool:
    return any(
        m.is_("partitive.part") and m.first < k < m.last
        for j in range(max(0, k - 3), k) for m in s.marks[j]
    )  # fmt: skip


def _jammed(items: list[Item]) -> list[Item]:
    """Weapons jammed or electronically disabled: beside a shot-down figure, decoys are lost
    ("shot down 199 drones and disabled another 169 used as decoys") and others add to it
    ("180 drones shot down and 120 jammed" is 300 downed); on their own they are downed."""
    shot = [i for i in items if i.measure == "downed" and i.kind != PEOPLE]
    for i in items:
        if i.predicate is None or i.predicate.leaf != "jammed":
            continue
        if shot and i.model == "decoy":
            continue  # lost
        i.measure = "downed"
        i.merge = bool(shot)
    return items


def _state(s: Sentence, g: Group, hi: int) -> str | None:
    """What the clause says of a group that names its own measure ("10 загиблих наразі
    неопізнані", "Десятеро постраждалих … відвезли до лікарень"): "hospitalized", or "subset"
    (``subsets``: a state that picks some of them out; the group becomes a part, no figure of
    its own), or None."""
    if not s.lex.uses("subsets"):
        return None
    for k in range(g.last, min(hi, g.last + 8)):
        if s.mark(k, "predicates.hospitalized"):
            return "hospitalized"
        if s.mark(k, "subsets"):
            g.part = True  # a part of a figure named elsewhere, or of one not named
            return "subset"
        if s.mark(k, "predicates"):
            return None
    return None


def _opens(s: Sentence, g: Group) -> bool:
    """Only marks and the part's own marker before the group: it opens the sentence."""
    k = 0
    while k < g.first:
        m = s.mark(k, "partitive.part")
        if m is not None:
            k = m.last
        elif s.tokens[k].kind == "mark":
            k += 1
        else:
            return False
    return True


def _whole_and_part(
    s: Sentence,
    g: Group,
    whole: Quantity,
    preds: list[Mark],
    lo: int,
    hi: int,
    found: list[Group],
    relatives: Relatives,
) -> list[Item]:
    """ "16 of the 24 wounded were hospitalised": the whole carries the noun's measure; the part
    is counted only by a casualty verb of its own (a hospitalised count)."""
    assert g.measure is not None
    whole_group = Group(g.number, g.first, g.last, PEOPLE, measure=g.measure, quantity=whole)
    items = [Item(whole_group, g.measure, None, True, PEOPLE)]
    choice = _choose(s, g, PEOPLE, preds, lo, hi, found, relatives)
    if choice is not None and choice[0].leaf == "hospitalized":
        items.append(Item(g, "wounded", choice[0], choice[1], PEOPLE, hospitalized=True))
    return items


def _coordinated(s: Sentence, g: Group, out: list[Item]) -> Item | None:
    """A weapon group right after "along with" / "as well as" takes the measure of the weapon
    group before it."""
    if g.kind != WEAPON or not out or out[-1].kind not in (WEAPON, ANAPHOR):
        return None
    marker = any(
        m.is_("coordination") and m.last == g.first
        for k in range(max(0, g.first - 3), g.first) for m in s.marks[k]
    )  # fmt: skip
    if not marker:
        return None
    prev = out[-1]
    return Item(g, prev.measure, prev.predicate, prev.after, WEAPON, g.scope, g.model)


def _gapped(s: Sentence, g: Group) -> bool:
    """A bare figure right after a dash that stands for the verb of the clause before ("в Одесі
    — трьох"), ending its clause."""
    if not s.lex.uses("links"):
        return False
    dash = g.first > 0 and any(m.is_("links") and m.last == g.first for m in s.marks[g.first - 1])
    return dash and (g.last >= len(s.tokens) or s.tokens[g.last].kind == "mark")


def _whole_sentence(s: Sentence, g: Group) -> bool:
    """The group is the sentence ("More than 40 missiles of various types."), after a source
    that opens it, if any ("За наявною інформацією, дві балістичні ракети.")."""
    start = 0
    source = s.mark(0, "speech.according")
    if source is not None and source.last < len(s.tokens) and s.tokens[source.last].text == ",":
        start = source.last + 1
    words = [k for k, t in enumerate(s.tokens) if t.kind != "mark" and k >= start]
    return bool(words) and g.first <= words[0] + 1 and words[-1] < g.last + 3


def _dash(s: Sentence, lo: int, prev: Item) -> bool:
    """The group's clause opens with a dash after the previous group's ("9 Kalibr – from
    ships, and three from the ground")."""
    return lo > prev.group.first and s.tokens[lo].text in ("-", "—")


def _relative_to_comma(s: Sentence, k: int, pred: Mark | None) -> bool:
    """ "Of the 130 drones launched by Russia, …": a reduced relative after the whole, up to the
    comma that ends it, with no figure of its own."""
    if pred is None:
        return False
    for j in range(pred.last, min(len(s.tokens), pred.last + 5)):
        if s.tokens[j].text == ",":
            return True
        if s.tokens[j].kind != "word" or s.mark(j, "clauses") or s.mark(j, "predicates"):
            return False
    return False


def _fronted(s: Sentence, g: Group, lo: int) -> bool:
    """ "Of the 102 drones, …": a whole named at the start of its clause or of a piece after a
    comma ("…, що з 673 засобів …"), before a comma or before a predicate and a second figure
    ("з 673 засобів збито 635")."""
    if g.last >= len(s.tokens):
        return False
    pred = s.mark(g.last, "predicates")
    later = (
        pred is not None
        and pred.last < len(s.tokens)
        and (s.tokens[pred.last].kind == "num" or s.mark(pred.last, "numbers") is not None)
    )
    if s.tokens[g.last].text != "," and not later and not _relative_to_comma(s, g.last, pred):
        return False
    start = g.number.number if g.number else g.first
    m = next((m for k in range(lo, start) for m in s.marks[k] if m.is_("partitive.fronted")), None)
    if m is None or m.last != start:
        return False
    opens = m.first > lo and s.tokens[m.first - 1].text == ","
    return opens or all(s.tokens[k].kind == "mark" for k in range(lo, m.first))
