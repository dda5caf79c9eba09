"""Property test: no query parameter value, however hostile, makes the API fail (never a 5xx)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annales.api.app import create_app
from annales.api.settings import ServerSettings

PARAMS: dict[str, tuple[str, ...]] = {
    "/api/overview": ("actor", "recipient", "dyad", "type", "status", "negated", "since", "until", "place",
                      "min_sources", "min_confidence", "story_id"),
    "/api/events": ("actor", "type", "sort", "descending", "limit", "offset", "cursor", "since", "min_confidence"),
    "/api/dyad": ("a", "b", "since", "until", "granularity", "limit"),
    "/api/network": ("actor", "max_edges", "since"),
    "/api/map": ("type", "max_places", "until"),
    "/api/stories": ("limit", "offset"),
}  # fmt: skip
PATHS = ("/api/events/{}", "/api/stories/{}", "/api/documents/{}")

hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["' OR 1=1 --", "'; DROP TABLE events; --", "../../etc/passwd", "%00", "\u202e", "-1",
                     "9" * 400, "1e309", "NaN", "2013-02-31", "USA-", "-RUS", "--", "{}", "<script>"]),
)  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from tests.api.sample_store import BASE_URL, build_store

    path = build_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb", finalized=True)
    return TestClient(create_app(ServerSettings(db=str(Path(path)))), base_url=BASE_URL)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(sorted(PARAMS)), data=st.data())
def test_api_params_never_cause_a_server_error(client: TestClient, endpoint: str, data: st.DataObject) -> None:
    names = data.draw(st.lists(st.sampled_from(PARAMS[endpoint]), min_size=1, max_size=3, unique=True))
    params = {name: data.draw(hostile) for name in names}
    response = client.get(endpoint, params=params)
    assert response.status_code in (200, 400, 404), (endpoint, params, response.text[:300])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(PATHS), ident=hostile)
def test_api_path_ids_never_cause_a_server_error(client: TestClient, template: str, ident: str) -> None:
    from urllib.parse import quote

    response = client.get(template.format(quote(ident, safe="")))
    assert response.status_code in (200, 400, 404), (template, ident, response.text[:300])


# --- cursors and Host headers (issue 14 §3) ------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
    | st.sampled_from([10**30, -(2**63), 2**63, 1e308, -1e308, 5e-324]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


def _encode(payload: str) -> str:
    import base64

    return base64.urlsafe_b64encode(payload.encode("utf-8", "surrogatepass")).decode().rstrip("=")


cursors = st.one_of(
    st.tuples(json_values, json_values).map(lambda pair: _encode(json.dumps(list(pair), allow_nan=True))),
    json_values.map(lambda value: _encode(json.dumps(value, allow_nan=True))),
    st.text(max_size=120).map(_encode),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/%", max_size=120),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cursor=cursors, sort=st.sampled_from(["date", "goldstein", "n_sources", "n_mentions", "confidence", "type"]),
       name=st.sampled_from(["cursor", "before"]), order=st.sampled_from(["asc", "desc"]))  # fmt: skip
def test_any_cursor_is_answered_200_or_400(client: TestClient, cursor: str, sort: str, name: str, order: str) -> None:
    response = client.get("/api/events", params={"sort": sort, "order": order, name: cursor})
    assert response.status_code in (200, 400), (sort, cursor, response.text[:300])
    assert "content-security-policy" in response.headers
    if response.status_code == 400:
        assert response.json()["error"]


host_names = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"[a-z0-9.-]{1,30}(:[0-9]{1,5})?", fullmatch=True),
    st.sampled_from(["localhost.evil.example", "127.0.0.1.nip.io", "evil.example", "127.0.0.1@evil", "[::1", "::1]",
                     "0x7f000001", "2130706433", "127.1", "localhost:80:80", "xn--lcalhost-9za", "LOCALHOST\x00"]),
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(host=host_names)
def test_any_host_header_is_answered_only_when_allowed(client: TestClient, host: str) -> None:
    from annales.api.middleware import HostPolicy

    header = host.encode("latin-1", "replace").decode("latin-1").replace("\r", "").replace("\n", "")
    allowed = HostPolicy("127.0.0.1").allows(header)
    response = client.get("/api/overview", headers={"host": header.encode("latin-1")})
    assert response.status_code == (200 if allowed else 400), (header, response.text[:200])
    assert "content-security-policy" in response.headers
    if allowed:
        name = header.strip().lower().rsplit(":", 1)[0].strip("[]").rstrip(".")
        assert name in ("localhost", "127.0.0.1", "::1"), header


@settings(max_examples=100, deadline=None)
@given(name=st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,20}){0,3}", fullmatch=True),
       other=st.text(max_size=40), port=st.integers(1, 65535))  # fmt: skip
def test_host_policy_allows_exactly_the_allowed_names(name: str, other: str, port: int) -> None:
    from annales.api.middleware import HostPolicy, split_host

    policy = HostPolicy("127.0.0.1", (name,))
    assert policy.allows(f"{name}:{port}") and policy.allows(name.upper())
    if split_host(other) not in (name, "localhost", "127.0.0.1", "::1"):
        assert not policy.allows(other)
