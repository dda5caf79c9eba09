"""Options shared by several commands, declared once (like sqlite-utils' output_options)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import click

from annales import codes
from annales.codes import parse_plover_type
from annales.store.queries import EventFilter

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


def parse_event_type(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--type: a PLOVER type, case-insensitive; an unknown one fails with a suggestion."""
    if value is None:
        return None
    try:
        return parse_plover_type(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def build_filter(
    *,
    actor: str | None = None,
    recipient: str | None = None,
    dyad: str | None = None,
    both: bool = False,
    event_type: str | None = None,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_sources: int | None = None,
    min_confidence: float | None = None,
) -> EventFilter:
    """The EventFilter of the shared CLI filter options (raises ConfigError on conflicts).

    `min_confidence` None means the package default, `codes.DEFAULT_MIN_CONFIDENCE`; 0 keeps all.
    """
    confidence = codes.DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    return EventFilter(
        actor=actor, recipient=recipient, dyad=dyad, both=both, type=event_type, status=status,
        since=since, until=until, min_sources=min_sources, min_confidence=confidence or None,
    )  # fmt: skip


_FILTER_OPTIONS = [
    click.option("--actor", help="Actor country or code prefix, e.g. USA or USA.GOV."),
    click.option("--recipient", help="Recipient country or code prefix."),
    click.option("--dyad", help="ACTOR-RECIPIENT pair, e.g. USA-RUS (either direction with --both)."),
    click.option("--both", is_flag=True,
                 help="Either direction: --dyad USA-RUS also gives RUS -> USA; --actor USA alone gives events "
                      "with USA as actor or recipient."),
    click.option("--type", "event_type", callback=parse_event_type, metavar="TYPE",
                 help="PLOVER event type, any case, e.g. consult (AGREE CONSULT SUPPORT CONCEDE COOPERATE AID "
                      "RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT)."),
    click.option("--status", type=click.Choice(["occurred", "planned", "hypothetical", "requested"])),
    click.option("--since", callback=parse_date, help="Event date on or after YYYY-MM-DD."),
    click.option("--until", callback=parse_date, help="Event date on or before YYYY-MM-DD."),
    click.option("--min-sources", type=click.IntRange(min=1), default=None, help="At least N distinct sources."),
    click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="P",
                 help=f"Confidence at least P, 0-1 (default {codes.DEFAULT_MIN_CONFIDENCE:g}; 0 keeps every event)."),
    click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N rows."),
]  # fmt: skip
_FILTER_NAMES = ("actor", "recipient", "dyad", "both", "event_type", "status", "since", "until", "min_sources",
                 "min_confidence")  # fmt: skip


def event_filter_options(func: F) -> F:
    """Filters on events shared by `events` and `export`: the command gets `flt` (an EventFilter) and `limit`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        flt = build_filter(**{name: kwargs.pop(name) for name in _FILTER_NAMES})
        return func(*args, flt=flt, **kwargs)

    for option in reversed(_FILTER_OPTIONS):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def verbosity_option(func: F) -> F:
    """-v / -vv: INFO / DEBUG logging to stderr."""

    @click.option("-v", "--verbose", count=True, help="-v for progress details, -vv for debugging.")
    @functools.wraps(func)
    def wrapper(*args: Any, verbose: int = 0, **kwargs: Any) -> Any:
        level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
