"""The local executor: N worker processes, one writer, one transaction per write.

The parent process reads the inputs lazily, skips documents already stored (their id
comes from their content), sends batches to the workers and writes finished batches in
input order, one transaction per write: the batch at the head of the queue together with
the finished batches right behind it (up to `COMMIT_DOCS` documents), so that the one
writer keeps up with many workers (a write costs about the same for 16 documents as for
200). Workers build their own stages from the run's
config (plain data). At most `workers * max_inflight` batches are in flight, so memory
stays flat with corpus size. Killing the process at any moment loses at most the
batches not yet committed; a re-run stores exactly what a clean run would.

With `reprocess` ("failed" or "all", `annales run --reprocess`), stored documents read again
from the inputs are processed again too, and each batch replaces their rows in its one
transaction (`Store.replace`): a kill leaves every document either old or new, and running
the same command again finishes the job ("failed" skips what is repaired already).
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from annales.config import PipelineConfig
from annales.executor.base import (
    Reprocess,
    RunSummary,
    batched,
    drop_parses,
    keep_tensor_stacks_out,
    redo,
    run_stages,
)
from annales.pipeline.base import Stage
from annales.pipeline.registry import StageContext, build_stages
from annales.records import Article
from annales.store import Store

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]

# The most documents one write commits when finished batches queue up behind the head.
COMMIT_DOCS = 256

# Stages of a worker process, built once by `_init_worker`. This is per-process state of
# the worker, not shared configuration: each process gets its own copy.
_WORKER: dict[str, list[Stage]] = {}


def _init_worker(cfg_data: dict[str, Any], line_stats: Any) -> None:
    cfg = PipelineConfig.from_dict(cfg_data)
    keep_tensor_stacks_out(cfg.sections)
    _WORKER["stages"] = build_stages(cfg, context=StageContext(line_stats=line_stats))


def _work(articles: list[Article]) -> tuple[list[Article], Counter[str]]:
    done, stats = run_stages(_WORKER["stages"], articles)
    drop_parses(done)  # the parent stores sentences without their parse: do not pickle it back
    return done, stats


def iter_articles(paths: Sequence[str], summary: RunSummary) -> Iterator[Article]:
    """Read every input lazily, in a deterministic order."""
    from annales.pipeline.ingest import expand_inputs, read_unit

    for unit in expand_inputs(paths):
        if unit.kind == "ignored":
            summary.ignored[unit.error or "ignored"] += 1
            continue
        for article in read_unit(unit):
            summary.read += 1
            yield article


def learn_line_stats(paths: Sequence[str]) -> Any:
    """The pre-pass over the inputs that learns each site's repeated lines (not for stdin)."""
    from annales.pipeline.extract import collect_line_stats
    from annales.pipeline.ingest import expand_inputs, read_unit

    if "-" in paths:
        return None
    return collect_line_stats(article for unit in expand_inputs(paths) for article in read_unit(unit))


