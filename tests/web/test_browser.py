"""End to end in headless Chromium: every page draws, and every mark is a door (issue 15 §2).

The click paths an analyst takes: a chart bar → the events table filtered to it → one event
with its highlighted sentences → the document; legend entries, network nodes and edges, map
markers open the table too; a drag over a time axis sets the date range; chips remove filters.
Clicks are real mouse clicks at the position ECharts or Leaflet drew the mark.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

PAGES = (
    ("/", "Overview", "#timeline svg path"),
    ("/events", "Events", "table.events tbody tr"),
    ("/events/m-e1", "CONSULT", "blockquote.sentence mark"),
    ("/dyad?actor=USA&recipient=RUS", "USA", "#dyad-goldstein svg path"),
    ("/network", "Actor network", "#network svg path"),
    ("/map", "Map of events", "#map .place-icon svg"),
    ("/stories", "Stories", "table.stories tbody tr"),
    ("/stories/s1", "Crimea talks", "table.events tbody tr"),
    ("/documents/d1", "Title d1", "#doctext mark"),
    ("/docs", "Annales explorer", ".swagger-ui .opblock"),
)


def _query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _point(page: Any, chart: str, series: int, *, half: bool) -> tuple[float, float]:
    """Page coordinates of the first drawn data item of a series of an ECharts chart (half: halfway up its bar),
    once the page has settled: charts drawn later can grow the page, bring up a scrollbar and so resize and
    redraw this one, which would move a narrow bar away from coordinates taken too early."""
    page.wait_for_load_state("networkidle")
    previous = None
    for _ in range(20):
        point = _point_now(page, chart, series, half=half)
        if point == previous:
            return point
        previous = point
        page.wait_for_timeout(100)
    return previous if previous is not None else _point_now(page, chart, series, half=half)


def _click_mark(page: Any, chart: str, x: float, y: float) -> None:
    """Hover a chart's mark until the chart shows it is one (a pointer cursor), then click it, as a person
    does: a click landing while the chart still redraws the hover state can be lost."""
    page.mouse.move(x, y)
    page.wait_for_function(
        "(id) => getComputedStyle(document.querySelector(`#${id} > div`)).cursor === 'pointer'", arg=chart
    )
    page.mouse.click(x, y)


def _point_now(page: Any, chart: str, series: int, *, half: bool) -> tuple[float, float]:
    x, y = page.evaluate(
        """([id, series, half]) => {
            const chart = echarts.getInstanceByDom(document.getElementById(id));
            const item = chart.getOption().series[series].data.find((d) => d.value && d.value[1] !== null);
            const y = half ? item.value[1] / 2 : item.value[1];
            const at = chart.convertToPixel({ seriesIndex: series }, [item.value[0], y]);
            const box = chart.getDom().getBoundingClientRect();
            return [box.left + at[0], box.top + at[1]];
        }""",
        [chart, series, half],
    )
    return float(x), float(y)


@pytest.mark.parametrize(("path", "heading", "drawn"), PAGES)
def test_page_loads_and_draws(page: Any, live_url: str, path: str, heading: str, drawn: str) -> None:
    response = page.goto(live_url + path)
    assert response.status == 200
    page.wait_for_selector(drawn, state="attached", timeout=10_000)
    assert heading in page.inner_text("body")
    assert page.problems == []  # no script error, no CSP violation, no dialog


def test_click_path_chart_to_table_to_event_to_document(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.wait_for_selector("#timeline svg path", state="attached")
    # The verbal-cooperation bar (series 0) of the day of the Geneva meeting, hit in its middle.
    _click_mark(page, "timeline", *_point(page, "timeline", 0, half=True))
    page.wait_for_url("**/events?*quad=1*")
    assert _query(page)["since"] == _query(page)["until"] == ["2014-03-03"]
    chips = page.locator("#chips .chip").all_inner_texts()
    assert any("verbal cooperation" in chip for chip in chips) and any("from 2014-03-03" in chip for chip in chips)
    assert page.locator("table.events tbody tr").count() == 1
    assert "1 event matches" in page.inner_text("#total")
    page.click("table.events tbody tr td:first-child a")
    page.wait_for_url("**/events/m-e1")
    assert page.locator("blockquote.sentence mark").all_inner_texts() == ["met", "held talks"]
    assert "2 mention(s) in 2 article(s)" in page.inner_text("dl.facts")
    assert "Geneva" in page.inner_text(".mention .unresolved-list")  # what the sentence left unresolved
    page.click(".mention a.doc >> nth=0")
    page.wait_for_url("**/documents/d1")
    assert page.locator("#doctext mark").all_inner_texts() == ["met", "accused"]
    assert "Title d1" in page.inner_text("h1")
    assert page.problems == []


def test_legend_entry_opens_its_events(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.wait_for_selector("#timeline svg path", state="attached")
    page.locator("#timeline text", has_text="material conflict").click()
    page.wait_for_url("**/events?quad=4")
    assert page.locator("table.events tbody td:nth-child(3)").all_inner_texts() == ["THREATEN negated"]


def test_drag_over_time_axis_sets_date_range(page: Any, live_url: str) -> None:
    page.goto(live_url + "/?actor=USA")
    page.wait_for_selector("#timeline svg path", state="attached")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 80, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=12)
    page.mouse.up()
    page.wait_for_url("**/?*since=*")
    query = _query(page)
    assert query["actor"] == ["USA"] and query["since"][0] < query["until"][0]
    assert page.locator("#chips .chip[data-name=since]").count() == 1


def test_dyad_point_and_legend_open_events(page: Any, live_url: str) -> None:
    page.goto(live_url + "/dyad?actor=USA&recipient=RUS")
    page.wait_for_selector("#dyad-goldstein svg path", state="attached")
    _click_mark(page, "dyad-goldstein", *_point(page, "dyad-goldstein", 1, half=False))  # RUS → USA, first dated
    page.wait_for_url("**/events?*")
    query = _query(page)
    assert (query["actor"], query["recipient"]) == (["RUS"], ["USA"]) and "since" in query
    page.go_back()
    page.wait_for_selector("#dyad-types svg path", state="attached")
    page.locator("#dyad-types text", has_text=re.compile("USA\\W*→\\W*RUS")).first.click()
    page.wait_for_url("**/events?*")
    assert (_query(page)["actor"], _query(page)["recipient"]) == (["USA"], ["RUS"])


def _graph_point(page: Any, kind: str) -> tuple[float, float]:
    page.wait_for_load_state("networkidle")  # see _point: nothing left to redraw the graph
    x, y = page.evaluate(
        """(kind) => {
            const chart = echarts.getInstanceByDom(document.getElementById('network'));
            const graph = chart.getModel().getSeriesByIndex(0).getGraph();
            let at;
            if (kind === 'node') {
                at = graph.getNodeByIndex(0).getLayout();
            } else {  // the middle of the heaviest edge's curve (a quadratic Bézier)
                const [p1, p2, cp] = graph.getEdgeByIndex(0).getLayout();
                const c = cp || [(p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2];
                at = [0, 1].map((k) => 0.25 * p1[k] + 0.5 * c[k] + 0.25 * p2[k]);
            }
            const px = chart.convertToPixel({ seriesIndex: 0 }, at);
            const box = chart.getDom().getBoundingClientRect();
            return [box.left + px[0], box.top + px[1]];
        }""",
        kind,
    )
    return float(x), float(y)


def test_network_edge_and_node_open_events(page: Any, live_url: str) -> None:
    page.goto(live_url + "/network")
    page.wait_for_selector("#network svg path", state="attached")
    assert "heaviest of 3 directed dyads" in page.inner_text("#edge-count")
    _click_mark(page, "network", *_graph_point(page, "edge"))
    page.wait_for_url("**/events?*")
    assert (_query(page)["actor"], _query(page)["recipient"]) == (["RUS"], ["USA"])
    assert page.locator("table.events tbody tr").count() == 2
    page.goto(live_url + "/network")
    page.wait_for_selector("#network svg path", state="attached")
    _click_mark(page, "network", *_graph_point(page, "node"))
    page.wait_for_url("**/events?*")
    assert _query(page) == {"actor": ["USA"], "both": ["true"]}
    assert page.locator("table.events tbody tr").count() == 4


def test_map_marker_opens_its_events_and_bar_filters_map(page: Any, live_url: str) -> None:
    page.goto(live_url + "/map")
    page.wait_for_selector("#map .place-icon svg")
    page.wait_for_selector("#map[data-outlines=drawn]", state="attached")  # a second fetch: not ready with the icons
    assert page.locator("#map .leaflet-overlay-pane path").count() > 150  # the bundled outlines
    assert page.locator("#map .place-icon").count() == 2
    page.locator("#map .place-icon").first.click()
    page.wait_for_url("**/events?*bbox=*")
    assert page.locator("table.events tbody tr").count() == 1
    page.goto(live_url + "/map")
    page.fill("#filter-bar input[name=since]", "2014-05-01")
    page.click("#apply")
    page.wait_for_url("**/map?since=2014-05-01*")
    page.wait_for_selector("#map .place-icon svg")
    assert page.locator("#map .place-icon").count() == 1
    assert page.problems == []


def test_events_filter_bar_and_chips(page: Any, live_url: str) -> None:
    page.goto(live_url + "/events")
    assert page.locator("table.events tbody tr").count() == 4
    page.fill("#filter-bar input[name=actor]", "RUS")
    page.check("#filter-bar input[name=both]")
    page.click("#apply")
    page.wait_for_url("**/events?*actor=RUS*")
    assert page.locator("table.events tbody tr").count() == 3  # RUS as actor or recipient
    page.locator("#chips .chip[data-name=both]").click()
    page.wait_for_url(lambda url: "both" not in url)
    assert page.locator("table.events tbody tr").count() == 2
    assert all(text.startswith("RUS") for text in page.locator("table.events td:nth-child(2)").all_inner_texts())


def test_events_sort_and_previous_next(page: Any, live_url: str) -> None:
    page.goto(live_url + "/events?limit=2")
    page.click("th a[data-sort=goldstein]")
    page.wait_for_url("**sort=goldstein*")
    first = page.locator("table.events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)")
    page.click("#next")
    page.wait_for_url("**cursor=*")
    assert "4 events match" in page.inner_text("#total")
    second = page.locator("table.events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)")
    assert not set(first) & set(second)
    page.click("#prev")
    page.wait_for_url("**before=*")
    assert page.locator("table.events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)") == first


def test_script_in_article_shows_as_text(page: Any, live_url: str) -> None:
    page.goto(live_url + "/documents/d3")
    text = page.inner_text("#doctext")
    assert "<script>alert('x')</script>" in text
    assert page.locator("#doctext script").count() == 0
    assert page.problems == []
