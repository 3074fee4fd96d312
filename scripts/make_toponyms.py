"""Generate the Ukrainian and Russian case forms of the gazetteer's places, once, as data:
``skyledger/resources/gazetteer/uk_toponyms.tsv`` and ``ru_toponyms.tsv``.

Run: ``.venv/bin/python scripts/make_toponyms.py`` (after ``scripts/make_gazetteer.py``). The
output is committed and checked by hand; the extractor never calls pymorphy3 for places.

Input: ``scripts/gazetteer/names.tsv`` (hand-written nominatives and masculine adjectives of
each place, in Ukrainian and Russian) and ``raions.tsv`` (raion adjectives). A name is
declined by pymorphy3 where its dictionary knows the word as a noun of that very nominative,
and by the regular toponym patterns below where it does not ("Фастів" → "Фастова", "Фастові";
"Українка" → "Українці"; "Синельникове" → "Синельниковому"): pymorphy3 guesses wrong on place
names it does not know ("Фастові" → "фаст"). Several words agree with their head noun
("Кривий Ріг" → "Кривому Розі"); a word written with a leading ``=`` stays as it is ("столиця
=України", "Ростов-=на-=Дону"), and so does a linking part before a hyphen ("Івано-"). A name
with ``;`` lists its forms by hand. The Ukrainian forms of the Air Force gazetteer
(``uk_places.tsv``) are merged in, so nothing it knows is lost; the script prints every one
of them that the declension did not produce, for review.
"""

from __future__ import annotations

import csv
import itertools
import re
import sys
from pathlib import Path

import pymorphy3

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "scripts" / "gazetteer"
OUT = ROOT / "skyledger" / "resources" / "gazetteer"
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = {"masc": "m", "femn": "f", "neut": "n"}

_MORPH: dict[str, pymorphy3.MorphAnalyzer] = {}


def morph(lang: str) -> pymorphy3.MorphAnalyzer:
    if lang not in _MORPH:
        _MORPH[lang] = pymorphy3.MorphAnalyzer(lang=lang)
    return _MORPH[lang]


def _number(tag: object) -> str:
    return "plur" if getattr(tag, "number", None) == "plur" else "sing"


# --- nouns -------------------------------------------------------------------------------


def noun_paradigm(word: str, lang: str) -> tuple[dict[str, set[str]], str, str]:
    """Case → forms of a (lower-case) noun, with its gender and number."""
    known = _known_noun(word, lang)
    if known is not None:
        return known
    return (_patterns_uk if lang == "uk" else _patterns_ru)(word)


def _known_noun(word: str, lang: str) -> tuple[dict[str, set[str]], str, str] | None:
    parses = [
        p
        for p in morph(lang).parse(word)
        if p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.word == word
        and (p.normal_form == word or _number(p.tag) == "plur")
    ]  # fmt: skip
    if not parses:
        return None
    parses.sort(key=lambda p: ("Geox" not in p.tag.grammemes, _number(p.tag) == "plur",
                               "anim" in p.tag.grammemes, "Surn" in p.tag.grammemes))  # fmt: skip
    best = parses[0]
    number, gender = _number(best.tag), str(best.tag.gender or "")
    out: dict[str, set[str]] = {c: set() for c in CASES}
    for form in best.lexeme:  # a surname's lexeme holds its feminine forms too: not a town's
        same_gender = number == "plur" or str(form.tag.gender or gender) == gender
        if form.tag.case in out and _number(form.tag) == number and same_gender:
            out[form.tag.case].add(form.word)
    if "Fixd" in best.tag.grammemes:
        out = {c: {word} for c in CASES}
    out["nomn"].add(word)
    return out, gender, number


_VOWEL = "аеєиіїоуюяыэё"
_UK_SOFTEN = {"к": "ц", "г": "з", "х": "с"}