class LocalExecutor:
    """Run the configured pipeline over inputs into a store, on this machine.

    Args:
        cfg: the run configuration.
        store: an open, writable store.
        progress: called with the number of documents finished after each batch.

    Example:
        >>> executor = LocalExecutor(PipelineConfig.load(None), store=Store("news.duckdb"))  # doctest: +SKIP
        >>> summary = executor.run(["examples/news"])  # doctest: +SKIP
    """

    def __init__(
        self,
        cfg: PipelineConfig,
        *,
        store: Store,
        progress: Progress | None = None,
        reprocess: Reprocess | None = None,
    ) -> None:
        self.cfg = cfg
        self.store = store
        self.progress = progress
        self.reprocess = reprocess

    def run(self, paths: Sequence[str], *, finalize: bool = True) -> RunSummary:
        """Process `paths` (files, folders, globs or "-") and store the results."""
        summary = RunSummary()
        line_stats = learn_line_stats(paths)
        summary.run_id = self.store.start_run(config=self.cfg.to_dict())
        self.store.detach()
        status = "failed"
        try:
            fresh = self._fresh_batches(iter_articles(paths, summary), summary)
            if self.cfg.run.workers == 0:
                self._run_inline(fresh, line_stats, summary)
            else:
                self._run_pool(fresh, line_stats, summary)
            if finalize:
                summary.finalize = run_finalize(self.store, self.cfg, run_id=summary.run_id)
            status = "done"
        finally:
            summary.seconds = time.perf_counter() - summary.started
            self.store.finish_run(summary.run_id, counts=summary.to_dict(), status=status)
        return summary

    def _fresh_batches(self, articles: Iterator[Article], summary: RunSummary) -> Iterator[list[Article]]:
        """Batches of the documents to process: not stored yet, or stored and to be re-processed."""
        seen: set[str] = set()
        for batch in batched(articles, self.cfg.run.batch_size):
            stored = self.store.stored_status([a.doc_id for a in batch])
            self.store.let_readers_in()
            fresh = []
            for article in batch:
                status = stored.get(article.doc_id)
                if article.doc_id in seen:
                    summary.copies += 1
                    continue
                if status is not None and not redo(status, self.reprocess):
                    summary.already_stored += 1
                    continue
                seen.add(article.doc_id)
                fresh.append(article)
            if fresh:
                yield fresh

    def _commit(self, articles: list[Article], stats: Counter[str], summary: RunSummary) -> None:
        if self.reprocess is None:
            summary.stored += self.store.write(articles, run_id=summary.run_id)
        else:
            counts = self.store.replace(articles, run_id=summary.run_id)
            summary.stored += counts.new
            summary.reprocessed += counts.replaced
            summary.repaired += counts.repaired
        self.store.let_readers_in()
        summary.add(articles)
        summary.stats.update(stats)
        if self.progress:
            self.progress(len(articles))

    def _run_inline(self, batches: Iterator[list[Article]], line_stats: Any, summary: RunSummary) -> None:
        stages = build_stages(self.cfg, context=StageContext(line_stats=line_stats))
        for batch in batches:
            done, stats = run_stages(stages, batch)
            self._commit(done, stats, summary)

    def _run_pool(self, batches: Iterator[list[Article]], line_stats: Any, summary: RunSummary) -> None:
        workers = self.cfg.run.workers
        limit = workers * self.cfg.run.max_inflight
        pool = self._new_pool(line_stats)
        pending: deque[tuple[list[Article], Future[tuple[list[Article], Counter[str]]]]] = deque()
        try:
            for batch in batches:
                pending.append((batch, pool.submit(_work, batch)))
                while len(pending) >= limit:
                    pool = self._collect(pending, pool, line_stats, summary)
            while pending:
                pool = self._collect(pending, pool, line_stats, summary)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _new_pool(self, line_stats: Any) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.cfg.run.workers,
            initializer=_init_worker,
            initargs=(self.cfg.to_dict(), line_stats),
        )

    def _collect(
        self,
        pending: deque[tuple[list[Article], Future[tuple[list[Article], Counter[str]]]]],
        pool: ProcessPoolExecutor,
        line_stats: Any,
        summary: RunSummary,
    ) -> ProcessPoolExecutor:
        batch, future = pending.popleft()
        try:
            done, stats = future.result()
        except BrokenProcessPool:
            # A worker died (out of memory, a crash in native code). Retry the batch one
            # document at a time in fresh pools; the document that kills a worker again
            # is stored with the reason "worker_crashed".
            logger.warning("a worker process died; retrying its batch one document at a time")
            pool.shutdown(wait=False, cancel_futures=True)
            retry = [a for a, _ in pending]
            pending.clear()
            pool = self._new_pool(line_stats)
            for article in batch:
                pool = self._retry_one(article, pool, line_stats, summary)
            for waiting in retry:
                pending.append((waiting, pool.submit(_work, waiting)))
            return pool
        # Batches finished behind the head go into the same write (in order, never past one
        # that failed: the next call handles that one as the head).
        while pending and len(done) < COMMIT_DOCS:
            _, following = pending[0]
            if not following.done() or following.exception() is not None:
                break
            pending.popleft()
            more, more_stats = following.result()
            done = done + more
            stats.update(more_stats)
        self._commit(done, stats, summary)
        return pool

    def _retry_one(
        self, article: Article, pool: ProcessPoolExecutor, line_stats: Any, summary: RunSummary
    ) -> ProcessPoolExecutor:
        try:
            done, stats = pool.submit(_work, [article]).result()
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = self._new_pool(line_stats)
            article.fail("worker_crashed")
            done, stats = [article], Counter({"executor.worker_crashed": 1})
        self._commit(done, stats, summary)
        return pool


def run_finalize(store: Store, cfg: PipelineConfig, *, run_id: str) -> dict[str, Any]:
    """Run the global steps (near-duplicates, stories, event merge) when available."""
    try:
        from annales.pipeline.aggregate import FinalizeOptions, finalize
    except ImportError:
        logger.info("no finalize step installed; skipping near-duplicates and stories")
        return {}
    options = FinalizeOptions(**dict(cfg.sections.get("finalize", {})))
    return dict(finalize(store, options, run_id=run_id))
