"""Counted groups of attack means in one sentence: "двома протикорабельними ракетами
Циркон/Онікс", "653 ударними БпЛА типу Shahed, Гербера та дронами-імітаторами",
"балістичною ракетою Іскандер-М" (a singular with no numeral is one), "понад 50 із них –
реактивні" (a part of the group before it)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from skyledger.extract.uk.build import exact, quantity
from skyledger.extract.uk.lexicon import lexicon
from skyledger.extract.uk.numbers import number_words, read_bound, read_number
from skyledger.extract.uk.scan import Scan, candidates, sentence_hits, starters, verb_at
from skyledger.extract.uk.text import Report, Sentence
from skyledger.extract.weapons import WeaponHit, group_id
from skyledger.models import Quantity

_STOP = frozenset({"із", "з", "зі", "на", "у", "в", "по", "до", "та", "і", "й", "а", "від",
                   "для", "щодо", "під", "над", "за", "при", "про", "без", "після",
                   "протягом"})  # fmt: skip
_DRONE_STOP = frozenset({"із", "з", "зі", "за", "на", "у", "в", "напрямків", "напрямів", ";", ":",
                         ".", "-", "!", "протиповітряною", "зафіксовано"})  # fmt: skip
_MISSILE_FILL = frozenset({'"', "/", "типу", "морського", "повітряного", "наземного", "базування"})
_SINGULAR_MISSILE = frozenset({"ракета", "ракету", "ракетою"})
_OTHER_TYPES = (("інших", "типів"), ("різних", "типів"), ("інші", "типи"))
_OTHER_FIRSTS = frozenset(first for first, _ in _OTHER_TYPES)
_LOITERING_HEADS = frozenset({"боєприпас", "боєприпасом"})


@dataclass(slots=True)
class Item:
    """One counted (or named-but-unnumbered) group and the words it was read from."""

    kind: str  # missile | drone | loitering | total | sub | bomb
    model: str | None
    quantity: Quantity | None
    start: int
    end: int
    paragraph: int
    all_: bool = False
    vague: bool = False
    launched_of: bool = False
    measure: str | None = None
    sentence: int = -1


def scan_items(report: Report, sentence: Sentence) -> list[Item]:
    """Every counted group in a sentence, in text order."""
    hits = sentence_hits(report, sentence)
    scan = Scan(report, sentence, sentence.words, {h.start: h for h in hits}, hits, sentence.tokens)
    items: list[Item] = []
    cands = candidates(scan)
    done = 0
    for i in cands:
        if i < done:
            continue
        found, nxt = _numbered(scan, i)
        if not found:
            found, nxt = _unnumbered(scan, i)
        if found and items and items[-1].all_ and _coordinated(scan, items[-1], found[0]):
            found[0].all_ = True  # "Усі 18 ракет і 9 безпілотників знищено"
        items.extend(found)
        if found and found[-1].kind == "drone":
            inside = cands[bisect.bisect_right(cands, i) : bisect.bisect_left(cands, nxt)]
            items.extend(_subcounts_within(scan, inside))  # cands are in order: no full scan
        done = max(nxt, i + 1)
    return items


def _coordinated(scan: Scan, first: Item, second: Item) -> bool:
    return scan.report.norm[first.end : second.start].strip() in ("і", "й", "та", ",")


def _subcounts_within(scan: Scan, cands: list[int]) -> list[Item]:
    """Parts named inside a drone group: "(37 із них — реактивні)", "(в т.ч. понад 50
    реактивних)"."""
    out: list[Item] = []
    done = 0
    for i in cands:
        if i < done:
            continue
        found, nxt = _numbered(scan, i)
        subs = [f for f in found if f.kind == "sub"]
        out.extend(subs)
        done = nxt if subs else i + 1
    return out


def _numbered(scan: Scan, i: int) -> tuple[list[Item], int]:
    words = scan.words
    if scan.hit_covering(i) is not None or not _may_number(words[i]):
        return [], i  # neither a number nor a bound word: nothing to read
    bound, j = read_bound(words, i)
    number = read_number(words, j)
    if number is None:
        return [], i
    value, k = number
    if i > 0 and words[i - 1] in ("із", "з") and bound is None:
        return [], k  # "із 140 БпЛА ... збито близько 120": the reference, not a count
    if k + 1 < len(words) and words[k] in ("із", "з") and words[k + 1] == "них":
        return _subcount(scan, i, k + 2, quantity(value, bound, _wording(scan, i, k)))
    if k + 1 < len(words) and words[k] in ("із", "з") and read_number(words, k + 1):
        return _out_of(scan, i, k, value)
    head = _head(scan, k)
    if head is None and i >= 2 and words[i - 1] == "них" and words[i - 2] in ("із", "з"):
        toks = scan.toks  # "з них 41 збито"
        qty = quantity(value, bound, _wording(scan, i, k))
        return [Item("ref", None, qty, toks[i][0], toks[k - 1][1], scan.sentence.paragraph)], k
    if head is None and _verb_follows(scan, k) and not (i and words[i - 1] in (":", ".")):
        toks = scan.toks  # "збито 58 БпЛА, 9 – локаційно втрачено"
        qty = quantity(value, bound, _wording(scan, i, k))
        return [Item("ref", None, qty, toks[i][0], toks[k - 1][1], scan.sentence.paragraph)], k
    if head is None:
        return [], i
    item, end = _build(scan, i, head, quantity(value, bound, _wording(scan, i, k)))
    item.all_ = bound == "all"
    return [item], end


