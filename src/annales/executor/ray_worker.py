"""The worker side of the Ray executor: reading shards into batches, and the stage-group actor.

`read_shard_batches` is a Ray Data task turning shards into batches of pickled articles;
`StageGroupUDF` is the actor that runs one stage group over them (built once from the run's
config), isolates a document that kills its process (`ray_journal`), and, for the last group,
writes the Parquet parts. See `ray_executor` for the whole flow.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from annales.config import PipelineConfig
from annales.errors import ConfigError
from annales.executor.base import run_stages
from annales.executor.ray_journal import CrashJournal
from annales.executor.ray_rows import (
    BatchRow,
    OutputDir,
    article_tables,
    decode_rows,
    encode_rows,
    pack_article,
    unpack_article,
)
from annales.executor.ray_shards import Shard, read_shard
from annales.pipeline.base import Stage
from annales.pipeline.registry import REGISTRY, StageContext
from annales.records import Article

logger = logging.getLogger(__name__)

# The `crash_on` test hook stops crashing after this many crashes (see RayOptions).
MAX_TEST_CRASHES = 10
# Keys of a stage section read by the Ray executor, never passed to the stage.
RAY_KEYS = frozenset({"num_cpus", "num_gpus"})


def build_group(cfg: PipelineConfig, sections: Sequence[str], *, context: StageContext) -> list[Stage]:
    """Build the stages of some sections, as `build_stages` does, without the Ray-only keys."""
    stages = []
    for name in sections:
        section = {k: v for k, v in cfg.sections.get(name, {}).items() if k not in RAY_KEYS and k != "enabled"}
        factory = REGISTRY.get(str(section.get("stage")))
        if factory is None:
            raise ConfigError(
                "E008", f"[{name}] stage {section.get('stage')!r} is not registered; known: {sorted(REGISTRY)}"
            )
        try:
            stages.append(factory(section, context))
        except TypeError as exc:
            raise ConfigError("E009", f"bad option in [{name}]: {exc}") from exc
    return stages


def read_shard_batches(batch: pa.Table, *, batch_size: int) -> Iterator[pa.Table]:
    """Ray Data task: read the shards of `batch` (one row each) into batches of articles."""
    for spec in batch.column("spec").to_pylist():
        shard = Shard.from_json(spec)
        rows: list[BatchRow] = []
        total = 0
        for total, article in enumerate(read_shard(shard), start=1):
            rows.append(BatchRow("doc", shard.index, total - 1, pack_article(article)))
            if len(rows) >= batch_size:
                yield encode_rows(rows)
                rows = []
        rows.append(BatchRow("end", shard.index, -1, json.dumps({"total": total}).encode()))
        yield encode_rows(rows)


class StageGroupUDF:
    """Ray Data actor: runs one stage group over batches; the last group writes Parquet parts.

    Args:
        cfg_data: the run config as plain data (`PipelineConfig.to_dict`).
        sections: the stage sections of this group.
        line_stats: the run's line statistics (for extraction).
        out: the output folder (last group only).
        run_id: the store run id written in the `documents` rows and naming the crash journal.
        journal: (output folder, group number) of the crash journal (`ray_journal`); None runs
            without one.
        crash_once, crash_on: see `RayOptions`.
    """

    def __init__(
        self,
        cfg_data: dict[str, Any],
        sections: Sequence[str],
        *,
        line_stats: Any = None,
        out: str | None = None,
        run_id: str = "",
        journal: tuple[str, int] | None = None,
        crash_once: str | None = None,
        crash_on: str | None = None,
    ) -> None:
        if type(line_stats).__name__ == "ObjectRef":  # shipped once through the object store
            import ray

            line_stats = ray.get(line_stats)
        cfg = PipelineConfig.from_dict(cfg_data)
        self.stages = build_group(cfg, sections, context=StageContext(line_stats=line_stats))
        self.out = OutputDir(out) if out else None
        self.run_id = run_id
        self.journal = CrashJournal(journal[0], run_id, journal[1]) if journal else None
        self.crash_once = crash_once
        self.crash_on = crash_on

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = decode_rows(batch)
        by_shard: dict[int, list[BatchRow]] = defaultdict(list)
        passed: list[BatchRow] = []
        for row in rows:
            if row.kind == "doc":
                by_shard[row.shard].append(row)
            else:
                passed.append(row)
        out_rows: list[BatchRow] = []
        for shard, shard_rows in by_shard.items():
            self._maybe_crash(shard)
            out_rows.extend(self._process(shard, shard_rows))
        return encode_rows(out_rows + passed)

    def _process(self, shard: int, rows: list[BatchRow]) -> list[BatchRow]:
        stats: Counter[str] = Counter()
        for row in rows:
            stats.update(json.loads(row.stats) if row.stats else {})
        done, delta = self._run_isolated(shard, rows)
        stats.update(delta)
        seqs = [row.seq for row in rows]
        if self.out is None:
            packed = [BatchRow("doc", shard, seq, pack_article(a)) for seq, a in zip(seqs, done, strict=True)]
            packed[0].stats = json.dumps(dict(stats))
            return packed
        part = f"{min(seqs):08d}-{max(seqs):08d}"
        shard_name = Shard(index=shard, files=()).name
        self.out.write_part(shard_name, part, article_tables(list(zip(seqs, done, strict=True)), run_id=self.run_id))
        report = {"part": part, "seqs": seqs}
        return [BatchRow("part", shard, -1, json.dumps(report).encode(), json.dumps(dict(stats)))]

    def _run_isolated(self, shard: int, rows: list[BatchRow]) -> tuple[list[Article], Counter[str]]:
        """Run a batch under the crash journal; one a dead worker left in flight runs one document at a time."""
        if self.journal is None:
            return self._run_guarded(rows)
        seqs = {row.seq for row in rows}
        left = [(entry, alone) for entry, alone in self.journal.left_behind(shard) if entry & seqs]
        if not left:
            with self.journal.in_flight(shard, sorted(seqs)):
                return self._run_guarded(rows)
        crashed = {seq for entry, alone in left if alone for seq in entry}
        logger.warning("a worker died on shard %d; running %d documents one at a time", shard, len(rows))
        done: list[Article] = []
        stats: Counter[str] = Counter()
        for row in rows:
            if row.seq in crashed:  # it killed a worker on its own: do not run it again
                article = unpack_article(row.payload)
                article.fail("worker_crashed")
                one, delta = [article], Counter({"executor.worker_crashed": 1})
            else:
                with self.journal.in_flight(shard, [row.seq], alone=True):
                    one, delta = self._run_guarded([row])
            done.extend(one)
            stats.update(delta)
        return done, stats

    def _run_guarded(self, rows: list[BatchRow]) -> tuple[list[Article], Counter[str]]:
        """Run the batch; if it raises, run each document alone, marking the failing ones as errors."""
        self._maybe_crash_on(rows)
        try:
            return run_stages(self.stages, [unpack_article(row.payload) for row in rows])
        except Exception as exc:
            logger.warning("a batch of %d documents failed (%s); retrying one at a time", len(rows), exc)
        done: list[Article] = []
        stats: Counter[str] = Counter()
        for row in rows:
            try:
                one, delta = run_stages(self.stages, [unpack_article(row.payload)])
            except Exception as exc:
                article = unpack_article(row.payload)
                article.fail(f"executor: {type(exc).__name__}: {str(exc)[:200]}")
                one, delta = [article], Counter({"executor.batch_error": 1})
            done.extend(one)
            stats.update(delta)
        return done, stats

    def _maybe_crash_on(self, rows: list[BatchRow]) -> None:
        if not self.crash_on:
            return
        marker, counter = self.crash_on.split(":", 1)
        if not any(marker.encode() in unpack_article(row.payload).raw for row in rows):
            return
        crashes = Path(counter).read_text().count("\n") if os.path.exists(counter) else 0
        if crashes < MAX_TEST_CRASHES:
            with open(counter, "a") as handle:
                handle.write(f"{os.getpid()}\n")
            logger.warning("test hook: worker %d exits on a document holding %r", os.getpid(), marker)
            os._exit(1)

    def _maybe_crash(self, shard: int) -> None:
        if not self.crash_once:
            return
        target, flag = self.crash_once.split(":", 1)
        if int(target) == shard and not os.path.exists(flag):
            Path(flag).write_text(str(os.getpid()))
            logger.warning("test hook: worker %d exits while processing shard %d", os.getpid(), shard)
            os._exit(1)
