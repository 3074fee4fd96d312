"""Grouping: which claims describe the same happening (anchors, then the edge cases)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from ledger_helpers import at, claim, doc, exact, extraction, night, window

from skyledger.ledger import build_events, group_claims
from skyledger.ledger.group import Anchor, published_anchor, window_anchor
from skyledger.models import Event, TimeWindow


def d(day: str) -> date:
    return date.fromisoformat(day)


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # "У ніч на 6 грудня"
        (night("2025-12-06"), Anchor.of("night", d("2025-12-06"))),
        # "(з 18:00 5 грудня)"
        (window("2025-12-05 18:00"), Anchor.of("night", d("2025-12-06"))),
        # night and start both stated
        (window("2025-12-05 18:00", night_of="2025-12-06"), Anchor.of("night", d("2025-12-06"))),
        # "з 01:30" (after midnight, no end)
        (window("2025-12-06 01:30"), Anchor.of("night", d("2025-12-06"))),
        # "(18:00 5 грудня – 09:00 6 грудня)"
        (window("2025-12-05 18:00", "2025-12-06 09:00"), Anchor.of("night", d("2025-12-06"))),
        # a daytime window "(із 6.30 до 18.00)"
        (window("2026-07-24 06:30", "2026-07-24 18:00"), Anchor.of("day", d("2026-07-24"))),
        # an evening attack that ends before midnight runs into the next night
        (window("2026-07-24 19:00", "2026-07-24 23:30"), Anchor.of("night", d("2026-07-25"))),
        # a start in UTC: 16:00Z is 18:00 in Kyiv in winter
        (
            TimeWindow(start=datetime(2025, 12, 5, 16, 0, tzinfo=UTC)),
            Anchor.of("night", d("2025-12-06")),
        ),
        # "станом на 09:00" only
        (TimeWindow(as_of=at("2025-12-06 09:00")), Anchor.of("night", d("2025-12-06"))),
        # a day tally "станом на 18.00"
        (TimeWindow(as_of=at("2026-07-24 18:00")), Anchor.of("day", d("2026-07-24"))),
        # "over the past week": a round-up, never one night
        (
            window("2025-11-30 00:00", "2025-12-06 23:59"),
            Anchor.of("span", d("2025-11-30"), d("2025-12-06")),
        ),
        (TimeWindow(), None),
        (None, None),
    ],
)
def test_window_anchor(stated: TimeWindow | None, expected: Anchor | None) -> None:
    assert window_anchor(stated) == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-12-06 08:10", Anchor.of("night", d("2025-12-06"))),
        ("2025-12-06 00:20", Anchor.of("night", d("2025-12-06"))),  # after midnight
        ("2025-12-05 23:30", Anchor.of("night", d("2025-12-06"))),  # the attack under way
        ("2025-12-06 16:00", Anchor.of("pending", d("2025-12-06"))),  # afternoon: resolved later
    ],
)
def test_published_anchor(published: str, expected: Anchor) -> None:
    assert published_anchor(doc("x", published, "Текст.")) == expected


def test_unpublished_and_undated_claims_keep_their_own_event() -> None:
    a, b = doc("a", None, "Вночі 40 дронів."), doc("b", None, "Вночі 50 дронів.")
    events = build_events(
        [
            extraction(a, claim(a, "launched", "drones", exact(40))),
            extraction(b, claim(b, "launched", "drones", exact(50))),
        ]
    )
    assert [e.sources for e in events] == [("a",), ("b",)]
    assert all(e.window == TimeWindow() for e in events)


def only_attacks(events: list[Event]) -> list[Event]:
    return [e for e in events if e.kind == "air_attack"]


def test_night_and_daytime_attacks_on_one_day_stay_apart() -> None:
    overnight = doc("af-night", "2026-07-24 08:10", "Уночі ворог запустив 120 БпЛА.")
    daytime = doc("af-day", "2026-07-24 18:40", "Вдень ворог запустив 35 БпЛА.")
    article = doc("news", "2026-07-24 17:05", "During the day 35 drones flew in.", "N", "en")
    events = only_attacks(
        build_events(
            [
                extraction(
                    daytime,
                    claim(daytime, "launched", "drones", exact(35)),
                    window=window("2026-07-24 06:30", "2026-07-24 18:00"),
                ),
                extraction(overnight, claim(overnight, "launched", "drones", exact(120))),
                extraction(article, claim(article, "launched", "drones", exact(35))),
            ]
        )
    )
    assert [e.sources for e in events] == [("af-night",), ("af-day", "news")]
    assert events[0].window.night == d("2026-07-24")
    assert events[1].window == TimeWindow(start=at("2026-07-24 06:30"), end=at("2026-07-24 18:00"))
    assert not any(e.conflicts for e in events)


def test_afternoon_report_without_window_joins_the_night_when_no_day_attack_is_known() -> None:
    report = doc("af", "2026-07-24 08:10", "Уночі ворог запустив 120 БпЛА.")
    article = doc("news", "2026-07-24 16:30", "Russia launched 120 drones.", "N", "en")
    (event,) = build_events(
        [
            extraction(report, claim(report, "launched", "drones", exact(120))),
            extraction(article, claim(article, "launched", "drones", exact(120))),
        ]
    )
    assert event.sources == ("af", "news") and event.window.night == d("2026-07-24")


def test_report_published_after_midnight_joins_the_night() -> None:
    report = doc("af", "2025-12-06 09:15", "У ніч на 6 грудня ворог запустив 653 БпЛА.")
    early = doc("live", "2025-12-06 00:20", "Drones are over Kyiv; 200 so far.", "L", "en")
    late = doc("late", "2025-12-05 23:40", "A large attack has begun: 100 drones.", "L2", "en")
    (event,) = build_events(
        [
            extraction(
                report, claim(report, "launched", "drones", exact(653)), window=night("2025-12-06")
            ),
            extraction(early, claim(early, "launched", "drones", exact(200), "media")),
            extraction(late, claim(late, "launched", "drones", exact(100), "media")),
        ]
    )
    assert event.sources == ("af", "late", "live")
    fig = next(f for f in event.figures if f.key == "launched.drones")
    assert fig.quantity.exact == 653 and fig.claimant == "ua_air_force"


def test_correction_post_keeps_both_and_prefers_the_later() -> None:
    first = doc("af-1", "2025-12-06 09:15", "Уночі ворог запустив 653 БпЛА та 51 ракету.")
    fixed = doc("af-2", "2025-12-06 11:40", "Уточнення: уночі ворог запустив 655 БпЛА.")
    (event,) = build_events(
        [
            extraction(
                fixed, claim(fixed, "launched", "drones", exact(655)), window=night("2025-12-06")
            ),
            extraction(
                first,
                claim(first, "launched", "drones", exact(653)),
                claim(first, "launched", "missiles", exact(51)),
                window=night("2025-12-06"),
            ),
        ]
    )
    assert event.sources == ("af-1", "af-2")
    drones = next(f for f in event.figures if f.key == "launched.drones")
    assert drones.quantity.exact == 655 and not drones.conflict
    assert [c.document_id for c in drones.claims] == ["af-2", "af-1"]
    assert drones.note == "replaces 1 earlier figure(s) from the same source"
    missiles = next(f for f in event.figures if f.key == "launched.missiles")
    assert missiles.quantity.exact == 51  # not restated: the first report's figure stands
    assert event.conflicts == ()


def test_article_about_several_nights_splits_by_claim_window() -> None:
    article = doc(
        "news", "2025-12-06 12:00", "653 drones hit overnight; 539 came a week ago.", "N", "en"
    )
    earlier = doc("af-11-29", "2025-11-29 08:30", "Уночі ворог запустив 539 БпЛА.")
    events = only_attacks(
        build_events(
            [
                extraction(
                    article,
                    claim(article, "launched", "drones", exact(653)),
                    claim(article, "launched", "drones", exact(539), window=night("2025-11-29")),
                    window=night("2025-12-06"),
                ),
                extraction(earlier, claim(earlier, "launched", "drones", exact(539))),
            ]
        )
    )
    assert [(e.window.night, e.sources) for e in events] == [
        (d("2025-11-29"), ("af-11-29", "news")),
        (d("2025-12-06"), ("news",)),
    ]
    assert not any(e.conflicts for e in events)


def test_weekly_roundup_is_its_own_event() -> None:
    report = doc("af", "2025-12-06 09:15", "Уночі ворог запустив 653 БпЛА.")
    roundup = doc(
        "week", "2025-12-07 10:00", "Over the past week Russia launched 1,600 drones.", "W", "en"
    )
    week = window("2025-11-30 00:00", "2025-12-06 23:59")
    events = only_attacks(
        build_events(
            [
                extraction(report, claim(report, "launched", "drones", exact(653))),
                extraction(
                    roundup,
                    claim(
                        roundup,
                        "launched",
                        "drones",
                        exact(1600, "1,600"),
                        "ua_officials",
                        window=week,
                    ),
                ),
            ]
        )
    )
    assert [e.sources for e in events] == [("week",), ("af",)]
    assert events[0].window == TimeWindow(start=week.start, end=week.end)
    assert events[1].window.night == d("2025-12-06")
    assert not any(e.conflicts for e in events)


def test_talks_group_across_days_and_places() -> None:
    a = doc("a", "2025-12-04 19:00", "Talks opened in Florida.", "A", "en")
    b = doc("b", "2025-12-06 20:00", "Three days of talks in Florida ended.", "B", "en")
    c = doc("c", "2025-12-20 12:00", "Talks opened in Geneva.", "C", "en")
    e = doc("e", "2025-12-06 21:00", "Talks in Abu Dhabi on the same days.", "E", "en")
    days = window("2025-12-04 10:00", "2025-12-06 18:00")
    items = [
        extraction(a, claim(a, "talks", places=("Florida",), words="Florida")),
        extraction(b, claim(b, "talks", places=("Florida",), words="Florida", window=days)),
        extraction(c, claim(c, "talks", places=("Geneva",), words="Geneva")),
        extraction(e, claim(e, "talks", places=("Abu Dhabi",), words="Abu Dhabi")),
    ]
    talks = [(ev.sources, ev.places) for ev in build_events(items)]
    assert talks == [(("a", "b"), ("Florida",)), (("e",), ("Abu Dhabi",)), (("c",), ("Geneva",))]


def test_power_loss_reports_of_one_plant_form_one_event() -> None:
    iaea = doc("iaea", "2025-12-06 13:00", "The plant lost off-site power.", "IAEA", "en")
    energo = doc("energo", "2025-12-06 07:40", "ЗАЕС знеструмлена.", "Energoatom")
    events = build_events(
        [
            extraction(iaea, claim(iaea, "nuclear_power_loss", claimant="iaea", words="plant")),
            extraction(
                energo, claim(energo, "nuclear_power_loss", claimant="ua_officials", words="ЗАЕС")
            ),
        ]
    )
    assert [(e.kind, e.sources) for e in events] == [("nuclear_power_loss", ("energo", "iaea"))]


def test_group_claims_returns_drafts_with_every_claim() -> None:
    report = doc("af", "2025-12-06 09:15", "Уночі ворог запустив 653 БпЛА.")
    drafts = group_claims([extraction(report, claim(report, "launched", "drones", exact(653)))])
    assert [(x.kind, x.anchor, len(x.refs)) for x in drafts] == [
        ("air_attack", Anchor.of("night", d("2025-12-06")), 1)
    ]


def test_undated_claims_of_one_document_share_an_event_per_kind() -> None:
    a = doc("a", None, "Talks went on in Florida; talks resume on Monday.", "A", "en")
    events = build_events(
        [
            extraction(
                a,
                claim(a, "talks", claimant="media", words="Talks went on"),
                claim(a, "talks", claimant="media", words="talks resume"),
                claim(a, "call", claimant="media", words="Monday"),
            )
        ]
    )
    assert [(e.kind, len(e.claims)) for e in events] == [("call", 1), ("talks", 2)]
