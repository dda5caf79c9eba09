"""Fixtures for the API tests: the sample store before and after finalize."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annales import codes
from tests.api.sample_store import build_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finalized sample store (merged events, a story)."""
    return build_store(tmp_path_factory.mktemp("store") / "final.duckdb", finalized=True)


@pytest.fixture(scope="session")
def raw_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample store before finalize: every mention is its own event."""
    return build_store(tmp_path_factory.mktemp("store") / "raw.duckdb", finalized=False)


@pytest.fixture(params=["final", "raw"])
def any_store(request: pytest.FixtureRequest, store_path: Path, raw_store_path: Path) -> Iterator[Path]:
    """Both stores, to check every query before and after finalize."""
    yield store_path if request.param == "final" else raw_store_path


@pytest.fixture(autouse=True)
def every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs show every event here, whatever `codes.DEFAULT_MIN_CONFIDENCE` is: these tests are about
    the other filters; the tests that name the default set it themselves."""
    monkeypatch.setattr(codes, "DEFAULT_MIN_CONFIDENCE", 0.0)
