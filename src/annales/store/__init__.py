"""The DuckDB store: schema and migrations, writes, queries."""

from annales.store.store import TABLES, Store

__all__ = ["TABLES", "Store"]
