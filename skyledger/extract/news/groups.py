"""Counted groups: what a number phrase counts.

After a number come a few modifiers and a head noun: weapons ("51 Kh-101 cruise missiles",
"40 ударних БпЛА"), people ("two children", "13 загиблих"), locations ("29 locations"). With no
head, a number may stand for the group named before ("51 of them", "з них 25"), for people after
a casualty verb ("killing two"), or follow the measure it counts ("the death toll rose to 13").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from functools import cache

from skyledger.extract.limits import MAX_GROUPS_PER_SENTENCE
from skyledger.extract.news.lexicon import MAX_GAP
from skyledger.extract.news.numbers import NumberPhrase, digits, number_phrases, whole_at
from skyledger.extract.news.sentence import Sentence
from skyledger.extract.weapons import find_weapons, normalize
from skyledger.models import Quantity
from skyledger.resources import weapons

#: Modifiers a number may have before its head ("51 Kh-101 cruise missiles").
MAX_MODIFIERS = 5
GENERIC = frozenset({"cruise", "ballistic", "guided-air", "decoy"})
WEAPON, PEOPLE, LOCATIONS, ANAPHOR, BARE = "weapon", "people", "locations", "anaphor", "bare"


@dataclass(slots=True)
class Group:
    """A counted group: its number, the tokens it covers, and what it counts."""

    number: NumberPhrase | None  # None: a singular with no numeral ("a ballistic missile")
    first: int
    last: int
    kind: str  # weapon, people, locations, anaphor (the noun named before), bare (no noun)
    scope: str | None = None  # drones, missiles, total (weapons)
    model: str | None = None  # catalogue id (weapons)
    children: bool = False  # people
    measure: str | None = None  # a measure the head states itself ("13 dead", "загиблих")
    part: bool = False  # after "including", "з них": part of the group before
    relative: bool = False  # after "of which": its own clause, with its own predicate
    quantity: Quantity | None = None
    own_side: bool = False  # the defender's weapons
    update: bool = False  # "the death toll rose to 13"
    subgroup: bool = False  # "five rescuers": people named by what they do

    @property
    def singular(self) -> bool:
        return self.number is None


def weapon_ids(s: Sentence) -> list[tuple[int, int, str]]:
    """Weapon models named in the sentence, as (first token, last token, id); found once."""
    if s.weapons is not None:
        return s.weapons
    out: list[tuple[int, int, str]] = []
    toks = s.tokens
    if toks:
        lo, hi = toks[0].start, toks[-1].end
        starts = [t.start for t in toks]
        for hit in find_weapons(normalize(s.text[lo:hi])):
            a, b = hit.start + lo, hit.end + lo
            first = max(0, bisect.bisect_right(starts, a) - 1)
            if toks[first].end <= a:
                first += 1  # pragma: no cover - every non-space character is a token
            last = bisect.bisect_left(starts, b)
            if first < last:
                out.append((first, last, hit.id))
    for m in s.find("weapons"):
        if not any(a < m.last and m.first < b for a, b, _ in out):
            out.append((m.first, m.last, m.leaf if "/" not in m.category else _id_of(m.category)))
    s.weapons = sorted(out)
    return s.weapons


def _id_of(category: str) -> str:
    return category.split(".", 1)[1]


@cache
def _groups_by_members() -> dict[frozenset[str], str]:
    return {frozenset(w.split("/")): w for w in weapons() if "/" in w}


def _group_of(ids: frozenset[str]) -> str | None:
    """The smallest catalogue group holding every id ("Kh-101 and Kh-555" → kh-101/kh-555/kh-55)."""
    holding = [
        (len(members), gid) for members, gid in _groups_by_members().items() if ids <= members
    ]
    return min(holding)[1] if holding else None


def model_of(ids: list[str], classes: list[str], mixed: bool, joined: bool) -> str | None:
    """The most specific catalogue id for the models and class words of one group."""
    found = set(ids)
    if mixed:
        return classes[0] if classes else None
    if "decoy" in found and (len(found) > 1 or joined):
        return None  # strike drones and decoys together: no model of their own
    specific = found - GENERIC
    if len(specific) == 1:
        return next(iter(specific))
    if len(specific) > 1:
        return _group_of(frozenset(specific)) or (classes[0] if classes else None)
    if found == {"decoy"} or "decoy" in classes:
        return "decoy"
    if len(set(classes)) > 1:
        return None  # "ballistic and cruise missiles"
    return classes[0] if classes else (next(iter(found)) if found else None)


def class_of(model: str | None, scope: str | None) -> str | None:
    """The scope a model belongs to (drones or missiles), or the head's own."""
    if model is None or model not in weapons():
        return scope
    kind = weapons()[model].kind
    return {"drone": "drones", "missile": "missiles"}.get(kind, scope)


