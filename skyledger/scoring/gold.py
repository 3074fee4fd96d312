"""Gold files: one JSON object per document id with ``facts`` and ``sets``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from skyledger.errors import GoldError
from skyledger.ledger.facts import SET_NAMES, FactValue
from skyledger.models import SCOPES
from skyledger.resources import weapon_ids

MEASURES = ("launched", "downed", "lost")
IMPACTS = (
    "hit_locations",
    "debris_locations",
    "killed",
    "wounded",
    "killed.children",
    "wounded.children",
)
TIME_KEYS = ("period.start", "period.night", "as_of")
_MODEL = re.compile(r"^(launched|downed|lost)\.model:(.+)$")


def in_vocabulary(key: str) -> bool:
    """Whether a fact key belongs to the closed vocabulary a gold file can judge."""
    if key in IMPACTS or key in TIME_KEYS:
        return True
    measure, _, scope = key.partition(".")
    if measure in MEASURES and scope in SCOPES:
        return True
    match = _MODEL.match(key)
    return bool(match and match.group(2) in weapon_ids())


def measure_of(key: str) -> str:
    """The measure a key is reported under (``launched.drones`` → ``launched``)."""
    return key.split(".", 1)[0]


@dataclass(slots=True)
class Gold:
    id: str
    facts: dict[str, FactValue] = field(default_factory=dict)
    sets: dict[str, set[str]] = field(default_factory=dict)


def _check_value(path: str, lineno: int, key: str, value: object) -> FactValue:
    if isinstance(value, bool):
        raise GoldError(f"{path}:{lineno}: fact {key!r} has a boolean value")
    if isinstance(value, int | str):
        return value
    if (
        isinstance(value, dict)
        and value
        and all(k in ("min", "max", "approx") and isinstance(v, int) for k, v in value.items())
    ):
        return {str(k): int(v) for k, v in value.items()}
    raise GoldError(f"{path}:{lineno}: fact {key!r} has an invalid value {value!r}")


def parse_gold_line(line: str, path: str, lineno: int) -> Gold:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise GoldError(f"{path}:{lineno}: malformed JSON: {exc}") from exc
    if not isinstance(obj, dict) or "id" not in obj:
        raise GoldError(f"{path}:{lineno}: a gold line is an object with an 'id'")
    facts_in = obj.get("facts") or {}
    sets_in = obj.get("sets") or {}
    if not isinstance(facts_in, dict) or not isinstance(sets_in, dict):
        raise GoldError(f"{path}:{lineno}: 'facts' and 'sets' must be objects")
    facts = {str(k): _check_value(path, lineno, str(k), v) for k, v in facts_in.items()}
    sets: dict[str, set[str]] = {}
    for name, members in sets_in.items():
        if not isinstance(members, list):
            raise GoldError(f"{path}:{lineno}: set {name!r} must be a list")
        if name in SET_NAMES:
            sets[name] = {str(m) for m in members}
    return Gold(id=str(obj["id"]), facts=facts, sets=sets)


def read_gold(path: Path) -> dict[str, Gold]:
    """Gold annotations by document id; a malformed line raises ``GoldError`` naming it."""
    out: dict[str, Gold] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            gold = parse_gold_line(line, str(path), lineno)
            out[gold.id] = gold
    return out
