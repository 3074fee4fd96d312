"""The Ukrainian gazetteer (``resources/gazetteer/uk_places.tsv``): every case form of every
place, and the mentions of them in a normalised text (found by ``uk/marks.py``'s one pass)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from skyledger.errors import ResourceError
from skyledger.extract.weapons import hyphen_variants, normalize

GAZETTEER = "gazetteer/uk_places.tsv"

#: The places a form may name, each with whether the form is an adjective ("київської").
Readings = tuple[tuple[str, bool], ...]
#: What an automaton key gives: its length and its readings.
Forms = tuple[int, Readings]
#: One mention: start, end, readings.
Found = tuple[int, int, Readings]


@cache
def form_keys() -> dict[str, Forms]:
    """Every case form (normalised, hyphens also written with spaces) → its readings."""
    from skyledger.resources import load_tsv

    table: dict[str, list[tuple[str, bool]]] = {}
    for row in load_tsv(GAZETTEER):
        name = row["name"]
        if not name or not row["kind"]:
            raise ResourceError(f"resources/{GAZETTEER}: a row lacks name or kind")
        for column, adjective in (("forms", False), ("adj_forms", True)):
            for form in filter(None, row[column].split(";")):
                for variant in hyphen_variants(normalize(form)):
                    table.setdefault(variant, []).append((name, adjective))
    return {key: (len(key), tuple(values)) for key, values in table.items()}


def place_hits(norm: str, matches: Iterable[tuple[int, Forms]]) -> list[Found]:
    """Leftmost-longest whole-word place forms, without overlaps, from the matches (last
    offset, forms) of an automaton over ``form_keys`` (``uk/marks.py``)."""
    found: list[Found] = []
    for last, (size, values) in matches:
        start, end = last + 1 - size, last + 1
        if (start > 0 and norm[start - 1].isalnum()) or (end < len(norm) and norm[end].isalnum()):
            continue
        found.append((start, end, values))
    found.sort(key=_position)
    out: list[Found] = []
    for item in found:
        if not out or item[0] >= out[-1][1]:
            out.append(item)
    return out


def _position(found: Found) -> tuple[int, int]:
    return found[0], -found[1]
