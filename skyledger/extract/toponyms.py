"""Places named in Ukrainian and Russian text, in every case form: ``find_places``.

The forms are data (``resources/gazetteer/uk_toponyms.tsv``, ``ru_toponyms.tsv``, generated
once by ``scripts/make_toponyms.py``), found in one Aho-Corasick pass over the normalised
text; ``resources/gazetteer/toponyms.yaml`` holds the words around a form that fix what it
names. A town's noun form names the town ("у Фастові"); an oblast's region noun names the
oblast ("на Київщині"); a place adjective followed by its noun is one mention of what that
noun makes it ("Київської області", "Бучанського району", "Фастівської громади", "Полтавської
ОВА", "Харківська міська рада"); in a list that one plural noun ends, every adjective takes it
("у Київській, Одеській та Харківській областях"); "Запоріжжя та область" adds the city's
oblast. A place adjective with no such noun is a bare adjective ("київські рятувальники"):
``adjective=True``, naming the town (or, where no town has that adjective, the oblast).
Names are the English exonyms of ``resources/gazetteer/places.tsv`` (the keys of
``places()``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

import ahocorasick

from skyledger.errors import ResourceError
from skyledger.extract.places import places
from skyledger.extract.weapons import hyphen_variants, normalize
from skyledger.resources import load_tsv, load_yaml

Lang = Literal["uk", "ru"]
SPEC = "gazetteer/toponyms.yaml"
#: The heads an adjective is tried with, in this order ("міська громада" before "міська").
ROLES = ("hromada", "oblast", "raion", "district", "krai", "sea", "region", "city")
#: The roles a bare adjective may name, in order of preference (a town before its oblast).
BARE = ("city", "oblast", "region", "krai")
#: A capitalised feminine form agrees with "область" left out ("20 тис. в Одеській").
BARE_FEMININE = ("oblast", "krai", "city", "region")
_ADJECTIVAL_NAME = re.compile(r"(?:ий|ій|ый|ой)$")
_PREVIOUS = re.compile(r"([\w'.-]+)\s*$")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text: offsets into that text, the English exonym (a key of
    ``places()``), its gazetteer kind, and whether it is a bare adjective."""

    start: int
    end: int
    name: str
    kind: str
    adjective: bool


@dataclass(frozen=True, slots=True)
class Reading:
    """What a form may name: the place, the head its adjective takes, whether the form is an
    adjective, whether the text must write it with a capital, and whether the town's own name
    is an adjective ("Хмельницький", also a surname)."""

    name: str
    head: str
    adjective: bool
    capital: bool
    adjectival_name: bool
    feminine: bool = False  # an adjective form only of the feminine ("Одеській", not "одеські")