def _patterns_uk(word: str) -> tuple[dict[str, set[str]], str, str]:
    """Regular Ukrainian toponym declension, for nominatives pymorphy3 does not know."""
    forms: dict[str, list[str]]
    if re.search(r"[іо]в$|їв$", word):  # Фастів → Фастова, Фастові, Фастовом
        stem = word[:-2] + ("єв" if word.endswith("їв") else "ов")
        forms = {"gent": [stem + "а"], "datv": [stem + "у", stem + "ові"],
                 "loct": [stem + "і", stem + "ові"], "ablt": [stem + "ом"]}  # fmt: skip
        gender, number = "masc", "sing"
    elif word.endswith(("ий", "ій")):  # adjectival: Хмельницький
        stem = word[:-2]
        forms = {"gent": [stem + "ого"], "datv": [stem + "ому"], "loct": [stem + "ому", stem + "ім"],
                 "ablt": [stem + "им"]}  # fmt: skip
        gender, number = "masc", "sing"
    elif word.endswith(("е", "є")) and len(word) > 3:  # Синельникове → Синельниковому
        stem, soft = word[:-1], word.endswith("є")
        forms = {"gent": [stem + ("ього" if soft else "ого")],
                 "datv": [stem + ("ьому" if soft else "ому")],
                 "loct": [stem + ("ьому" if soft else "ому"), stem + "ім"],
                 "ablt": [stem + "им"]}  # fmt: skip
        gender, number = "neut", "sing"
    elif word.endswith(("а", "я")):  # Українка → Українці; Кілія → Кілії
        stem, soft = word[:-1], word.endswith("я")
        dat = stem + ("ї" if soft and stem[-1] in _VOWEL else "і")
        if not soft and stem[-1] in _UK_SOFTEN:
            dat = stem[:-1] + _UK_SOFTEN[stem[-1]] + "і"
        gen = stem + ("ї" if soft and stem[-1] in _VOWEL else "і" if soft else "и")
        forms = {"gent": [gen], "datv": [dat], "loct": [dat], "accs": [stem + ("ю" if soft else "у")],
                 "ablt": [stem + ("єю" if soft and stem[-1] in _VOWEL else "ею" if soft else "ою")]}  # fmt: skip
        gender, number = "femn", "sing"
    elif word.endswith(("и", "і")):  # plural: Бровари → Броварах
        stem = word[:-1]
        forms = {"gent": [stem + "ів"], "datv": [stem + "ам"], "loct": [stem + "ах"],
                 "ablt": [stem + "ами"]}  # fmt: skip
        gender, number = "", "plur"
    elif word.endswith("о"):  # Мукачево → Мукачева, Мукачеві
        stem = word[:-1]
        forms = {
            "gent": [stem + "а"],
            "datv": [stem + "у"],
            "loct": [stem + "і"],
            "ablt": [stem + "ом"],
        }
        gender, number = "neut", "sing"
    elif word.endswith("ець"):  # Марганець → Марганця, Марганці
        stem = word[:-3] + "ц"
        forms = {"gent": [stem + "я"], "datv": [stem + "ю", stem + "еві"], "loct": [stem + "і"],
                 "ablt": [stem + "ем"]}  # fmt: skip
        gender, number = "masc", "sing"
    elif word.endswith("ь"):  # Нікополь → Нікополя, Нікополі
        stem = word[:-1]
        forms = {
            "gent": [stem + "я"],
            "datv": [stem + "ю"],
            "loct": [stem + "і"],
            "ablt": [stem + "ем"],
        }
        gender, number = "masc", "sing"
    elif word[-1] not in _VOWEL:  # Краматорськ → Краматорську; Кременчук → Кременчуці
        loc = word + "у" if word.endswith(("ськ", "цьк")) else word + "і"
        if not word.endswith(("ськ", "цьк")) and word[-1] in _UK_SOFTEN:
            loc = word[:-1] + _UK_SOFTEN[word[-1]] + "і"
        forms = {"gent": [word + "а"], "datv": [word + "у"], "loct": [loc, word + "у"],
                 "ablt": [word + ("ем" if word[-1] in "жчшщ" else "ом")]}  # fmt: skip
        gender, number = "masc", "sing"
    else:  # Рені: indeclinable
        forms = {}
        gender, number = "", "sing"
    out = {c: {word} if c in ("nomn", "accs") else set() for c in CASES}
    if gender == "femn" or number == "plur":
        out["accs"] = set()
    for case, items in forms.items():
        out[case].update(items)
    out["accs"] = out["accs"] or {word}
    if not any(forms.values()):
        out = {c: {word} for c in CASES}
    return out, gender, number


