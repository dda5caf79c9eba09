"""Issue 14 §3: forged input gets a 400 (never a 500), only our own host names are answered,
user text is isolated against bidi overrides, and local paths are shown relative to the run's inputs."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import json
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import QueryParams

from annales.api.app import create_app
from annales.api.middleware import DropEmptyParams, HostPolicy, split_host
from annales.api.settings import ServerSettings
from annales.errors import ConfigError
from annales.store import queries
from tests.api.hostile_store import RLO, ROOT, build_hostile_store
from tests.api.sample_store import BASE_URL


def _cursor(value: Any, event_id: Any = "m-e1") -> str:
    raw = json.dumps([value, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _raw_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(db=str(store_path))), base_url=BASE_URL) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_store(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")


@pytest.fixture(scope="module")
def hostile(hostile_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(db=str(hostile_path))), base_url=BASE_URL) as test_client:
        yield test_client


def test_cursor_holding_1e308_is_400_with_headers_issue_14(client: TestClient) -> None:
    # The cursor of the issue, verbatim: [1e+308, "m1"] under sort=n_sources was a plain-text 500.
    response = client.get("/api/events?sort=n_sources&cursor=WzFlKzMwOCwgIm0xIl0")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["code"] == "E014" and "cursor" in body["error"]
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/events?sort=n_sources").status_code == 200  # the connection still answers


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        ("n_sources", _raw_cursor('[NaN, "m-e1"]')),
        ("goldstein", _raw_cursor('[NaN, "m-e1"]')),
        ("goldstein", _raw_cursor('[Infinity, "m-e1"]')),
        ("confidence", _raw_cursor('[-Infinity, "m-e1"]')),
        ("goldstein", _raw_cursor('[1e400, "m-e1"]')),
        ("goldstein", _cursor(1e308)),
        ("n_sources", _cursor(10**30)),
        ("n_sources", _cursor(1.5)),
        ("n_sources", _cursor(True)),
        ("n_sources", _cursor("12")),
        ("date", _cursor("2014-02-30")),
        ("date", _cursor(20140301)),
        ("type", _cursor(5)),
        ("type", _cursor("A" * 201)),
        ("date", _cursor("2014-03-01", 7)),
        ("date", _cursor("2014-03-01", "")),
        ("date", _cursor("2014-03-01", "e" * 201)),
        ("date", _raw_cursor('["2014-03-01"]')),
        ("date", _raw_cursor('["2014-03-01", "m-e1", 3]')),
        ("date", _raw_cursor('{"a": 1}')),
        ("date", _raw_cursor("[" * 300)),
        ("date", "%%%"),
        ("date", "////"),
        ("date", base64.urlsafe_b64encode(b"\xff\xfe\x00").decode()),
    ],
)
def test_forged_cursor_is_400_issue_14(client: TestClient, sort: str, cursor: str) -> None:
    for name in ("cursor", "before"):
        response = client.get("/api/events", params={"sort": sort, name: cursor})
        assert response.status_code == 400, response.text
        assert "cursor" in response.json()["error"]
        assert "content-security-policy" in response.headers


@pytest.mark.parametrize("sort", queries.SORT_KEYS)
def test_cursor_round_trips_both_ways(client: TestClient, sort: str) -> None:
    first = client.get("/api/events", params={"sort": sort, "limit": 2}).json()
    second = client.get("/api/events", params={"sort": sort, "limit": 2, "cursor": first["next_cursor"]}).json()
    back = client.get("/api/events", params={"sort": sort, "limit": 2, "before": second["prev_cursor"]}).json()
    assert back["events"] == first["events"]
    assert back["prev_cursor"] is None and back["next_cursor"] == first["next_cursor"]


def test_unexpected_error_is_json_500_with_headers_and_connection_kept(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "list_stories", broken)
    app = create_app(ServerSettings(db=str(store_path)))
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=True) as test_client:
        with caplog.at_level(logging.ERROR, logger="annales.api.middleware"):
            response = test_client.get("/api/stories")
        assert response.status_code == 500
        assert response.json() == {"error": "internal error; the server log has the details", "status": 500}
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "a bug" in caplog.text  # the traceback is in the log, not in the answer
        assert test_client.get("/api/overview").status_code == 200


@pytest.mark.parametrize(
    ("bind", "allowed", "host", "answered"),
    [
        ("127.0.0.1", (), "127.0.0.1:8000", True),
        ("127.0.0.1", (), "localhost:8000", True),
        ("127.0.0.1", (), "LOCALHOST.", True),
        ("127.0.0.1", (), "[::1]:8000", True),
        ("127.0.0.1", (), "evil.example:8000", False),
        ("127.0.0.1", (), "localhost.evil.example", False),
        ("127.0.0.1", (), "127.0.0.1.nip.io", False),
        ("127.0.0.1", (), "10.0.0.5:8000", False),
        ("127.0.0.1", (), "127.0.0.1:80@evil.example", False),
        ("127.0.0.1", (), "", False),
        ("127.0.0.1", ("explorer.example.org",), "explorer.example.org:443", True),
        ("127.0.0.1", ("explorer.example.org",), "other.example.org", False),
        ("127.0.0.1", (".example.org",), "a.b.example.org", True),
        ("127.0.0.1", (".example.org",), "example.org", True),
        ("127.0.0.1", (".example.org",), "badexample.org", False),
        ("0.0.0.0", (), "192.168.1.20:8000", True),
        ("0.0.0.0", (), "[fe80::1]:8000", True),
        ("0.0.0.0", (), "rebind.example", False),
        ("192.168.1.20", (), "192.168.1.20", True),
        ("192.168.1.20", (), "localhost", False),
        ("::1", (), "[::1]:8000", True),
    ],
)
def test_host_policy(bind: str, allowed: tuple[str, ...], host: str, answered: bool) -> None:
    assert HostPolicy(bind, allowed).allows(host) is answered


def test_host_policy_without_host_header_refuses() -> None:
    assert HostPolicy("127.0.0.1").allows(None) is False


@pytest.mark.parametrize(
    ("header", "name"), [("Example.ORG:8000", "example.org"), ("[::1]:80", "::1"), ("::1", "::1"), ("a.b.", "a.b")]
)
def test_split_host(header: str, name: str) -> None:
    assert split_host(header) == name


@pytest.mark.parametrize("path", ["/", "/api/events", "/static/app.js", "/docs", "/api/export?format=csv"])
def test_foreign_host_is_400_issue_14(client: TestClient, path: str) -> None:
    # DNS rebinding: a page on rebind.example resolves its name to 127.0.0.1 and reads the store.
    response = client.get(path, headers={"host": "rebind.example:8000"})
    assert response.status_code == 400
    assert "--allow-host rebind.example" in response.json()["error"]
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_allow_host_setting_lets_a_name_in(store_path: Path) -> None:
    settings = ServerSettings(db=str(store_path), allow_hosts=("explorer.example.org",))
    with TestClient(create_app(settings), base_url="http://explorer.example.org") as test_client:
        assert test_client.get("/api/overview").status_code == 200
        assert test_client.get("/api/overview", headers={"host": "rebind.example"}).status_code == 400


@pytest.mark.parametrize("name", ["bad name", "a/b", "", "x..y", "http://x"])
def test_allow_host_setting_rejects_non_names(name: str) -> None:
    with pytest.raises(ConfigError, match="E044"):
        ServerSettings(db="x", allow_hosts=(name,))


def test_rlo_in_a_document_is_isolated_issue_14(hostile: TestClient) -> None:
    html = hostile.get("/documents/rlo").text
    doctext = html[html.index('id="doctext"') : html.index("</div>", html.index('id="doctext"'))]
    assert 'dir="auto"' in doctext
    # Each segment is its own isolate: the override cannot reach the highlighted span after it.
    assert f"<bdi>Officials said {RLO}dias slaiciffO. Rebels </bdi>" in doctext
    assert "<mark><bdi>attacked</bdi></mark>" in doctext
    assert f'<h1 dir="auto"><bdi>{RLO}eltit</bdi></h1>' in html


def test_rlo_in_table_and_event_pages_is_isolated(hostile: TestClient) -> None:
    table = hostile.get("/events").text
    assert f"<bdi>{RLO}eltit</bdi>" in table  # the title in the source column
    event = hostile.get("/events/rlo-e").text
    assert "<mark><bdi>attacked</bdi></mark>" in event


def _no_root(text: str) -> None:
    assert ROOT not in text and "/home/analyst" not in text


@pytest.mark.parametrize("url", ["/api/events", "/api/events/plain-e", "/api/documents/plain", "/api/overview"])
def test_paths_are_relative_in_api_answers_issue_14(hostile: TestClient, url: str) -> None:
    _no_root(hostile.get(url).text)
    _no_root(hostile.get(url.removeprefix("/api") if url != "/api/overview" else "/").text)


def test_paths_shown_relative_to_the_runs_folder(hostile: TestClient) -> None:
    uris = {event["doc_id"]: event["doc_uri"] for event in hostile.get("/api/events").json()["events"]}
    assert uris == {"rlo": "site/rlo.txt", "plain": "feed.jsonl#line=2"}
    document = hostile.get("/api/documents/plain").json()["document"]
    assert document["url"] == "feed.jsonl"  # a file:// URL is a local path too


@pytest.mark.parametrize("fmt", ["csv", "gdelt", "plover", "jsonl", "parquet"])
def test_paths_are_relative_in_downloads_issue_14(hostile: TestClient, fmt: str) -> None:
    response = hostile.get("/api/export", params={"format": fmt})
    assert response.status_code == 200
    if fmt == "parquet":
        table = pq.read_table(io.BytesIO(response.content))
        assert sorted(table.column("doc_uri").to_pylist()) == ["feed.jsonl#line=2", "site/rlo.txt"]
    else:
        _no_root(response.text)
        if fmt in ("csv", "jsonl"):  # GDELT and PLOVER leave undated events out and never write a path
            assert "site/rlo.txt" in response.text or "feed.jsonl" in response.text


def test_full_paths_on_request(hostile_path: Path) -> None:
    settings = ServerSettings(db=str(hostile_path), full_paths=True)
    with TestClient(create_app(settings), base_url=BASE_URL) as test_client:
        uris = {event["doc_uri"] for event in test_client.get("/api/events").json()["events"]}
        assert uris == {f"{ROOT}site/rlo.txt", f"{ROOT}feed.jsonl#line=2"}
        rows = list(csv.DictReader(io.StringIO(test_client.get("/api/export?format=csv").text)))
        assert {row["doc_uri"] for row in rows} == uris


def test_blank_params_keep_utf8_values(client: TestClient) -> None:
    # An empty field makes the server rewrite the query string; UTF-8 text must survive it.
    assert client.get("/api/events", params={"place": "Genève", "actor": ""}).status_code == 200
    chips_page = client.get("/events", params={"text": "Москва", "actor": ""}).text
    assert "text “Москва”" in chips_page


def test_drop_empty_params_keeps_raw_utf8_bytes() -> None:
    # A client that sends UTF-8 unencoded (curl with a raw URL): the app must still read the text.
    seen: list[bytes] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["query_string"])

    scope = {"type": "http", "query_string": "text=Москва&actor=".encode()}
    # on a thread of its own: a browser test before this one leaves Playwright's loop running in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, DropEmptyParams(app)(scope, None, None)).result()  # type: ignore[arg-type]
    assert QueryParams(seen[0]).get("text") == "Москва"
    assert "actor" not in QueryParams(seen[0])
