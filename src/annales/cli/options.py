"""Options shared by several commands, declared once (like sqlite-utils' output_options)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "annales.duckdb"
FORMATS = ("table", "jsonl", "csv", "parquet")


def db_option(func: F) -> F:
    """--db PATH: the DuckDB store."""
    return click.option(
        "--db",
        "db",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="DuckDB store file.",
    )(func)


def format_option(func: F) -> F:
    """--format table|jsonl|csv|parquet."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format (parquet needs --out).",
    )(func)


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def event_filter_options(func: F) -> F:
    """Filters on events shared by `events`, `export` and the API."""
    options = [
        click.option("--actor", help="Actor country or code prefix, e.g. USA or USA.GOV."),
        click.option("--recipient", help="Recipient country or code prefix."),
        click.option("--dyad", help="ACTOR-RECIPIENT pair, e.g. USA-RUS (either direction with --both)."),
        click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT."),
        click.option("--status", type=click.Choice(["occurred", "planned", "hypothetical", "requested"])),
        click.option("--since", callback=parse_date, help="Event date on or after YYYY-MM-DD."),
        click.option("--until", callback=parse_date, help="Event date on or before YYYY-MM-DD."),
        click.option("--min-sources", type=click.IntRange(min=1), default=None, help="At least N distinct sources."),
        click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N rows."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def verbosity_option(func: F) -> F:
    """-v / -vv: INFO / DEBUG logging to stderr."""

    @click.option("-v", "--verbose", count=True, help="-v for progress details, -vv for debugging.")
    @functools.wraps(func)
    def wrapper(*args: Any, verbose: int = 0, **kwargs: Any) -> Any:
        level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
