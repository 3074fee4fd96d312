"""Which grammar reads a document, decided from what its text says (not its source or medium):
``route(doc)`` gives ``"airforce"`` for an Air Force summary (a nightly report, or a news site's
quote of its words) and ``"news"`` for everything else: every Russian and English text, and a
Ukrainian news article or officials' post (reported speech, attribution, an official's title),
also when it quotes the Air Force.

The cues are data (``resources/uk/route.yaml``); deciding takes a few regular-expression
searches over the title and text, far less than either grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

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


def route(doc: Document) -> Path:
    """``"airforce"`` or ``"news"`` for one document."""
    return decide(doc).path


def decide(doc: Document) -> Routing:
    """The path with the reason for it (the first cue that decided)."""
    if doc.lang != "uk":
        return Routing("news", f"lang {doc.lang}")
    cues = cues_uk()
    text = normalize(f"{doc.title or ''}\n{doc.text}")
    found = cues.voice.search(text)
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
    return Cues(
        voice=_compile("voice", data.get("voice")),
        strong=_compile("report.strong", report.get("strong")),
        weak=tuple(_compile(f"report.weak[{i}]", [w]) for i, w in enumerate(weak)),
        casualty=_compile("casualty", data.get("casualty")),
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
