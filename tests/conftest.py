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
