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
from annales.executor.base import RunSummary

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
) -> RunSummary:
    """Run the pipeline over `paths` into the store `db` and return the summary.

    `executor="ray"` runs the same stages on Ray Data (`address`: None starts a local
    Ray, "auto" or "ray://host:port" joins a cluster; `out`: Parquet parts and shard
    markers, see docs/ray.md).

    Raises:
        AnnalesError: for a bad config, an input path that does not exist, or a store
            that cannot be opened (e.g. another run is writing to it).
    """
    from annales.executor.local import LocalExecutor
    from annales.executor.ray_executor import RayExecutor, RayOptions
    from annales.store import Store

    cfg = PipelineConfig.load(config).with_run(workers=workers)
    bar = _progress_bar() if progress else None
    with Store(db, lock_wait=WRITER_LOCK_WAIT) as store:
        report = bar.update if bar is not None else None
        runner: LocalExecutor | RayExecutor = LocalExecutor(cfg, store=store, progress=report)
        if executor == "ray":
            runner = RayExecutor(cfg, store=store, options=RayOptions(address=address, out=out), progress=report)
        try:
            return runner.run(list(paths), finalize=finalize)
        finally:
            if bar is not None:
                bar.close()


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
    """
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    if executor == "local" and (address or out):
        raise click.UsageError("--address and --out need --executor ray")
    summary = run(paths, db=db, workers=workers, config=config, finalize=not no_finalize, progress=not as_json,
                  executor=executor, address=address, out=out)  # fmt: skip
    if as_json:
        click.echo(json.dumps(summary.to_dict(), sort_keys=True))
    else:
        click.echo(format_summary(summary, db=db))