_HEADS = ("heads", "singular_heads", "people", "casualties", "locations")


def _stop(s: Sentence, k: int) -> str:
    """Why no group runs across token ``k`` ("" if it may): a mark, a number, a verb of the
    grammar ("predicate": a verb may also be a modifier, "attack drones"), a break, a
    preposition of scope, an auxiliary."""
    tok = s.tokens[k]
    if tok.kind == "mark" and tok.text not in ("-", '"', "'", "(", ")", "/"):
        return "mark"
    if tok.kind == "num":
        return "number"
    word = s.mark(k, "numbers")
    if word is not None and word.entry.value is not None and word.leaf != "article":
        return "number"  # "о 7 ранку знайшли чотирьох загиблих": "чотирьох" has its own group
    if s.mark(k, "predicates") and not s.mark(k, "classes") and not s.mark(k, "casualties"):
        return "predicate"
    for category in ("clauses", "speech", "partitive.whole", "scope.target", "instrument",
                     "numbers.joiners", "aux", "deltas", "collectives"):  # fmt: skip
        if s.mark(k, category):
            return category
    return ""


def _head_at(s: Sentence, k: int) -> tuple[str, str, int] | None:
    """(kind, scope or measure, last token) of a head noun starting at token ``k``."""
    for prefix in _HEADS:
        m = s.mark(k, prefix)
        if m is None:
            continue
        if m.is_("heads") or m.is_("singular_heads"):
            if s.mark(m.last, "compound_tails"):
                return None
            return WEAPON, m.leaf, m.last
        if m.is_("people"):
            return PEOPLE, m.leaf, m.last
        if m.is_("casualties"):
            return PEOPLE, "casualty:" + m.leaf, m.last
        if m.is_("locations.hit"):
            return LOCATIONS, "hit", m.last
    return None


def _post_models(s: Sentence, j: int, models: list[tuple[int, int, str]]) -> tuple[list[str], int]:
    """Model names after the head: "missiles (Kh-101)", "ракет С-300", "drones of the Shahed
    type", "missiles of the X-101, X-555 types and Kalibr", "БпЛА типу Shahed"."""
    ids: list[str] = []
    k, end = j, j
    listing = False  # inside "(…)" or "of the … types": commas and "and" join names
    for _ in range(12):
        if k >= len(s.tokens):
            break
        tok = s.tokens[k]
        hit = next((m for m in models if m[0] == k), None)
        if hit is not None:
            ids.append(hit[2])
            k = end = hit[1]
            continue
        if tok.text in ("(", "/", "'", '"') or tok.low in ("of", "the") or s.mark(k, "type_words"):
            listing = listing or tok.text in ("(", '"') or tok.low == "of"
            k += 1
            if s.mark(k - 1, "type_words") or tok.text == ")":
                end = k
            continue
        if tok.text == ")" and ids:
            k = end = k + 1
            break
        if listing and ids and (tok.text == "," or s.mark(k, "numbers.joiners") or tok.low == "or"):
            k += 1
            continue
        break
    return ids, (end if ids else j)


def _joined_mixed(s: Sentence, end: int) -> bool:
    """ "UAVs and drones of other types": the group joins a mix of types."""
    if not s.mark(end, "numbers.joiners"):
        return False
    for k in range(end + 1, min(len(s.tokens), end + 6)):
        if s.mark(k, "mixed"):
            return True
        if s.tokens[k].kind != "word":
            return False
    return False


