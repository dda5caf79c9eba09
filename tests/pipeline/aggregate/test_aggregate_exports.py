"""The public names of the finalize packages are pinned."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("annales.pipeline.aggregate", ["FinalizeOptions", "finalize"]),
        ("annales.pipeline.dedup", ["NearDupOptions", "SentenceCache", "rebase_events", "sentence_key"]),
    ],
)
def test_exports_are_pinned(module: str, names: list[str]) -> None:
    imported = importlib.import_module(module)
    assert sorted(imported.__all__) == sorted(names)
    assert all(hasattr(imported, name) for name in names)
