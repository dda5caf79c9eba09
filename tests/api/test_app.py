"""The explorer app in process: every page and its JSON twin, bad parameters, safety."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from annales.api.app import create_app
from annales.api.db import Database, StoreUnavailable
from annales.api.settings import SETTINGS, ServerSettings
from annales.errors import ConfigError
from tests.api.sample_store import BASE_URL, SCRIPT_TEXT

PAGES = (
    ("/", "/api/overview"),
    ("/events", "/api/events"),
    ("/events?actor=USA&sort=goldstein&order=asc", "/api/events?actor=USA&sort=goldstein&order=asc"),
    ("/dyad?a=USA&b=RUS", "/api/dyad?a=USA&b=RUS"),
    ("/dyad", "/api/dyad"),
    ("/network", "/api/network"),
    ("/map", "/api/map"),
    ("/map?since=2014-05-01", "/api/map?since=2014-05-01"),
    ("/stories", "/api/stories"),
    ("/documents/d3", "/api/documents/d3"),
)


def _client(path: Path, **options: Any) -> TestClient:
    return TestClient(create_app(ServerSettings(db=str(path), **options)), base_url=BASE_URL)


@pytest.fixture(scope="module")
def final_client(store_path: Path) -> Iterator[TestClient]:
    with _client(store_path) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def raw_client(raw_store_path: Path) -> Iterator[TestClient]:
    with _client(raw_store_path) as test_client:
        yield test_client


@pytest.fixture(params=["final", "raw"])
def client(request: pytest.FixtureRequest) -> TestClient:
    """A client on the store after finalize, then on the same store before it."""
    test_client = request.getfixturevalue(f"{request.param}_client")
    assert isinstance(test_client, TestClient)
    return test_client


def _page_data(html: str) -> Any:
    match = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    assert match, "page has no embedded data"
    return json.loads(match.group(1))


def _first_event_id(client: TestClient) -> str:
    event_id = client.get("/api/events").json()["events"][0]["event_id"]
    assert isinstance(event_id, str)
    return event_id


@pytest.mark.parametrize(("html_url", "api_url"), PAGES)
def test_page_html_and_json_twin_agree(client: TestClient, html_url: str, api_url: str) -> None:
    api = client.get(api_url)
    html = client.get(html_url)
    assert api.status_code == 200, api.text
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert _page_data(html.text) == api.json()


def test_event_page_lists_every_mention_with_highlight(final_client: TestClient) -> None:
    page = final_client.get("/api/events", params={"type": "CONSULT"}).json()
    assert page["total"] == 1  # two mentions of one meeting are one event after finalize
    event_id = page["events"][0]["event_id"]
    detail = final_client.get(f"/api/events/{event_id}").json()
    assert detail["event"]["n_mentions"] == 2
    assert {m["doc_id"] for m in detail["mentions"]} == {"d1", "d2"}
    for mention in detail["mentions"]:
        start, end = mention["highlight"]
        assert mention["sentence"][start:end] in ("met", "held talks")
    html = final_client.get(f"/events/{event_id}").text
    assert "<mark><bdi>met</bdi></mark>" in html and "<mark><bdi>held talks</bdi></mark>" in html


def test_raw_store_lists_each_mention_as_event(raw_store_path: Path) -> None:
    with _client(raw_store_path) as client:
        assert client.get("/api/events", params={"type": "CONSULT"}).json()["total"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "USA"}, {"CONSULT", "AID"}),
        ({"actor": "USA.GOV"}, {"CONSULT", "AID"}),
        ({"dyad": "RUS-USA"}, {"ACCUSE", "THREATEN"}),
        ({"recipient": "UKR"}, {"AID"}),
        ({"negated": "true"}, {"THREATEN"}),
        ({"since": "2014-03-04"}, {"AID", "THREATEN"}),
        ({"until": "2014-03-03"}, {"CONSULT", "ACCUSE"}),
        ({"place": "geneva"}, {"CONSULT"}),
        ({"place": "RUS"}, {"THREATEN"}),
        ({"min_sources": "2"}, {"CONSULT"}),
        ({"min_confidence": "0.8"}, {"CONSULT", "ACCUSE", "THREATEN"}),
        ({"type": "AID", "status": "occurred"}, {"AID"}),
        ({"story_id": "s1", "actor": "RUS"}, {"ACCUSE", "THREATEN"}),
    ],
)
def test_events_filters_select_expected_types(
    final_client: TestClient, params: dict[str, str], expected: set[str]
) -> None:
    body = final_client.get("/api/events", params=params).json()
    assert {event["type"] for event in body["events"]} == expected
    assert body["total"] == len(body["events"])


@pytest.mark.parametrize("sort", ["date", "goldstein", "n_sources", "n_mentions", "confidence", "type"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_events_cursor_paging_visits_each_event_once(final_client: TestClient, sort: str, order: str) -> None:
    client = final_client
    everything = client.get("/api/events", params={"sort": sort, "order": order}).json()
    seen: list[str] = []
    params: dict[str, Any] = {"sort": sort, "order": order, "limit": 2}
    while True:
        body = client.get("/api/events", params=params).json()
        seen.extend(event["event_id"] for event in body["events"])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == [event["event_id"] for event in everything["events"]]
    assert len(seen) == everything["total"]


def test_events_offset_paging_matches_cursor(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    by_cursor = client.get("/api/events", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert second["events"] == by_cursor["events"]


@pytest.mark.parametrize(
    ("url", "word"),
    [
        ("/api/events?since=yesterday", "since"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=501", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?sort=event_id;DROP", "sort"),
        ("/api/events?order=sideways", "order"),
        ("/api/events?status=rumoured", "status"),
        ("/api/events?negated=perhaps", "negated"),
        ("/api/events?min_confidence=2", "min_confidence"),
        ("/api/events?min_sources=0", "min_sources"),
        ("/api/events?actor=" + "A" * 65, "actor"),
        ("/api/dyad?a=USA&b=RUS&granularity=hour", "granularity"),
        ("/api/network?max_edges=100000", "max_edges"),
        ("/api/stories?limit=10000", "limit"),
        ("/api/events?quad=5", "quad"),
        ("/api/events?both=sometimes", "both"),
        ("/api/events?text=" + "x" * 201, "text"),
        ("/api/network?min_weight=0", "min_weight"),
        ("/api/events?cursor=" + "A" * 401, "cursor"),
    ],
)
def test_bad_parameter_is_400_naming_it(final_client: TestClient, url: str, word: str) -> None:
    # Issue 14: a malformed parameter is a 400 (it was FastAPI's 422), JSON under /api, a page elsewhere.
    response = final_client.get(url)
    assert response.status_code == 400
    assert word in response.json()["error"]
    assert "content-security-policy" in response.headers
    html = final_client.get(url.removeprefix("/api"))
    assert html.status_code == 400 and word in html.text


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"since": "2015-01-01", "until": "2014-01-01"}, "after"),
        ({"dyad": "USA"}, "ACTOR-RECIPIENT"),
        ({"dyad": "USA-RUS", "actor": "CHN"}, "dyad"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "50,10,40,20"}, "bbox"),
        ({"bbox": "nan,1,2,3"}, "bbox"),
        ({"cursor": "x", "before": "y"}, "cursor"),
    ],
)
def test_inconsistent_parameters_are_400(final_client: TestClient, params: dict[str, str], word: str) -> None:
    response = final_client.get("/api/events", params=params)
    assert response.status_code == 400
    assert word in response.json()["error"]


@pytest.mark.parametrize("path", ["/api/events/nope", "/api/stories/nope", "/api/documents/nope", "/events/nope"])
def test_unknown_id_is_404(final_client: TestClient, path: str) -> None:
    response = final_client.get(path)
    assert response.status_code == 404
    assert "nope" in response.text


@pytest.mark.parametrize(
    "value",
    ["USA' OR '1'='1", "'; DROP TABLE events; --", "USA%", "USA) OR (1=1"],
)
@pytest.mark.parametrize("name", ["actor", "recipient", "type", "place", "story_id"])
def test_injection_strings_match_nothing(final_client: TestClient, name: str, value: str) -> None:
    response = final_client.get("/api/events", params={name: value})
    assert response.status_code == 200
    assert response.json()["total"] == 0


def test_injection_leaves_tables_intact(final_client: TestClient) -> None:
    final_client.get("/api/events", params={"type": "'; DROP TABLE events; --"})
    final_client.get("/api/events", params={"actor": "x' ; DELETE FROM events; --"})
    assert final_client.get("/api/overview").json()["counts"] == {
        "documents": 3, "events": 4, "mentions": 5, "stories": 1
    }  # fmt: skip


def test_cursor_from_another_sort_is_rejected(final_client: TestClient) -> None:
    cursor = final_client.get("/api/events", params={"limit": 1, "sort": "type"}).json()["next_cursor"]
    assert final_client.get("/api/events", params={"limit": 1, "sort": "date", "cursor": cursor}).status_code == 400


def test_script_in_article_shows_as_text(final_client: TestClient) -> None:
    html = final_client.get("/documents/d3").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
    assert final_client.get("/api/documents/d3").json()["document"]["segments"][0]["text"].startswith(SCRIPT_TEXT)


def test_document_page_highlights_event_spans(final_client: TestClient) -> None:
    segments = final_client.get("/api/documents/d1").json()["document"]["segments"]
    marked = [segment["text"] for segment in segments if segment["event_id"]]
    assert marked == ["met", "accused"]
    assert "".join(segment["text"] for segment in segments).startswith("Kerry met Lavrov")


def test_story_page_lists_articles_and_events(final_client: TestClient) -> None:
    story = final_client.get("/api/stories/s1").json()
    assert [doc["doc_id"] for doc in story["documents"]] == ["d1", "d2", "d3"]
    assert len(story["events"]) == 4
    assert final_client.get("/stories/s1").status_code == 200


@pytest.mark.parametrize("url", ["/", "/api/events", "/static/app.js", "/docs", "/api/events/nope"])
def test_security_headers_on_every_response(final_client: TestClient, url: str) -> None:
    headers = final_client.get(url).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_docs_page_is_served_locally(final_client: TestClient) -> None:
    html = final_client.get("/docs").text
    assert "swagger-ui-bundle.js" in html
    assert "http" not in re.sub(r'href="/[^"]*"|src="/[^"]*"', "", html).lower().replace("http-equiv", "")
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert final_client.get(asset).status_code == 200, asset
    schema = final_client.get("/openapi.json").json()
    assert {"/api/events", "/api/overview", "/api/dyad", "/api/events/{event_id}"} <= set(schema["paths"])


def test_requests_leave_store_file_unchanged(store_path: Path) -> None:
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    with _client(store_path) as client:
        for html_url, api_url in PAGES:
            client.get(html_url)
            client.get(api_url)
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


def test_database_cursor_refuses_writes(store_path: Path) -> None:
    db = Database(str(store_path))
    with db.cursor() as con, pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE intruder (x INTEGER)")
    db.close()


def test_database_interrupts_slow_query(store_path: Path) -> None:
    db = Database(str(store_path), timeout=0.2)
    started = time.perf_counter()
    with pytest.raises(StoreUnavailable, match="longer than"), db.cursor() as con:
        con.execute("SELECT count(*) FROM range(100000000000) a(x) WHERE x % 7 = 3").fetchall()
    assert time.perf_counter() - started < 10
    db.close()


def test_missing_store_is_503(tmp_path: Path) -> None:
    with _client(tmp_path / "none.duckdb") as client:
        response = client.get("/api/overview")
    assert response.status_code == 503
    assert "annales run" in response.json()["error"]


def test_store_locked_by_writer_is_503(tmp_path: Path, store_path: Path) -> None:
    locked = tmp_path / "locked.duckdb"
    locked.write_bytes(store_path.read_bytes())
    writer = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(locked)!r}); print('ok'); "
         "sys.stdout.flush(); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ok"
        with _client(locked, connection="per_request") as client:
            response = client.get("/api/events")
        assert response.status_code == 503
        assert "locked" in response.json()["error"]
        assert response.headers["retry-after"]
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize(
    ("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)]
)
def test_settings_is_loopback(host: str, loopback: bool) -> None:
    assert ServerSettings(db="x", host=host).is_loopback is loopback


@pytest.mark.parametrize(
    "options", [{"query_timeout": 0}, {"max_page_size": 0}, {"max_page_size": 501}, {"connection": "pooled"}]
)
def test_settings_rejects_bad_values(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        ServerSettings(db="x", **options)


def test_settings_are_all_documented_in_serve_help() -> None:
    from click.testing import CliRunner

    from annales.cli.serve import command

    help_text = CliRunner().invoke(command, ["--help"]).output
    for setting in SETTINGS:
        assert f"--{setting.name.replace('_', '-')}" in help_text
        assert setting.help.split()[0] in help_text


def test_max_page_size_setting_caps_pages(store_path: Path) -> None:
    with _client(store_path, max_page_size=2) as client:
        body = client.get("/api/events", params={"limit": 100}).json()
    assert len(body["events"]) == 2 and body["limit"] == 2


def test_blank_form_fields_mean_no_filter(final_client: TestClient) -> None:
    blank = final_client.get("/api/events?actor=&min_sources=&since=&negated=&type=RUS&type=")
    assert blank.status_code == 200
    assert blank.json()["total"] == 0  # type=RUS kept, blanks dropped
    assert final_client.get("/events?actor=&min_sources=&since=").status_code == 200


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("0.0.0.0", True)])
def test_serve_warns_when_not_loopback(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], host: str, warned: bool
) -> None:
    import uvicorn

    from annales.cli.serve import serve

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    serve(ServerSettings(db=str(store_path), host=host))
    assert calls == [{"host": host, "port": 8000, "log_level": "info"}]
    assert ("not loopback" in capsys.readouterr().err) is warned


def test_serve_without_store_raises(tmp_path: Path) -> None:
    from annales.cli.serve import serve
    from annales.errors import StoreError

    with pytest.raises(StoreError, match="E301"):
        serve(ServerSettings(db=str(tmp_path / "missing.duckdb")))


def test_non_ascii_parameters_survive(final_client: TestClient) -> None:
    response = final_client.get("/api/events", params={"place": "Москва", "actor": ""})
    assert response.status_code == 200 and response.json()["total"] == 0
    assert final_client.get("/api/events", params={"place": "Geneva", "type": ""}).json()["total"] == 1


def test_serve_options_are_documented_in_cli_md() -> None:
    from annales.cli.serve import command

    docs = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    section = docs[docs.index("## annales serve") :]
    section = section[: section.index("\n## ", 1)]
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option not in ("--help", "--verbose"):
                assert option in section, option
    assert "annales serve --db news.duckdb --host 0.0.0.0 --allow-host" in section
    assert "annales serve --db news.duckdb --full-paths" in section


def test_parties_named_before_the_sentence_say_so_everywhere(final_client: TestClient) -> None:
    # issue 11: an event whose actor and recipient the coder took from the article before its sentence
    events = final_client.get("/api/events").json()["events"]
    sources = {e["type"]: (e["actor_source"], e["recipient_source"]) for e in events}
    assert sources["AID"] == ("context", "context") and sources["ACCUSE"] == ("sentence", "sentence")
    aid = next(e["event_id"] for e in events if e["type"] == "AID")
    page = final_client.get(f"/events/{aid}").text
    assert 'id="recipient-context"' in page and 'id="actor-context"' in page
    other = next(e["event_id"] for e in events if e["type"] == "ACCUSE")
    assert "-context" not in final_client.get(f"/events/{other}").text
    table = final_client.get("/events").text
    assert table.count('data-kind="recipient"') == 1 and table.count('data-kind="actor"') == 1
    document = final_client.get("/documents/d2").text  # the AID event's document
    assert document.count('data-kind="recipient"') == 1 and document.count('data-kind="actor"') == 1
    assert 'data-kind="actor"' not in final_client.get("/documents/d1").text
    csv_text = final_client.get("/api/export", params={"format": "csv"}).text
    header, *rows = csv_text.splitlines()
    assert {"actor_source", "recipient_source"} <= set(header.split(","))
    assert sum(",context," in row for row in rows) == 1
