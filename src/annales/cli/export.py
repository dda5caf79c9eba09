"""`annales export`: events as CSV, JSONL, Parquet, GDELT 2.0 (TSV) or PLOVER (JSONL)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from annales.cli.events import build_filter
from annales.cli.options import db_option, event_filter_options, verbosity_option
from annales.store.export import EXPORT_FORMATS, export_events
from annales.store.store import Store


@click.command(name="export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv/jsonl/parquet: our event schema; gdelt: GDELT 2.0 event table (61 TSV columns, no "
                   "header); plover: PLOVER/POLECAT JSON lines.")  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default stdout).")
@event_filter_options
@verbosity_option
def command(
    db: str,
    fmt: str,
    out: Path | None,
    actor: str | None,
    recipient: str | None,
    dyad: str | None,
    event_type: str | None,
    status: str | None,
    since: dt.date | None,
    until: dt.date | None,
    min_sources: int | None,
    limit: int | None,
) -> None:
    """Export events for other tools; streams, so any store size fits in memory.

    \b
    Example:
        annales export --db news.duckdb --format gdelt --out events.tsv
        annales export --db news.duckdb --format plover --dyad USA-RUS > usa-rus.jsonl
    """
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE.parquet")
    flt = build_filter(
        actor=actor, recipient=recipient, dyad=dyad, event_type=event_type, status=status,
        since=since, until=until, min_sources=min_sources,
    )  # fmt: skip
    with Store(db, read_only=True) as store:
        count = export_events(store.con, flt, fmt=fmt, out=out, stream=sys.stdout, limit=limit)
    if out is not None:
        click.echo(f"wrote {count} event(s) to {out}", err=True)
