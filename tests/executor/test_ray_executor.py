"""The Ray executor gives the local executor's answer, survives a killed worker and resumes.

These tests start one local Ray runtime (2 CPUs) for the module and shut it down at the end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annales.config import PipelineConfig
from annales.executor.local import LocalExecutor
from annales.store import Store

ray = pytest.importorskip("ray", reason="the Ray executor needs `pip install 'annales[ray]'`")

from annales.executor.ray_executor import RayExecutor, RayOptions  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ray_runtime() -> Any:
    """A private local Ray with 2 CPUs for this module; shut down (with its processes) after."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> list[str]:
    """The bundled sample corpus and the shared seed articles."""
    paths = [str(shared_dir / "seeds")]
    if (REPO / "examples" / "news").is_dir():
        paths.insert(0, str(REPO / "examples" / "news"))
    return paths


@pytest.fixture(scope="module")
def local_tables(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    """The tables the local executor stores for the corpus."""
    cfg = PipelineConfig.load(None).with_run(workers=1)
    with Store(tmp_path_factory.mktemp("local") / "local.duckdb") as store:
        LocalExecutor(cfg, store=store).run(corpus)
        return store.content()


def test_ray_executor_same_answer_as_local_with_a_killed_worker(
    ray_runtime: Any, corpus: list[str], local_tables: dict[str, list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    flag = tmp_path / "crashed"
    cfg = PipelineConfig.load(None).with_run(workers=2)
    options = RayOptions(out=str(tmp_path / "parts"), shard_files=2, crash_once=f"0:{flag}")
    with Store(tmp_path / "ray.duckdb") as store:
        summary = RayExecutor(cfg, store=store, options=options).run(corpus)
        tables = store.content()
    assert flag.exists(), "the test hook did not kill a worker"
    assert summary.stored == len(local_tables["documents"]) > 0
    assert sum(len(rows) for rows in local_tables.values()) > len(local_tables["documents"])
    for name, rows in local_tables.items():
        assert tables[name] == rows, f"table {name} differs between the local and the Ray executor"


def test_ray_executor_relaunch_runs_only_unfinished_shards(ray_runtime: Any, shared_dir: Path, tmp_path: Path) -> None:
    cfg = PipelineConfig.load(None).with_run(workers=2)
    options = RayOptions(out=str(tmp_path / "parts"), shard_files=2)
    paths = [(shared_dir / "seeds").as_uri()]  # read through pyarrow.fs, as object storage would be
    with Store(tmp_path / "first.duckdb") as store:
        first = RayExecutor(cfg, store=store, options=options).run(paths, finalize=False)
        expected = store.content()
    markers = sorted((tmp_path / "parts").glob("shard-*/_SUCCESS"))
    assert len(markers) > 2
    stamps = [marker.stat().st_mtime_ns for marker in markers]
    lost = json.loads(markers[1].read_text())
    markers[1].unlink()  # as if the run had died before shard 1 finished
    with Store(tmp_path / "second.duckdb") as store:
        second = RayExecutor(cfg, store=store, options=options).run(paths, finalize=False)
        assert store.content() == expected
    assert first.stored == second.stored == len(expected["documents"]) > 0
    assert [m.stat().st_mtime_ns for i, m in enumerate(markers) if i != 1] == stamps[:1] + stamps[2:]
    assert second.stats["extract.articles_in"] == lost["documents"] < first.stats["extract.articles_in"]
    assert all(uri.startswith("file://") for (uri,) in _uris(tmp_path / "second.duckdb"))


def _uris(db: Path) -> list[tuple[Any, ...]]:
    with Store(db, read_only=True) as store:
        return store.con.execute("SELECT uri FROM documents").fetchall()


def test_ray_executor_isolates_a_document_that_kills_its_worker_issue_14(ray_runtime: Any, tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for name, text in [
        ("a.txt", "Kerry met Lavrov in Geneva on Tuesday to discuss the war in Syria, officials said."),
        ("b.txt", "Obama called Putin on Monday about Ukraine CRASH-ME-NOW, the White House said."),
        ("c.txt", "Merkel praised Hollande in Paris on Friday for his handling of the budget talks."),
    ]:
        (news / name).write_text(text)
    crashes = tmp_path / "crashes.log"
    options = RayOptions(out=str(tmp_path / "parts"), crash_on=f"CRASH-ME-NOW:{crashes}")
    cfg = PipelineConfig.load(None).with_run(workers=1)
    with Store(tmp_path / "ray.duckdb") as store:
        summary = RayExecutor(cfg, store=store, options=options).run([str(news)], finalize=False)
        rows = store.con.execute("SELECT uri, status, error FROM documents ORDER BY uri").fetchall()
    assert [(Path(uri).name, status, error) for uri, status, error in rows] == [
        ("a.txt", "ok", None),
        ("b.txt", "error", "worker_crashed"),
        ("c.txt", "ok", None),
    ]
    # the batch killed a worker once, then the document alone killed one once: never again
    assert crashes.read_text().count("\n") == 2
    assert summary.errors == {"worker_crashed": 1} and summary.stats["executor.worker_crashed"] == 1
    assert not list((tmp_path / "parts" / "_inflight").glob("*/*/*"))  # the run's journal is gone
