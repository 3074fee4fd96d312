"""The dashboard in a real browser: Playwright driving the system Chromium (headless) against
a real ``skyledger serve`` on a free loopback port."""

from __future__ import annotations

from browser_helpers import needs_chromium

pytestmark = needs_chromium


def test_dashboard_draws_its_charts(page, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("body[data-charts=drawn]", timeout=10_000)
    for chart in ("drones", "missiles", "rate", "weapons"):
        assert page.locator(f"#chart-{chart} svg").count() == 1
    assert page.locator("#chart-drones svg path.series-launched").count() == 1
    assert page.locator("#chart-drones svg circle").count() == 5  # 2 + 2 + 1 figures
    assert page.locator("#chart-weapons svg rect.bar-launched").count() == 1
    assert page.locator("svg.map circle.marker").count() == 2
    assert page.errors == []


def test_event_page_shows_a_highlighted_sentence(page, server: str) -> None:
    page.goto(server + "/")
    page.locator("table.attacks a").first.click()
    page.wait_for_selector("blockquote.quote mark")
    marks = page.locator("blockquote.quote mark").all_inner_texts()
    assert "120 ударними БпЛА" in marks
    assert page.locator(".has-conflict").count() >= 1
    assert page.errors == []


def test_document_with_a_script_tag_shows_it_as_text(page, server: str) -> None:
    page.goto(server + "/documents/post-test-script")
    text = page.locator("#doc-text").inner_text()
    assert "<script>alert('xss')</script>" in text
    assert "<b>жирний</b>" in text
    assert page.locator("#doc-text script, #doc-text b").count() == 0
    assert "<img src=x onerror=alert(2)>" in page.locator("h1").inner_text()
    page.wait_for_timeout(200)
    assert page.dialogs == []


def test_search_from_the_header(page, server: str) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "Kharkiv")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Kharkiv")
    assert "Events naming the place (1)" in page.content()