_RU_ENDINGS = {  # nominative ending → (genitive, dative, instrumental, prepositional), gender
    "ый": (("ого", "ому", "ым", "ом"), "masc"),
    "ий": (("ого", "ому", "им", "ом"), "masc"),
    "ое": (("ого", "ому", "ым", "ом"), "neut"),
    "ая": (("ой", "ой", "ой", "ой"), "femn"),
    "ье": (("ья", "ью", "ьем", "ье"), "neut"),
}


def _patterns_ru(word: str) -> tuple[dict[str, set[str]], str, str]:
    """Regular Russian toponym declension, for nominatives pymorphy3 does not know."""
    out = {c: {word} for c in CASES}
    for ending, (ends, gender) in _RU_ENDINGS.items():
        if word.endswith(ending):  # Хрустальный, Снежное, Надворная, Счастье
            stem = word[: -len(ending)]
            for case, end in zip(("gent", "datv", "ablt", "loct"), ends, strict=True):
                velar = stem[-1:] in "гкхжшчщ" and end == "ым"
                out[case] = {stem + ("им" if velar else end)}
            if ending == "ая":
                out["accs"] = {stem + "ую"}
            return out, gender, "sing"
    if word.endswith(("и", "ы")):  # Лиски: plural, genitive unpredictable
        stem = word[:-1]
        for case, end in (("datv", "ам"), ("ablt", "ами"), ("loct", "ах")):
            out[case] = {stem + end}
        return out, "", "plur"
    if word.endswith(("ово", "ево", "ино")):  # Миллерово: written both ways
        stem = word[:-1]
        for case, end in (("gent", "а"), ("datv", "у"), ("ablt", "ым"), ("loct", "е")):
            out[case].add(stem + end)
        return out, "neut", "sing"
    if word.endswith("а"):
        stem = word[:-1]
        hard = stem[-1] in "гкхжчшщ"
        for case, end in (("gent", "и" if hard else "ы"), ("datv", "е"), ("accs", "у"),
                          ("ablt", "ой"), ("loct", "е")):  # fmt: skip
            out[case] = {stem + end}
        return out, "femn", "sing"
    if word[-1] not in _VOWEL and word[-1] != "ь":
        for case, end in (("gent", "а"), ("datv", "у"), ("ablt", "ом"), ("loct", "е")):
            out[case] = {word + end}
        return out, "masc", "sing"
    return out, "", "sing"


# --- adjectives ------------------------------------------------------------------------


def adjective_paradigm(word: str, lang: str) -> dict[str, dict[str, set[str]]]:
    """Gender or number key (m, f, n, p) → case → forms of a masculine adjective."""
    prefix, _, last = word.rpartition("-")
    prefix = prefix + "-" if prefix else ""
    parses = [p for p in morph(lang).parse(last) if p.tag.POS == "ADJF"]
    parses.sort(key=lambda p: (p.normal_form != last, p.tag.case not in ("nomn", None)))
    if not parses:
        return _adjective_patterns(word, lang)
    out: dict[str, dict[str, set[str]]] = {k: {c: set() for c in CASES} for k in "mfnp"}
    out["m"]["nomn"].add(word)  # "сумской": the dictionary's lemma is "сумский"
    for form in parses[0].lexeme:
        tag = form.tag
        if tag.POS != "ADJF" or tag.case not in CASES or {"Infr", "Abbr"} & tag.grammemes:
            continue
        key = "p" if _number(tag) == "plur" else GENDERS.get(str(tag.gender))
        degree = {"Supr", "Cmp2", "COMP"} & tag.grammemes  # "белейшей", "новейший"
        short = key == "m" and tag.case == "nomn" and not form.word.endswith("й")  # "красен"
        full = lang == "uk" and _FULL_FORM.search(form.word)
        if key and not degree and not short and not full:
            out[key][tag.case].add(prefix + form.word)
    for key in "mnp":  # inanimate: the accusative is the nominative
        out[key]["accs"] = set(out[key]["nomn"])
    return out


#: Old full forms of Ukrainian adjectives ("білая", "білую") and short ones ("красен"): never
#: in a place name today.
_FULL_FORM = re.compile(r"(?:ая|яя|ую|юю|еє|єє|ії)$")


