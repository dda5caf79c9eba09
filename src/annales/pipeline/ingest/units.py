"""Expand user input paths (files, folders, globs, "-") into a sorted stream of input units.

An `InputUnit` is one thing to read: a file (which may hold many documents, like a JSONL
or WARC file) or standard input. Expansion never reads file contents; it only lists and
stats. Problems inside folders (symlink loops, unreadable folders) become units that
carry an `error`, so `read_unit` turns them into error articles instead of crashing.
"""

from __future__ import annotations

import glob
import logging
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from annales.errors import InputError
from annales.records import InputFormat

logger = logging.getLogger(__name__)

UnitKind = Literal["file", "stdin", "error", "ignored"]

# File name endings we read from folders, and the format each one holds. A ".gz" on top
# of any of them means gzip-compressed (".warc.gz" is handled by warcio record by record).
SUFFIX_FORMATS: tuple[tuple[str, InputFormat], ...] = (
    (".warc", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".txt", "text"),
    (".text", "text"),
)
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class InputUnit:
    """One input to read: a file, standard input, or an entry that could not be listed.

    Attributes:
        path: the file path as the user gave it (joined with folder entries), or "-".
        kind: "file", "stdin", "error" (then `error` says why), or "ignored": a file in a
            folder whose ending is not a news format (counted by the executor, never read).
        format: the document format guessed from the file name.
        size: size in bytes on disk (-1 for stdin and error units).
        compressed: the file is gzip-compressed (name ends in ".gz").
        site: the folder the file sits in; used to group documents for line statistics.
        error: a short reason for error units, e.g. "symlink_loop" or "unreadable".
    """

    path: str
    kind: UnitKind
    format: InputFormat
    size: int = -1
    compressed: bool = False
    site: str | None = None
    error: str | None = None


def guess_format(name: str) -> tuple[InputFormat | None, bool]:
    """Guess the document format and compression from a file name.

    Args:
        name: a file name or path.

    Returns:
        (format or None when the name is not one we read, compressed).
    """
    lower = name.lower()
    compressed = lower.endswith(".gz")
    stem = lower[:-3] if compressed else lower
    for suffix, fmt in SUFFIX_FORMATS:
        if stem.endswith(suffix):
            return fmt, compressed
    return None, compressed


def expand_inputs(paths: Sequence[str]) -> Iterator[InputUnit]:
    """Expand files, folders (recursively), glob patterns and "-" into input units.

    Folders are walked in sorted order and only files with a known ending are taken
    (hidden entries are skipped); a file named explicitly is always taken, as text when its
    ending is unknown. Each file is yielded once even when named twice.

    Args:
        paths: what the user gave; "-" means JSONL records on standard input.

    Yields:
        InputUnit, in a deterministic order.

    Raises:
        InputError: E101 when a path does not exist, E102 when a glob matches nothing.

    Example:
        >>> [u.path for u in expand_inputs(["examples/news"])][:1]  # doctest: +SKIP
        ['examples/news/001_kerry_lavrov.txt']
    """
    seen: set[str] = set()
    for given in paths:
        for unit in _expand_one(given):
            key = unit.path if unit.kind != "file" else os.path.realpath(unit.path)
            if key in seen and unit.kind != "stdin":
                continue
            seen.add(key)
            yield unit


def _expand_one(given: str) -> Iterator[InputUnit]:
    if given == "-":
        yield InputUnit(path="-", kind="stdin", format="jsonl", site=None)
        return
    if _GLOB_CHARS & set(given) and not os.path.lexists(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            raise InputError(
                "E102", f"the pattern {given!r} matched no files. Is the pattern quoted and relative to here?"
            )
        for match in matches:
            yield from _expand_path(match, explicit=False)
        return
    if not os.path.lexists(given):
        raise InputError("E101", f"input path {given!r} does not exist. {_path_hint(given)}")
    yield from _expand_path(given, explicit=True)


def _path_hint(given: str) -> str:
    parent = Path(given).parent
    if parent.is_dir():
        names = sorted(p.name for p in parent.iterdir())[:5]
        return f"Did you mean one of {names} in {str(parent)!r}?"
    return "Check the path, or pass '-' to read JSONL from standard input."


def _expand_path(path: str, *, explicit: bool) -> Iterator[InputUnit]:
    try:
        st = os.stat(path)
    except OSError as exc:
        yield _error_unit(path, exc)
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, {(st.st_dev, st.st_ino)})
    elif explicit or guess_format(path)[0] is not None:
        yield _file_unit(path, st.st_size, Path(path).parent)


def _file_unit(path: str, size: int, folder: Path) -> InputUnit:
    fmt, compressed = guess_format(path)
    return InputUnit(
        path=path, kind="file", format=fmt or "text", size=size, compressed=compressed, site=str(folder) or "."
    )


def _error_unit(path: str, exc: OSError) -> InputUnit:
    reason = "symlink_loop" if getattr(exc, "errno", None) == 40 else "unreadable"  # 40: ELOOP
    fmt, compressed = guess_format(path)
    return InputUnit(path=path, kind="error", format=fmt or "text", compressed=compressed, error=reason)


def _walk(folder: str, ancestors: set[tuple[int, int]]) -> Iterator[InputUnit]:
    """Depth-first walk in sorted order; `ancestors` holds (device, inode) of folders above."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield _error_unit(folder, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            st = entry.stat()  # follows symlinks
        except OSError as exc:
            yield _error_unit(entry.path, exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:  # a link back to a folder we are inside: a cycle
                yield InputUnit(path=entry.path, kind="error", format="text", error="symlink_loop")
                continue
            yield from _walk(entry.path, ancestors | {key})
        elif stat.S_ISREG(st.st_mode) and guess_format(entry.name)[0] is not None:
            yield _file_unit(entry.path, st.st_size, Path(folder))
        else:
            yield InputUnit(path=entry.path, kind="ignored", format="text", error="unsupported_format")
