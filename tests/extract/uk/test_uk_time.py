"""Kyiv time: dates without a year take it from the publication time; offsets follow the
Kyiv summer and winter time."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from skyledger.extract.uk.time import kyiv_at, resolve_date

JAN_1 = datetime.fromisoformat("2026-01-01T08:40:00+02:00")


@pytest.mark.parametrize(
    ("day", "month", "published", "expected"),
    [
        (31, 12, JAN_1, date(2025, 12, 31)),
        (1, 1, JAN_1, date(2026, 1, 1)),
        (2, 1, JAN_1, date(2026, 1, 2)),  # a post may run a little ahead of the night
        (10, 2, datetime.fromisoformat("2025-12-06T09:00+02:00"), date(2025, 2, 10)),
        (30, 2, JAN_1, None),
    ],
)
def test_resolve_date(day: int, month: int, published: datetime, expected: date | None) -> None:
    assert resolve_date(day, month, None, published) == expected


def test_a_stated_year_wins() -> None:
    assert resolve_date(28, 9, 2023, JAN_1) == date(2023, 9, 28)


def test_no_publication_time_no_year() -> None:
    assert resolve_date(5, 5, None, None) is None


@pytest.mark.parametrize(
    ("day", "offset"),
    [(date(2025, 12, 5), "+0200"), (date(2026, 6, 23), "+0300")],
)
def test_kyiv_offsets(day: date, offset: str) -> None:
    moment = kyiv_at(day, 18, 0)
    assert moment is not None and moment.strftime("%z") == offset


def test_clock_times_out_of_range() -> None:
    assert kyiv_at(date(2026, 1, 1), 25, 0) is None
    assert kyiv_at(date(2026, 1, 1), 24, 0) == kyiv_at(date(2026, 1, 2), 0, 0)
