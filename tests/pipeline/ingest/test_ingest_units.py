"""expand_inputs: files, folders, globs, stdin, errors, symlink loops, big folders."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annales.errors import InputError
from annales.pipeline.ingest import expand_inputs, guess_format, read_unit


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", ("text", False)),
        ("a.TXT", ("text", False)),
        ("a.html.gz", ("html", True)),
        ("a.htm", ("html", False)),
        ("a.jsonl", ("jsonl", False)),
        ("a.ndjson.gz", ("jsonl", True)),
        ("a.warc.gz", ("warc", True)),
        ("a.md", (None, False)),
        ("a.gz", (None, True)),
    ],
)
def test_guess_format_by_ending(name: str, expected: tuple[str | None, bool]) -> None:
    assert guess_format(name) == expected


def test_expand_inputs_folder_sorted_recursive_known_endings(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for rel in ("b/z.txt", "b/a.html", "c.jsonl", "a.txt", "notes.md", ".hidden.txt"):
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = list(expand_inputs([str(tmp_path)]))
    units = [u for u in found if u.kind != "ignored"]
    assert [Path(u.path).relative_to(tmp_path).as_posix() for u in units] == ["a.txt", "b/a.html", "b/z.txt", "c.jsonl"]
    assert [u.format for u in units] == ["text", "html", "text", "jsonl"]
    assert units[1].site == str(tmp_path / "b")
    # A file with an unknown ending is not read but is counted, with its reason.
    ignored = [u for u in found if u.kind == "ignored"]
    assert [(Path(u.path).name, u.error) for u in ignored] == [("notes.md", "unsupported_format")]
    assert list(read_unit(ignored[0])) == []


def test_expand_inputs_same_file_twice_yields_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert len(list(expand_inputs([str(path), str(tmp_path), str(path)]))) == 1


def test_expand_inputs_explicit_unknown_ending_is_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("x", encoding="utf-8")
    (unit,) = expand_inputs([str(path)])
    assert (unit.kind, unit.format) == ("file", "text")


def test_expand_inputs_glob(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    units = list(expand_inputs([str(tmp_path / "*.txt")]))
    assert [Path(u.path).name for u in units] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(("given", "code"), [("missing.txt", "E101"), ("nothing-*.txt", "E102")])
def test_expand_inputs_missing_path_raises(tmp_path: Path, given: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        list(expand_inputs([str(tmp_path / given)]))
    assert caught.value.code == code


def test_expand_inputs_missing_path_hint_names_neighbours(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"story\.txt"):
        list(expand_inputs([str(tmp_path / "stroy.txt")]))


def test_expand_inputs_stdin_unit() -> None:
    (unit,) = expand_inputs(["-"])
    assert (unit.path, unit.kind, unit.format) == ("-", "stdin", "jsonl")


def test_expand_inputs_symlink_loops_become_error_units(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")  # a cycle back to the root
    os.symlink(tmp_path / "loop2.txt", tmp_path / "loop1.txt")  # a dangling two-link loop
    os.symlink(tmp_path / "loop1.txt", tmp_path / "loop2.txt")
    units = list(expand_inputs([str(tmp_path)]))
    errors = sorted((Path(u.path).name, u.error) for u in units if u.kind == "error")
    assert errors == [("loop1.txt", "symlink_loop"), ("loop2.txt", "symlink_loop"), ("up", "symlink_loop")]
    articles = [article for unit in units for article in read_unit(unit)]
    assert sorted(a.error or "" for a in articles if a.status == "error") == ["symlink_loop"] * 3


def test_expand_inputs_unreadable_folder_becomes_error_unit(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        (unit,) = expand_inputs([str(tmp_path)])
        assert (unit.kind, unit.error) == ("error", "unreadable")
    finally:
        locked.chmod(0o755)


@pytest.fixture()
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    """A scratch folder in RAM (/dev/shm) when there is one: creating 10,000 files on a busy disk takes long."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(dir=shm, prefix="annales-test-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def test_expand_inputs_ten_thousand_files_fast(fast_dir: Path) -> None:
    for i in range(10_000):  # empty files: creating them is the slow part, listing is what we test
        os.close(os.open(fast_dir / f"{i:05d}.txt", os.O_CREAT | os.O_WRONLY, 0o644))
    started = time.perf_counter()
    units = list(expand_inputs([str(fast_dir)]))
    assert time.perf_counter() - started < 10.0
    assert len(units) == 10_000
    assert Path(units[0].path).name == "00000.txt"
    assert Path(units[-1].path).name == "09999.txt"
