"""Frozen models built from values this grammar already knows to be valid, without pydantic's
validation or ``model_construct``'s per-field walk (the hot loop makes ~20 objects a report).

Each helper gives an object equal to the validated one in every way that shows: the same
``__dict__`` (every field, in field order), the same ``model_fields_set``, no extra and no
private values — so equality, hashing and ``model_dump_json`` behave the same."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from skyledger.extract.uk.numbers import bounded
from skyledger.models import Claim, Extraction, Quantity, Span, TimeWindow

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__
_NEW = object.__new__
_SPAN_FIELDS = frozenset(Span.model_fields)


def trusted(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """An instance of ``cls`` over ``values`` (every field, in field order) as is."""
    obj: M = _NEW(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", fields_set)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def span(document_id: str, start: int, end: int, sentence: str) -> Span:
    """``Span.model_construct(document_id=…, start=…, end=…, sentence=…, field="text")``."""
    values = {
        "document_id": document_id,
        "start": start,
        "end": end,
        "sentence": sentence,
        "field": "text",
    }
    return trusted(Span, values, set(_SPAN_FIELDS))


def claim(values: dict[str, Any]) -> Claim:
    """``Claim.model_construct(**values)`` for ``values`` naming every field in field order."""
    return trusted(Claim, values, set(values))


def quantity(value: int, bound: str | None, wording: str) -> Quantity:
    """``numbers.quantity(value, bound, wording)``: one value field and the wording."""
    name, number = bounded(value, bound)
    values: dict[str, Any] = {"exact": None, "min": None, "max": None, "approx": None}
    values[name] = number
    values["wording"] = wording
    return trusted(Quantity, values, {name, "wording"})


def exact(value: int, wording: str) -> Quantity:
    """``Quantity(exact=value, wording=wording)``."""
    values = {"exact": value, "min": None, "max": None, "approx": None, "wording": wording}
    return trusted(Quantity, values, {"exact", "wording"})


def total(value: int) -> Quantity:
    """``Quantity(exact=value, min=None, max=None, approx=None, wording="sum")``: a sum of
    exact parts, every field given."""
    values = {"exact": value, "min": None, "max": None, "approx": None, "wording": "sum"}
    return trusted(Quantity, values, set(values))


def extraction(
    document_id: str,
    lang: str,
    claims: tuple[Claim, ...],
    window: TimeWindow | None,
    inconsistencies: tuple[str, ...],
) -> Extraction:
    """``Extraction(document_id=…, lang=…, claims=…, window=…, inconsistencies=…)``."""
    values = {
        "document_id": document_id,
        "lang": lang,
        "claims": claims,
        "window": window,
        "inconsistencies": inconsistencies,
    }
    return trusted(Extraction, values, set(values))


def window(start: datetime | None, night: date | None, as_of: datetime | None) -> TimeWindow:
    """``TimeWindow(start=…, night=…, as_of=…)`` (``end`` unset)."""
    values = {"start": start, "end": None, "night": night, "as_of": as_of}
    return trusted(TimeWindow, values, {"start", "night", "as_of"})
