"""Issue 15 §2, in process: the filter bar and its chips, the events table (source, sort, total, paging,
downloads), provenance of dates and places, unresolved actors, and the network, dyad and map options."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from annales import codes
from annales.api.app import create_app
from annales.api.settings import ServerSettings
from annales.store.export import GDELT_COLUMNS
from tests.api.hostile_store import build_hostile_store
from tests.api.sample_store import BASE_URL


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(db=str(store_path))), base_url=BASE_URL) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_hostile_store(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")
    with TestClient(create_app(ServerSettings(db=str(path))), base_url=BASE_URL) as test_client:
        yield test_client


def _types(client: TestClient, **params: Any) -> set[str]:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == len(body["events"])
    return {event["type"] for event in body["events"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "USA", "recipient": "RUS"}, {"CONSULT"}),
        ({"actor": "USA", "recipient": "RUS", "both": "true"}, {"CONSULT", "ACCUSE", "THREATEN"}),
        ({"actor": "UKR", "both": "true"}, {"AID"}),
        ({"recipient": "UKR", "both": "true"}, {"AID"}),
        ({"text": "HELD TALKS"}, {"CONSULT"}),  # a mention's sentence, case-insensitive
        ({"text": "sanctions against"}, {"THREATEN"}),
        ({"text": "100%"}, set()),  # % is taken literally, not as a wildcard
        ({"text": "_"}, set()),
        ({"quad": "4"}, {"THREATEN"}),
        ({"quad": "1", "min_sources": "2"}, {"CONSULT"}),
        ({"bbox": "46,6,47,7"}, {"CONSULT"}),
        ({"bbox": "50,30,60,40"}, {"THREATEN"}),
        ({"bbox": "50,170,60,-170"}, set()),  # across the antimeridian
        ({"min_confidence": "0.7"}, {"CONSULT", "ACCUSE", "THREATEN"}),
    ],
)
def test_filter_params_select_events(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    assert _types(client, **params) == expected


def _chips(html: str) -> dict[str, str]:
    found = re.findall(r'<a class="chip" href="([^"]*)" data-name="([^"]+)"', html)
    return {name: href.replace("&amp;", "&") for href, name in found}


def test_default_confidence_hides_weak_events_until_its_chip_is_removed(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codes, "DEFAULT_MIN_CONFIDENCE", 0.7)
    assert _types(client) == {"CONSULT", "ACCUSE", "THREATEN"}  # the 0.6 AID event is below the default
    html = client.get("/events?actor=USA").text
    chips = _chips(html)
    assert "confidence ≥ 0.7 (default)" in html
    assert chips["min_confidence"] == "/events?actor=USA&min_confidence=0"
    assert "AID" in client.get(chips["min_confidence"]).text
    assert _types(client, min_confidence=0) == {"CONSULT", "ACCUSE", "THREATEN", "AID"}
    assert _types(client, min_confidence=0.5) == {"CONSULT", "ACCUSE", "THREATEN", "AID"}  # a chosen value wins


def test_chips_show_each_filter_and_remove_only_it(client: TestClient) -> None:
    html = client.get("/events?actor=USA&both=true&min_confidence=0.5&text=met&quad=1&sort=type").text
    chips = _chips(html)
    assert set(chips) == {"actor", "both", "min_confidence", "text", "quad"}
    assert "either direction" in html and "confidence ≥ 0.5" in html and "verbal cooperation" in html
    assert chips["text"] == "/events?actor=USA&both=true&min_confidence=0.5&quad=1&sort=type"
    assert client.get(chips["text"]).status_code == 200


def test_filter_bar_is_on_every_page_and_keeps_hidden_params(client: TestClient) -> None:
    for path in (
        "/",
        "/events",
        "/dyad",
        "/network",
        "/map",
        "/stories",
        "/stories/s1",
        "/events/m-e1",
        "/documents/d1",
    ):
        assert 'id="filter-bar"' in client.get(path).text, path
    html = client.get("/events?quad=4&sort=goldstein&offset=1").text
    form = html[html.index('id="filter-bar"') : html.index("</form>")]
    assert '<input type="hidden" name="quad" value="4">' in form
    assert '<input type="hidden" name="sort" value="goldstein">' in form
    assert 'name="offset"' not in form  # a new search starts on the first page
    detail = client.get("/events/m-e1").text
    assert 'action="/events"' in detail  # pages without a filter search the table


def test_events_total_on_every_page_and_previous_next(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 1}).json()
    assert first["total"] == 4 and first["prev_cursor"] is None
    seen = [first["events"][0]["event_id"]]
    page = first
    while page["next_cursor"]:
        page = client.get("/api/events", params={"limit": 1, "cursor": page["next_cursor"]}).json()
        assert page["total"] == 4  # cursor pages count too
        seen.append(page["events"][0]["event_id"])
    assert len(seen) == len(set(seen)) == 4
    back = client.get("/api/events", params={"limit": 1, "before": page["prev_cursor"]}).json()
    assert back["events"][0]["event_id"] == seen[-2]
    html = client.get("/events", params={"limit": 1, "cursor": first["next_cursor"]}).text
    assert 'id="prev"' in html and 'id="next"' in html and 'id="first"' in html
    assert "<b>4</b> events match" in html


def test_events_offset_pages_say_which_rows(client: TestClient) -> None:
    html = client.get("/events", params={"limit": 2, "offset": 2}).text
    assert "showing 3–4" in html
    assert client.get("/api/events", params={"limit": 2, "offset": 2}).json()["prev_cursor"]


def test_events_sortable_headers_toggle_order(client: TestClient) -> None:
    html = client.get("/events?sort=goldstein&order=desc&actor=USA").text
    found = re.findall(r'class="sort[^"]*" href="([^"]+)" data-sort="(\w+)"', html)
    links = {key: href.replace("&amp;", "&") for href, key in found}
    assert set(links) == {"date", "type", "goldstein", "n_sources", "n_mentions", "confidence"}
    assert "sort=goldstein" in links["goldstein"] and "order=asc" in links["goldstein"]
    assert "order=desc" in links["date"] and "actor=USA" in links["date"]
    ordered = client.get(links["goldstein"].replace("/events", "/api/events")).json()["events"]
    assert [event["goldstein"] for event in ordered] == sorted(event["goldstein"] for event in ordered)


def test_events_rows_show_source_title_and_provenance(client: TestClient) -> None:
    event = {e["event_id"]: e for e in client.get("/api/events").json()["events"]}["m-e1"]
    assert (event["title"], event["source"], event["url"]) == ("Title d1", "Daily Planet", "https://news.example/d1")
    assert event["date_source"] == "text" and event["place_source"] == "text"
    html = client.get("/events").text
    assert "Title d1" in html and "Daily Planet" in html and "stated in the text" in html


def test_place_source_of_a_merged_event_comes_from_the_report_that_named_it(client: TestClient) -> None:
    # m-e1 merges e1 (place without a source) and e3 (Geneva, named in the sentence).
    listed = {e["event_id"]: e for e in client.get("/api/events").json()["events"]}["m-e1"]
    detail = client.get("/api/events/m-e1").json()["event"]
    assert listed["place_source"] == detail["place_source"] == "text"
    assert client.get("/api/dyad?actor=USA&recipient=RUS").json()["events"][-1]["place_source"] == "text"


def test_provenance_reasons_when_date_and_place_are_missing(hostile: TestClient) -> None:
    event = {e["event_id"]: e for e in hostile.get("/api/events").json()["events"]}["plain-e"]
    assert event["date"] is None and event["date_reason"] == "no_date_in_text"
    assert event["place"] is None and event["place_reason"] == "no_toponym"
    detail = hostile.get("/api/events/plain-e").json()
    assert detail["event"]["date_reason"] == "no_date_in_text"
    assert detail["mentions"][0]["place_reason"] == "no_toponym"
    for html in (hostile.get("/events").text, hostile.get("/events/plain-e").text):
        assert "no_date_in_text" in html and "no_toponym" in html


def test_unresolved_actor_renders_as_text_and_unresolved(hostile: TestClient) -> None:
    event = hostile.get("/api/events/plain-e").json()["event"]
    assert event["actor"]["code"] is None and event["actor"]["text"] == "The Rebel Front"
    for html in (hostile.get("/events").text, hostile.get("/events/plain-e").text):
        assert re.search(r"The Rebel Front</bdi> <span class=\"tag\">unresolved</span>", html)
    assert hostile.get("/api/overview").status_code == 200 and hostile.get("/api/network").status_code == 200


def test_unresolved_mentions_of_the_sentence_on_event_and_document(client: TestClient, hostile: TestClient) -> None:
    mentions = {m["doc_id"]: m for m in client.get("/api/events/m-e1").json()["mentions"]}
    assert mentions["d1"]["unresolved"] == [{"text": "Geneva", "reason": "place", "start": 20, "end": 26}]
    assert mentions["d2"]["unresolved"] == []
    assert "Not resolved in this sentence" in client.get("/events/m-e1").text
    document = hostile.get("/api/documents/plain").json()
    assert [(u["text"], u["reason"]) for u in document["unresolved"]] == [
        ("The Rebel Front", "unknown_name"), ("Donetsk", "place")
    ]  # fmt: skip
    assert [u["text"] for u in document["mentions"][0]["unresolved"]] == ["The Rebel Front", "Donetsk"]
    html = hostile.get("/documents/plain").text
    assert 'id="doc-unresolved"' in html and "unknown_name" in html


def _download(client: TestClient, fmt: str, **params: str) -> Any:
    response = client.get("/api/export", params={**params, "format": fmt})
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize("params", [{}, {"actor": "RUS"}, {"quad": "1"}, {"text": "Washington"}])
def test_downloads_hold_the_current_filter(client: TestClient, params: dict[str, str]) -> None:
    expected = {event["event_id"] for event in client.get("/api/events", params=params).json()["events"]}
    rows = list(csv.DictReader(io.StringIO(_download(client, "csv", **params).text)))
    assert {row["event_id"] for row in rows} == expected
    parquet = pq.read_table(io.BytesIO(_download(client, "parquet", **params).content))
    assert set(parquet.column("event_id").to_pylist()) == expected
    plover = [json.loads(line) for line in _download(client, "plover", **params).text.splitlines()]
    assert len(plover) == len(expected)
    gdelt = [line.split("\t") for line in _download(client, "gdelt", **params).text.splitlines()]
    assert len(gdelt) == len(expected) and all(len(row) == len(GDELT_COLUMNS) for row in gdelt)


def test_download_links_and_names(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "USA", "sort": "type", "cursor": None}).json()
    assert body["downloads"]["csv"] == "/api/export?actor=USA&format=csv"
    response = _download(client, "gdelt", actor="USA", type="AID")
    assert response.headers["content-disposition"] == 'attachment; filename="annales-USA-AID.tsv"'
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    html = client.get("/events?actor=USA").text
    assert 'href="/api/export?actor=USA&amp;format=parquet"' in html
    assert client.get("/api/export", params={"format": "xml"}).status_code == 400


def test_network_top_n_and_weight_threshold(client: TestClient) -> None:
    everything = client.get("/api/network").json()
    assert everything["total_edges"] == 3 and len(everything["edges"]) == 3
    top = client.get("/api/network", params={"max_edges": 1}).json()
    assert [(e["source"], e["target"], e["n"]) for e in top["edges"]] == [("RUS", "USA", 2)]
    assert top["total_edges"] == 3
    heavy = client.get("/api/network", params={"min_weight": 2}).json()
    assert heavy["total_edges"] == 1 and {n["id"] for n in heavy["nodes"]} == {"RUS", "USA"}
    assert "heaviest of 3 directed dyads" in client.get("/network?max_edges=1").text


def test_dyad_takes_the_bar_and_old_links(client: TestClient) -> None:
    old = client.get("/api/dyad?a=USA&b=RUS").json()
    new = client.get("/api/dyad?actor=USA&recipient=RUS").json()
    assert old["types"] == new["types"] and {t["type"] for t in new["types"]} == {"CONSULT", "ACCUSE", "THREATEN"}
    narrowed = client.get("/api/dyad?actor=USA&recipient=RUS&quad=3").json()
    assert [(t["type"], t["direction"]) for t in narrowed["types"]] == [("ACCUSE", "b->a")]
    html = client.get("/dyad?a=USA&b=RUS").text
    chips = _chips(html)
    assert set(chips) == {"actor", "recipient"} and "a=" not in chips["actor"] and "b=RUS" in chips["actor"]


def test_map_place_links_are_exact(client: TestClient) -> None:
    html = client.get("/map").text
    links = [href.replace("&amp;", "&") for href in re.findall(r'<td><a href="(/events\?[^"]+)">', html)]
    assert len(links) == 2
    for link in links:
        body = client.get(link.replace("/events", "/api/events")).json()
        assert body["total"] == 1 and "bbox=" in link


def test_json_twin_link_on_every_page(client: TestClient) -> None:
    html = client.get("/events?actor=USA").text
    assert 'class="json" href="/api/events?actor=USA"' in html
