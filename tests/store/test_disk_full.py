"""A full disk during a write ends with a clear error and an intact, resumable store."""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from annales.cli.run import run
from annales.errors import StoreError
from annales.store import Store

pytestmark = pytest.mark.slow

PARTIAL = "".join(f"[{name}]\nenabled = false\n" for name in ("nlp", "actors", "coding", "entities", "dates", "places"))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs file system (needs root and mount permission; skipped otherwise)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _corpus(folder: Path, n: int) -> Path:
    """`n` documents of about 20 KB of hard-to-compress English-like text."""
    rng = random.Random(3)
    words = ["officials", "met", "delegation", "talks", "Geneva", "minister", "said", "agreed", "ceasefire", "border"]
    folder.mkdir()
    for i in range(n):
        sentences = [
            " ".join(rng.choice(words) + str(rng.randint(0, 99999)) for _ in range(12)).capitalize() + "."
            for _ in range(120)
        ]
        (folder / f"doc{i:04d}.txt").write_text(f"Report {i}\n\n" + " ".join(sentences) + "\n")
    return folder


def test_store_disk_full_fails_clearly_and_keeps_committed_batches(small_disk: Path, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 120)
    config = tmp_path / "partial.toml"
    config.write_text(PARTIAL + "[run]\nbatch_size = 8\n")
    db = small_disk / "full.duckdb"
    with pytest.raises(StoreError) as info:
        run([str(corpus)], db=str(db), workers=0, config=str(config), finalize=False)
    assert info.value.code in ("E307", "E302")
    assert "disk" in info.value.message or "space" in info.value.message

    # The store opens and holds whole batches only (batches of 8 documents, in order).
    with Store(db, read_only=True) as store:
        stored = store.count("documents")
    assert 0 < stored < 120
    assert stored % 8 == 0

    # Moved to a disk with room (with its write-ahead log), the same command resumes
    # and ends like a clean run.
    roomy = tmp_path / "roomy.duckdb"
    for suffix in ("", ".wal"):
        if Path(f"{db}{suffix}").exists():
            Path(f"{roomy}{suffix}").write_bytes(Path(f"{db}{suffix}").read_bytes())
    resumed = run([str(corpus)], db=str(roomy), workers=0, config=str(config), finalize=False)
    assert resumed.already_stored == stored
    clean = tmp_path / "clean.duckdb"
    run([str(corpus)], db=str(clean), workers=0, config=str(config), finalize=False)
    with Store(roomy, read_only=True) as a, Store(clean, read_only=True) as b:
        assert a.content() == b.content()
