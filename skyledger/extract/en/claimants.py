"""Who said it: the speaker of a sentence ("the air force reported", "according to the IAEA")."""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from skyledger.extract.en.lexicon import alternation, claimant_list, speakers
from skyledger.extract.en.text import Unit

#: Claimants an unattributed figure may inherit from an earlier sentence of the article.
INHERITABLE = frozenset({"ua_air_force", "ua_officials", "iaea"})
_WINDOW = 9  # words before a speech verb that may name the speaker


@cache
def _speech() -> re.Pattern[str]:
    from skyledger.resources import load_yaml

    verbs = load_yaml("en/claimants.yaml")["speech_verbs"]
    return re.compile(r"(?<![\w-])" + alternation(list(verbs), "speech_verbs") + r"(?![\w])", re.I)


@lru_cache(maxsize=8192)
def classify(phrase: str) -> str | None:
    """The claimant a speaker phrase names, by the priority order of the file; None if none."""
    if claimant_list("foreign").search(phrase):
        return None
    for claimant, pattern in speakers():
        if pattern.search(phrase):
            return claimant
    return None


def _before(text: str, end: int) -> str:
    head = re.split(r"[.;:\"]", text[:end])[-1]
    last = head.rsplit(",", 1)[-1]
    if len(last.split()) >= 1 and classify(last):
        return last
    return " ".join(head.split()[-_WINDOW:])


def _after(text: str, start: int) -> str:
    tail = re.split(r"[.;,\"(]| that\b| on\b| in\b", text[start:])[0]
    return " ".join(tail.split()[:_WINDOW])


_POSTPOSED = ("said", "says", "reported", "wrote", "added")
_SURNAME = re.compile(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\W*$")


def speaker_of(text: str, known: dict[str, str] | None = None) -> str | None:
    """The claimant a sentence attributes itself to, or None. ``known`` maps surnames already
    attributed in the article to their claimant ("Ukrenergo's chairman Zaichenko" … "Zaichenko
    said") and learns new ones."""
    known = {} if known is None else known
    for match in _speech().finditer(text):
        verb = match.group().lower()
        if verb in ("according to", "citing", "cited"):
            phrase = _after(text, match.end())
        else:
            phrase = _before(text, match.start())
            after = _after(text, match.end())
            if classify(phrase) is None and verb in _POSTPOSED and classify(after):
                phrase = after
        found = classify(phrase)
        surname = _SURNAME.search(phrase)
        if found is not None and surname:
            known.setdefault(surname.group(1), found)
        elif found is None and surname:
            found = known.get(surname.group(1))
        if found is not None:
            return found
    return None


_SOURCE = re.compile(r"^\s*Sources?:\s*(.+)$")


def title_speaker(text: str) -> str | None:
    """``Air Force: 60 of 76 …`` / ``… shot down - AFU Air Force`` / ``… – mayor``."""
    head = re.match(r"^([^:]{2,40}):", text)
    if head and (found := classify(head.group(1))):
        return found
    tail = re.search(r" - ([^-]{2,40})$", text)
    if tail and (found := classify(tail.group(1))):
        return found
    return None


_CLAUSE_SPLIT = re.compile(r",\s+(?:and|while|whereas|but)\s+|;\s+|\s+while\s+|\.\s+", re.I)


@lru_cache(maxsize=4096)
def clause_speakers(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, claimant) of the clauses of a sentence that name their own speaker, when
    the sentence has more than one clause."""
    cuts = [0, *(m.end() for m in _CLAUSE_SPLIT.finditer(text)), len(text)]
    if len(cuts) <= 2:
        return ()
    out = []
    for start, end in itertools.pairwise(cuts):
        found = speaker_of(text[start:end])
        if found is not None:
            out.append((start, end, found))
    return tuple(out)


def claimants_of(units: list[Unit]) -> list[tuple[str | None, str]]:
    """Per unit: (its own speaker or None, the claimant its figures carry)."""
    out: list[tuple[str | None, str]] = []
    running: str | None = None
    known: dict[str, str] = {}
    for unit in units:
        source = _SOURCE.match(unit.text)
        if unit.is_title:
            own = title_speaker(unit.text)
        elif source:
            own = classify(source.group(1).split(";")[0])
        else:
            own = speaker_of(unit.text, known)
        if unit.is_title:
            out.append((own, own or "media"))
            continue
        if own in INHERITABLE:
            running = own
        out.append((own, own or running or "media"))
    return out


def both_sides(text: str) -> list[str]:
    """The parties a "both sides said" sentence names (for talks): their claimants."""
    found = []
    for claimant, pattern in speakers():
        if claimant in ("ua_air_force", "ru_mod"):
            continue
        if pattern.search(text) and claimant not in found:
            found.append(claimant)
    return found
