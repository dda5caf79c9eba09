"""The local executor: same answer with any number of workers, idempotent, kill-safe."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annales.cli.run import run
from annales.executor.base import get_shard
from annales.store import Store, writer_active

pytestmark = pytest.mark.slow

LEADERS = [("Kerry", "Lavrov", "Geneva"), ("Obama", "Putin", "Beijing"), ("Merkel", "Hollande", "Paris")]
VERBS = ["met", "criticized", "praised", "called"]


def write_corpus(folder: Path, n: int) -> Path:
    """`n` small distinct plain-text news files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b, place = LEADERS[i % len(LEADERS)]
        verb = VERBS[i % len(VERBS)]
        text = (
            f"Talks number {i}\n\nPublished 0{1 + i % 9}-04-2013\n\n"
            f"{a} {verb} {b} in {place} on Tuesday, officials said in statement number {i}. "
            f"The two sides agreed to meet again next month to discuss item {i}.\n"
        )
        (folder / f"doc{i:04d}.txt").write_text(text)
    return folder


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's content that a clean run determines."""
    with Store(db, read_only=True) as store:
        return store.content()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 24)


@pytest.fixture(scope="module")
def clean_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    run([str(corpus)], db=str(db), workers=0)
    return db


def test_local_run_stores_every_document(clean_db: Path) -> None:
    with Store(clean_db, read_only=True) as store:
        statuses = store.con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
        assert statuses == [("ok", 24)]
        assert store.count("sentences") >= 48
        assert store.count("events") > 0


def test_local_rerun_changes_nothing(corpus: Path, clean_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.duckdb"
    first = run([str(corpus)], db=str(db), workers=0)
    second = run([str(corpus)], db=str(db), workers=0)
    assert first.stored == 24
    assert second.stored == 0
    assert second.already_stored == 24
    assert snapshot(db) == snapshot(clean_db)


def test_local_workers_give_the_same_answer_as_inline(corpus: Path, clean_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "pool.duckdb"
    run([str(corpus)], db=str(db), workers=2)
    assert snapshot(db) == snapshot(clean_db)


def test_local_kill_and_resume_ends_as_a_clean_run(corpus: Path, clean_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "annales.cli.main", "run", str(corpus), "--db", str(db), "--workers", "1",
           "--json", "--config", str(_small_batches(tmp_path))]  # fmt: skip
    rng = random.Random(7)
    kills = 0
    for _ in range(3):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(1.5, 4.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
    final = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert final.returncode == 0, final.stderr
    assert kills >= 1
    assert snapshot(db) == snapshot(clean_db)


def _small_batches(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text("[run]\nbatch_size = 2\n")
    return path


def test_local_second_run_is_refused_clearly(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    first = subprocess.Popen(
        [sys.executable, "-m", "annales.cli.main", "run", str(corpus), "--db", str(db), "--workers", "1", "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not writer_active(db) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert writer_active(db)
        second = subprocess.run(
            [sys.executable, "-m", "annales.cli.main", "run", str(corpus), "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert second.returncode == 2
        assert "E306" in second.stderr
        assert f"pid {first.pid}" in second.stderr
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0
    with Store(db, read_only=True) as store:
        assert store.count("documents") == 24


@pytest.mark.parametrize("world_size", [1, 2, 3, 7])
def test_get_shard_partitions_deterministically(world_size: int) -> None:
    items = [f"f{i}" for i in range(20)]
    shards = [get_shard(items, rank, world_size) for rank in range(world_size)]
    assert sorted(item for shard in shards for item in shard) == sorted(items)
    assert shards == [get_shard(items, rank, world_size) for rank in range(world_size)]


def test_local_writer_commits_finished_batches_together(
    corpus: Path, clean_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the one writer falls behind the workers, the batches waiting behind the head go
    into the same transaction: fewer, larger writes, and the same store as a clean run."""
    from annales.config import PipelineConfig
    from annales.executor.local import LocalExecutor

    db = tmp_path / "grouped.duckdb"
    sizes: list[int] = []
    original = Store.write

    def slow_write(self: Store, articles: list[object], *, run_id: str) -> int:
        sizes.append(len(articles))
        if len(sizes) == 1:
            time.sleep(2.0)  # the writer falls behind: the workers finish the next batches meanwhile
        return original(self, articles, run_id=run_id)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "write", slow_write)
    cfg = PipelineConfig.load(None).with_run(workers=2, batch_size=1, max_inflight=4)
    with Store(db) as store:
        summary = LocalExecutor(cfg, store=store).run([str(corpus)])
    assert summary.stored == 24
    assert sum(sizes) == 24
    assert max(sizes) > 1  # batches finished during the slow write were committed with the next head
    assert len(sizes) < 24
    assert snapshot(db) == snapshot(clean_db)
