"""The night an overnight attack runs into, relative to publication, and as-of times."""

from __future__ import annotations

import pytest
from en_helpers import facts

CASES: list[tuple[str, str, str, dict[str, str]]] = [
    (
        "overnight: the publication date",
        "2025-06-14T09:00+03:00",
        "Russia launched 80 drones at Ukraine overnight, the air force said.",
        {"period.night": "2025-06-14"},
    ),
    (
        "publication in another time zone",
        "2025-06-14T04:00+08:00",
        "Russia attacked Ukraine with 80 drones overnight.",
        {"period.night": "2025-06-13"},
    ),
    (
        "overnight into a weekday",
        "2025-06-14T18:00+03:00",
        "Russia fired 30 missiles overnight into Friday.",
        {"period.night": "2025-06-13"},
    ),
    (
        "night of a date",
        "2025-06-14T12:00+03:00",
        "On the night of June 12, Russia attacked with 40 drones.",
        {"period.night": "2025-06-12"},
    ),
    (
        "night of two days",
        "2025-03-09T12:00+02:00",
        "Russia fired 81 missiles on the night of 8-9 March.",
        {"period.night": "2025-03-09"},
    ),
    (
        "overnight on a date",
        "2025-12-28T12:00+02:00",
        "Russia attacked Ukraine overnight on Dec. 27 with 40 missiles.",
        {"period.night": "2025-12-27"},
    ),
    (
        "began in the evening",
        "2025-06-14T12:00+03:00",
        "The attack began on Friday evening and included 90 drones.",
        {"period.night": "2025-06-14"},
    ),
    (
        "daytime attack: no night",
        "2025-06-14T12:00+03:00",
        "Russia fired 12 missiles at Ukraine on Saturday afternoon.",
        {},
    ),
    (
        "overnight talks are no attack",
        "2025-06-14T12:00+03:00",
        "The talks followed overnight discussions in Geneva.",
        {},
    ),
    (
        "as of",
        "2024-12-23T12:00+02:00",
        "As of 9:00 a.m., 47 drones were shot down, the air force said.",
        {"as_of": "2024-12-23T09:00+02:00"},
    ),
]


@pytest.mark.parametrize(("name", "published", "text", "expected"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_window(name: str, published: str, text: str, expected: dict[str, str]) -> None:
    got = facts(text, published=published).facts
    assert {k: v for k, v in got.items() if k in ("period.night", "as_of")} == expected