def _joined_model(
    s: Sentence, end: int, models: list[tuple[int, int, str]]
) -> tuple[str, int] | None:
    """ "… and simulator drones" right after a head: a second model joined to the group."""
    if not s.mark(end, "numbers.joiners"):
        return None
    hit = next((m for m in models if m[0] in (end + 1, end + 2)), None)
    if hit is None or any(
        s.tokens[k].kind == "num" or s.mark(k, "numbers") or s.mark(k, "bounds")
        for k in range(end + 1, hit[0])
    ):
        return None
    head = s.mark(hit[1], "heads")
    return hit[2], head.last if head is not None else hit[1]


def _head_soon(s: Sentence, k: int, reach: int = 2, joiners: bool = True) -> bool:
    """A weapon noun within the next ``reach`` words ("Shahed attack drones", "Iskander-M or
    KN-23 ballistic missiles", "ballistic and cruise missiles"), across model names, "or", "/"
    and commas."""
    t = k + 1
    while t < len(s.tokens) and t <= k + reach:
        tok = s.tokens[t]
        if (s.mark(t, "heads") or s.mark(t, "singular_heads")) and not _in_predicate(s, t):
            return True
        if tok.kind != "word" and tok.text not in ("/", ",", "-", '"', "'"):
            return False
        if (
            s.mark(t, "numbers")
            or s.mark(t, "bounds")
            or _stop(s, t) not in ("", "predicate", "numbers.joiners", "mark")
        ):
            return False
        if not joiners and (s.mark(t, "numbers.joiners") or tok.text == ","):
            return False
        t += 1
    return False


def _in_predicate(s: Sentence, t: int) -> bool:
    """Token ``t`` is inside a predicate phrase ("не достигли цели"): a noun there is the
    verb's object, no head of the group before it."""
    return any(
        m.is_("predicates") and m.first < t < m.last
        for j in range(max(0, t - 4), t) for m in s.marks[j]
    )  # fmt: skip


def _group_after(
    s: Sentence, num: NumberPhrase, models: list[tuple[int, int, str]]
) -> Group | None:
    """The head and modifiers after a number phrase."""
    ids: list[str] = []
    classes: list[str] = []
    k = num.last
    of = s.mark(k, "partitive.whole")
    if of is not None and num.whole is None:
        k = of.last  # "16 of the cruise missiles": a part of the group named
    mixed = joined = own = others = False
    elided = num.last  # where the class adjectives right after the number end
    limit = min(len(s.tokens), num.last + MAX_MODIFIERS + 1)
    while k < limit:
        hit = next((m for m in models if m[0] <= k < m[1]), None)
        head = _head_at(s, k)
        if head is not None:
            kind, what, end = head
            if kind != WEAPON:
                return _people_or_places(num, kind, what, end)
            if hit is not None and hit[0] == k:
                ids.append(hit[2])  # "12 decoys": a head that names its model
            cls = s.mark(k, "classes")
            if cls is not None and cls.last < end:
                classes.append(_id_of(cls.category))  # "four ballistic ones": a head with a class
            compounds = s.lex.values.get("settings", {}).get("noun_compounds", 1)
            if compounds and _head_soon(s, max(end, hit[1] if hit else end) - 1, 3, False):
                k = max(end, hit[1] if hit else end)  # "Shahed attack drones": the noun is later
                limit = min(len(s.tokens), max(limit, k + 4))
                continue
            more, end = _post_models(s, max(end, hit[1] if hit else end), models)
            ids += more
            mix = s.mark(end, "mixed")
            if mix is not None or _joined_mixed(s, end):
                mixed = True
                end = mix.last if mix is not None else end  # "39 ракет різних типів"
            other = _joined_model(s, end, models)
            if other is not None:  # "Shahed strike UAVs and simulator drones": one mixed group
                ids.append(other[0])
                end, joined = other[1], True
            both = s.mark(num.number, "numbers.both")
            if both and (joined or s.mark(end, "numbers.joiners") or _joins(s, k, end)):
                return None  # "both cruise and ballistic missiles", "both drones and missiles"
            model = None if others else model_of(ids, classes, mixed, joined)
            scope = class_of(model, what)
            num, end = _whole_after(s, num, end)
            return Group(num, num.first, end, WEAPON, scope, model, own_side=own)
        if hit is not None:
            ids.append(hit[2])
            after = hit[1]
            if _head_at(s, after) is None and not s.mark(after, "classes"):
                if _head_soon(s, after - 1, 6):
                    k = after
                    limit = min(len(s.tokens), max(limit, after + 7))
                    continue
                if s.mark(after, "compound_tails"):
                    return None
                mixed = bool(s.mark(after, "mixed"))
                model = model_of(ids, classes, mixed, joined)
                return Group(num, num.first, after, WEAPON, class_of(model, None), model)
            k = after
            continue
        cls = s.mark(k, "classes")
        if cls is not None:
            classes.append(_id_of(cls.category))
            elided = cls.last if k == elided else elided
            k = cls.last
            continue
        if s.mark(k, "own_side"):
            own = True
        if s.mark(k, "mixed"):
            mixed = True
            others = others or bool(classes)  # "50 cruise and other missiles": no one class
        if s.tokens[k].low == "and" or s.tokens[k].low == "та" or s.tokens[k].low == "і":
            joined = True
        why = _stop(s, k) or ("bracket" if s.tokens[k].text == ")" else "")  # "(… 3 балістичні)"
        if why and not (why in ("predicate", "numbers.joiners") and _head_soon(s, k)):
            return _elided(s, num, classes, elided) if k == elided else None
        k += 1
    return _elided(s, num, classes, elided) if k == elided else None


