"""Which grammar reads a document, decided from what its text says (not its source or medium):
``route(doc)`` gives ``"airforce"`` for an Air Force summary (a nightly report, or a news site's
quote of its words) and ``"news"`` for everything else: every Russian and English text, and a
Ukrainian news article or officials' post (reported speech, attribution, an official's title),
also when it quotes the Air Force.

The cues are data (``resources/uk/route.yaml``); deciding takes a few regular-expression
searches over the title and text, far less than either grammar.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import ahocorasick

from skyledger.errors import ResourceError
from skyledger.extract.weapons import normalize
from skyledger.models import Document
from skyledger.resources import load_yaml

Path = Literal["airforce", "news"]
SPEC = "uk/route.yaml"


@dataclass(frozen=True, slots=True)
class Routing:
    """The path a document takes and the words that decided it."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class Cues:
    voice: re.Pattern[str]
    strong: re.Pattern[str]
    weak: tuple[re.Pattern[str], ...]
    casualty: re.Pattern[str]
    voice_starts: Starts | None  # a text where none starts a word has no voice cue


class Starts:
    """The literal starts of a list of patterns, found in one Aho-Corasick pass: a text in
    which none of them starts a word cannot match any of the patterns (most reports hold none,
    and the pass costs a quarter of the search it saves)."""

    def __init__(self, starts: set[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for start in starts:
            self.automaton.add_word(start, len(start))
        self.automaton.make_automaton()

    def found(self, text: str) -> bool:
        for end, size in self.automaton.iter(text):
            at = end - size + 1
            if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
                return True
        return False


def literal_starts(fragment: str) -> set[str] | None:
    """Every literal text a match of the pattern must start with ("за (?:словами|даними)" →
    "за словами", "за даними"), or None when some match may start otherwise."""
    try:
        parser = importlib.import_module("re._parser")  # the parser re itself compiles with
        found = _starts(parser.parse(fragment), importlib.import_module("re._constants"))
    except Exception:  # any surprise only turns the prefilter off
        return None
    return found if found and all(found) else None


def _starts(items: Any, c: Any) -> set[str]:
    out = {""}
    for op, arg in items:
        if op is c.LITERAL:
            out = {p + chr(arg) for p in out}
            continue
        if op is c.BRANCH:
            alternatives = [_starts(branch, c) for branch in arg[1]]
        elif op is c.SUBPATTERN:
            alternatives = [_starts(arg[-1], c)]
        else:
            break
        out = {p + a for p in out for alt in alternatives for a in alt}
        break
    return out


def route(doc: Document) -> Path:
    """``"airforce"`` or ``"news"`` for one document."""
    return decide(doc).path


def decide(doc: Document) -> Routing:
    """The path with the reason for it (the first cue that decided)."""
    if doc.lang != "uk":
        return Routing("news", f"lang {doc.lang}")
    cues = cues_uk()
    text = normalize(f"{doc.title or ''}\n{doc.text}")
    may = cues.voice_starts is None or cues.voice_starts.found(text)
    found = cues.voice.search(text) if may else None
    if found:
        return Routing("news", f"voice: {found.group()}")
    found = cues.strong.search(text)
    if found:
        return Routing("airforce", f"report: {found.group()}")
    weak = [m.group() for m in (p.search(text) for p in cues.weak) if m]
    dead = cues.casualty.search(text)
    if len(weak) >= 3 or (len(weak) == 2 and dead is None):
        return Routing("airforce", f"report phrases: {'; '.join(weak)}")
    return Routing("news", "no report structure" + (f" ({weak[0]})" if weak else ""))


@cache
def cues_uk() -> Cues:
    data = load_yaml(SPEC)
    if not isinstance(data, dict) or not isinstance(data.get("report"), dict):
        raise ResourceError(f"resources/{SPEC}: needs voice, report.strong, report.weak, casualty")
    report = data["report"]
    weak = report.get("weak")
    if not isinstance(weak, list) or not weak:
        raise ResourceError(f"resources/{SPEC}: report.weak must be a non-empty list")
    voice = data.get("voice")
    starts = [literal_starts(str(f)) for f in voice] if isinstance(voice, list) else [None]
    return Cues(
        voice=_compile("voice", voice),
        strong=_compile("report.strong", report.get("strong")),
        weak=tuple(_compile(f"report.weak[{i}]", [w]) for i, w in enumerate(weak)),
        casualty=_compile("casualty", data.get("casualty")),
        voice_starts=Starts(set().union(*starts)) if all(starts) else None,
    )


def _compile(key: str, fragments: object) -> re.Pattern[str]:
    where = f"resources/{SPEC}: {key}"
    if not isinstance(fragments, list) or not fragments:
        raise ResourceError(f"{where}: a non-empty list of patterns is required")
    if not all(isinstance(f, str) and f for f in fragments):
        raise ResourceError(f"{where}: every pattern must be a non-empty string")
    try:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(fragments) + r")(?!\w)")
    except re.error as exc:
        raise ResourceError(f"{where}: {exc}") from exc
    if any(re.fullmatch(f, "") for f in fragments):
        raise ResourceError(f"{where}: a pattern matches the empty string")
    return pattern
