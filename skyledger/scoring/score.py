"""Precision, recall and F1 per fact and per set, summed over documents; exact documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from skyledger.ledger.facts import SET_NAMES, DocumentFacts, FactValue
from skyledger.scoring.gold import Gold, in_vocabulary, measure_of


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if not (self.tp or self.fp or self.fn):
            precision = recall = f1 = 1.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class KeyError_:
    document: str
    key: str
    expected: Any
    got: Any


@dataclass(slots=True)
class Report:
    documents: int = 0
    exact_documents: int = 0
    overall: Tally = field(default_factory=Tally)
    by_measure: dict[str, Tally] = field(default_factory=dict)
    sets: dict[str, Tally] = field(default_factory=dict)
    errors: list[KeyError_] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "exact_documents": self.exact_documents,
            "overall": self.overall.as_dict(),
            "by_measure": {k: v.as_dict() for k, v in sorted(self.by_measure.items())},
            "sets": {k: v.as_dict() for k, v in self.sets.items()},
            "errors": [
                {"document": e.document, "key": e.key, "expected": e.expected, "got": e.got}
                for e in self.errors
            ],
            "missing_documents": self.missing,
        }


def _time(value: str) -> datetime | str:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return value


def same_value(got: FactValue, expected: FactValue) -> bool:
    """Key and value match exactly, in the same value form (times compare as instants+offset)."""
    if isinstance(got, str) and isinstance(expected, str):
        a, b = _time(got), _time(expected)
        if isinstance(a, datetime) and isinstance(b, datetime):
            return a == b and a.utcoffset() == b.utcoffset()
        return got == expected
    if isinstance(got, bool) or isinstance(expected, bool):
        return False
    return type(got) is type(expected) and got == expected


def score_document(pred: DocumentFacts, gold: Gold, report: Report) -> bool:
    """Add one document's tallies to ``report``; return whether it is exact."""
    exact = True
    predicted = {k: v for k, v in pred.facts.items() if in_vocabulary(k)}
    for key in sorted(set(predicted) | set(gold.facts)):
        tally = report.by_measure.setdefault(measure_of(key), Tally())
        got, expected = predicted.get(key), gold.facts.get(key)
        if got is not None and expected is not None and same_value(got, expected):
            tally.tp += 1
            continue
        exact = False
        report.errors.append(KeyError_(gold.id, key, expected, got))
        if got is not None:
            tally.fp += 1
        if expected is not None:
            tally.fn += 1
    for name in SET_NAMES:
        if name not in gold.sets:
            continue
        want, have = gold.sets[name], pred.sets.get(name, set())
        tally = report.sets.setdefault(name, Tally())
        tally.add(Tally(tp=len(want & have), fp=len(have - want), fn=len(want - have)))
        if want != have:
            exact = False
            report.errors.append(
                KeyError_(gold.id, f"sets.{name}", sorted(want - have), sorted(have - want))
            )
    return exact


def score_documents(
    pairs: list[tuple[DocumentFacts, Gold]], missing: list[str] | None = None
) -> Report:
    """Score predicted facts against gold, document by document."""
    report = Report(missing=list(missing or []))
    for name in SET_NAMES:
        report.sets[name] = Tally()
    for pred, gold in pairs:
        report.documents += 1
        if score_document(pred, gold, report):
            report.exact_documents += 1
    for tally in report.by_measure.values():
        report.overall.add(tally)
    return report