#: Endings of a soft-stem-free adjective in -ський/-ский, by gender or number and case.
_ADJ_ENDINGS = {
    "uk": {"m": ("ий", "ого", "ому", "ий|ого", "им", "ому|ім"),
           "f": ("а", "ої", "ій", "у", "ою", "ій"),
           "n": ("е", "ого", "ому", "е", "им", "ому|ім"),
           "p": ("і", "их", "им", "і|их", "ими", "их")},
    "ru": {"m": ("ий", "ого", "ому", "ий|ого", "им", "ом"),
           "f": ("ая", "ой", "ой", "ую", "ой|ою", "ой"),
           "n": ("ое", "ого", "ому", "ое", "им", "ом"),
           "p": ("ие", "их", "им", "ие|их", "ими", "их")},
}  # fmt: skip


def _adjective_patterns(word: str, lang: str) -> dict[str, dict[str, set[str]]]:
    """The regular paradigm of an adjective in -ський/-ский that pymorphy3 does not read."""
    if not re.search(r"(?:ськ|цьк|ск|цк)(?:ий|ой)$", word):
        raise SystemExit(f"{word!r}: pymorphy3 ({lang}) reads no adjective and no pattern fits")
    stem = word[:-2]
    return {
        key: {
            case: {stem + e for e in ends.split("|")} for case, ends in zip(CASES, row, strict=True)
        }
        for key, row in _ADJ_ENDINGS[lang].items()
    }


# --- names -------------------------------------------------------------------------------


def _parts(name: str) -> list[tuple[str, str]]:
    """(word, separator after it) of a name; "Кам'янець-Подільський" → two parts."""
    pieces = re.split(r"([ -])", name)
    return [
        (pieces[i], pieces[i + 1] if i + 1 < len(pieces) else "") for i in range(0, len(pieces), 2)
    ]


def _fixed(word: str, sep: str) -> bool:
    return (
        word.startswith("=")
        or (sep == "-" and word.endswith("о"))
        or (word.isupper() and len(word) > 1)
    )


_ADJ_END = re.compile(r"(?:[иіо]й|ый|[ая]я|[ая]|[ое]е|[єе]|[иі]|ые|ие)$")


def _is_adjective(word: str, lang: str) -> bool:
    return bool(_ADJ_END.search(word)) and any(
        p.tag.POS == "ADJF" and p.tag.case == "nomn" for p in morph(lang).parse(word)
    )


def decline_name(name: str, lang: str) -> list[str]:
    """Every case form of a place name, with the capitals of the name."""
    if ";" in name:
        return [f for f in name.split(";") if f]
    parts = _parts(name)
    words = [w.lstrip("=").lower() for w, _s in parts]
    fixed = [_fixed(w, s) for w, s in parts]
    free = [i for i in range(len(parts)) if not fixed[i]]
    if not free:  # an abbreviation ("АРК", "ДНР")
        return [name.replace("=", "")]
    adjectives = {i for i in free if _is_adjective(words[i], lang)} if len(free) > 1 else set()
    heads = [i for i in free if i not in adjectives]
    if not heads:
        raise SystemExit(f"{name!r}: no head noun; list its forms with ';'")
    head = heads[0]
    cases, gender, number = noun_paradigm(words[head], lang)
    if (
        len(parts) == 1
        and lang == "uk"
        and (gender, number) == ("masc", "sing")
        and not any(f.endswith(("а", "я")) for f in cases["gent"])
    ):  # a town's genitive in -а beside a common noun's in -у ("Лиману", "Лимана")
        cases["gent"] |= _patterns_uk(words[head])[0]["gent"]
    if gender != "femn":  # a town is inanimate: its accusative is its nominative
        cases["accs"] = set(cases["nomn"])
    key = "p" if number == "plur" else GENDERS.get(gender, "m")
    per_word: list[dict[str, set[str]]] = []
    for i, word in enumerate(words):
        if fixed[i]:
            per_word.append({c: {word} for c in CASES})
        elif i == head:
            per_word.append(cases)
        elif i in adjectives:
            adj = adjective_paradigm(_masculine(word, lang), lang)[key]
            per_word.append(adj)
        else:
            per_word.append(noun_paradigm(word, lang)[0])
    out: list[str] = []
    for case in CASES:
        for combo in itertools.product(
            *(sorted(p[case] or {words[i]}) for i, p in enumerate(per_word))
        ):
            out.append(_restore(name, combo))
    return list(dict.fromkeys(out))