@lru_cache(maxsize=16384)
def _may_number(word: str) -> bool:
    """Whether a number or a bound phrase may start at ``word``."""
    return word[0].isdigit() or word in starters()


def _verb_follows(scan: Scan, k: int) -> bool:
    """Whether a verb that may follow its figure comes right after a number (a dash between)."""
    words = scan.words
    if k < len(words) and words[k] == "-":
        k += 1
    if k >= len(words):
        return False
    m = lexicon().verbs.match(scan.report.norm, scan.toks[k][0])
    return m is not None and m.lastgroup in lexicon().post_verbs


def _wording(scan: Scan, i: int, k: int) -> str:
    toks = scan.toks
    return scan.report.quote(toks[i][0], toks[k - 1][1])


def _head(scan: Scan, k: int) -> tuple[int, str, WeaponHit | None] | None:
    """The head noun (or weapon name) of a group whose modifiers start at ``k``."""
    words = scan.words
    for m in range(k, min(k + 6, len(words))):
        found = scan.head_kind(m)
        if found is not None:
            return m, found[0], found[1]
        word = words[m]
        if word == '"':
            continue
        if _ends_head_search(word) or (
            not word.endswith(_ADJECTIVE_ENDINGS)
            and verb_at(word, words[m + 1] if m + 1 < len(words) else "")
        ):
            return None  # "У ніч на 10 лютого противник атакував ракетами": a date, not a count
    return None


@lru_cache(maxsize=16384)
def _ends_head_search(word: str) -> bool:
    """A word no modifier of a group can be: a preposition or conjunction, punctuation, a
    number (word) or a month."""
    return (
        word in _STOP or not word[0].isalpha() or word in number_words() or word in lexicon().months
    )


def _build(
    scan: Scan, i: int, head: tuple[int, str, WeaponHit | None], qty: Quantity | None
) -> tuple[Item, int]:
    m, kind, hit = head
    end = _extent(scan, m, kind, hit)
    toks = scan.toks
    start, stop = toks[i][0], toks[end - 1][1]
    head_start = toks[m][0]
    hits = [h for h in scan.hits if head_start <= h.start < stop] if scan.hits else []
    model = _model(scan, kind, hits, i, m, end)
    para = scan.sentence.paragraph
    return Item(kind, model, qty, start, stop, para), end


def _extent(scan: Scan, m: int, kind: str, hit: WeaponHit | None) -> int:
    """The index after the last word of a group whose head is at ``m``."""
    words, n = scan.words, len(scan.words)
    j = m + 1
    if hit is not None:
        while j < n and scan.toks[j][0] < hit.end:
            j += 1
    if kind == "drone":
        return _drone_list_end(scan, j)
    if kind == "total":
        while j < n and words[j] in ("повітряного", "нападу", "противника"):
            j += 1
        return j
    while j < n and (scan.hit_covering(j) is not None or words[j] in _MISSILE_FILL):
        j += 1
    return j


def _drone_list_end(scan: Scan, j: int) -> int:
    """A drone group runs on over its type list ("типу Shahed, Гербера та дронами-імітаторами")
    until a place, a new number, "а також", a verb or the end of the clause."""
    words, n, depth = scan.words, len(scan.words), 0
    while j < n:
        word = words[j]
        if word == "(":
            depth += 1
        elif word == ")":
            depth -= 1
            if depth < 0:
                return j
        elif depth == 0 and _plain(word):  # most words: a name, an adjective, a verb
            if scan.hit_covering(j) is None and verb_at(word, words[j + 1] if j + 1 < n else ""):
                return j
        elif depth == 0 and _including(words, j):
            j = _skip_including(scan, j)
            continue
        elif depth == 0 and _ends_drone_list(scan, j):
            return j
        j += 1
    return j


@lru_cache(maxsize=16384)
def _plain(word: str) -> bool:
    """A word that ends a drone list only as a verb outside a weapon name: a word, no number
    (word), bracket, stop word, "в"/"у" (of "в т.ч.") or "а" (of "а також")."""
    return (
        word[0].isalpha()
        and word not in _DRONE_STOP
        and word not in ("в", "у", "а")
        and word not in starters()
    )


def _including(words: list[str], j: int) -> bool:
    """ "в т.ч." / "у тому числі": a part of the group follows, inside the group."""
    return words[j] in ("в", "у") and j + 1 < len(words) and words[j + 1] in ("т", "тому")