Readings = tuple[Reading, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    automaton: ahocorasick.Automaton
    heads: dict[str, re.Pattern[str]]
    list_joins: re.Pattern[str]
    own_oblast: re.Pattern[str]
    district_of: re.Pattern[str]
    not_after: re.Pattern[str]
    homonyms: frozenset[str]
    homonym_cue: re.Pattern[str]
    raions_with_oblast: frozenset[str]


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    reading: Reading
    adjective: bool
    headed: bool  # an adjective with its head noun
    others: Readings  # the adjective readings a list may still choose from
    pending: bool = False  # no mention unless a list gives it its head


def norm_form(text: str) -> str:
    """The matching form of a text: ``weapons.normalize`` and ё as е; offsets unchanged."""
    return normalize(text).replace("ё", "е")


def find_places(text: str, lang: Lang) -> list[PlaceMention]:
    """Every place named in ``text`` (not lower-cased by the caller), leftmost-longest, whole
    words, without overlaps; one Aho-Corasick pass."""
    lex = lexicon(lang)
    norm = norm_form(text)
    hits = _hits(norm, lex)
    found: list[_Found] = []
    for n, (start, end, readings) in enumerate(hits):
        if found and start < found[-1].end:
            continue
        item = _resolve(text, norm, lex, start, end, readings, hits[n + 1 : n + 3])
        if item is not None:
            found.append(item)
    _spread_lists(norm, lex, found)
    every = places()
    out = [PlaceMention(f.start, f.end, f.reading.name, every[f.reading.name].kind, f.adjective)
           for f in found if not f.pending]  # fmt: skip
    return _own_oblasts(norm, lex, out)


def _hits(norm: str, lex: Lexicon) -> list[tuple[int, int, Readings]]:
    """Leftmost-longest whole-word matches of the automaton, without overlaps."""
    found: list[tuple[int, int, Readings]] = []
    for last, (size, readings) in lex.automaton.iter(norm):
        start, end = last + 1 - size, last + 1
        if (start > 0 and norm[start - 1].isalnum()) or (end < len(norm) and norm[end].isalnum()):
            continue
        found.append((start, end, readings))
    found.sort(key=lambda hit: (hit[0], -hit[1]))
    out: list[tuple[int, int, Readings]] = []
    for hit in found:
        if not out or hit[0] >= out[-1][1]:
            out.append(hit)
    return out


def _resolve(
    text: str,
    norm: str,
    lex: Lexicon,
    start: int,
    end: int,
    readings: Readings,
    rest: list[tuple[int, int, Readings]],
) -> _Found | None:
    """The mention one form makes: an adjective with its head, a noun, or a bare adjective."""
    adjectives = tuple(r for r in readings if r.adjective)
    for role in ROLES:
        reading = next((r for r in adjectives if r.head == role), None)
        head = lex.heads[role].match(norm, end) if reading is not None else None
        if reading is None or head is None:
            continue
        if role == "raion" and _district(norm, lex, head.end(), rest):
            return None  # "у Київському районі Харкова": a city district, no raion
        if reading.name in lex.raions_with_oblast and not _oblast_follows(
            norm, reading, head.end(), rest
        ):
            return None  # "у Дніпровському районі": Kyiv's district as often as the raion
        return _Found(start, head.end(), reading, False, True, ())
    nouns = [r for r in readings if not r.adjective and (not r.capital or text[start].isupper())]
    if nouns and nouns[0].name in lex.homonyms and not _after(norm, lex.homonym_cue, start):
        nouns = []  # "Українці очікували": Ukrainians, not the town
    if nouns and _is_place(text, norm, lex, start, nouns[0]):
        return _Found(start, end, nouns[0], False, False, adjectives)
    if not adjectives or _after(norm, lex.not_after, start) or _in_name(text, start):
        return None
    if lex.heads["raion"].match(norm, end):
        return None  # "у Київському районі Харкова": a district of some city, no place
    order = BARE_FEMININE if text[start].isupper() and adjectives[0].feminine else BARE
    bare = sorted((r for r in adjectives if r.head in order), key=lambda r: order.index(r.head))
    if not bare:  # "Азовського": a mention only if a list's head names it ("… та Чорного морів")
        return _Found(start, end, adjectives[0], True, False, adjectives, pending=True)
    return _Found(start, end, bare[0], True, False, adjectives)


def _skip_space(norm: str, pos: int) -> int:
    """The first offset at or after ``pos`` that is not white space."""
    while pos < len(norm) and norm[pos].isspace():
        pos += 1
    return pos


def _district(norm: str, lex: Lexicon, pos: int, rest: list[tuple[int, int, Readings]]) -> bool:
    """Whether a city's name (or "міста", "столиці") follows a raion's head."""
    if lex.district_of.match(norm, pos):
        return True
    after = _skip_space(norm, pos)
    return any(
        s == after and any(r.head == "city" and not r.adjective for r in readings)
        for s, _e, readings in rest[:2]
    )


def _after(norm: str, words: re.Pattern[str], start: int) -> bool:
    """Whether the word right before ``start`` is one of ``words``."""
    found = _PREVIOUS.search(norm, max(0, start - 40), start)
    return found is not None and words.fullmatch(found.group(1)) is not None


def _oblast_follows(
    norm: str, raion: Reading, pos: int, rest: list[tuple[int, int, Readings]]
) -> bool:
    """Whether the raion's own oblast is named right after it."""
    after = _skip_space(norm, pos)
    oblast = places()[raion.name].oblast
    return any(
        s == after and any(r.name == oblast for r in readings) for s, _e, readings in rest[:1]
    )


def _is_place(text: str, norm: str, lex: Lexicon, start: int, reading: Reading) -> bool:
    """A town's noun form, unless a street word comes before it ("вул. Шептицького") or, for a
    town whose name is an adjective, a capitalised word inside the sentence ("Богдана
    Хмельницького")."""
    if reading.head == "city" and _after(norm, lex.not_after, start):
        return False
    return not (reading.adjectival_name and _in_name(text, start))


def _in_name(text: str, start: int) -> bool:
    """Whether a capitalised word stands at ``start`` after another capitalised word inside a
    sentence: part of a person's or an institution's name ("Богдана Хмельницького")."""
    if not text[start].isupper():
        return False
    found = _PREVIOUS.search(text, max(0, start - 40), start)
    if found is None or not found.group(1)[:1].isupper() or len(found.group(1)) < 3:
        return False
    before = text[: found.start(1)].rstrip()
    return bool(before) and before[-1] not in '.!?:;\n"«“'


def _spread_lists(norm: str, lex: Lexicon, found: list[_Found]) -> None:
    """ "у Київській, Одеській та Харківській областях": the head of the last adjective names
    every adjective of the list before it."""
    for j in range(len(found) - 1, 0, -1):
        if not found[j].headed:
            continue
        role = found[j].reading.head
        k = j - 1
        while k >= 0:
            item, nxt = found[k], found[k + 1]
            choice = next((r for r in item.others if r.head == role), None)
            if choice is None or not lex.list_joins.fullmatch(norm, item.end, nxt.start):
                break
            found[k] = replace(item, reading=choice, adjective=False, headed=True, others=(),
                               pending=False)  # fmt: skip
            k -= 1


def _own_oblasts(norm: str, lex: Lexicon, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ "Запоріжжя та область": the word "область" names the city's oblast."""
    out: list[PlaceMention] = []
    every = places()
    for n, m in enumerate(mentions):
        out.append(m)
        if m.kind != "city" or m.adjective:
            continue
        found = lex.own_oblast.match(norm, m.end)
        oblast = every[m.name].oblast
        nxt = mentions[n + 1].start if n + 1 < len(mentions) else len(norm)
        if found and oblast in every and oblast != m.name and found.end(1) <= nxt:
            out.append(
                PlaceMention(found.start(1), found.end(1), oblast, every[oblast].kind, False)
            )
    return out


# --- resources ---------------------------------------------------------------------------


@cache
def lexicon(lang: Lang) -> Lexicon:
    """The automaton over every form of a language and its compiled context patterns."""
    spec = load_yaml(SPEC)
    if not isinstance(spec, dict) or not isinstance(spec.get(lang), dict):
        raise ResourceError(f"resources/{SPEC}: no section {lang!r}")
    section = spec[lang]
    auto = ahocorasick.Automaton()
    for key, readings in form_readings(lang).items():
        auto.add_word(key, (len(key), readings))
    auto.make_automaton()
    heads = section.get("heads")
    if not isinstance(heads, dict) or set(heads) != set(ROLES):
        raise ResourceError(f"resources/{SPEC}: {lang}.heads must list exactly {ROLES}")
    return Lexicon(
        automaton=auto,
        heads={role: _compile(lang, f"heads.{role}", heads[role], r"\s+") for role in ROLES},
        list_joins=_compile(lang, "list_joins", [section.get("list_joins")], ""),
        own_oblast=_compile(lang, "own_oblast", [section.get("own_oblast")], ""),
        district_of=_compile(lang, "district_of", [section.get("district_of")], ""),
        not_after=_compile(lang, "not_after", [section.get("not_after")], ""),
        homonyms=_names(lang, "homonyms", section.get("homonyms")),
        homonym_cue=_compile(lang, "homonym_cue", [section.get("homonym_cue")], ""),
        raions_with_oblast=_names(lang, "raions_with_oblast", section.get("raions_with_oblast")),
    )


def _names(lang: str, key: str, value: object) -> frozenset[str]:
    """A list of exonyms of ``places()``."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v in places() for v in value):
        raise ResourceError(f"resources/{SPEC}: {lang}.{key} must list places of places.tsv")
    return frozenset(value)


def _compile(lang: str, key: str, fragments: object, prefix: str) -> re.Pattern[str]:
    where = f"resources/{SPEC}: {lang}.{key}"
    if (
        not isinstance(fragments, list)
        or not fragments
        or not all(isinstance(f, str) and f for f in fragments)
    ):
        raise ResourceError(f"{where}: a non-empty list of patterns is required")
    suffix = r"(?![\w'])" if prefix else ""
    try:
        return re.compile(prefix + "(?:" + "|".join(fragments) + ")" + suffix)
    except re.error as exc:
        raise ResourceError(f"{where}: {exc}") from exc


@cache
def form_readings(lang: Lang) -> dict[str, Readings]:
    """Every normalised form (hyphens also written with spaces) → what it may name."""
    name = f"gazetteer/{lang}_toponyms.tsv"
    known = places()
    table: dict[str, list[Reading]] = {}
    for line, row in enumerate(load_tsv(name), start=2):
        place = row["name"]
        if place not in known:
            raise ResourceError(f"resources/{name}:{line}: {place!r} is not in places.tsv")
        if row["head"] not in ROLES:
            raise ResourceError(f"resources/{name}:{line}: unknown head {row['head']!r}")
        nouns = [f for f in row["forms"].split(";") if f]
        adjectival = bool(nouns) and bool(_ADJECTIVAL_NAME.search(nouns[0]))
        for form in nouns:
            reading = Reading(place, row["head"], False, form[:1].isupper(), adjectival)
            _add(table, form, reading)
        columns = {c: set(filter(None, row[c].split(";"))) for c in ("adj_m", "adj_n", "adj_p")}
        others = columns["adj_n"] | columns["adj_p"]  # not adj_m: "сумской" is both m and f
        for form in filter(None, row["adj_f"].split(";")):
            _add(table, form, Reading(place, row["head"], True, False, False, form not in others))
        for form in set().union(*columns.values()) - set(row["adj_f"].split(";")):
            _add(table, form, Reading(place, row["head"], True, False, False))
    return {key: tuple(dict.fromkeys(values)) for key, values in table.items()}


def _add(table: dict[str, list[Reading]], form: str, reading: Reading) -> None:
    for variant in hyphen_variants(norm_form(form)):
        table.setdefault(variant, []).append(reading)