def _masculine(word: str, lang: str) -> str:
    for p in morph(lang).parse(word):
        if p.tag.POS == "ADJF":
            return str(p.normal_form)
    return word


def _restore(name: str, combo: tuple[str, ...]) -> str:
    """Join declined words with the name's separators and capitals."""
    out = []
    for (word, sep), form in zip(_parts(name), combo, strict=True):
        word = word.lstrip("=")
        if word.isupper() and len(word) > 1:
            form = form.upper()
        elif word[:1].isupper():
            form = form[:1].upper() + form[1:]
        out.append(form + sep)
    return "".join(out)


# --- files -------------------------------------------------------------------------------


def _read(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _gazetteer() -> dict[str, str]:
    """Every place of ``places.tsv`` → the head its adjective takes (``toponyms.yaml``)."""
    with (OUT / "places.tsv").open(encoding="utf-8", newline="") as fh:
        return {
            row["name"]: _head(row["name"], row["kind"])
            for row in csv.DictReader(fh, delimiter="\t")
        }


def _head(name: str, kind: str) -> str:
    if kind in ("hromada", "raion", "sea"):
        return kind
    if name.endswith((" Oblast", " Krai")):
        return "krai" if name.endswith(" Krai") else "oblast"
    return "region" if kind == "region" else "city"


def _air_force_forms() -> dict[str, list[str]]:
    with (OUT / "uk_places.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {r["name"]: [f for f in r["forms"].split(";") if f] for r in rows}


def table(lang: str) -> list[list[str]]:
    """One row per place: name, the head its adjective takes, noun forms, adjective forms by
    gender and number; then a row per hromada and per city district."""
    known = _gazetteer()
    seeds = _read("names.tsv") + [
        {"name": r["name"], "uk": "", "ru": "", "uk_adj": r["uk_adj"], "ru_adj": r["ru_adj"]}
        for r in _read("raions.tsv")
    ]
    merged = _air_force_forms() if lang == "uk" else {}
    rows = []
    for seed in seeds:
        name = seed["name"]
        if name not in known:
            raise SystemExit(f"names.tsv: {name!r} is not in places.tsv")
        nouns = [f for n in filter(None, seed[lang].split("|")) for f in decline_name(n, lang)]
        missing = [f for f in merged.get(name, []) if f not in {n.lower() for n in nouns}]
        if missing:
            print(f"{name}: the Air Force gazetteer also has {', '.join(missing)}", file=sys.stderr)
        nouns += [_capitalise(f) for f in missing]
        adj = _adjectives(seed[f"{lang}_adj"], lang)
        columns = [";".join(adj[k]) for k in "mfnp"]
        if nouns or any(adj.values()):
            rows.append([name, known[name], ";".join(dict.fromkeys(nouns)), *columns])
        if f"{name} Hromada" in known and any(adj.values()):  # "Фастівська громада"
            rows.append([f"{name} Hromada", "hromada", "", *columns])
    for row in _read("districts.tsv"):  # "Голосіївський район" is Kyiv
        adj = _adjectives(row[f"{lang}_adj"], lang)
        rows.append([row["city"], "district", "", *(";".join(adj[k]) for k in "mfnp")])
    return rows


def _adjectives(words: str, lang: str) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = {k: [] for k in "mfnp"}
    for word in filter(None, words.split("|")):
        for key, cases in adjective_paradigm(word, lang).items():
            adj[key] += sorted({f for c in CASES for f in cases[c]} - set(adj[key]))
    return adj


def _capitalise(form: str) -> str:
    return form if form.startswith("столиц") else form[:1].upper() + form[1:]


def main() -> int:
    for lang in ("uk", "ru"):
        rows = table(lang)
        path = OUT / f"{lang}_toponyms.tsv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(["name", "head", "forms", "adj_m", "adj_f", "adj_n", "adj_p"])
            writer.writerows(rows)
        print(f"{path}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
