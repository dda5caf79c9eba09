"""`Store`: the DuckDB file that holds documents, sentences, events, stories and runs."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from annales import __version__
from annales.errors import StoreError
from annales.records import Article
from annales.store.schema import SCHEMA_VERSION, current_version, migrate
from annales.store.writes import WriteCounts, replace_articles, write_articles

logger = logging.getLogger(__name__)

# How long a writer keeps the file open before `let_readers_in` closes it: readers (`annales
# serve`) wait at most about this long plus one commit, and the writer opens and closes the
# file (a checkpoint each time) a few times a second instead of twice per batch.
READER_TURN = 0.5

TABLES = ("documents", "sentences", "actor_mentions", "events", "merged_events", "stories", "runs")


class Store:
    """A DuckDB store, from a file path or ":memory:".

    Args:
        path: the database file (created when missing) or ":memory:".
        read_only: open without write access (the explorer does); the file must exist.

    Raises:
        StoreError: when the file cannot be opened (locked by another writer, not a DuckDB
            file, or newer than this version of Annales).

    Example:
        >>> store = Store(":memory:")
        >>> store.count("documents")
        0
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False, lock_wait: float = 0.0) -> None:
        self.path = str(path)
        self.read_only = read_only and self.path != ":memory:"
        self.lock_wait = lock_wait
        self._lock: LockFile | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0
        if self.read_only and not Path(self.path).exists():
            raise StoreError("E301", f"no store at {self.path}. Did you run `annales run ... --db {self.path}` first?")
        if not self.read_only and self.path != ":memory:":
            # One writer at a time, for the whole run: a second `annales run` on the same
            # store is refused here, before it reads anything.
            self._lock = LockFile.acquire(lock_path(self.path))
        self._con = self._connect()
        self._opened = time.monotonic()
        version = current_version(self._con)
        if version > SCHEMA_VERSION:
            self.close()
            raise StoreError(
                "E304",
                f"{self.path} has schema version {version}; this Annales knows {SCHEMA_VERSION}. Upgrade annales.",
            )
        if not self.read_only:
            migrate(self._con)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        self._check_file()
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.IOException as exc:
                if not _is_lock_conflict(exc):
                    self._release_lock()
                    raise StoreError("E303", f"cannot open {self.path} as a DuckDB store: {exc}") from exc
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                self._release_lock()
                raise StoreError(
                    "E302",
                    f"cannot open {self.path}: {exc}. Is another process (annales run or serve) holding it? "
                    "Wait for it to finish.",
                ) from exc
            except duckdb.Error as exc:
                self._release_lock()
                raise StoreError("E303", f"{self.path} is not a usable DuckDB store: {exc}") from exc

    def _check_file(self) -> None:
        """Refuse, saying what it is, a file that is not a DuckDB store (issue 14).

        DuckDB's own error for a foreign file reads like a lock problem, and for a SQLite
        file it tries to download an extension; neither should reach the user.
        """
        if self.path == ":memory:":
            return
        found = describe_foreign_file(Path(self.path))
        if found is not None:
            self._release_lock()
            raise StoreError(
                "E303", f"{self.path} is not a DuckDB store: it is {found}. Give another --db, or move that file away."
            )

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (reopened after `detach`)."""
        if self._con is None:
            self._con = self._connect()
            self._opened = time.monotonic()
        return self._con

    def let_readers_in(self) -> None:
        """`detach` when the file has been open for `READER_TURN` seconds or more.

        What a writer calls between batches: readers get the file several times a second,
        and a fast run does not pay a close (a checkpoint) and a reopen for every batch.
        """
        if self._con is not None and time.monotonic() - self._opened >= READER_TURN:
            self.detach()

    def detach(self) -> None:
        """Close the DuckDB file between batches so readers (`annales serve`) can open it.

        The writer lock stays held; the next use of `con` reopens the file, waiting up to
        `lock_wait` seconds while a reader has it open.
        """
        if self._con is not None and self.path != ":memory:":
            # Forget the connection before closing it: a Ctrl-C inside close() must not leave
            # a closed connection behind for the run's last write (finish_run).
            con, self._con = self._con, None
            con.close()

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            con.close()
        self._release_lock()

    def discard_if_empty(self) -> bool:
        """Close the store and delete its files when no document was ever written to it.

        For a run that created the file and then failed or read nothing (issue 14). The
        writer lock is held until the files are gone, so no other run can be using them.

        Returns:
            Whether the files were deleted.
        """
        if self.path == ":memory:" or self.read_only:
            return False
        try:
            if self.count("documents"):
                return False
        except duckdb.Error:
            return False  # unreadable: keep whatever is there
        if self._con is not None:
            self._con.close()
            self._con = None
        for name in (self.path, f"{self.path}.wal", str(lock_path(self.path))):
            with contextlib.suppress(FileNotFoundError):
                os.remove(name)
        self._release_lock()
        return True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writes ---------------------------------------------------------------------------
    def write(self, articles: Sequence[Article], *, run_id: str) -> int:
        """Write a batch of articles in one transaction; return how many were new.

        Raises:
            StoreError: E307 when the write fails (e.g. the disk is full); every batch
                committed before stays intact and a re-run resumes after it.
        """
        try:
            return write_articles(self.con, articles, run_id=run_id)
        except duckdb.Error as exc:
            raise self._write_failed(exc) from exc

    def replace(self, articles: Sequence[Article], *, run_id: str) -> WriteCounts:
        """Write a batch in one transaction, replacing stored documents with the same ids.

        Everything derived from a replaced document (merged events, stories, near-duplicate
        bookkeeping) is removed with it; the next finalize rebuilds it (`annales run --reprocess`).

        Raises:
            StoreError: E307 when the write fails; the batch is then not written at all.
        """
        try:
            return replace_articles(self.con, articles, run_id=run_id)
        except duckdb.Error as exc:
            raise self._write_failed(exc) from exc

    def _write_failed(self, exc: duckdb.Error) -> StoreError:
        self.detach()
        if _interrupted(exc):
            raise KeyboardInterrupt from exc  # Ctrl-C: the CLI says how to resume (issue 15)
        return StoreError(
            "E307",
            f"writing to {self.path} failed: {exc}. Is the disk full? Every batch committed before this one "
            "is intact; free some space and run the same command again to resume.",
        )

    def stored_status(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The status ("ok", "skipped", "error") of each of `doc_ids` already stored."""
        if not doc_ids:
            return {}
        rows = self.con.execute(
            "SELECT doc_id, status FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        )
        return dict(rows.fetchall())

    def known_ids(self, doc_ids: Sequence[str]) -> set[str]:
        """The subset of `doc_ids` already stored."""
        if not doc_ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)])
        return {row[0] for row in rows.fetchall()}

    def start_run(self, *, config: dict[str, Any]) -> str:
        """Record the start of a run and return its id."""
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, NULL, 'running', NULL)",
            [run_id, __version__, json.dumps(config, sort_keys=True, default=str), dt.datetime.now(dt.UTC)],
        )
        return run_id

    def finish_run(self, run_id: str, *, counts: dict[str, Any], status: str = "done") -> None:
        """Record the end of a run with its counts."""
        self.con.execute(
            "UPDATE runs SET finished = ?, status = ?, counts = ? WHERE run_id = ?",
            [dt.datetime.now(dt.UTC), status, json.dumps(counts, sort_keys=True, default=str), run_id],
        )

    # reads ----------------------------------------------------------------------------
    def count(self, table: str, where: str = "") -> int:
        """Rows in a table (optionally with a fixed, non-user WHERE clause)."""
        if table not in TABLES:
            raise StoreError("E305", f"unknown table {table!r}; tables are {', '.join(TABLES)}")
        row = self.con.execute(f"SELECT count(*) FROM {table} {where}").fetchone()
        return int(row[0]) if row else 0

    def content(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row a run determines, sorted, without run ids or clocks.

        Two stores built from the same inputs have equal content whatever the executor,
        the number of workers, or how often the run was killed and resumed.
        """
        result: dict[str, list[tuple[Any, ...]]] = {}
        for table in TABLES:
            if table == "runs":
                continue
            columns = [
                row[0]
                for row in self.con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if row[0] != "run_id"
            ]
            cols = ", ".join(columns)
            result[table] = self.con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()
        return result

    def export_parquet(self, out_dir: str | Path) -> list[Path]:
        """Write every table to `out_dir/<table>.parquet`; return the paths."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for table in TABLES:
            path = out / f"{table}.parquet"
            self.con.execute(f"COPY {table} TO '{_sql_path(path)}' (FORMAT PARQUET)")
            paths.append(path)
        return paths


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


# Leading bytes of files people mistake for a store, and what to call them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x1f\x8b", "a gzip file"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"PAR1", "a Parquet file"),
    (b"%PDF", "a PDF document"),
    (b"WARC/", "a WARC archive"),
)
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def describe_foreign_file(path: Path) -> str | None:
    """What `path` is when it exists but is not a DuckDB database file; None otherwise.

    Example:
        >>> describe_foreign_file(Path("/nonexistent")) is None
        True
    """
    try:
        if path.is_dir():
            return "a folder"
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    if head[8:12] == DUCKDB_MAGIC:
        return None
    if not head:
        return "an empty file (0 bytes)"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return _describe_text(head)


