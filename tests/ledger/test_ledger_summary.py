"""The rates every output shows: shot down, and neutralised (shot down or lost to electronic
warfare), computed one way, never above 100 % without a flag; and per-period sums."""

from __future__ import annotations

from datetime import date

import pytest

from skyledger.ledger.summary import (
    OVER_100,
    attack_row,
    measure_total,
    night_figures,
    period_figures,
    rate_text,
    rates,
)
from skyledger.models import Event, Figure, Quantity, TimeWindow


def fig(key: str, value: int | None = None, **bound: int) -> Figure:
    quantity = Quantity(exact=value) if value is not None else Quantity(**bound)
    return Figure(key=key, quantity=quantity, claimant="ua_air_force")


def attack(*figures: Figure, night: date = date(2025, 7, 4)) -> Event:
    return Event(id=1, kind="air_attack", window=TimeWindow(night=night), figures=figures)


# the night into 4 July 2025: 550 launched, 270 shot down, 208 lost to electronic warfare
JULY_4 = attack(
    fig("launched.total", 550),
    fig("launched.drones", 539),
    fig("launched.missiles", 11),
    fig("downed.total", 270),
    fig("downed.drones", 268),
    fig("downed.missiles", 2),
    fig("lost.drones", 208),
)


def test_lost_counts_in_the_neutralised_rate_and_not_in_the_shot_down_one() -> None:
    found = rates(JULY_4)
    assert found.shot_down == pytest.approx(0.4909, abs=1e-4)
    assert found.neutralised == pytest.approx(0.8691, abs=1e-4)
    assert found.flag is None
    row = attack_row(JULY_4)
    assert (row["lost_total"], row["shot_down_rate"], row["neutralised_rate"]) == (
        "208",
        found.shot_down,
        found.neutralised,
    )
    drones = rates(JULY_4, "drones")
    assert drones.neutralised == pytest.approx((268 + 208) / 539, abs=1e-4)


def test_without_a_lost_figure_there_is_no_neutralised_rate() -> None:
    found = rates(attack(fig("launched.total", 100), fig("downed.total", 90)))
    assert (found.shot_down, found.neutralised) == (0.9, None)


def test_a_rate_above_100_percent_is_flagged() -> None:
    found = rates(attack(fig("launched.total", 18), fig("downed.total", 27)))
    assert found.shot_down == 1.5 and found.flag == OVER_100
    assert rate_text(found.shot_down, found.flag) == "150% ⚠"
    assert rate_text(0.87) == "87%" and rate_text(None) == ""


def test_no_rate_from_a_bound() -> None:
    found = rates(attack(fig("launched.total", min=700), fig("downed.total", 600)))
    assert found.shot_down is None


def test_a_total_without_its_figure_is_the_sum_of_its_parts() -> None:
    event = attack(
        fig("launched.drones", 217),
        fig("launched.model:kh-31p/kh-59", 3),
        fig("downed.drones", 182),
        fig("downed.missiles", 3),
        fig("downed.model:banderol", 6),
    )
    assert measure_total(event, "launched") == 220
    assert measure_total(event, "downed") == 191
    assert rates(event).shot_down == pytest.approx(191 / 220, abs=1e-4)


def test_night_and_period_figures() -> None:
    other = attack(
        fig("launched.total", 100),
        fig("downed.total", 90),
        fig("lost.total", 5),
        night=date(2025, 7, 20),
    )
    nights = [night_figures(JULY_4), night_figures(other)]
    assert nights[0]["total"]["lost"] == 208 and nights[0]["total"]["flag"] is None
    (month,) = period_figures(nights, "month")
    assert (month["month"], month["start"], month["nights"]) == ("2025-07", "2025-07-01", 2)
    total = month["total"]
    assert (total["launched"], total["downed"], total["lost"]) == (650, 360, 213)
    assert total["shot_down"] == pytest.approx(360 / 650, abs=1e-4)
    assert total["neutralised"] == pytest.approx((360 + 213) / 650, abs=1e-4)
    weeks = period_figures(nights, "week")
    assert [w["week"] for w in weeks] == ["2025-W27", "2025-W29"]
