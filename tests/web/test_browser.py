"""End to end in headless Chromium: every page draws, filters work, events open with their span highlighted."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGES = (
    ("/", "Overview", "#timeline svg rect"),
    ("/events", "Events", "table.events tbody tr"),
    ("/events/m-e1", "CONSULT", "blockquote.sentence mark"),
    ("/dyad?a=USA&b=RUS", "USA", "#dyad-goldstein svg circle"),
    ("/network", "Actor network", "#network svg g.node"),
    ("/map", "Map of events", "#map svg circle.point"),
    ("/stories", "Stories", "table.stories tbody tr"),
    ("/stories/s1", "Crimea talks", "table.events tbody tr"),
    ("/documents/d1", "Title d1", "#doctext mark"),
    ("/docs", "Annales explorer", ".swagger-ui .opblock"),
)


@pytest.mark.parametrize(("path", "heading", "drawn"), PAGES)
def test_page_loads_and_draws(page: Any, live_url: str, path: str, heading: str, drawn: str) -> None:
    response = page.goto(live_url + path)
    assert response.status == 200
    page.wait_for_selector(drawn, timeout=10_000)
    assert heading in page.inner_text("body")
    assert page.problems == []  # no script error, no CSP violation, no dialog


def test_events_filter_narrows_table(page: Any, live_url: str) -> None:
    page.goto(live_url + "/events")
    assert page.locator("table.events tbody tr").count() == 4
    page.fill("input[name=actor]", "RUS")
    page.click("#apply")
    page.wait_for_url("**/events?*actor=RUS*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    assert all(text.startswith("RUS") for text in rows.locator("td:nth-child(2)").all_inner_texts())
    assert "2 events match" in page.inner_text("#total")


def test_event_opens_with_highlighted_sentence(page: Any, live_url: str) -> None:
    page.goto(live_url + "/events?type=CONSULT")
    page.click("table.events tbody tr td:nth-child(3) a")
    page.wait_for_url("**/events/m-e1")
    assert page.locator("blockquote.sentence mark").all_inner_texts() == ["met", "held talks"]
    assert "2 mention(s) in 2 article(s)" in page.inner_text("dl.facts")


def test_script_in_article_shows_as_text(page: Any, live_url: str) -> None:
    page.goto(live_url + "/documents/d3")
    text = page.inner_text("#doctext")
    assert "<script>alert('x')</script>" in text
    assert page.locator("#doctext script").count() == 0
    assert page.problems == []


def test_network_edge_opens_dyad(page: Any, live_url: str) -> None:
    page.goto(live_url + "/network")
    page.wait_for_selector("#network line.edge")
    page.locator("#network line.edge").first.dispatch_event("click")
    page.wait_for_url("**/dyad?a=*&b=*")
    assert page.locator("#dyad-counts svg").count() == 1


def test_map_draws_countries_and_time_filter(page: Any, live_url: str) -> None:
    page.goto(live_url + "/map")
    page.wait_for_selector("#map svg circle.point")
    assert page.locator("#map .land path").count() > 150
    assert page.locator("#map circle.point").count() == 2
    page.fill("input[name=since]", "2014-05-01")
    page.click("#map-form button")
    page.wait_for_url("**/map?since=2014-05-01*")
    page.wait_for_selector("#map svg circle.point")
    assert page.locator("#map circle.point").count() == 1
