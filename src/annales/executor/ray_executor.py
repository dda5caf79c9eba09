"""The Ray executor: the same stages as the local executor, on Ray Data, on a cluster.

The flow of a run (see docs/ray.md):

    driver      list_shards(paths)              deterministic shards of input files
                learn line statistics           the same pre-pass as the local executor
                skip shards with a _SUCCESS     a relaunch resumes
    Ray Data    from_items(shards)
                .map_batches(read_shard_batches) tasks: one shard -> batches of pickled articles
                .map_batches(StageGroupUDF)     actors, one per stage group, concurrency=N;
                   ...                          each builds its stages once from the config dict;
                                                a document that kills its actor's process is
                                                stored as worker_crashed (ray_journal); the
                                                last group writes Parquet parts per shard
    driver      per shard: all documents written -> _SUCCESS marker with stats
                load finished shards, in order, into the DuckDB store (one transaction each)
                run_finalize(store)             the global steps, in DuckDB

Stage groups are maximal runs of consecutive enabled stages asking for the same
resources (`num_cpus`, `num_gpus` keys of a stage's config section; Ray-only keys, removed
before the stage is built). With no GPU every stage lands in one group, so a document
crosses the object store once, as in the local executor's process pool.

The worker side (the read task and the actor) lives in `ray_worker`. Ray is imported
lazily, inside the functions that need it.
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annales.config import STAGE_SECTIONS, PipelineConfig
from annales.errors import AnnalesError, ConfigError, require
from annales.executor.base import RunSummary
from annales.executor.ray_journal import clear_journal
from annales.executor.ray_rows import (
    LoadCounts,
    OutputDir,
    ShardOutcome,
    decode_rows,
    load_shard,
)
from annales.executor.ray_shards import SHARD_BYTES, SHARD_FILES, Shard, list_shards, read_shard, shard_summary
from annales.executor.ray_worker import RAY_KEYS, StageGroupUDF, build_group, read_shard_batches
from annales.pipeline.base import check_pipeline
from annales.pipeline.registry import StageContext
from annales.store import Store

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]

# Logical CPUs a read task asks for: reading is I/O and cheap next to the stages, and
# asking for any CPU would leave nothing to run on once the stage actors hold every CPU
# (2 actors on a 2-CPU machine). Read tasks are bounded by `concurrency` instead.
READ_CPUS = 0.0


@dataclass(frozen=True, slots=True)
class RayOptions:
    """Options of the Ray executor (the stages' options stay in the run config).

    Args:
        address: the cluster to join: None starts a private local Ray, "auto" joins the
            one this machine belongs to, "ray://host:10001" connects a Ray client.
        out: folder or URI for Parquet parts and shard markers; None uses
            `<store file>.parts` beside the store (a temporary folder for ":memory:").
        num_cpus: CPUs of a private local Ray (None: all of this machine).
        shard_bytes: close a shard once it holds this many bytes of input.
        shard_files: close a shard once it holds this many files.
        attempts: times the driver runs the shards that have no marker yet, when Ray
            gives up on the dataset. Before that, Ray Data restarts a stage-group actor
            whose process died and retries its batches (its defaults: without limit).
        crash_once: test hook, "SHARD:FLAG_FILE": the worker processing shard SHARD
            exits abruptly, once (it creates FLAG_FILE so the retry goes through).
        crash_on: test hook, "MARKER:COUNT_FILE": a worker exits abruptly whenever it runs a
            document whose text holds MARKER, adding a line to COUNT_FILE each time (after
            MAX_TEST_CRASHES lines it stops, so that a test of an executor that retries
            without end ends too).
    """

    address: str | None = None
    out: str | None = None
    num_cpus: int | None = None
    shard_bytes: int = SHARD_BYTES
    shard_files: int = SHARD_FILES
    attempts: int = 3
    crash_once: str | None = None
    crash_on: str | None = None

    def __post_init__(self) -> None:
        if self.shard_bytes < 1 or self.shard_files < 1 or self.attempts < 1:
            raise ConfigError("E503", f"invalid Ray options {self}: sizes and attempts must be >= 1")


@dataclass(frozen=True, slots=True)
class StageGroup:
    """Consecutive stage sections run by one actor class, with their Ray resources."""

    sections: tuple[str, ...]
    num_cpus: float
    num_gpus: float


def plan_groups(cfg: PipelineConfig) -> list[StageGroup]:
    """Cut the enabled stage sections into groups of equal resource needs.

    Example:
        >>> cfg = PipelineConfig.from_dict({"nlp": {"num_gpus": 0.5}})
        >>> [g.sections for g in plan_groups(cfg)]
        [('extract',), ('nlp',), ('actors', 'coding', 'entities', 'dates', 'places')]
    """
    groups: list[StageGroup] = []
    for name, _ in STAGE_SECTIONS:
        section = cfg.sections.get(name, {})
        if section.get("enabled", True) is False:
            continue
        cpus, gpus = float(section.get("num_cpus", 1)), float(section.get("num_gpus", 0))
        if cpus < 0 or gpus < 0:
            raise ConfigError("E504", f"[{name}] num_cpus and num_gpus must be >= 0")
        last = groups[-1] if groups else None
        if last and (last.num_cpus, last.num_gpus) == (cpus, gpus):
            groups[-1] = StageGroup((*last.sections, name), cpus, gpus)
        else:
            groups.append(StageGroup((name,), cpus, gpus))
    if not groups:
        raise ConfigError("E505", "every stage section is disabled; enable at least one stage.")
    return groups


def stage_config(cfg: PipelineConfig) -> PipelineConfig:
    """The config without the Ray-only keys (what `build_stages` and the `runs` table get)."""
    data = cfg.to_dict()
    for name, _ in STAGE_SECTIONS:
        data[name] = {k: v for k, v in data.get(name, {}).items() if k not in RAY_KEYS}
    return PipelineConfig.from_dict(data)


# ------------------------------------------------------------------- driver side


class RayExecutor:
    """Run the configured pipeline over inputs on Ray Data and load the result into a store.

    Args:
        cfg: the run configuration (stage sections may carry `num_cpus`/`num_gpus`).
        store: an open, writable store; the driver is its only writer.
        options: where Ray runs and where the Parquet parts go.
        progress: called with the number of documents loaded after each shard.

    Example:
        >>> options = RayOptions(address="auto", out="s3://bucket/parts/")
        >>> executor = RayExecutor(cfg, store=Store("news.duckdb"), options=options)  # doctest: +SKIP
        >>> summary = executor.run(["s3://bucket/crawl/"])  # doctest: +SKIP
    """

    def __init__(
        self,
        cfg: PipelineConfig,
        *,
        store: Store,
        options: RayOptions | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.cfg = cfg
        self.store = store
        self.options = options or RayOptions()
        self.progress = progress

    def run(self, paths: Sequence[str], *, finalize: bool = True) -> RunSummary:
        """Process `paths` (local files, folders, globs, or URIs) and store the results.

        Raises:
            DependencyError: when Ray is not installed (`pip install 'annales[ray]'`).
            InputError: for missing inputs or standard input.
            AnnalesError: E506 when some shards still fail after every attempt.
        """
        require("ray", "ray")
        from annales.executor.local import run_finalize

        summary = RunSummary()
        groups = plan_groups(self.cfg)
        shards = list_shards(paths, shard_bytes=self.options.shard_bytes, shard_files=self.options.shard_files,
                             ignored=summary.ignored)  # fmt: skip
        out = OutputDir(self._out_root())
        clear_journal(out.root)  # what killed runs left in flight is no evidence for this one
        summary.run_id = self.store.start_run(config={**stage_config(self.cfg).to_dict(), "executor": "ray"})
        self.store.detach()  # readers (annales serve) may open the store while shards run
        status = "failed"
        try:
            markers = {shard.index: out.marker(shard.name) for shard in shards}
            pending = [shard for shard in shards if markers[shard.index] is None]
            logger.info(
                "%d shards, %d already finished, %d to run", len(shards), len(shards) - len(pending), len(pending)
            )
            loader = _InOrderLoader(self.store, out, shards, markers, summary, self.progress)
            loader.load_ready()
            if pending:
                if len(groups) > 1:  # one actor builds one group only: check the whole order once here
                    check_pipeline(build_group(stage_config(self.cfg), [s for g in groups for s in g.sections],
                                               context=StageContext()))  # fmt: skip
                line_stats = _learn_line_stats(shards) if _needs_line_stats(self.cfg) else None
                self._run_attempts(pending, groups, out, line_stats, loader)
            loader.load_ready()
            if loader.next_index < len(shards):
                missing = [s.name for s in shards[loader.next_index :] if loader.markers.get(s.index) is None]
                raise AnnalesError(
                    "E506", f"shards {missing[:5]} did not finish; relaunch the same command to retry them."
                )
            if finalize:
                summary.finalize = run_finalize(self.store, stage_config(self.cfg), run_id=summary.run_id)
            status = "done"
        finally:
            clear_journal(out.root, summary.run_id)
            summary.seconds = time.perf_counter() - summary.started
            self.store.finish_run(summary.run_id, counts=summary.to_dict(), status=status)
        return summary

    def _out_root(self) -> str:
        if self.options.out:
            return self.options.out
        if self.store.path == ":memory:":
            import tempfile

            return tempfile.mkdtemp(prefix="annales-ray-")
        return f"{self.store.path}.parts"

    def _run_attempts(
        self,
        pending: list[Shard],
        groups: list[StageGroup],
        out: OutputDir,
        line_stats: Any,
        loader: _InOrderLoader,
    ) -> None:
        import ray

        started_ray = _init_ray(self.options)
        try:
            line_stats_ref = ray.put(line_stats)
            for attempt in range(1, self.options.attempts + 1):
                todo = [shard for shard in pending if loader.markers.get(shard.index) is None]
                if not todo:
                    return
                for shard in todo:
                    out.clear(shard.name)
                try:
                    self._run_once(todo, groups, out, line_stats_ref, loader)
                except (ray.exceptions.RayError, RuntimeError) as exc:
                    logger.warning("attempt %d of %d failed: %s", attempt, self.options.attempts, exc)
        finally:
            if started_ray:
                ray.shutdown()

    def _run_once(
        self, todo: list[Shard], groups: list[StageGroup], out: OutputDir, line_stats: Any, loader: _InOrderLoader
    ) -> None:
        import ray

        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.enable_operator_progress_bars = False
        ctx.print_on_execution_start = False
        cfg_data = self.cfg.to_dict()  # with the Ray-only keys: actors strip them when building
        workers = max(1, self.cfg.run.workers)
        ds: Any = ray.data.from_items([{"spec": shard.to_json()} for shard in todo], override_num_blocks=len(todo))
        ds = ds.map_batches(
            read_shard_batches, batch_size=1, batch_format="pyarrow", num_cpus=READ_CPUS,
            fn_kwargs={"batch_size": self.cfg.run.batch_size},
            compute=ray.data.TaskPoolStrategy(size=min(workers, len(todo))),
        )  # fmt: skip
        for number, group in enumerate(groups):
            last = number == len(groups) - 1
            ds = ds.map_batches(
                StageGroupUDF,
                fn_constructor_args=(cfg_data, group.sections),
                fn_constructor_kwargs={"line_stats": line_stats, "out": out.root if last else None,
                                       "run_id": loader.summary.run_id, "journal": (out.root, number),
                                       "crash_once": self.options.crash_once, "crash_on": self.options.crash_on},
                batch_size=self.cfg.run.batch_size,
                batch_format="pyarrow",
                # run the UDF on the actor's main thread (Ray Data's default moves it to a
                # helper thread), so that stages can use signal-based per-document timeouts
                compute=ray.data.ActorPoolStrategy(size=workers, enable_true_multi_threading=True),
                num_cpus=group.num_cpus,
                num_gpus=group.num_gpus,
            )  # fmt: skip
        outcomes: dict[int, ShardOutcome] = defaultdict(ShardOutcome)
        shard_by_index = {shard.index: shard for shard in todo}
        with warnings.catch_warnings():
            # Ray Data warns when a small input leaves some actors idle; that is expected here
            warnings.filterwarnings(
                "ignore", message="The (minimum|maximum) number of concurrent", category=UserWarning
            )
            self._collect(ds, outcomes, shard_by_index, loader)

    def _collect(
        self,
        ds: Any,
        outcomes: dict[int, ShardOutcome],
        shard_by_index: Mapping[int, Shard],
        loader: _InOrderLoader,
    ) -> None:
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            for row in decode_rows(batch):
                outcome = outcomes[row.shard]
                report = json.loads(row.payload)
                if row.kind == "end":
                    outcome.total = int(report["total"])
                else:
                    outcome.seqs.update(report["seqs"])
                    outcome.parts.add(report["part"])
                    outcome.stats.update(json.loads(row.stats) if row.stats else {})
                if outcome.complete:
                    loader.finish(shard_by_index[row.shard], outcome)
            loader.load_ready()


def _learn_line_stats(shards: Sequence[Shard]) -> Any:
    """The local executor's pre-pass (`learn_line_stats`) over the same documents, read from shards.

    Reading through the shards also covers URIs, which `expand_inputs` cannot list.
    """
    from annales.pipeline.extract import collect_line_stats

    return collect_line_stats(article for shard in shards for article in read_shard(shard))


def _needs_line_stats(cfg: PipelineConfig) -> bool:
    return cfg.sections.get("extract", {}).get("enabled", True) is not False


def _init_ray(options: RayOptions) -> bool:
    """Connect to (or start) Ray; return whether we started it (and so must shut it down)."""
    import ray

    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": logger.isEnabledFor(logging.INFO)}
    if options.address:
        ray.init(address=options.address, **kwargs)
    else:
        ray.init(num_cpus=options.num_cpus, **kwargs)
    return True


class _InOrderLoader:
    """Writes shard markers and loads finished shards into the store in shard order.

    Loading in order makes the first copy of a duplicated document the one kept, as in
    the local executor, whatever order the shards finish in.
    """

    def __init__(
        self,
        store: Store,
        out: OutputDir,
        shards: Sequence[Shard],
        markers: Mapping[int, dict[str, Any] | None],
        summary: RunSummary,
        progress: Progress | None,
    ) -> None:
        self.store = store
        self.out = out
        self.shards = shards
        self.markers = dict(markers)
        self.summary = summary
        self.progress = progress
        self.next_index = 0

    def finish(self, shard: Shard, outcome: ShardOutcome) -> None:
        """Write the marker of a shard whose documents are all written."""
        if self.markers.get(shard.index) is not None:
            return
        marker = {
            "shard": shard.index,
            "inputs": shard_summary(shard),
            "documents": outcome.total,
            "parts": sorted(outcome.parts),
            "stats": dict(outcome.stats),
            "run_id": self.summary.run_id,
        }
        self.out.write_marker(shard.name, marker)
        self.markers[shard.index] = marker
        self.summary.stats.update(outcome.stats)

    def load_ready(self) -> None:
        """Load every shard from `next_index` on that has a marker, stopping at the first without."""
        while self.next_index < len(self.shards):
            shard = self.shards[self.next_index]
            marker = self.markers.get(shard.index)
            if marker is None:
                return
            counts = load_shard(self.store.con, self.out, shard.name, marker["parts"])
            self.store.detach()  # let readers (annales serve) in between shards
            self._count(marker, counts)
            self.next_index += 1

    def _count(self, marker: Mapping[str, Any], counts: LoadCounts) -> None:
        summary = self.summary
        summary.read += int(marker["documents"])
        summary.already_stored += counts.already_stored
        summary.copies += counts.copies
        summary.stored += counts.stored
        summary.ok += counts.ok
        summary.skipped.update(counts.skipped)
        summary.errors.update(counts.errors)
        summary.sentences += counts.sentences
        summary.events += counts.events
        if self.progress:
            self.progress(int(marker["documents"]))