def _joins(s: Sentence, first: int, last: int) -> bool:
    """A head phrase that joins two nouns ("drones and missiles")."""
    return any(s.mark(t, "numbers.joiners") for t in range(first + 1, last))


def _elided(s: Sentence, num: NumberPhrase, classes: list[str], end: int) -> Group | None:
    """ "35 крилатих і 3 балістичні ракети", "у тому числі 4 балістичні": a class adjective
    right after the number stands for its noun, in a language that says so
    (``settings.class_heads``)."""
    if not classes or len(set(classes)) > 1:
        return None
    if not s.lex.values.get("settings", {}).get("class_heads"):
        return None
    return Group(num, num.first, end, WEAPON, class_of(classes[0], None), classes[0])


def _whole_after(s: Sentence, num: NumberPhrase, end: int) -> tuple[NumberPhrase, int]:
    """ "54 missiles out of more than 69": the whole after the head."""
    if num.whole is not None:
        return num, end
    whole, last = whole_at(s, end)
    if whole is None:
        return num, end
    return replace(num, whole=whole), last


def _people_or_places(num: NumberPhrase, kind: str, what: str, end: int) -> Group:
    if kind == LOCATIONS:
        return Group(num, num.first, end, LOCATIONS)
    if what.startswith("casualty:"):
        return Group(num, num.first, end, PEOPLE, measure=what.split(":", 1)[1])
    return Group(
        num, num.first, end, PEOPLE, children=what == "children", subgroup=what == "subgroups"
    )


def _partitive_after(
    s: Sentence, num: NumberPhrase, models: list[tuple[int, int, str]]
) -> Group | None:
    """ "51 of them", "three of whom were children" (then a children's figure), "eight more",
    "62 others", "близько 60 із них – «Шахеди»" (a model's part of the group before)."""
    more = s.mark(num.last, "partitive.more")
    if more is not None:
        if _head_at(s, more.last) is not None or _head_soon(s, more.last - 1, 3, joiners=False):
            return None  # "52 more drones": the noun follows
        return Group(num, num.first, more.last, ANAPHOR)
    m = s.mark(num.last, "partitive.anaphor")
    if m is None:
        return None
    k = m.last
    while k < len(s.tokens) and (s.mark(k, "aux") or s.mark(k, "links") or s.tokens[k].text in
                                 ('"', "'")):  # fmt: skip
        k += 1
    kids = s.mark(k, "people.children")
    if kids is not None:
        return Group(num, num.first, kids.last, PEOPLE, children=True, part=True)
    hit = next((h for h in models if h[0] == k), None)
    if hit is not None and k > m.last and hit[2] not in GENERIC:
        end = hit[1] + (1 if hit[1] < len(s.tokens) and s.tokens[hit[1]].text == '"' else 0)
        return Group(num, num.first, end, WEAPON, class_of(hit[2], None), hit[2], part=True)
    return Group(num, num.first, m.last, ANAPHOR, part=True, relative=True)


