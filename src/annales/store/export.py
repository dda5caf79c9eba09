"""Exporting events in the formats researchers use: CSV, JSONL, Parquet, GDELT 2.0 and PLOVER.

Every format streams: rows come from DuckDB in batches (`fetchmany`, or Arrow record batches for
Parquet) and are written as they come, so an export never holds all events.

- csv, parquet: the flat columns of our event schema (`FLAT_COLUMNS`); jsonl: the stable event
  schema (docs/events.md). These keep every event.
- gdelt: the 61 columns of GDELT's 2.0 event table (`annales.store.export_gdelt`).
- plover: PLOVER records with the manual's data fields (`annales.store.export_plover`);
  plover-flat: the flat POLECAT-style layout `plover` wrote before.
GDELT and PLOVER require a date: undated events are left out of them and counted in the
`ExportReport`, which `annales export` prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

import duckdb

from annales.errors import ConfigError
from annales.store.export_gdelt import GDELT_COLUMNS, gdelt_row, global_event_id
from annales.store.export_plover import plover_flat_json, plover_record
from annales.store.queries import (
    EventFilter,
    event_json,
    events_frame_sql,
)

logger = logging.getLogger(__name__)

ExportFormat = Literal["csv", "jsonl", "parquet", "gdelt", "plover", "plover-flat"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet", "gdelt", "plover", "plover-flat")
UNDATED = "undated"  # the reason GDELT and PLOVER leave an event out

# Flat columns of CSV and Parquet: the stable event schema with objects spread out.
FLAT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "doc_uri", "sentence", "span_start", "span_end",
    "actor_text", "actor_code", "actor_country", "actor_sector", "actor_name", "actor_source",
    "recipient_text", "recipient_code", "recipient_country", "recipient_sector", "recipient_name",
    "recipient_source", "type", "mode", "contexts", "cameo", "goldstein", "quad", "status", "negated", "confidence",
    "published", "date", "date_end", "date_source", "granularity",
    "place_name", "place_feature", "place_country", "place_lat", "place_lon",
    "n_mentions", "n_articles", "n_sources",
)  # fmt: skip

# Provenance some formats need beyond `ROW_COLUMNS` (columns, joins), kept to what each format
# uses because every join costs on a million events: the document's own source name
# (`ROW_COLUMNS.source` falls back on the site, which for a local file is its folder) and the run
# that stored it (GDELT's DATEADDED); for PLOVER also the sentence's offset (spans within the
# sentence), the place's GeoNames id (when the representative mention has the event's place)
# and the document's language.
_SOURCE_AND_RUN = ("d.source AS doc_source, r.started AS run_started", "LEFT JOIN runs r ON r.run_id = d.run_id")
_PROVENANCE: dict[str, tuple[str, str]] = {
    "gdelt": _SOURCE_AND_RUN,
    "plover-flat": _SOURCE_AND_RUN,
    "plover": (
        f"""{_SOURCE_AND_RUN[0]}, s.start_char AS sent_start, d.language AS doc_language,
        CASE WHEN m.place_name IS NOT DISTINCT FROM ev.place_name THEN m.place_geonameid END AS place_geonameid,
        r.version AS run_version, json_extract_string(r.config, '$.coding.stage') AS run_coder""",
        f"""{_SOURCE_AND_RUN[1]}
        LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sent_index = m.sent_index""",
    ),
}

__all__ = [
    "EXPORT_FORMATS", "FLAT_COLUMNS", "GDELT_COLUMNS", "UNDATED", "ExportReport", "export_events", "export_rows_sql",
    "flat_row", "global_event_id",
]  # fmt: skip


@dataclass(slots=True)
class ExportReport:
    """What an export wrote, and what it left out by reason (e.g. {"undated": 2} for GDELT)."""

    written: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """A full event row reduced to FLAT_COLUMNS (dates as ISO strings, contexts joined by ';')."""
    flat = {name: row.get(name) for name in FLAT_COLUMNS}
    flat["contexts"] = ";".join(row.get("contexts") or [])
    for name in ("published", "date", "date_end"):
        value = flat[name]
        flat[name] = value.isoformat() if isinstance(value, dt.date) else None
    return flat


def export_rows_sql(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, fmt: str = "plover", limit: int | None = None
) -> tuple[str, list[Any]]:
    """SQL and parameters selecting `flt`'s events as full rows for format `fmt`.

    The rows of `events_frame_sql` (same order: event date, then id), plus what `fmt` needs:
    gdelt and plover-flat `doc_source` and `run_started`; plover also `sent_start`,
    `place_geonameid`, `doc_language`, `run_version` and `run_coder`.
    """
    columns, joins = _PROVENANCE.get(fmt, ("", ""))
    return events_frame_sql(con, flt, limit=limit, columns=columns, joins=joins)


def _iter_rows(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, fmt: str, limit: int | None
) -> Iterator[dict[str, Any]]:
    sql, params = export_rows_sql(con, flt, fmt=fmt, limit=limit)
    result = con.execute(sql, params)
    names = [d[0] for d in result.description or ()]
    while batch := result.fetchmany(10_000):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def _write_csv(rows: Iterator[dict[str, Any]], stream: TextIO, report: ExportReport) -> None:
    writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(flat_row(row))
        report.written += 1


def _write_gdelt(rows: Iterator[dict[str, Any]], stream: TextIO, report: ExportReport) -> None:
    for row in rows:
        fields = gdelt_row(row)
        if fields is None:
            report.left_out[UNDATED] += 1
            continue
        stream.write("\t".join(fields) + "\n")
        report.written += 1


def _write_json(
    rows: Iterator[dict[str, Any]], stream: TextIO, report: ExportReport, encode: Callable[[dict[str, Any]], Any]
) -> None:
    for row in rows:
        record = encode(row)
        if record is None:
            report.left_out[UNDATED] += 1
            continue
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        report.written += 1


def _write_text(rows: Iterator[dict[str, Any]], stream: TextIO, fmt: str, report: ExportReport) -> None:
    if fmt == "csv":
        _write_csv(rows, stream, report)
    elif fmt == "gdelt":
        _write_gdelt(rows, stream, report)
    else:
        encoders: dict[str, Callable[[dict[str, Any]], Any]] = {
            "jsonl": event_json, "plover": plover_record, "plover-flat": plover_flat_json,
        }  # fmt: skip
        _write_json(rows, stream, report, encoders[fmt])


def _write_parquet(con: duckdb.DuckDBPyConnection, flt: EventFilter, out: Path, limit: int | None) -> int:
    import pyarrow.parquet as pq

    sql, params = events_frame_sql(con, flt, limit=limit)
    columns = ", ".join(FLAT_COLUMNS)
    count = 0
    # A cursor of its own: the relation API refuses a connection with an unfinished result.
    with con.cursor() as cursor:
        reader = cursor.sql(f"SELECT {columns} FROM ({sql})", params=params).to_arrow_reader(50_000)
        with pq.ParquetWriter(out, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                count += batch.num_rows
    return count


def export_events(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    *,
    fmt: str,
    out: Path | None = None,
    stream: TextIO | None = None,
    limit: int | None = None,
    report: ExportReport | None = None,
) -> int:
    """Write the events matching `flt` in format `fmt`; return how many were written.

    Args:
        con: a connection or cursor on the store (read-only is enough).
        flt: which events.
        fmt: one of EXPORT_FORMATS.
        out: file to write (required for parquet; text formats write UTF-8).
        stream: text stream to write when `out` is None (e.g. stdout).
        limit: at most this many events (selected before undated ones are left out).
        report: filled with the count written and the events left out by reason.

    Returns:
        The number of events written.

    Raises:
        ConfigError: unknown format, or parquet/no destination without `out`.

    Example:
        >>> flt = EventFilter(dyad="USA-RUS")
        >>> export_events(store.con, flt, fmt="gdelt", out=Path("usa-rus.tsv"))  # doctest: +SKIP
    """
    report = report if report is not None else ExportReport()
    if fmt not in EXPORT_FORMATS:
        raise ConfigError("E030", f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ConfigError("E031", "parquet is binary: give --out FILE.parquet")
        report.written = _write_parquet(con, flt, out, limit)
        return report.written
    if out is None and stream is None:
        raise ConfigError("E032", "give a file (--out) or a stream to export to")
    rows = _iter_rows(con, flt, fmt, limit)
    if out is not None:
        with out.open("w", encoding="utf-8", newline="") as handle:
            _write_text(rows, handle, fmt, report)
    else:
        assert stream is not None
        _write_text(rows, stream, fmt, report)
    if report.left_out:
        logger.info("export %s left out %s", fmt, dict(report.left_out))
    return report.written
