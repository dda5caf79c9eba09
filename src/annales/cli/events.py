"""`annales events` (list events) and `annales event ID` (one event with every mention)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from annales.cli.options import db_option, event_filter_options, format_option, verbosity_option
from annales.pipeline.aggregate.counts import UNNAMED
from annales.store.export import export_events
from annales.store.queries import EventFilter, event_detail, iter_event_rows
from annales.store.store import Store

TABLE_LIMIT = 50  # rows `--format table` shows when no --limit is given


def build_filter(
    *,
    actor: str | None,
    recipient: str | None,
    dyad: str | None,
    event_type: str | None,
    status: str | None,
    since: dt.date | None,
    until: dt.date | None,
    min_sources: int | None,
) -> EventFilter:
    """The EventFilter of the shared CLI filter options (raises ConfigError on conflicts)."""
    return EventFilter(
        actor=actor, recipient=recipient, dyad=dyad, type=event_type, status=status,
        since=since, until=until, min_sources=min_sources,
    )  # fmt: skip


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: list[dict[str, Any]]) -> str:
    """Events as an aligned plain-text table (date, id, actor, type, recipient, ...)."""
    columns = (("date", 10), ("event_id", 16), ("actor_code", 10), ("type", 10), ("recipient_code", 10),
               ("goldstein", 6), ("n_sources", 4), ("sentence", 60))  # fmt: skip
    header = "  ".join(name[:width].ljust(width) for name, width in columns)
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append("  ".join(_cell(row.get(name), width).ljust(width) for name, width in columns).rstrip())
    return "\n".join(lines)


def list_events_cli(db: str, flt: EventFilter, *, fmt: str, out: Path | None, limit: int | None) -> int:
    """Write the events matching `flt` to `out` or stdout; return how many."""
    with Store(db, read_only=True) as store:
        if fmt == "table":
            rows = list(iter_event_rows(store.con, flt, limit=limit or TABLE_LIMIT))
            text = format_table(rows)
            if out is not None:
                out.write_text(text + "\n", encoding="utf-8")
            else:
                click.echo(text)
            return len(rows)
        return export_events(store.con, flt, fmt=fmt, out=out, stream=sys.stdout, limit=limit)


@click.command(name="events")
@db_option
@format_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
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
    """List events (real-world events; mentions merged), filtered on the event date.

    \b
    Example:
        annales events --db news.duckdb --dyad USA-RUS --since 2014-01-01
        annales events --db news.duckdb --type CONSULT --format jsonl --out consult.jsonl
    """
    flt = build_filter(
        actor=actor, recipient=recipient, dyad=dyad, event_type=event_type, status=status,
        since=since, until=until, min_sources=min_sources,
    )  # fmt: skip
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE.parquet")
    count = list_events_cli(db, flt, fmt=fmt, out=out, limit=limit)
    if out is not None or fmt == "table":
        click.echo(f"{count} event(s)", err=True)


def format_event(detail: dict[str, Any]) -> str:
    """One event and its mentions as readable text; the coded span is shown in [brackets]."""
    event = detail["event"]
    actor = (event["actor"] or {}).get("code") or "?"
    recipient = (event["recipient"] or {}).get("code") or "-"
    place = (event["place"] or {}).get("name") or "-"
    lines = [
        f"{event['event_id']}  {actor} {event['type']} {recipient}  date {event['date'] or 'undated'}",
        f"  CAMEO {event['cameo']}  Goldstein {event['goldstein']}  quad {event['quad']}  status {event['status']}"
        f"{'  negated' if event['negated'] else ''}  place {place}",
        f"  {_counts_line(event)}",
        "",
    ]
    by_id = {mention["mention_id"]: mention for mention in detail["mentions"]}
    for mention in detail["mentions"]:
        sentence, span = mention["sentence"], mention["highlight"]
        if span:
            sentence = f"{sentence[: span[0]]}[{sentence[span[0] : span[1]]}]{sentence[span[1] :]}"
        lines.append(f"- {sentence}")
        group = mention["source_key"].removeprefix(UNNAMED)
        source = mention["source"] or f"no named source (counted as copy group {group})"
        lines.append(
            f"  {mention['title'] or mention['uri']} | published {mention['published'] or 'unknown'} | "
            f"{source} | {mention['doc_id']}"
        )
        if mention["repeat_of"] in by_id:  # not counted again in the mentions (issue 14)
            lines.append(f"  (repeats the mention in {by_id[mention['repeat_of']]['doc_id']}, a copy: not counted)")
    return "\n".join(lines)


def _counts_line(event: dict[str, Any]) -> str:
    """The counts of an event, saying how they relate to the mentions listed below them."""
    repeats = event["n_listed"] - event["n_mentions"]
    listed = f" ({event['n_listed']} listed, {repeats} of them repeating a copy's sentence)" if repeats else ""
    return f"{event['n_mentions']} mention(s){listed}, {event['n_articles']} article(s), {event['n_sources']} source(s)"


@click.command(name="event")
@db_option
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True, help="Print the event and its mentions as JSON.")
@verbosity_option
def event_command(db: str, event_id: str, as_json: bool) -> None:
    """Show one event with every mention: sentence (span in brackets), document, date, source.

    \b
    Example:
        annales event --db news.duckdb 3f2a9c0d1e7b
    """
    with Store(db, read_only=True) as store:
        detail = event_detail(store.con, event_id)
    if detail is None:
        raise click.ClickException(f"no event {event_id!r} in {db}; list them with `annales events --db {db}`")
    click.echo(json.dumps(detail, ensure_ascii=False, indent=2) if as_json else format_event(detail))