def _linked_after(s: Sentence, num: NumberPhrase) -> Group | None:
    """ "73 – поранені", "ще 72 - постраждали": a figure joined by a dash (``links``) to the
    casualty word that says what it counts."""
    if not s.lex.uses("links"):
        return None
    link = s.mark(num.last, "links")
    if link is None or link.last >= len(s.tokens):
        return None
    head = _head_at(s, link.last)
    if head is not None and head[0] == PEOPLE:
        return _people_or_places(num, *head)
    verb = s.mark(link.last, "predicates")
    if verb is not None and verb.leaf in ("killed", "wounded"):
        return Group(num, num.first, verb.last, PEOPLE, measure=verb.leaf)
    return None


def _linked_before(s: Sentence, first: int) -> str | None:
    """ "поранені – 125 людей": the casualty word before a dash that ends right before the
    figure."""
    if first < 2 or not s.lex.uses("links"):
        return None
    if not any(m.is_("links") and m.last == first for m in s.marks[first - 1]):
        return None
    for k in range(max(0, first - 4), first - 1):
        for m in s.marks[k]:
            kind = m.is_("casualties") or m.is_("predicates")
            if kind and m.last == first - 1 and m.leaf in ("killed", "wounded"):
                return m.leaf
    return None


def _toll_after(s: Sentence, num: NumberPhrase) -> tuple[str, int] | None:
    """ "до 15 збільшилася кількість поранених": an update word and the measure after the
    figure (then "до" is no bound)."""
    update = s.mark(num.last, "updates")
    toll = s.mark(update.last, "tolls") if update is not None else None
    return (toll.leaf, toll.last) if toll is not None else None


def _namely(s: Sentence, num: NumberPhrase) -> Group | None:
    """ "рекордну кількість дронів Shahed і безпілотників інших типів, а саме 145": a figure
    after ``namely`` counts the weapon noun named before it in its sentence."""
    if not s.lex.uses("namely"):
        return None
    marker = next((m for k in range(max(0, num.first - 3), num.first) for m in s.marks[k]
                   if m.is_("namely") and m.last == num.first), None)  # fmt: skip
    if marker is None:
        return None
    for k in range(marker.first - 1, -1, -1):
        head = s.mark(k, "heads")
        if head is not None and head.last <= marker.first:
            between = [w for a, _b, w in weapon_ids(s) if head.first <= a < marker.first]
            mixed = any(s.mark(j, "mixed") for j in range(head.first, marker.first))
            model = between[0] if len(set(between)) == 1 and not mixed else None
            return Group(num, num.first, num.last, WEAPON, class_of(model, head.leaf), model)
        if s.tokens[k].kind == "num":
            return None
    return None


def _ordinal_tolls(s: Sentence, found: list[Group]) -> list[Group]:
    """ "Це вже п'ята жертва", "25-та жертва": an ordinal before a toll noun gives the toll, as
    an update of the figures before it."""
    out: list[Group] = []
    if not s.lex.uses("ordinal_tolls"):
        return out
    for k, row in enumerate(s.marks):
        m = next((m for m in row if m.is_("numbers.ordinals")), None)
        first, value = k, None
        if m is not None and m.entry.value is not None:
            value, last = int(m.entry.value), m.last
            tens = s.mark(k - 1, "numbers.tens") if k > 0 else None
            if tens is not None and tens.entry.value is not None and value < 10:
                first, value = k - 1, value + int(tens.entry.value)
        elif s.tokens[k].kind == "num" and k + 2 < len(s.tokens) and s.tokens[k + 1].text == "-":
            value, last = digits(s.tokens[k].text), k + 3  # "25-та"
        if value is None or any(g.first <= k < g.last for g in found):
            continue
        toll = s.mark(last, "ordinal_tolls")
        if toll is None:
            continue
        g = Group(None, first, toll.last, PEOPLE, measure=toll.leaf, update=True)
        g.quantity = Quantity(exact=value, wording=s.words(first, toll.last))
        out.append(g)
    return out


