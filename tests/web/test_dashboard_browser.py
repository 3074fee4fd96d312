"""The dashboard as a user meets it, in Chromium against a real ``skyledger serve``: a phone
390 px wide, the date range and per-month controls with exact figures on hover, the API
reference working with no network, and the failures page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_helpers import needs_chromium
from typer.testing import CliRunner
from web_ledger import running_server

from skyledger.cli import app

pytestmark = needs_chromium

MONTHS = "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"
GENITIVE = MONTHS.split()
NEWEST = date(2025, 12, 31)


def nights() -> list[date]:
    """15 nights in the last 30 days, 11 more within a year, 4 older ones."""
    recent = [NEWEST - timedelta(days=2 * i) for i in range(15)]
    year = [date(2025, month, 10) for month in range(1, 12)]
    older = [date(2024, month, 15) for month in (3, 6, 9, 11)]
    return sorted(recent + year + older)


def report(night: date, n: int) -> dict[str, str]:
    launched, downed = 100 + n, 80 + n
    month = GENITIVE[night.month - 1]
    return {
        "id": f"af-test-{night.isoformat()}",
        "source": "Повітряні сили",
        "medium": "telegram",
        "lang": "uk",
        "published_at": f"{night.isoformat()}T09:00:00+02:00",
        "text": (
            f"У ніч на {night.day} {month} (з 18:00) противник атакував {launched} ударними "
            "БпЛА типу Shahed та 4 балістичними ракетами Іскандер-М/KN-23/С-400.\n"
            f"За попередніми даними, станом на 08:30 збито/подавлено {downed} БпЛА та 2 ракети "
            "Іскандер-М/KN-23/С-400."
        ),
    }


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A served ledger of 30 nights over two years, and one input that failed."""
    folder = tmp_path_factory.mktemp("timeline")
    inbox = folder / "inbox"
    inbox.mkdir()
    lines = [json.dumps(report(n, i), ensure_ascii=False) for i, n in enumerate(nights())]
    (inbox / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inbox / "broken.jsonl").write_text("{this is not json\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'timeline.db'}"
    result = CliRunner().invoke(app, ["ingest", str(inbox), "--db", url])
    assert result.exit_code == 3, result.output  # one input failed
    with running_server(url) as base:
        yield base


def dots(page: object, chart: str) -> int:
    return int(page.locator(f"#chart-{chart} svg circle.dot-launched").count())  # type: ignore[attr-defined]


def within(days: int) -> int:
    cut = NEWEST - timedelta(days=days - 1)
    return sum(1 for n in nights() if n >= cut)


def page_width(page: object) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))  # type: ignore[attr-defined]


def test_the_phone_layout_fits_390_px_and_shows_the_newest_night(page, timeline: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(timeline + "/")
    page.wait_for_selector("body[data-charts=drawn]")
    assert page_width(page) <= 390
    newest = page.locator("#chart-drones svg circle.dot-launched").last
    box = newest.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.locator("#chart-drones svg text").filter(has_text=NEWEST.isoformat()).count() == 1
    event_id = page.locator("table.attacks a").first.get_attribute("href")
    for path in (event_id, "/search?q=Shahed", "/failures", "/docs"):
        page.goto(timeline + path)
        assert page_width(page) <= 390, path
    assert page.errors == []


def test_the_date_range_starts_at_the_last_30_days(page, timeline: str) -> None:
    page.goto(timeline + "/")
    page.wait_for_selector("body[data-charts=drawn]")
    assert page.get_attribute("body", "data-range") == "30"
    assert dots(page, "drones") == within(30) == 15
    page.click("button[data-range='365']")
    assert dots(page, "drones") == within(365)
    held = json.loads(page.locator("#dashboard-data").text_content() or "{}")
    assert len(held["nights"]) == within(366) < held["nights_total"] == len(nights())
    page.click("button[data-range=all]")  # the older nights are read from /api/stats
    page.wait_for_selector("body[data-range=all]:not([data-loading])")
    assert dots(page, "drones") == len(nights())
    assert page.locator("button[data-range=all]").get_attribute("aria-pressed") == "true"
    expected = f"{nights()[0].isoformat()} to {NEWEST.isoformat()} · {len(nights())} nights"
    assert page.locator("#range-label").inner_text() == expected
    assert page.errors == []


def test_the_monthly_view_sums_each_month(page, timeline: str) -> None:
    page.goto(timeline + "/")
    page.wait_for_selector("body[data-charts=drawn]")
    page.click("button[data-range=all]")
    page.wait_for_selector("body[data-range=all]:not([data-loading])")
    page.click("button[data-period=month]")
    months = {(n.year, n.month) for n in nights()}
    assert page.locator("#chart-drones svg rect.bar-launched").count() == len(months)
    december = [i for i, n in enumerate(nights()) if (n.year, n.month) == (2025, 12)]
    launched = sum(100 + i for i in december)
    bar = page.locator("#chart-drones svg rect.bar-launched").last
    assert f"drones launched {launched}" in (bar.get_attribute("data-tip") or "")
    assert page.errors == []


def test_hovering_a_mark_shows_its_exact_figures(page, timeline: str) -> None:
    page.goto(timeline + "/")
    page.wait_for_selector("body[data-charts=drawn]")
    newest = page.locator("#chart-drones svg circle.dot-launched").last
    newest.hover()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    n = len(nights()) - 1
    text = tooltip.inner_text()
    assert NEWEST.isoformat() in text
    assert f"drones launched {100 + n}" in text and f"downed {80 + n}" in text
    page.locator("#chart-rate svg circle").last.hover()
    assert "shot down" in tooltip.inner_text() and "%" in tooltip.inner_text()


def test_the_weapon_chart_shows_whole_group_names(page, timeline: str) -> None:
    page.goto(timeline + "/")
    page.wait_for_selector("body[data-charts=drawn]")
    labels = page.locator("#chart-weapons svg text.row-label").all_text_contents()
    assert labels == ["iskander-m/kn-23/s-400 (15 nights)"]
    bars = page.locator("#chart-weapons svg rect")
    tips = [bars.nth(i).get_attribute("data-tip") or "" for i in range(bars.count())]
    assert any("launched 60" in t for t in tips) and any("downed 30" in t for t in tips)


def test_the_api_reference_works_offline_under_the_csp(page, timeline: str) -> None:
    elsewhere: list[str] = []

    def only_loopback(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlsplit(url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            elsewhere.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", only_loopback)
    page.goto(timeline + "/")
    page.click("header nav a:has-text('API')")
    page.wait_for_url("**/docs")
    response = page.request.get(timeline + "/docs")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("section.operation").count() >= 7
    assert page.locator("h2").filter(has_text="GET /api/events/{event_id}").count() == 1
    assert "Page size." in page.content()
    assert elsewhere == []
    assert page.errors == []


def test_the_failures_page_lists_what_could_not_be_read(page, timeline: str) -> None:
    page.goto(timeline + "/")
    page.click("header nav a:has-text('Failures')")
    page.wait_for_url("**/failures")
    assert page.locator("h1").inner_text() == "Failures (1)"
    row = page.locator("table.failures tbody tr").first
    cells = row.locator("td").all_inner_texts()
    assert cells[1:3] == ["inbox/broken.jsonl", "1"]
    assert cells[3].startswith("malformed JSON")
    assert str(Path("/tmp")) not in page.content()
    assert page.errors == []
