"""`annales events` (list events) and `annales event ID` (one event with every mention)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import duckdb

from annales.cli.options import db_option, event_filter_options, format_option, verbosity_option
from annales.pipeline.aggregate.counts import UNNAMED
from annales.store.export import export_events
from annales.store.queries import EventFilter, event_detail, event_where, events_cte, iter_event_rows
from annales.store.store import Store

TABLE_LIMIT = 50  # rows `--format table` shows when no --limit is given
# (row key, header, width); width 0: as wide as the longest value (ids are never cut).
_TABLE_COLUMNS = (("date", "date", 10), ("event_id", "event id", 0), ("actor_code", "actor", 10),
                  ("type", "type", 9), ("recipient_code", "recipient", 10), ("goldstein", "goldstein", 9),
                  ("n_sources", "sources", 7), ("sentence", "sentence", 60))  # fmt: skip


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many events match `flt` (what a listing of them would show without a limit)."""
    where = event_where(flt)
    row = con.execute(f"WITH {events_cte(con)} SELECT count(*) FROM ev {where.sql}", where.params).fetchone()
    return int(row[0]) if row else 0


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor_cell(row: dict[str, Any], prefix: str) -> str:
    # An unresolved actor shows its text in quotes, so that it never reads as a code.
    code, text = row.get(f"{prefix}_code"), row.get(f"{prefix}_text")
    return code or (f'"{text}"' if text else "-")


def format_table(rows: list[dict[str, Any]]) -> str:
    """Events as an aligned plain-text table; event ids are never cut (`annales event ID` takes them)."""
    id_width = max([len("event id"), *(len(row["event_id"]) for row in rows)])
    columns = [(key, header, width or id_width) for key, header, width in _TABLE_COLUMNS]
    header = "  ".join(title.ljust(width) for _, title, width in columns).rstrip()
    lines = [header, "-" * len(header)]
    for row in rows:
        values = {**row, "actor_code": _actor_cell(row, "actor"), "recipient_code": _actor_cell(row, "recipient")}
        cells = [_cell(values.get(key), width).ljust(width) for key, _, width in columns]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def table_footer(shown: int, total: int, *, below: int = 0, min_confidence: float | None = None) -> str:
    """What the table shows of the whole: "showing 50 of 89 events (oldest first; --limit N for more)",
    and how many more the minimum confidence left out (`below` of them)."""
    if shown >= total:
        text = f"{total} event{'s' if total != 1 else ''}"
    else:
        text = f"showing {shown} of {total} events (oldest first; --limit N for more, --format csv for all)"
    if below and min_confidence:
        text += f"; {below} more below --min-confidence {min_confidence:g} (--min-confidence 0 lists them)"
    return text


def list_events_cli(
    db: str, flt: EventFilter, *, fmt: str, out: Path | None, limit: int | None
) -> tuple[int, int, int]:
    """Write the events matching `flt` to `out` or stdout; return (written, total matching, how many more
    match all but the minimum confidence).

    The totals are counted only for the table (other formats write every event unless --limit).
    """
    with Store(db, read_only=True) as store:
        if fmt != "table":
            count = export_events(store.con, flt, fmt=fmt, out=out, stream=sys.stdout, limit=limit)
            return count, count, 0
        rows = list(iter_event_rows(store.con, flt, limit=limit or TABLE_LIMIT))
        total = count_events(store.con, flt) if len(rows) == (limit or TABLE_LIMIT) else len(rows)
        below = count_events(store.con, replace(flt, min_confidence=None)) - total if flt.min_confidence else 0
    text = format_table(rows)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    return len(rows), total, below


@click.command(name="events")
@db_option
@format_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@event_filter_options
@verbosity_option
def command(db: str, fmt: str, out: Path | None, flt: EventFilter, limit: int | None) -> None:
    """List events (real-world events; mentions merged), filtered on the event date.

    The table shows the first 50 events by date and says how many match; each id is
    the full id `annales event ID` takes.

    \b
    Example:
        annales events --db news.duckdb --dyad USA-RUS --both --since 2014-01-01
        annales events --db news.duckdb --type consult --min-confidence 0.7 --format jsonl --out consult.jsonl
    """
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE.parquet")
    written, total, below = list_events_cli(db, flt, fmt=fmt, out=out, limit=limit)
    if fmt == "table":
        click.echo(table_footer(written, total, below=below, min_confidence=flt.min_confidence), err=True)
    elif out is not None:
        click.echo(f"wrote {written} event(s) to {out}", err=True)


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


def find_event_id(con: duckdb.DuckDBPyConnection, ident: str) -> tuple[str | None, list[str]]:
    """The event `ident` names, and the candidates when it is ambiguous.

    `ident` may be an event id as listed, the id of one of its mentions (from `annales code`
    or `--json` output), or the start of an event id (at least 6 characters, like git).

    Returns:
        (event id or None, the event ids it could mean when it names several or none exactly).
    """
    cte = events_cte(con)
    if con.execute(f"WITH {cte} SELECT 1 FROM ev WHERE event_id = ?", [ident]).fetchone():
        return ident, []
    merged = con.execute(
        "SELECT merged_id FROM events WHERE event_id = ? AND merged_id IS NOT NULL", [ident]
    ).fetchone()
    if merged:
        return str(merged[0]), []
    if len(ident) < 6:
        return None, []
    found = con.execute(
        f"WITH {cte} SELECT event_id FROM ev WHERE starts_with(event_id, ?) ORDER BY event_id LIMIT 6",
        [ident],
    ).fetchall()
    ids = [str(row[0]) for row in found]
    return (ids[0], []) if len(ids) == 1 else (None, ids)


@click.command(name="event")
@db_option
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True, help="Print the event and its mentions as JSON.")
@verbosity_option
def event_command(db: str, event_id: str, as_json: bool) -> None:
    """Show one event with every mention: sentence (span in brackets), document, date, source.

    EVENT_ID is an id from `annales events`, a mention's id, or the first characters of an id.

    \b
    Example:
        annales event --db news.duckdb m3f2a9c0d1e7b4a55
        annales event --db news.duckdb m3f2a9 --json
    """
    with Store(db, read_only=True) as store:
        found, candidates = find_event_id(store.con, event_id)
        detail = event_detail(store.con, found) if found is not None else None
    if detail is None:
        hint = f"it could be {', '.join(candidates)}" if candidates else f"list them with `annales events --db {db}`"
        raise click.ClickException(f"no event {event_id!r} in {db}; {hint}")
    click.echo(json.dumps(detail, ensure_ascii=False, indent=2) if as_json else format_event(detail))