#: Tokens before a figure where the measure it updates may be named ("Кількість жертв ракетного
#: удару по п'ятиповерхівці у Полтаві до ранку зросла до 12").
TOLL_WINDOW = 16


def _toll_before(s: Sentence, num: NumberPhrase, lo: int) -> tuple[str, bool] | None:
    """ "the death toll rose to 13", "the number of people killed by Russians yesterday is 27",
    "кількість загиблих зросла до 13": the measure named before the figure, and whether an
    update word stands right before it (then "to" / "до" is no bound)."""
    update = _update_before(s, num.first, num.number)
    for k in range(num.first - 1, max(lo, num.first - TOLL_WINDOW) - 1, -1):
        toll = s.mark(k, "tolls")
        if toll is not None and toll.last <= num.first:
            between = range(toll.last, num.first)
            plain = all(
                s.mark(t, "updates") or s.mark(t, "aux") or s.tokens[t].kind == "mark"
                or _inside_update(s, t)
                for t in between
            )  # fmt: skip
            if plain or update:
                return toll.leaf, update
        if s.tokens[k].kind == "num":
            break
    return None


def _plain_people(g: Group) -> bool:
    return g.measure is None and not g.children and not g.subgroup and not g.part


def _toll_people(s: Sentence, num: NumberPhrase, group: Group, lo: int) -> Group:
    """People counted right after a toll and its update word ("the death toll rose to 12
    people", "число погибших возросло до 12 человек"): the toll's measure."""
    toll = _toll_before(s, num, lo)
    if toll is None or not toll[1]:
        return group
    measure, update = toll
    bound = None if num.bound == "max_inclusive" else num.bound
    group.measure, group.update = measure, update
    group.quantity = num.quantity(s.words(num.first, group.last), bound)
    return group


def _update_before(s: Sentence, first: int, number: int | None = None) -> bool:
    """An update word ends right before the figure ("rose to", "is", "зросла"), or takes the
    figure's bound word as its own ("возросло до 12": "до" is the update's, no bound)."""
    ends = {first} if number is None else {first, number}
    for k in range(max(0, first - 3 - MAX_GAP), first):  # "rose by … to" holds a gap
        for m in s.marks[k]:
            if m.is_("updates") and m.last in ends:
                return True
    return False


def _inside_update(s: Sentence, t: int) -> bool:
    return any(m.is_("updates") and m.first < t < m.last for row in s.marks[:t] for m in row)


