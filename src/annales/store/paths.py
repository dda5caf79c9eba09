"""Local paths as users see them: relative to the run's inputs, never the runner's home folder.

A document's `uri` (and a file's folder in `site`) is the path the runner gave `annales run`,
often absolute: `/home/alice/crawl/site/a.html`. Shown as is, pages, API answers and
downloads would carry the runner's home folder and mount points (issue 14). `PathDisplay`
shows such a value relative to the common folder of its run's documents (`site/a.html`),
which is the folder the run was pointed at, or inside it. URLs and relative paths are left
alone; the full path is shown only when asked (`annales serve --full-paths`).

The same rule exists twice, once in Python (`show`, for JSON answers) and once in SQL
(`documents_view`, for streamed downloads that read the `documents` table); a test keeps
them equal.

Example:
    >>> display = PathDisplay(roots=("/home/alice/crawl/",))
    >>> display.show("/home/alice/crawl/site/a.html")
    'site/a.html'
    >>> display.show("https://news.example/a")
    'https://news.example/a'
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb

# Keys of JSON answers that may hold a local path.
PATH_KEYS = frozenset({"uri", "doc_uri", "url", "doc_url", "site", "source"})
# Shown in front of a path that lies under no known root (only its last two parts are kept).
ELLIPSIS = "…/"
_FILE_SCHEME = "file://"
# The last two parts of a path (one when it has one); the same pattern runs in Python and SQL (RE2).
_TAIL = r"([^/]+(?:/[^/]+)?)/*$"


def is_local(value: str) -> bool:
    """Whether `value` is an absolute local path (or a file:// URI) rather than a URL or relative path."""
    return value.startswith("/") or value.startswith(_FILE_SCHEME)


def _strip_scheme(value: str) -> str:
    return value[len(_FILE_SCHEME) :] if value.startswith(_FILE_SCHEME) else value


def common_root(first: str, last: str) -> str:
    """The deepest folder (ending in '/') holding both paths: the smallest and largest uri of a run.

    Any path sorted between two strings shares their common prefix, so the folder of that
    prefix holds every uri of the run.
    """
    first, last = _strip_scheme(first), _strip_scheme(last)
    size = 0
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        size += 1
    prefix = first[:size]
    return prefix[: prefix.rfind("/") + 1]


def _tail(path: str) -> str:
    match = re.search(_TAIL, path)
    return ELLIPSIS + (match.group(1) if match else "")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True, slots=True)
class PathDisplay:
    """Shows local paths relative to the roots of the runs that read them.

    Args:
        roots: folders ending in '/', e.g. ("/home/alice/crawl/",); a longer root wins.
        full: show every path as stored (the `--full-paths` choice).
    """

    roots: tuple[str, ...] = ()
    full: bool = False

    @classmethod
    def from_store(cls, con: duckdb.DuckDBPyConnection, *, full: bool = False) -> PathDisplay:
        """The roots of every run in the store: one scan of `documents.uri`, grouped by run."""
        rows = con.execute(
            """SELECT min(uri), max(uri) FROM documents
            WHERE starts_with(uri, '/') OR starts_with(uri, 'file://') GROUP BY run_id"""
        ).fetchall()
        return cls(roots=cls.useful_roots(common_root(first, last) for first, last in rows), full=full)

    @staticmethod
    def useful_roots(roots: Iterable[str]) -> tuple[str, ...]:
        """Roots deep enough to hide something ('/' would show the whole path), longest first."""
        kept = {root for root in roots if root.count("/") >= 2}
        return tuple(sorted(kept, key=lambda root: (-len(root), root)))

    def show(self, value: str) -> str:
        """`value` as a user sees it: a local path relative to its run's root, anything else unchanged."""
        if self.full or not is_local(value):
            return value
        path = _strip_scheme(value)
        for root in self.roots:
            if path.startswith(root):
                return path[len(root) :] or posixpath.basename(root[:-1])
            if path == root[:-1]:
                return posixpath.basename(path)
        return _tail(path)

    def apply(self, data: Any) -> Any:
        """A copy of a JSON answer with every path-holding value (`PATH_KEYS`) shown by `show`."""
        if self.full:
            return data
        if isinstance(data, dict):
            return {
                key: self.show(value) if key in PATH_KEYS and isinstance(value, str) else self.apply(value)
                for key, value in data.items()
            }
        if isinstance(data, list):
            return [self.apply(item) for item in data]
        return data

    def sql(self, column: str) -> str:
        """A SQL expression equal to `show(column)` for a column of the `documents` table."""
        if self.full:
            return column
        scheme = len(_FILE_SCHEME)
        path = f"(CASE WHEN starts_with({column}, '{_FILE_SCHEME}') THEN {column}[{scheme + 1}:] ELSE {column} END)"
        cases = []
        for root in self.roots:
            name = _quote(posixpath.basename(root[:-1]))
            cases.append(
                f"WHEN starts_with({path}, {_quote(root)}) THEN coalesce(nullif({path}[{len(root) + 1}:], ''), {name})"
            )
            cases.append(f"WHEN {path} = {_quote(root[:-1])} THEN {name}")
        tail = f"{_quote(ELLIPSIS)} || regexp_extract({path}, {_quote(_TAIL)}, 1)"
        local = f"(starts_with({column}, '/') OR starts_with({column}, '{_FILE_SCHEME}'))"
        return f"(CASE WHEN {column} IS NULL OR NOT {local} THEN {column} {' '.join(cases)} ELSE {tail} END)"

    def documents_view(self, con: duckdb.DuckDBPyConnection) -> None:
        """Shadow `documents` on this connection with a temporary view showing paths as `show` does.

        Queries on the connection that name `documents` (the exports do) then read the
        shown paths; the store is not written (a temporary view lives in memory, and a
        read-only connection may create one). Other connections and cursors are unaffected.
        """
        if self.full:
            return
        row = con.execute("SELECT current_database()").fetchone()
        database = '"' + str(row[0] if row else "memory").replace('"', '""') + '"'
        shown = ", ".join(f"{self.sql(name)} AS {name}" for name in ("uri", "url", "site", "source"))
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW documents AS SELECT * REPLACE ({shown}) FROM {database}.main.documents"
        )
