"""`annales serve` answers consistently while `annales run` writes to the same store."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from annales.api.app import create_app
from annales.api.settings import ServerSettings
from annales.cli.run import run
from annales.store import Store, writer_active

pytestmark = pytest.mark.slow

COUNTRIES = [("Russia", "Ukraine"), ("France", "Germany"), ("China", "Japan"), ("Turkey", "Greece")]


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        a, b = COUNTRIES[i % len(COUNTRIES)]
        (folder / f"d{i:03d}.txt").write_text(
            f"Talks {i}\n\nPublished 0{1 + i % 9}-03-2014\n\n"
            f"{a} accused {b} of violating the ceasefire in report {i} on Monday. "
            f"Officials from {a} met their counterparts from {b} in Geneva to discuss item {i}.\n"
        )
    return folder


def _watch_writer(writer: subprocess.Popen[str], db: Path, seen: threading.Event) -> None:
    """Set `seen` once the run holds the store's writer lock (checked every 10 ms until the run ends)."""
    while writer.poll() is None:
        if writer_active(db):
            seen.set()
            return
        time.sleep(0.01)


def test_serve_answers_from_committed_batches_while_a_run_writes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 40)
    db = tmp_path / "shared.duckdb"
    run([str(corpus / "d000.txt")], db=str(db), workers=0)  # the store exists before the server
    config = tmp_path / "small.toml"
    config.write_text("[run]\nbatch_size = 2\n")
    client = TestClient(create_app(ServerSettings(db=str(db))), base_url="http://127.0.0.1")
    assert client.get("/api/overview").status_code == 200  # the server holds its shared handle

    writer = subprocess.Popen(
        [sys.executable, "-m", "annales.cli.main", "run", str(corpus), "--db", str(db), "--workers", "1",
         "--config", str(config), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # The writer's lock is watched on a thread of its own: a request may wait out most of a short run
    # for its turn, and a check made only between requests could miss the whole run.
    seen_writer = threading.Event()
    watcher = threading.Thread(target=_watch_writer, args=(writer, db, seen_writer), daemon=True)
    watcher.start()
    counts, statuses = [], []
    deadline = time.monotonic() + 300
    while writer.poll() is None and time.monotonic() < deadline:
        response = client.get("/api/overview")
        statuses.append(response.status_code)
        if response.status_code == 200:
            counts.append(response.json()["counts"]["documents"])
        time.sleep(0.05)
    _out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    watcher.join(timeout=10)
    assert seen_writer.is_set()
    assert set(statuses) == {200}, f"non-200 answers while writing: {sorted(set(statuses))}"
    assert counts == sorted(counts), "document counts went backwards"
    final = client.get("/api/overview").json()["counts"]["documents"]
    with Store(db, read_only=True) as store:
        assert final == store.count("documents") == 40
    assert counts[0] < 40  # the server saw the store before the run had finished
