"""Read-only access to the store for the server: a cursor per request, with a time limit."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from annales.api.settings import ConnectionMode

logger = logging.getLogger(__name__)


class StoreUnavailable(Exception):
    """The store cannot be read now (missing, locked by a writer, or a query ran too long); HTTP 503."""


class Database:
    """Hands out read-only DuckDB cursors on one store file.

    Args:
        path: the store file; it is never written.
        mode: "shared" keeps one read-only handle open and gives each request a cursor of
            it; "per_request" opens and closes the file for every request.
        timeout: seconds after which a running query is interrupted.
        cache_size: aggregate results kept in memory (shared mode only; 0 disables).
    """

    def __init__(
        self, path: str, *, mode: ConnectionMode = "shared", timeout: float = 10.0, cache_size: int = 256
    ) -> None:
        self.path = path
        self.mode = mode
        self.timeout = timeout
        self.cache_size = cache_size
        self._root: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()

    def _open(self) -> duckdb.DuckDBPyConnection:
        if not Path(self.path).is_file():
            raise StoreUnavailable(f"no store at {self.path}; run `annales run ... --db {self.path}` first")
        try:
            return duckdb.connect(self.path, read_only=True)
        except duckdb.IOException as exc:
            raise StoreUnavailable(
                f"the store is locked by a writer (is `annales run` still running?); try again later ({exc})"
            ) from exc
        except duckdb.Error as exc:
            raise StoreUnavailable(f"{self.path} is not a readable DuckDB store: {exc}") from exc

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.mode == "per_request":
            return self._open()
        with self._lock:
            if self._root is None:
                self._root = self._open()
            return self._root.cursor()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only cursor, interrupted after `timeout` seconds.

        Raises:
            StoreUnavailable: when the store cannot be opened or the query ran too long.
        """
        con = self._connect()
        timer = threading.Timer(self.timeout, con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield con
        except duckdb.InterruptException as exc:
            logger.warning("query interrupted after %.1f s", self.timeout)
            raise StoreUnavailable(f"the query took longer than {self.timeout:g} s; narrow the filters") from exc
        finally:
            timer.cancel()
            con.close()

    def cached(self, key: Hashable, compute: Callable[[duckdb.DuckDBPyConnection], dict[str, Any]]) -> dict[str, Any]:
        """`compute(cursor)`, remembered under `key` while the shared read-only handle is open.

        The cache is exact, not approximate: while this process holds the file read-only no
        writer can open it, so the data cannot change under the cached answers. In
        per_request mode a writer may run between requests, so nothing is cached.

        Returns:
            A shallow copy of the result, which the caller may extend.
        """
        if self.mode != "shared" or self.cache_size <= 0:
            with self.cursor() as con:
                return compute(con)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return dict(hit)
        with self.cursor() as con:
            value = compute(con)
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return dict(value)

    def close(self) -> None:
        """Close the shared handle, if any, and forget cached results."""
        with self._lock:
            self._cache.clear()
            if self._root is not None:
                self._root.close()
                self._root = None
