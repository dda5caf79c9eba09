"""The DuckDB store: schema and migrations, writes, queries."""

from annales.store.store import TABLES, Store, writer_active

__all__ = ["TABLES", "Store", "writer_active"]
