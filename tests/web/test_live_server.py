"""Issue 14 §3 over a real HTTP connection (uvicorn): a forged request gets its 400 or 500 and the
keep-alive connection goes on answering (the 1e308 cursor used to get the connection reset)."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlparse

import pytest

from annales.store import queries


def _connection(live_url: str) -> http.client.HTTPConnection:
    url = urlparse(live_url)
    assert url.hostname and url.port
    return http.client.HTTPConnection(url.hostname, url.port, timeout=10)


def _get(con: http.client.HTTPConnection, path: str, host: str | None = None) -> tuple[int, dict[str, Any], str]:
    headers = {"Host": host} if host else {}
    con.request("GET", path, headers=headers)
    response = con.getresponse()
    body = response.read().decode()
    return response.status, dict(response.getheaders()), body


def test_forged_cursor_then_next_request_on_same_connection_issue_14(live_url: str) -> None:
    con = _connection(live_url)
    status, headers, body = _get(con, "/api/events?sort=n_sources&cursor=WzFlKzMwOCwgIm0xIl0")
    assert status == 400 and json.loads(body)["code"] == "E014"
    assert "default-src 'self'" in headers["content-security-policy"]
    status, _, _ = _get(con, "/api/events?sort=n_sources")
    assert status == 200
    con.close()


def test_unexpected_error_keeps_the_connection(live_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "list_stories", broken)
    con = _connection(live_url)
    status, headers, body = _get(con, "/api/stories")
    assert status == 500 and "traceback" not in body.lower()
    assert "default-src 'self'" in headers["content-security-policy"]
    assert _get(con, "/api/overview")[0] == 200
    con.close()


@pytest.mark.parametrize(("host", "status"), [("rebind.example", 400), ("localhost", 200), ("127.0.0.1", 200)])
def test_host_header_over_http(live_url: str, host: str, status: int) -> None:
    con = _connection(live_url)
    port = urlparse(live_url).port
    assert _get(con, "/api/overview", host=f"{host}:{port}")[0] == status
    con.close()
