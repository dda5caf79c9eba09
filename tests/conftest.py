"""Shared fixtures. Real models only in tests marked `slow`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder beside the checkout (the development sets).

    A clone without it skips the tests that need it, with a one-line reason; CI sets
    ANNALES_REQUIRE_SHARED=1 (`.ci/run`), where a missing ../shared fails them instead (issue 15).
    """
    if not SHARED.is_dir():
        if os.environ.get("ANNALES_REQUIRE_SHARED", "") == "1":
            pytest.fail(f"{SHARED} is missing and ANNALES_REQUIRE_SHARED=1 requires it")
        pytest.skip("needs ../shared (the development sets), which is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def parser():  # type: ignore[no-untyped-def]
    """The real spaCy parser stage (loads the pinned model once per session)."""
    from annales.pipeline.nlp.parse import SpacyParser

    stage = SpacyParser()
    stage.raise_errors = True
    return stage


_EXIT: dict[str, int] = {}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT["status"] = int(exitstatus)


def pytest_unconfigure(config: pytest.Config) -> None:
    """End the process right after pytest's summary, with its exit status.

    DuckDB's bindings (nanobind) print pages of "leaked instance" notes while the interpreter
    shuts down with connections still referenced by caches; they are harmless but bury the
    summary line that CI reads. Skipping interpreter finalisation keeps the summary last.
    """
    import os
    import sys

    if "status" in _EXIT and os.environ.get("ANNALES_TEST_FAST_EXIT", "1") == "1":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT["status"])
