from __future__ import annotations

import annales


def test_exported_members_are_pinned() -> None:
    assert sorted(annales.__all__) == sorted(["__version__", "open"])
    for name in annales.__all__:
        assert hasattr(annales, name)
