"""`annales export`: events as CSV, JSONL, Parquet, GDELT 2.0 (TSV) or PLOVER (JSONL)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annales.cli.options import db_option, event_filter_options, verbosity_option
from annales.store.export import EXPORT_FORMATS, UNDATED, ExportReport, export_events
from annales.store.queries import EventFilter
from annales.store.store import Store

_FORMAT_HELP = (
    "csv/jsonl/parquet: our event schema; gdelt: GDELT 2.0 event table (61 TSV columns, no header); "
    "plover: PLOVER JSON lines with the manual's data fields; plover-flat: flat POLECAT-style JSON lines."
)


def export_cli(db: str, flt: EventFilter, *, fmt: str, out: Path | None, limit: int | None) -> ExportReport:
    """Export the events of store `db` matching `flt` to `out` (stdout when None); return the report."""
    report = ExportReport()
    with Store(db, read_only=True) as store:
        export_events(store.con, flt, fmt=fmt, out=out, stream=sys.stdout, limit=limit, report=report)
    return report


def report_lines(report: ExportReport, *, fmt: str, out: Path | None) -> list[str]:
    """What `annales export` says on stderr: where it wrote, and what the format could not hold."""
    lines = [f"wrote {report.written} event(s) to {out}"] if out is not None else []
    undated = report.left_out.get(UNDATED, 0)
    if undated:
        lines.append(f"left out {undated} undated event(s): {fmt} needs a date (jsonl, csv and parquet keep them)")
    return lines


@click.command(name="export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help=_FORMAT_HELP)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default stdout).")
@event_filter_options
@verbosity_option
def command(db: str, fmt: str, out: Path | None, flt: EventFilter, limit: int | None) -> None:
    """Export events for other tools; streams, so any store size fits in memory.

    GDELT and PLOVER need a date: undated events are left out of them, and counted.

    \b
    Example:
        annales export --db news.duckdb --format gdelt --out events.tsv
        annales export --db news.duckdb --format plover --dyad USA-RUS --both > usa-rus.jsonl
        annales export --db news.duckdb --format csv --min-confidence 0.8 --out confident.csv
    """
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE.parquet")
    report = export_cli(db, flt, fmt=fmt, out=out, limit=limit)
    for line in report_lines(report, fmt=fmt, out=out):
        click.echo(line, err=True)
