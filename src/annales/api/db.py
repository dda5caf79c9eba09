"""Read-only access to the store for the server: a cursor per request, with a time limit.

The server and `annales run` can share a store. DuckDB lets one process write a file
only while no other process has it open, so the server watches the run's writer lock:
while a run is writing, the server gives up its shared handle, opens the file for one
request at a time (waiting briefly while a batch commits) and caches nothing, so every
answer shows the data as of the last committed batch and no lock error reaches a user.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from annales.api.settings import ConnectionMode
from annales.store import writer_active

logger = logging.getLogger(__name__)

# How long a request waits for a committing writer to let go of the file before a 503;
# a batch commit takes well under a second.
WRITER_WAIT = 10.0
# How often the watcher thread checks for a writer while the shared handle is open.
WATCH_INTERVAL = 0.2


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
        self._inflight = 0
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        if mode == "shared":
            self._watcher = threading.Thread(target=self._watch_writer, name="annales-writer-watch", daemon=True)
            self._watcher.start()

    def writing(self) -> bool:
        """Whether an `annales run` is writing to the store now."""
        return writer_active(self.path)

    def _watch_writer(self) -> None:
        """Let a starting writer in: close the shared handle once no query uses it."""
        while not self._stop.wait(WATCH_INTERVAL):
            if self._root is not None and self.writing():
                self._release_root()

    def _release_root(self) -> None:
        with self._lock:
            if self._root is not None and self._inflight == 0:
                self._root.close()
                self._root = None
                self._cache.clear()

    def _open(self) -> duckdb.DuckDBPyConnection:
        if not Path(self.path).is_file():
            raise StoreUnavailable(f"no store at {self.path}; run `annales run ... --db {self.path}` first")
        deadline = time.monotonic() + WRITER_WAIT
        while True:
            try:
                return duckdb.connect(self.path, read_only=True)
            except duckdb.IOException as exc:
                # A run is committing a batch: wait for it, it lets go in between batches.
                if time.monotonic() < deadline:
                    time.sleep(0.02)
                    continue
                raise StoreUnavailable(
                    f"the store is locked by a writer (is `annales run` still running?); try again later ({exc})"
                ) from exc
            except duckdb.Error as exc:
                raise StoreUnavailable(f"{self.path} is not a readable DuckDB store: {exc}") from exc

    def _shared(self) -> bool:
        """Use (and cache on) the long-lived handle: shared mode and no writer at work."""
        return self.mode == "shared" and not self.writing()

    def _connect(self) -> tuple[duckdb.DuckDBPyConnection, bool]:
        if not self._shared():
            self._release_root()
            return self._open(), False
        with self._lock:
            if self._root is None:
                self._root = self._open()
            self._inflight += 1
            return self._root.cursor(), True

    @contextmanager
    def cursor(self, *, timeout: float | None = -1.0) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only cursor, interrupted after `timeout` seconds.

        Args:
            timeout: seconds before the query is interrupted; the server's setting when
                negative, never when None (a streamed download stops when its client leaves).

        Raises:
            StoreUnavailable: when the store cannot be opened or the query ran too long.
        """
        con, shared = self._connect()
        limit = self.timeout if timeout is not None and timeout < 0 else timeout
        timer = threading.Timer(limit or 0.0, con.interrupt)
        timer.daemon = True
        if limit is not None:
            timer.start()
        try:
            yield con
        except duckdb.InterruptException as exc:
            logger.warning("query interrupted after %s s", limit)
            raise StoreUnavailable(f"the query took longer than {limit or 0:g} s; narrow the filters") from exc
        finally:
            timer.cancel()
            con.close()
            if shared:
                with self._lock:
                    self._inflight -= 1

    def cached(self, key: Hashable, compute: Callable[[duckdb.DuckDBPyConnection], dict[str, Any]]) -> dict[str, Any]:
        """`compute(cursor)`, remembered under `key` while the shared read-only handle is open.

        The cache is exact, not approximate: while this process holds the file read-only no
        writer can open it, so the data cannot change under the cached answers. In
        per_request mode a writer may run between requests, so nothing is cached.

        Returns:
            A shallow copy of the result, which the caller may extend.
        """
        if not self._shared() or self.cache_size <= 0:
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
        self._stop.set()
        with self._lock:
            self._cache.clear()
            if self._root is not None:
                self._root.close()
                self._root = None