def groups(s: Sentence) -> list[Group]:
    """Every counted group of a sentence, left to right."""
    models = weapon_ids(s)
    out: list[Group] = []
    taken = 0
    for num in number_phrases(s):
        if len(out) >= MAX_GROUPS_PER_SENTENCE:  # a run of numbers: no report lists so many
            s.groups_cut = True
            break
        if num.first < taken or _compound_adjective(s, num) or _delta(s, num):
            continue
        if _definite(s, num) or _age(s, num):
            continue  # "the two missiles that were not destroyed": counted already
        after = _toll_after(s, num)
        group: Group | None = None
        if after is not None:  # "до 15 збільшилася кількість поранених"
            bound = None if num.bound == "max_inclusive" else num.bound
            group = Group(num, num.first, after[1], PEOPLE, measure=after[0], update=True)
            group.quantity = num.quantity(s.words(num.first, num.last), bound)
        else:
            group = (
                _linked_after(s, num)
                or _partitive_after(s, num, models)
                or _group_after(s, num, models)
            )
            if group is not None and group.kind == PEOPLE and _plain_people(group):
                group = _toll_people(s, num, group, taken)  # "the toll rose to 12 people"
        if group is None:
            toll = _toll_before(s, num, taken)
            if toll is not None:
                measure, update = toll
                bound = None if update and num.bound in ("max_inclusive",) else num.bound
                group = Group(num, num.first, num.last, PEOPLE, measure=measure, update=update)
                group.quantity = num.quantity(s.words(num.first, num.last), bound)
            else:
                group = _namely(s, num) or Group(num, num.first, num.last, BARE)
        linked = _linked_before(s, num.first)
        if linked is not None and group.kind in (PEOPLE, BARE) and group.measure is None:
            group.kind, group.measure = PEOPLE, linked  # "поранені – 125 людей"
        if group.quantity is None:
            group.quantity = num.quantity(
                s.words(group.number.first if group.number else group.first, group.last)
            )
        if _part_before(s, num.first, "partitive.part"):
            group.part = True
        elif _part_before(s, num.first, "partitive.relative"):
            group.part = group.relative = True
        out.append(group)
        taken = group.last
    out += _singulars(s, models, out)
    out += _ordinal_tolls(s, out)
    if s.lex.values.get("settings", {}).get("bare_singulars"):
        out += _bare_singulars(s, out)
    return sorted(out, key=lambda g: g.first)


def _age(s: Sentence, num: NumberPhrase) -> bool:
    """ "A woman, 68, was killed": an age between commas after a person."""
    first, last = num.first, num.last
    if first < 2 or last >= len(s.tokens) or num.bound or num.whole is not None:
        return False
    if s.tokens[first - 1].text != "," or s.tokens[last].text != ",":
        return False
    return bool(s.mark(first - 2, "singular_people") or s.mark(first - 2, "people"))


def _definite(s: Sentence, num: NumberPhrase) -> bool:
    """A number after a definite article or demonstrative, not after "of": a reference to a
    group counted before ("the two missiles that were not destroyed")."""
    k = num.number - 1
    if k < 0 or not s.mark(k, "definite"):
        return False
    return not any(  # "of the 60", "of all the 60": a whole, named here
        m.is_("partitive") and m.last >= k for j in range(max(0, k - 3), k) for m in s.marks[j]
    )


def _delta(s: Sentence, num: NumberPhrase) -> bool:
    """ "the toll increased by nine": a change, not a count."""
    return any(
        m.last == num.first for k in range(max(0, num.first - 3), num.first)
        for m in s.marks[k] if m.is_("deltas")
    )  # fmt: skip


def _compound_adjective(s: Sentence, num: NumberPhrase) -> bool:
    """ "a 3-month-old child", "a 12-storey building": the number is part of an adjective."""
    j = num.last
    if (
        j + 1 >= len(s.tokens)
        or s.tokens[j].text != "-"
        or s.tokens[j].start != s.tokens[j - 1].end
    ):
        return False
    return len(s.tokens[j + 1].text) > 3


def _part_before(s: Sentence, first: int, category: str = "partitive.part") -> bool:
    """ "including two children", "of which 38", "з них 25", "У тому числі, одна дитина": the
    marker ends right before the number, or before a comma, colon or dash there ("Among them,
    two children")."""
    for k in range(max(0, first - 5), first):
        m = s.mark(k, category)
        if m is not None and (m.last == first or (m.last == first - 1 and _pause(s, m.last))):
            return True
    return False


def _pause(s: Sentence, k: int) -> bool:
    return s.tokens[k].kind == "mark" and s.tokens[k].text in (",", ":", "-", "—")