def _describe_text(head: bytes) -> str:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return f"binary data starting with {head[:8].hex(' ')}"
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return "a JSON (or JSONL) text file"
    if stripped.startswith("<"):
        return "an HTML or XML text file"
    return "a text file"


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def lock_path(db: str | Path) -> Path:
    """The writer's lock file beside a store."""
    return Path(f"{db}.lock")


def _interrupted(exc: duckdb.Error) -> bool:
    # DuckDB takes a Ctrl-C that arrives during a statement: it either raises InterruptException
    # or marks the transaction aborted, and the COMMIT then fails; Python sees no KeyboardInterrupt.
    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, duckdb.TransactionException) and "transaction is aborted" in str(exc)
    )


def writer_active(db: str | Path) -> bool:
    """Whether an `annales run` holds the writer lock of this store right now.

    Reads the kernel's lock table (/proc/locks) instead of probing the lock, so that
    asking never makes a starting writer fail.
    """
    try:
        inode = os.stat(lock_path(db)).st_ino
        table = Path("/proc/locks").read_text()
    except OSError:
        return False
    for line in table.splitlines():
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF" (lines starting "->" are waiters)
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode):
            return True
    return False


class LockFile:
    """An advisory exclusive lock on a file beside the store (released when the process dies)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def acquire(cls, path: Path) -> LockFile:
        """Take the lock or raise StoreError E306 naming the process that holds it."""
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise StoreError(
                "E306",
                f"another annales run (pid {holder}) is writing to {str(path)[:-5]}; "
                "wait for it to finish, or use another --db.",
            ) from exc
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        return cls(path, fd)

    def release(self) -> None:
        """Release the lock."""
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