def _skip_including(scan: Scan, j: int) -> int:
    words, n = scan.words, len(scan.words)
    j += 2
    while j < n and words[j] in (".", "ч", "числі"):
        j += 1
    _bound, j = read_bound(words, j)
    number = read_number(words, j)
    return number[1] + 1 if number else j


def _ends_drone_list(scan: Scan, j: int) -> bool:
    words = scan.words
    word = words[j]
    if word in _DRONE_STOP or (word == "а" and j + 1 < len(words) and words[j + 1] == "також"):
        return True
    if not word[0].isalnum() or (word not in starters() and scan.hit_covering(j) is not None):
        return False
    if word[0].isdigit() or word in starters():
        return True
    return verb_at(word, words[j + 1] if j + 1 < len(words) else "")


def _model(scan: Scan, kind: str, hits: list[WeaponHit], i: int, m: int, end: int) -> str | None:
    if kind == "drone":
        inner = _parenthesised(scan, m, end)
        ids = {
            h.id
            for h in hits
            if h.id != "shahed-jet" and not any(a <= h.start < b for a, b in inner)
        }
        words = scan.words
        other = not _OTHER_FIRSTS.isdisjoint(words[m:end]) and any(
            words[j] in _OTHER_FIRSTS and tuple(words[j : j + 2]) in _OTHER_TYPES
            for j in range(m, end)
        )
        return ids.pop() if len(ids) == 1 and not other else None
    if hits:
        return group_id([h.id for h in hits])
    if kind == "missile":
        for word in scan.words[i:m]:
            for stem, cls in lexicon().classes.items():
                if word.startswith(stem):
                    return cls
    return None


def _parenthesised(scan: Scan, m: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the parentheses between tokens ``m`` and ``end`` ("(понад 350 з них –
    «шахеди»)" names a part, not the group's model)."""
    toks, opened = scan.toks, -1
    out: list[tuple[int, int]] = []
    try:
        first = scan.words.index("(", m, end)  # nothing is bracketed before the first "("
    except ValueError:
        return out
    for j in range(first, end):
        if toks[j][2] == "(" and opened < 0:
            opened = toks[j][0]
        elif toks[j][2] == ")" and opened >= 0:
            out.append((opened, toks[j][1]))
            opened = -1
    return out


def _subcount(scan: Scan, i: int, k: int, qty: Quantity) -> tuple[list[Item], int]:
    """ "понад 100 із них – реактивні", "близько 90 з них – шахеди": a part of the group;
    "80 із них" with no name: a figure of the group before it (a ``ref``)."""
    toks = scan.toks
    for m in range(k, min(k + 4, len(scan.words))):
        hit = scan.hit_at.get(toks[m][0])
        if hit is not None:
            item = Item("sub", hit.id, qty, toks[i][0], hit.end, scan.sentence.paragraph)
            return [item], m + 1
    return [Item("ref", None, qty, toks[i][0], toks[k - 1][1], scan.sentence.paragraph)], k


def _out_of(scan: Scan, i: int, k: int, value: int) -> tuple[list[Item], int]:
    """ "34 із 35 випущених ударних БпЛА": downed 34 of 35 launched."""
    of = read_number(scan.words, k + 1)
    assert of is not None
    total, after = of
    head = _head(scan, after)
    if head is None:
        return [], k
    outer, end = _build(scan, k + 1, head, exact(total, str(total)))
    outer.launched_of = True  # "збито 36 із 43 (випущених) ракет": 43 were launched
    part, _ = _build(scan, i, head, exact(value, str(value)))
    return [part, outer], end


def _unnumbered(scan: Scan, i: int) -> tuple[list[Item], int]:
    """A missile or loitering-munition group named without a number."""
    found = scan.head_kind(i)
    if found is None or found[0] not in ("missile", "loitering", "drone"):
        return [], i
    kind, hit = found
    if hit is not None and kind in ("missile", "drone"):
        return [], i
    first = i
    while first > 0 and i - first < 4 and _modifier(scan.words[first - 1]):
        first -= 1
    qty = _singular(scan, first, i, kind)
    item, end = _build(scan, first, (i, kind, hit), qty)
    item.vague = any(w in lexicon().vague for w in scan.words[max(first - 1, 0) : i])
    return [item], end


_ADJECTIVE_ENDINGS = ("ою", "ими", "их", "ої", "ий", "ій", "ого", "ому", "ім", "ую", "і")


def _modifier(word: str) -> bool:
    return word.endswith(_ADJECTIVE_ENDINGS) and not lexicon().verbs.fullmatch(word)


def _singular(scan: Scan, first: int, i: int, kind: str) -> Quantity | None:
    head = scan.words[i]
    mods = scan.words[first:i]
    single = head in _SINGULAR_MISSILE or head in _LOITERING_HEADS
    if head == "ракети" and mods and all(w.endswith("ої") for w in mods):
        single = True
    if not single:
        return None
    toks = scan.toks
    return exact(1, scan.report.quote(toks[first][0], toks[i][1]))
