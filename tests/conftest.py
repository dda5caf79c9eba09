"""Shared fixtures. Real models only in tests marked `slow`."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder beside the checkout; tests needing it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
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
