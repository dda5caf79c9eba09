"""`annales stories`: list the stories of a store (documents grouped by event)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import sys

import click

from annales.cli.options import db_option, parse_date, verbosity_option
from annales.pipeline.aggregate.queries import StoryRow, list_stories

_TABLE_COLUMNS = ("story_id", "date_start", "date_end", "n_documents", "n_events", "title")


def stories(
    db: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_documents: int = 1,
    limit: int | None = None,
) -> list[StoryRow]:
    """The stories of the store `db` (see `list_stories`).

    Raises:
        StoreError: when the store does not exist or cannot be opened.
    """
    from annales.store.store import Store

    with Store(db, read_only=True) as store:
        return list_stories(store, since=since, until=until, min_documents=min_documents, limit=limit)


def render(rows: list[StoryRow], fmt: str) -> str:
    """Rows as an aligned table, JSON lines or CSV."""
    if fmt == "jsonl":
        return "".join(json.dumps(row.as_dict(), ensure_ascii=False) + "\n" for row in rows)
    dicts = [row.as_dict() for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[f.name for f in dataclasses.fields(StoryRow)], lineterminator="\n")
        writer.writeheader()
        for row in dicts:
            writer.writerow({**row, "sources": ";".join(row["sources"])})
        return out.getvalue()
    cells = [[str(row[c] if row[c] is not None else "") for c in _TABLE_COLUMNS] for row in dicts]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(_TABLE_COLUMNS[:-1])]
    lines = ["  ".join(c.ljust(w) for c, w in zip(_TABLE_COLUMNS[:-1], widths, strict=True)) + "  title"]
    for r in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1][:80])
    return "\n".join(lines) + "\n"


@click.command(name="stories")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True,
              help="Output format.")  # fmt: skip
@click.option("--since", callback=parse_date, help="Stories ending on or after YYYY-MM-DD.")
@click.option("--until", callback=parse_date, help="Stories starting on or before YYYY-MM-DD.")
@click.option("--min-documents", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only stories with at least N documents.")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N stories.")
@verbosity_option
def command(
    db: str, fmt: str, since: dt.date | None, until: dt.date | None, min_documents: int, limit: int | None
) -> None:
    """List stories: documents about the same event or chain of events, largest first.

    Each story shows its id (the doc_id of its first document), date range, number of
    documents and events, and the title of its earliest document.

    \b
    Example:
        annales stories --db news.duckdb --min-documents 2
        annales stories --db news.duckdb --format jsonl --since 2013-02-01 | jq .title
    """
    rows = stories(db, since=since, until=until, min_documents=min_documents, limit=limit)
    sys.stdout.write(render(rows, fmt))
