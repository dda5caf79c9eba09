"""`annales run`: ingest, extract, parse and code documents into a store."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from annales.cli.options import db_option, verbosity_option
from annales.cli.summary import format_summary
from annales.config import PipelineConfig
from annales.errors import ConfigError, InputError
from annales.executor.base import Reprocess, RunSummary

# Seconds a run waits for readers (annales serve) to let go of the store file before a
# batch write; readers hold it for one request at a time.
WRITER_LOCK_WAIT = 60.0


def run(
    paths: tuple[str, ...] | list[str],
    *,
    db: str,
    workers: int | None = None,
    config: str | None = None,
    finalize: bool = True,
    progress: bool = False,
    executor: str = "local",
    address: str | None = None,
    out: str | None = None,
    reprocess: Reprocess | None = None,
    min_confidence: float | None = None,
) -> RunSummary:
    """Run the pipeline over `paths` into the store `db` and return the summary.

    `min_confidence` keeps only events at least this confident out of the store (None stores every
    event; the outputs filter with their own `--min-confidence`).

    `executor="ray"` runs the same stages on Ray Data (`address`: None starts a local
    Ray, "auto" or "ray://host:port" joins a cluster; `out`: Parquet parts and shard
    markers, see docs/ray.md). `reprocess` ("failed" or "all") processes stored documents
    found in the inputs again and replaces them (local executor only).

    Raises:
        AnnalesError: for a bad config, an input path that does not exist (E101, E102;
            checked before the store file is created), or a store that cannot be opened
            (e.g. another run is writing to it).
        InputError: E105 when the inputs held no news a run could use (see `check_news`).
    """
    from annales.executor.local import LocalExecutor
    from annales.executor.ray_executor import RayExecutor, RayOptions
    from annales.store import Store

    if reprocess is not None and executor != "local":
        raise ConfigError("E019", "--reprocess works with the local executor only; run it without --executor ray.")
    cfg = PipelineConfig.load(config).with_run(workers=workers)
    if min_confidence is not None:
        cfg = cfg.with_section("coding", min_confidence=min_confidence)
    check_inputs(paths)
    created = db != ":memory:" and not os.path.lexists(db)
    bar = _progress_bar() if progress else None
    with Store(db, lock_wait=WRITER_LOCK_WAIT) as store:
        report = bar.update if bar is not None else None
        runner: LocalExecutor | RayExecutor = LocalExecutor(cfg, store=store, progress=report, reprocess=reprocess)
        if executor == "ray":
            runner = RayExecutor(cfg, store=store, options=RayOptions(address=address, out=out), progress=report)
        try:
            summary = runner.run(list(paths), finalize=finalize)
        except BaseException:
            if created:  # leave no empty store file behind a run that failed (issue 14)
                store.discard_if_empty()
            raise
        finally:
            if bar is not None:
                bar.close()
        if created and summary.read == 0:
            store.discard_if_empty()
    check_news(summary, paths=paths, db=db)
    return summary


def check_inputs(paths: tuple[str, ...] | list[str]) -> None:
    """Raise InputError (E101, E102) for a local path that does not exist, before any store file is made."""
    from annales.pipeline.ingest import expand_inputs

    for path in paths:
        if path != "-" and "://" not in path:
            next(iter(expand_inputs([path])), None)


def check_news(summary: RunSummary, *, paths: tuple[str, ...] | list[str], db: str) -> None:
    """Raise InputError E105 when the inputs held no news a run could use (issue 14).

    Nothing read at all (a folder of PDFs), or every document read failed and none was
    stored before: a script must not take that for success.
    """
    given = ", ".join(paths[:3]) + (" ..." if len(paths) > 3 else "")
    if summary.read == 0:
        ignored = ", ".join(f"{reason}: {n}" for reason, n in summary.ignored.most_common())
        detail = f"{sum(summary.ignored.values())} file(s) ignored ({ignored})" if ignored else "no files found"
        raise InputError(
            "E105",
            f"no news documents in {given}: {detail}. Annales reads .html .htm .txt .jsonl .warc (optionally .gz), "
            "or JSONL from '-'.",
        )
    usable = summary.ok + sum(summary.skipped.values()) + summary.already_stored
    if usable == 0:
        reasons = ", ".join(f"{reason}: {n}" for reason, n in summary.errors.most_common())
        raise InputError(
            "E105",
            f"no readable news in {given}: all {summary.read} document(s) failed ({reasons}). They are stored "
            f"in {db} with their reasons (`annales serve --db {db}` shows them).",
        )


def _progress_bar() -> Any:
    from tqdm import tqdm

    return tqdm(unit="doc", desc="documents", file=sys.stderr, dynamic_ncols=True, disable=None)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", "-w", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: CPU count; 0 = no subprocesses).")  # fmt: skip
@click.option("--config", "-c", type=click.Path(exists=True, dir_okay=False), help="TOML run configuration.")
@click.option("--no-finalize", is_flag=True, help="Skip near-duplicates, stories and event merging.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run on this machine, or on Ray Data (pip install 'annales[ray]').")  # fmt: skip
@click.option("--address", default=None, help="Ray cluster: auto or ray://HOST:PORT (default: start a local Ray).")
@click.option("--out", default=None, help="Ray: folder or URI for Parquet parts and shard markers.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
              help="Store only events at least this confident (default: store every event; the outputs "
                   "filter by their own --min-confidence).")  # fmt: skip
@click.option("--reprocess", type=click.Choice(["failed", "all"]), default=None,
              help="Process stored documents found in PATHS again and replace them: those that failed "
                   "(status error), or all.")  # fmt: skip
@verbosity_option
def command(
    paths: tuple[str, ...],
    db: str,
    workers: int | None,
    config: str | None,
    no_finalize: bool,
    as_json: bool,
    executor: str,
    address: str | None,
    out: str | None,
    reprocess: Reprocess | None,
    min_confidence: float | None,
) -> None:
    """Read news files and store documents, sentences and events.

    PATHS are files (.html .htm .txt .jsonl .warc, optionally .gz), folders (read
    recursively), globs, or - for JSONL on standard input. Re-running on the same
    input adds nothing; an interrupted run resumes where it stopped.

    \b
    Example:
        annales run examples/news --db news.duckdb
        annales run 'crawl/**/*.warc.gz' --db crawl.duckdb --workers 4
        cat dump.jsonl | annales run - --db dump.duckdb
        annales run s3://bucket/crawl/ --db crawl.duckdb --executor ray --address auto --out s3://bucket/parts/
        annales run examples/news --db news.duckdb --reprocess failed
    """
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    if executor == "local" and (address or out):
        raise click.UsageError("--address and --out need --executor ray")
    if reprocess and executor != "local":
        raise click.UsageError("--reprocess needs the local executor")
    summary = run(paths, db=db, workers=workers, config=config, finalize=not no_finalize, progress=not as_json,
                  executor=executor, address=address, out=out, reprocess=reprocess,
                  min_confidence=min_confidence)  # fmt: skip
    if as_json:
        click.echo(json.dumps(summary.to_dict(), sort_keys=True))
    else:
        click.echo(format_summary(summary, db=db))
