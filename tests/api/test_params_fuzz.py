"""Property test: no query parameter value, however hostile, makes the API fail (never a 5xx)."""

from __future__ import annotations

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
    assert response.status_code in (200, 400, 404, 422), (endpoint, params, response.text[:300])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(PATHS), ident=hostile)
def test_api_path_ids_never_cause_a_server_error(client: TestClient, template: str, ident: str) -> None:
    from urllib.parse import quote

    response = client.get(template.format(quote(ident, safe="")))
    assert response.status_code in (200, 404, 422), (template, ident, response.text[:300])
