"""Fixtures for the CLI tests."""

from __future__ import annotations

import pytest

from annales import codes


@pytest.fixture(autouse=True)
def every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs show every event here, whatever `codes.DEFAULT_MIN_CONFIDENCE` is: these tests are about
    the other filters; the tests that name the default set it themselves."""
    monkeypatch.setattr(codes, "DEFAULT_MIN_CONFIDENCE", 0.0)
