"""Annales: who did what to whom, when and where, from raw news."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annales.store.queries import StoreReader

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def open(path: str | Path) -> StoreReader:
    """Open a store read-only for analysis; `.events(...)` returns a pandas DataFrame.

    Args:
        path: the DuckDB store file.

    Returns:
        A `StoreReader`; close it (or use it in a `with` block) when done.

    Example:
        >>> import annales
        >>> with annales.open("news.duckdb") as store:  # doctest: +SKIP
        ...     frame = store.events(dyad="USA-RUS", since="2014-01-01")
    """
    from annales.store.queries import StoreReader

    return StoreReader(path)


__all__ = ["__version__", "open"]