def _singulars(s: Sentence, models: list[tuple[int, int, str]], found: list[Group]) -> list[Group]:
    """ "a ballistic missile", "an Iskander-M missile", "a woman", "killing a 70-year-old
    man": one, with no numeral."""
    out: list[Group] = []
    if not s.has("numbers.article"):
        return out
    for k, row in enumerate(s.marks):
        if not any(m.is_("numbers.article") for m in row) or any(
            g.first <= k < g.last for g in found
        ):
            continue
        one = NumberPhrase(k, k + 1, k, 1, None)
        person = _singular_person(s, k)
        if person is not None:
            out.append(person)
            continue
        g = _group_after(s, one, models)
        if g is None or g.kind != WEAPON or s.mark(g.last - 1, "heads") is not None:
            continue  # "a missile" is one; "a … missiles" is no count
        last_head = _last_head(s, g)
        if last_head is None:
            continue
        g.number = None
        g.quantity = Quantity(exact=1, wording=s.words(k, g.last))
        out.append(g)
    return out


def _singular_person(s: Sentence, k: int) -> Group | None:
    """ "a woman", "a 70-year-old man", "a Ukrainian Su-27 pilot": one person."""
    for j in range(k + 1, min(len(s.tokens), k + 6)):
        m = s.mark(j, "singular_people")
        if m is not None:
            g = Group(None, k, m.last, PEOPLE, children=m.leaf == "children",
                      subgroup=m.leaf == "subgroups")  # fmt: skip
            g.quantity = Quantity(exact=1, wording=s.words(k, m.last))
            if _part_before(s, k):
                g.part = True
            return g
        tok = s.tokens[j]
        adjective = tok.kind == "num" and j + 1 < len(s.tokens) and s.tokens[j + 1].text == "-"
        if (tok.kind == "num" and not adjective) or (tok.kind == "mark" and tok.text != "-"):
            return None  # "a 70-year-old man" is one person; "a 70 …" is not
        if s.mark(j, "aux") or s.mark(j, "predicates") or s.mark(j, "heads") or s.mark(j, "people"):
            return None
    return None


#: The age from which a person is no child ("19-річна дівчина" is an adult).
ADULT_AGE = 18


def _age_at(s: Sentence, k: int) -> int | None:
    """The age of an adjective written with digits at token ``k`` ("17-річна"), if any."""
    toks = s.tokens
    if (
        k + 2 < len(toks)
        and toks[k].kind == "num"
        and toks[k + 1].text == "-"
        and s.mark(k + 2, "ages")
    ):
        return digits(toks[k].text)
    return None


def _bare_singulars(s: Sentence, found: list[Group]) -> list[Group]:
    """In a language without articles, a singular person or casualty with no numeral is one:
    "загинула жінка", "є загиблий", "поранена 16-річна дівчина" (``singular_people``,
    ``singular_casualties``); an age of 18 or more makes a "дівчина" an adult."""
    out: list[Group] = []
    k, n = 0, len(s.tokens)
    taken = bytearray(n)  # tokens inside a group already found
    for g in found:
        taken[g.first : g.last] = b"\x01" * (min(g.last, n) - g.first)
    while k < n:
        if taken[k]:
            k += 1
            continue
        first, age = k, None
        if _age_at(s, k) is not None:  # "16-річна дівчина": the age first
            age, k = _age_at(s, k), k + 3
        casualty = s.mark(k, "singular_casualties")
        person = s.mark(k, "singular_people")
        if casualty is not None and person is None:  # "поранена (17-річна) дівчина"
            j = casualty.last
            if _age_at(s, j) is not None:
                age, j = _age_at(s, j), j + 3
            person = s.mark(j, "singular_people")
        if casualty is None and person is None:
            k = first + 1
            continue
        last = max(m.last for m in (casualty, person) if m is not None)
        children = person is not None and person.leaf == "children"
        if age is not None and age >= ADULT_AGE:
            children = False
        g = Group(None, first, last, PEOPLE, children=children,
                  subgroup=person is not None and person.leaf == "subgroups",
                  measure=casualty.leaf if casualty is not None else None)  # fmt: skip
        g.quantity = Quantity(exact=1, wording=s.words(first, last))
        g.part = _part_before(s, first)
        out.append(g)
        k = last
    return out


def _last_head(s: Sentence, g: Group) -> int | None:
    for k in range(g.last - 1, g.first, -1):
        if s.mark(k, "singular_heads") is not None:
            return k
        if s.mark(k, "heads") is not None:
            return None  # pragma: no cover - no count has an article before a plural
    return None
