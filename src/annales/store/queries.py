"""Read queries over the store, shared by the CLI, the HTTP API, the exports and notebooks.

The user-facing "event" is the real-world event of `merged_events`. Until the finalize step
has filled that table, every `events` row (one mention) stands as its own event: the
relation `ev` (see `events_cte`) unions both, so every query here works before and after finalize.

Every user value reaches DuckDB as a bound parameter; the only SQL built from strings is
picked from fixed whitelists (sort keys). Aggregates scan the events once per shape (by day,
by dyad) and fold the small results in Python, which keeps a million-event store interactive.

`event_json` maps a row to the stable event schema documented in docs/events.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import duckdb

from annales.errors import ConfigError
from annales.store.cursors import decode_cursor, encode_cursor

Granularity = Literal["day", "week", "month", "year"]
SortKey = Literal["date", "goldstein", "n_sources", "n_mentions", "confidence", "type"]
SORT_KEYS: tuple[str, ...] = ("date", "goldstein", "n_sources", "n_mentions", "confidence", "type")
MAX_PAGE_SIZE = 500

# Every real-world event: `merged_events` rows, then the mentions that finalize has not
# (yet) merged, each as its own event. `events_cte` picks the cheapest form for the store.
_EVENT_COLUMNS = (
    "type, mode, cameo, goldstein, quad, actor_code, actor_country, actor_name, recipient_code, "
    "recipient_country, recipient_name, status, negated, confidence, date, date_end, date_source, "
    "granularity, place_name, place_country, place_lat, place_lon"
)
_MERGED = f"""SELECT merged_id AS event_id, {_EVENT_COLUMNS}, n_mentions, n_articles, n_sources, first_event_id,
    story_id FROM merged_events"""
_UNMERGED = f"""SELECT event_id, {_EVENT_COLUMNS}, 1 AS n_mentions, 1 AS n_articles, 1 AS n_sources,
    event_id AS first_event_id, story_id FROM events"""
EVENTS_CTE = f"ev AS ({_MERGED} UNION ALL {_UNMERGED} WHERE merged_id IS NULL)"
_MERGED_CTE = f"ev AS ({_MERGED})"
_RAW_CTE = f"ev AS ({_UNMERGED})"


def events_cte(con: duckdb.DuckDBPyConnection) -> str:
    """The `ev` relation for this store: merged events, raw mentions, or both (always correct).

    Before finalize only mentions exist; after it usually every mention is merged. Both
    checks are cheap (a count from metadata and an early-exit probe), and skipping the
    union halves the cost of every query on a large store.
    """
    merged = con.execute("SELECT count(*) FROM merged_events").fetchone()
    if not merged or not merged[0]:
        return _RAW_CTE
    unmerged = con.execute("SELECT count(*) FROM (SELECT 1 FROM events WHERE merged_id IS NULL LIMIT 1)").fetchone()
    return EVENTS_CTE if unmerged and unmerged[0] else _MERGED_CTE


# The columns of a full event row: the event, plus its representative mention and document.
ROW_COLUMNS = """ev.event_id, m.doc_id, d.uri AS doc_uri, d.url AS doc_url, d.title AS doc_title,
    coalesce(d.source, d.site) AS source, m.sentence, m.sent_index, m.span_start, m.span_end, m.trigger,
    m.actor_text, ev.actor_code, ev.actor_country, m.actor_sector, ev.actor_name,
    m.recipient_text, ev.recipient_code, ev.recipient_country, m.recipient_sector, ev.recipient_name,
    m.actor_source, m.recipient_source, ev.type, ev.mode, m.contexts, ev.cameo, ev.goldstein, ev.quad, ev.status,
    ev.negated, ev.confidence,
    m.published, ev.date, ev.date_end, ev.date_source, ev.granularity,
    ev.place_name, m.place_feature, ev.place_country, ev.place_lat, ev.place_lon,
    ev.n_mentions, ev.n_articles, ev.n_sources, ev.story_id"""
ROW_JOINS = "LEFT JOIN events m ON m.event_id = ev.first_event_id LEFT JOIN documents d ON d.doc_id = m.doc_id"

# Sort key -> (SQL expression without NULLs, kind of its cursor value). NULLs sort as the
# smallest value so that keyset paging never meets a NULL.
_SORT_SQL: dict[str, tuple[str, str]] = {
    "date": ("coalesce(date, DATE '0001-01-01')", "date"),
    "goldstein": ("coalesce(goldstein, -99.0)", "float"),
    "n_sources": ("n_sources", "int"),
    "n_mentions": ("n_mentions", "int"),
    "confidence": ("coalesce(confidence, -1.0)", "float"),
    "type": ("type", "str"),
}
_BUCKETS: dict[str, str] = {"day": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to select; every field is optional and all given ones must hold.

    Args:
        actor: actor country or code prefix, e.g. "USA" or "USA.GOV".
        recipient: recipient country or code prefix.
        dyad: "ACTOR-RECIPIENT", e.g. "USA-RUS" (sets actor and recipient).
        both: either direction: actor and recipient may swap roles ("USA-RUS" also matches
            RUS -> USA); with only an actor (or only a recipient), that actor on either side.
        type: PLOVER event type, e.g. "CONSULT".
        status: "occurred", "planned", "hypothetical" or "requested".
        negated: keep only negated (True) or only affirmed (False) events.
        since: event date on or after this day (the event date, not publication).
        until: event date on or before this day.
        place: place name (case-insensitive) or ISO alpha-3 country of the place.
        min_sources: at least this many distinct sources.
        min_confidence: confidence at least this.
        story_id: events of one story.
        doc_id: events with a mention in one document.
        both: match actor and recipient in either direction (A→B or B→A); with only an
            actor (or only a recipient), events where it is actor or recipient.
        text: a mention's sentence contains this text (case-insensitive, taken literally).
        quad: quad class 1..4 (verbal/material cooperation, verbal/material conflict).
        bbox: (south, west, north, east) in degrees around the event place; west > east
            crosses the antimeridian.
    """

    actor: str | None = None
    recipient: str | None = None
    dyad: str | None = None
    both: bool = False
    type: str | None = None
    status: str | None = None
    negated: bool | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    min_sources: int | None = None
    min_confidence: float | None = None
    story_id: str | None = None
    doc_id: str | None = None
    text: str | None = None
    quad: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if self.dyad is not None:
            actor, sep, recipient = self.dyad.partition("-")
            if not sep or not actor or not recipient:
                raise ConfigError("E011", f"dyad {self.dyad!r} is not ACTOR-RECIPIENT; write e.g. USA-RUS")
            if self.actor not in (None, actor) or self.recipient not in (None, recipient):
                raise ConfigError("E012", "give either --dyad or --actor/--recipient, not both")
        if self.since and self.until and self.since > self.until:
            raise ConfigError("E013", f"since {self.since} is after until {self.until}; swap them?")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError("E033", f"minimum confidence {self.min_confidence} is not between 0 and 1")
        if self.quad is not None and self.quad not in (1, 2, 3, 4):
            raise ConfigError("E019", f"quad class {self.quad} is not one of 1, 2, 3, 4")
        if self.bbox is not None:
            check_bbox(self.bbox)

    def resolved(self) -> EventFilter:
        """The same filter with `dyad` split into actor and recipient."""
        if self.dyad is None:
            return self
        actor, _, recipient = self.dyad.partition("-")
        return replace(self, actor=actor, recipient=recipient, dyad=None)


@dataclass(slots=True)
class Where:
    """A WHERE clause and its bound parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def check_bbox(bbox: tuple[float, float, float, float]) -> None:
    """Check a (south, west, north, east) box in degrees.

    Raises:
        ConfigError: a value that is not a finite number, outside the globe, or south above north (E019).
    """
    south, west, north, east = bbox
    if not all(isinstance(value, int | float) and math.isfinite(value) for value in bbox):
        raise ConfigError("E019", "bbox needs four finite numbers: south,west,north,east")
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise ConfigError(
            "E019", f"bbox {south},{west},{north},{east} is not south,west,north,east within -90..90 and -180..180"
        )


def _code_match(prefix: str) -> str:
    # Country, exact code, or a code below it ("USA" matches "USA.GOV").
    return f"({prefix}_country = ? OR {prefix}_code = ? OR starts_with({prefix}_code, ? || '.'))"


def _dyad_where(col: str, actor: str | None, recipient: str | None) -> Where:
    where = Where()
    if actor:
        where.add(_code_match(f"{col}actor"), actor, actor, actor)
    if recipient:
        where.add(_code_match(f"{col}recipient"), recipient, recipient, recipient)
    return where


def _add_parties(where: Where, flt: EventFilter, col: str) -> None:
    # Actor and recipient; with `both`, the swapped pair too (either direction).
    forward = _dyad_where(col, flt.actor, flt.recipient)
    if not flt.both or not forward.clauses:
        where.clauses.extend(forward.clauses)
        where.params.extend(forward.params)
        return
    backward = _dyad_where(col, flt.recipient, flt.actor)
    where.add(
        f"(({' AND '.join(forward.clauses)}) OR ({' AND '.join(backward.clauses)}))", *forward.params, *backward.params
    )


def _add_place_box(where: Where, bbox: tuple[float, float, float, float], col: str) -> None:
    south, west, north, east = bbox
    where.add(f"{col}place_lat BETWEEN ? AND ?", south, north)
    if west <= east:
        where.add(f"{col}place_lon BETWEEN ? AND ?", west, east)
    else:  # the box crosses the antimeridian
        where.add(f"({col}place_lon >= ? OR {col}place_lon <= ?)", west, east)


def event_where(flt: EventFilter, *, alias: str = "") -> Where:
    """The WHERE clause selecting `flt`'s events from `ev` (or from `events` with alias)."""
    flt = flt.resolved()
    where = Where()
    col = f"{alias}." if alias else ""
    _add_parties(where, flt, col)
    scalar = (
        ("type", "=", flt.type),
        ("status", "=", flt.status),
        ("negated", "=", flt.negated),
        ("date", ">=", flt.since),
        ("date", "<=", flt.until),
        ("n_sources", ">=", flt.min_sources),
        ("confidence", ">=", flt.min_confidence),
        ("story_id", "=", flt.story_id),
        ("quad", "=", flt.quad),
    )
    for column, op, value in scalar:
        if value is not None:
            where.add(f"{col}{column} {op} ?", value)
    if flt.place:
        where.add(f"({col}place_country = ? OR lower({col}place_name) = lower(?))", flt.place, flt.place)
    if flt.bbox:
        _add_place_box(where, flt.bbox, col)
    if flt.doc_id:
        where.add(f"({col}event_id IN (SELECT coalesce(merged_id, event_id) FROM events WHERE doc_id = ?))", flt.doc_id)
    if flt.text:
        # A literal, case-insensitive substring: contains(lower()) is 2x faster than ILIKE with ESCAPE.
        where.add(
            f"({col}event_id IN (SELECT coalesce(merged_id, event_id) FROM events WHERE contains(lower(sentence), ?)))",
            flt.text.lower(),
        )
    return where


# --- rows -> the stable event schema ---------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _actor_json(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    keys = ("text", "code", "country", "sector", "name")
    actor = {key: row.get(f"{prefix}_{key}") for key in keys}
    if all(value is None for value in actor.values()):
        return None
    return actor


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """Map a row with `ROW_COLUMNS` to the stable event schema (docs/events.md).

    Args:
        row: a dict of column name to value, as selected with `ROW_COLUMNS`.

    Returns:
        A JSON-ready dict: dates as ISO strings, actor/recipient/place as objects or null.
    """
    place = None
    if row.get("place_name") is not None or row.get("place_lat") is not None:
        place = {
            "name": row.get("place_name"),
            "feature": row.get("place_feature"),
            "country": row.get("place_country"),
            "lat": row.get("place_lat"),
            "lon": row.get("place_lon"),
        }
    span = [row.get("span_start"), row.get("span_end")] if row.get("span_start") is not None else None
    return {
        "event_id": row["event_id"],
        "doc_id": row.get("doc_id"),
        "doc_uri": row.get("doc_uri"),
        "sentence": row.get("sentence"),
        "span": span,
        "actor": _actor_json(row, "actor"),
        "actor_source": row.get("actor_source"),
        "recipient": _actor_json(row, "recipient"),
        "recipient_source": row.get("recipient_source"),
        "type": row.get("type"),
        "mode": row.get("mode"),
        "contexts": list(row.get("contexts") or []),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "quad": row.get("quad"),
        "status": row.get("status"),
        "negated": row.get("negated"),
        "confidence": row.get("confidence"),
        "published": _iso(row.get("published")),
        "date": _iso(row.get("date")),
        "date_end": _iso(row.get("date_end")),
        "date_source": row.get("date_source"),
        "granularity": row.get("granularity"),
        "place": place,
        "n_mentions": row.get("n_mentions"),
        "n_articles": row.get("n_articles"),
        "n_sources": row.get("n_sources"),
    }


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _jsonable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{key: _iso(value) for key, value in row.items()} for row in rows]


# --- event listing with keyset paging ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events: rows in the stable schema, the cursors of the next and previous pages, the total."""

    events: list[dict[str, Any]]
    next_cursor: str | None
    total: int
    prev_cursor: str | None = None


def list_events(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    *,
    sort: str = "date",
    descending: bool = True,
    limit: int = 50,
    offset: int = 0,
    cursor: str | None = None,
    before: str | None = None,
    with_total: bool = True,
    encode: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Page:
    """One page of events matching `flt`, sorted by a whitelisted key (ties by event_id).

    Args:
        con: a DuckDB connection or cursor on the store.
        flt: which events.
        sort: one of SORT_KEYS.
        descending: largest first.
        limit: page size, 1..MAX_PAGE_SIZE.
        offset: rows to skip (ignored when `cursor` or `before` is given).
        cursor: the `next_cursor` of the previous page (keyset paging: fast at any depth).
        before: the `prev_cursor` of the next page: the page that ends just before it.
        with_total: also count all matching events.
        encode: maps a full row (`ROW_COLUMNS`) to the output; `event_json` by default.

    Returns:
        The page; `prev_cursor` is None on the first page.

    Raises:
        ConfigError: unknown sort key, page size out of range, bad cursor, or both cursors.
    """
    if sort not in _SORT_SQL:
        raise ConfigError("E015", f"cannot sort by {sort!r}; use one of {', '.join(SORT_KEYS)}")
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ConfigError("E016", f"page size {limit} is outside 1..{MAX_PAGE_SIZE}")
    if cursor and before:
        raise ConfigError("E014", "give a next-page cursor or a previous-page cursor, not both")
    key_sql = _SORT_SQL[sort][0]
    where = event_where(flt)
    base_where = Where(list(where.clauses), list(where.params))
    backward = bool(before)
    if cursor or before:
        value, after_id = decode_cursor(cursor or before or "", _SORT_SQL[sort][1])
        op = "<" if descending != backward else ">"
        where.add(f"({key_sql}, event_id) {op} (?, ?)", value, after_id)
        offset = 0
    direction = "DESC" if descending != backward else "ASC"
    cte = events_cte(con)
    # Sort only ids and keys, then fetch the full rows of the page by id: carrying every
    # column through the sort of a million rows costs ten times more.
    keys = con.execute(
        f"""WITH {cte} SELECT event_id, {key_sql} AS sort_value FROM ev {where.sql}
        ORDER BY sort_value {direction}, event_id {direction} LIMIT ? OFFSET ?""",
        [*where.params, limit + 1, offset],
    ).fetchall()
    more = len(keys) > limit
    keys = keys[:limit]
    if backward:
        keys.reverse()
    rows = rows_by_id(con, [key[0] for key in keys], cte=cte)
    has_next = bool(keys) and (backward or more)
    has_prev = bool(keys) and (more if backward else bool(cursor or offset))
    next_cursor = encode_cursor(keys[-1][1], keys[-1][0]) if has_next else None
    prev_cursor = encode_cursor(keys[0][1], keys[0][0]) if has_prev else None
    total = -1
    if with_total:
        counted = con.execute(f"WITH {cte} SELECT count(*) FROM ev {base_where.sql}", base_where.params).fetchone()
        total = int(counted[0]) if counted else 0
    return Page([(encode or event_json)(row) for row in rows], next_cursor, total, prev_cursor)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


_MENTION_COLUMNS = (
    "event_id, doc_id, sentence, sent_index, span_start, span_end, trigger, actor_text, actor_sector, "
    "recipient_text, recipient_sector, actor_source, recipient_source, contexts, published, place_feature, "
    "date_reason, place_source, place_reason"
)


def rows_by_id(con: duckdb.DuckDBPyConnection, ids: Sequence[str], *, cte: str | None = None) -> list[dict[str, Any]]:
    """Full rows (`ROW_COLUMNS`) of the given events, in the order of `ids`.

    Three lookups by key (event, representative mention, document) instead of one join:
    a join would scan the whole documents table to find a page's fifty documents.
    """
    if not ids:
        return []
    events = _dicts(
        con.execute(f"WITH {cte or events_cte(con)} SELECT * FROM ev WHERE event_id IN ({_marks(ids)})", list(ids))
    )
    firsts = [event["first_event_id"] for event in events]
    mentions = {
        row["event_id"]: row
        for row in _dicts(
            con.execute(f"SELECT {_MENTION_COLUMNS} FROM events WHERE event_id IN ({_marks(firsts)})", firsts)
        )
    } if firsts else {}  # fmt: skip
    doc_ids = sorted({row["doc_id"] for row in mentions.values()})
    documents = {
        row["doc_id"]: row
        for row in _dicts(
            con.execute(
                f"""SELECT doc_id, uri AS doc_uri, url AS doc_url, title AS doc_title,
                    coalesce(source, site) AS source FROM documents WHERE doc_id IN ({_marks(doc_ids)})""",
                doc_ids,
            )
        )
    } if doc_ids else {}  # fmt: skip
    by_id = {}
    for event in events:
        mention = dict(mentions.get(event["first_event_id"], {}))
        mention.pop("event_id", None)
        row = {**mention, **documents.get(mention.get("doc_id"), {}), **event}
        by_id[event["event_id"]] = row
    return [by_id[event_id] for event_id in ids if event_id in by_id]


def iter_event_rows(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int | None = None, batch_size: int = 10_000
) -> Iterator[dict[str, Any]]:
    """Every event matching `flt` as a full row (`ROW_COLUMNS`), fetched in batches.

    Rows come by date then event_id; memory holds one batch, never the whole result.
    """
    sql, params = events_frame_sql(con, flt, limit=limit)
    result = con.execute(sql, params)
    names = [d[0] for d in result.description or ()]
    while batch := result.fetchmany(batch_size):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def events_frame_sql(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    *,
    limit: int | None = None,
    columns: str = "",
    joins: str = "",
) -> tuple[str, list[Any]]:
    """SQL and parameters selecting `flt`'s events as flat columns (for DataFrames, exports).

    `columns` and `joins` add SQL columns after `ROW_COLUMNS` and the joins they read (exports'
    provenance)."""
    where = event_where(flt)
    params: list[Any] = list(where.params)
    limit_sql = ""
    if limit is not None:
        limit_sql = "LIMIT ?"
        params.append(limit)
    # Filter and order in `sel` first, so that the joins only see the selected events.
    sql = f"""WITH {events_cte(con)}, sel AS (SELECT * FROM ev {where.sql} ORDER BY date, event_id {limit_sql})
        SELECT {ROW_COLUMNS}{", " + columns if columns else ""} FROM sel ev {ROW_JOINS} {joins}
        ORDER BY ev.date, ev.event_id"""
    return sql, params


# --- one event, one document, stories -----------------------------------------------------


def _highlight(sentence: str, sent_start: int | None, span: tuple[int, int]) -> list[int] | None:
    if sent_start is None:
        return None
    start, end = span[0] - sent_start, span[1] - sent_start
    if 0 <= start < end <= len(sentence):
        return [start, end]
    return None


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """An event with every mention: its sentence (span to highlight), document and source.

    Args:
        con: a DuckDB connection or cursor on the store.
        event_id: a merged_id, or an `events` id when that mention is not merged.

    Returns:
        {"event": stable-schema row, "mentions": [...]}, or None when there is no such event.
    """
    rows = rows_by_id(con, [event_id])
    if not rows:
        return None
    mentions = _dicts(
        con.execute(
            """SELECT event_id AS mention_id, doc_id, sent_index, sentence, span_start, span_end, trigger,
                   actor_text, recipient_text, type, cameo, status, negated, confidence, date, published
            FROM events WHERE merged_id = ? OR (event_id = ? AND merged_id IS NULL)""",
            [event_id, event_id],
        )
    )
    doc_ids = sorted({mention["doc_id"] for mention in mentions})
    documents = {
        row["doc_id"]: row
        for row in _dicts(
            con.execute(
                f"""SELECT doc_id, uri, url, title, source, site, coalesce(cluster_id, doc_id) AS cluster_id,
                    published AS doc_published FROM documents WHERE doc_id IN ({_marks(doc_ids)})""",
                doc_ids,
            )
        )
    } if doc_ids else {}  # fmt: skip
    starts = {
        (row[0], row[1]): row[2]
        for row in con.execute(
            f"SELECT doc_id, sent_index, start_char FROM sentences WHERE doc_id IN ({_marks(doc_ids)})", doc_ids
        ).fetchall()
    } if doc_ids else {}  # fmt: skip
    for mention in mentions:
        doc = documents.get(mention["doc_id"], {})
        mention.update({key: doc.get(key) for key in ("uri", "url", "title")})
        mention["published"] = doc.get("doc_published") or mention["published"]
        sent_start = starts.get((mention["doc_id"], mention["sent_index"]))
        mention["highlight"] = _highlight(mention["sentence"], sent_start, (mention["span_start"], mention["span_end"]))
    mentions.sort(key=lambda m: (m["published"] is None, m["published"] or dt.date.min, m["doc_id"], m["span_start"]))
    event = event_json(rows[0])
    event.update(_count_listed(mentions, documents))
    return {"event": event, "mentions": _jsonable(mentions)}


def _count_listed(mentions: list[dict[str, Any]], documents: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Mark each listed mention with what the counts see of it; return the counts of the list (issue 14).

    Each mention gets `source` (the source name, None when its document names none), `source_key`
    (what n_sources counts: the name, else the document's near-duplicate cluster) and `repeat_of`
    (the listed mention whose sentence it repeats in a copy of the same document, which
    n_mentions does not count again; None otherwise). See `annales.pipeline.aggregate.counts`.
    """
    from annales.pipeline.aggregate.counts import Counted, count_mentions, mention_key, source_key, source_name

    first: dict[tuple[str, str], str] = {}
    counted = []
    for mention in mentions:
        doc = documents.get(mention["doc_id"], {})
        cluster = doc.get("cluster_id") or mention["doc_id"]
        mention["source"] = source_name(doc.get("source"), doc.get("site"), doc.get("url"))
        mention["source_key"] = source_key(doc.get("source"), doc.get("site"), doc.get("url"), cluster)
        key = mention_key(cluster, mention["sentence"])
        mention["repeat_of"] = first.get(key)
        first.setdefault(key, mention["mention_id"])
        counted.append(Counted(mention["doc_id"], cluster, mention["sentence"], doc.get("source"), doc.get("site"),
                               doc.get("url")))  # fmt: skip
    counts = count_mentions(counted)
    return {"n_mentions": counts.n_mentions, "n_articles": counts.n_articles, "n_sources": counts.n_sources,
            "n_listed": len(mentions)}  # fmt: skip


def _segments(text: str, spans: Sequence[tuple[int, int, str]]) -> list[dict[str, Any]]:
    # Split text into plain and highlighted segments; an overlapping span is skipped.
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, event_id in sorted(spans):
        if start < pos or not 0 <= start < end <= len(text):
            continue
        if start > pos:
            out.append({"text": text[pos:start], "event_id": None})
        out.append({"text": text[start:end], "event_id": event_id})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "event_id": None})
    return out


def document_detail(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A document: metadata, clean text cut into segments with its event spans, its events."""
    docs = _dicts(
        con.execute(
            """SELECT doc_id, uri, url, title, site, source, published, language, status, error, text,
                   n_sentences, n_events, story_id FROM documents WHERE doc_id = ?""",
            [doc_id],
        )
    )
    if not docs:
        return None
    doc = docs[0]
    mentions = _dicts(
        con.execute(
            """SELECT event_id AS mention_id, coalesce(merged_id, event_id) AS event_id, span_start, span_end,
                   type, actor_text, recipient_text, sentence, date, status, negated
            FROM events WHERE doc_id = ? ORDER BY span_start""",
            [doc_id],
        )
    )
    spans = [(m["span_start"], m["span_end"], m["event_id"]) for m in mentions]
    doc["segments"] = _segments(doc.pop("text") or "", spans)
    return {"document": _jsonable([doc])[0], "mentions": _jsonable(mentions)}


def story_event_counts(con: duckdb.DuckDBPyConnection, story_ids: Sequence[str]) -> dict[str, int]:
    """The events (real-world events, as `story_detail` lists them) of each story; stories without any are left out."""
    ids = sorted(set(story_ids))
    if not ids:
        return {}
    rows = con.execute(
        f"WITH {events_cte(con)} SELECT story_id, count(*) FROM ev WHERE story_id IN ({_marks(ids)}) GROUP BY 1", ids
    ).fetchall()
    return {row[0]: int(row[1]) for row in rows}


def _story_counts(con: duckdb.DuckDBPyConnection, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`n_events` counts the real-world events listed for a story; `n_mentions` its event mentions (issue 14)."""
    events = story_event_counts(con, [story["story_id"] for story in stories])
    for story in stories:
        story["n_mentions"] = story.pop("n_events")
        story["n_events"] = events.get(story["story_id"], 0)
    return stories


def list_stories(con: duckdb.DuckDBPyConnection, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, newest first, with their documents, events and event mentions counted."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ConfigError("E016", f"page size {limit} is outside 1..{MAX_PAGE_SIZE}")
    rows = con.execute(
        """SELECT story_id, title, date_start, date_end, n_documents, n_events FROM stories
        ORDER BY date_end DESC NULLS LAST, story_id LIMIT ? OFFSET ?""",
        [limit, offset],
    )
    return _jsonable(_story_counts(con, _dicts(rows)))


def story_detail(con: duckdb.DuckDBPyConnection, story_id: str, *, limit: int = 200) -> dict[str, Any] | None:
    """A story with its documents and (up to `limit`) events; `n_events` counts every event of the list."""
    stories = _dicts(
        con.execute(
            "SELECT story_id, title, date_start, date_end, n_documents, n_events FROM stories WHERE story_id = ?",
            [story_id],
        )
    )
    stories = _story_counts(con, stories)
    if not stories:
        return None
    documents = _dicts(
        con.execute(
            """SELECT doc_id, title, uri, url, coalesce(source, site) AS source, published, n_events
            FROM documents WHERE story_id = ? ORDER BY published NULLS LAST, doc_id""",
            [story_id],
        )
    )
    page = list_events(con, EventFilter(story_id=story_id), sort="date", descending=False, limit=limit)
    return {"story": _jsonable(stories)[0], "documents": _jsonable(documents), "events": page.events}


# --- aggregates: overview, dyad, network, map -------------------------------------------


def pick_granularity(first: dt.date | None, last: dt.date | None) -> Granularity:
    """A time bucket giving a readable number of bars for the range [first, last]."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    if days <= 120:
        return "day"
    if days <= 3 * 365:
        return "week"
    if days <= 40 * 365:
        return "month"
    return "year"


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    return row[0] if row else None


def _period(day: dt.date, granularity: str) -> dt.date:
    # The first day of `day`'s bucket, as DuckDB's date_trunc (weeks start on Monday).
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "year":
        return day.replace(month=1, day=1)
    return day


def _add(totals: dict[Any, list[float]], key: Any, n: int, goldstein_sum: float | None, goldstein_n: int) -> None:
    total = totals.setdefault(key, [0, 0.0, 0])
    total[0] += n
    total[1] += goldstein_sum or 0.0
    total[2] += goldstein_n


def _mean(total: list[float]) -> float | None:
    return total[1] / total[2] if total[2] else None


def overview(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, top: int = 10) -> dict[str, Any]:
    """Counts, date range, events over time by quad class, top actors, dyads and sources.

    Two scans of the events: one by day and quad class (series, date range, count), one by
    actor and recipient (top actors and dyads); the small results are folded in Python.
    """
    where = event_where(flt)
    cte = events_cte(con)
    daily = con.execute(f"WITH {cte} SELECT date, quad, count(*) FROM ev {where.sql} GROUP BY 1, 2", where.params)
    by_day = daily.fetchall()
    days = [row[0] for row in by_day if row[0] is not None]
    first, last = (min(days), max(days)) if days else (None, None)
    granularity = pick_granularity(first, last)
    series: dict[tuple[dt.date, int], int] = {}
    for day, quad, n in by_day:
        if day is not None:
            key = (_period(day, granularity), quad)
            series[key] = series.get(key, 0) + n
    pairs = con.execute(
        f"""WITH {cte} SELECT coalesce(actor_country, actor_code), coalesce(recipient_country, recipient_code),
            count(*), sum(goldstein), count(goldstein) FROM ev {where.sql} GROUP BY 1, 2""",
        where.params,
    ).fetchall()
    actors: dict[str, int] = {}
    dyads: dict[tuple[str, str], list[float]] = {}
    for actor, recipient, n, goldstein_sum, goldstein_n in pairs:
        if actor is None:
            continue
        actors[actor] = actors.get(actor, 0) + n
        if recipient is not None:
            _add(dyads, (actor, recipient), n, goldstein_sum, goldstein_n)
    top_dyads = sorted(dyads.items(), key=lambda item: (-item[1][0], item[0]))[:top]
    sources = _dicts(
        con.execute(
            """SELECT coalesce(source, site, 'unknown') AS source, count(*) AS documents, sum(n_events) AS mentions
            FROM documents GROUP BY 1 ORDER BY documents DESC, source LIMIT ?""",
            [top],
        )
    )
    return {
        "counts": {
            "documents": _scalar(con, "SELECT count(*) FROM documents"),
            "events": sum(row[2] for row in by_day),
            "mentions": _scalar(con, "SELECT count(*) FROM events"),
            "stories": _scalar(con, "SELECT count(*) FROM stories"),
        },
        "first_date": _iso(first),
        "last_date": _iso(last),
        "granularity": granularity,
        "series": [
            {"period": period.isoformat(), "quad": quad, "n": n} for (period, quad), n in sorted(series.items())
        ],
        "top_actors": [
            {"actor": actor, "n": n} for actor, n in sorted(actors.items(), key=lambda item: (-item[1], item[0]))[:top]
        ],
        "top_dyads": [
            {"actor": actor, "recipient": recipient, "n": int(total[0]), "goldstein": _mean(total)}
            for (actor, recipient), total in top_dyads
        ],
        "sources": _jsonable(sources),
    }


def dyad(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    recipient: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    granularity: Granularity | None = None,
    limit: int = 50,
    flt: EventFilter | None = None,
    encode: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """How relations between two actors move: both directions over time, by type, latest events.

    One scan groups the pair's events by day, type and direction; series and type counts
    are folded from that small result. A second query picks the latest events.

    Args:
        con: a DuckDB connection or cursor.
        actor: first actor (country or code prefix), e.g. "USA".
        recipient: second actor, e.g. "RUS".
        since: first event date.
        until: last event date.
        granularity: time bucket; picked from the date range when None.
        limit: how many of the latest events to list.
        flt: further filters (type, status, sources, ...); its actor, recipient and
            direction are replaced by the pair, its dates by `since`/`until` when given.
        encode: maps a full row to an output event; `event_json` by default.

    Returns:
        {"a", "b", "granularity", "series": [{period, direction, n, goldstein}],
         "types": [{type, direction, n}], "events": [...]} where direction is "a->b" or "b->a".
    """
    if granularity is not None and granularity not in _BUCKETS:
        raise ConfigError("E017", f"granularity {granularity!r} is not one of {', '.join(_BUCKETS)}")
    base = replace(flt or EventFilter(), dyad=None, both=False)
    base = replace(base, since=since or base.since, until=until or base.until)
    forward = replace(base, actor=actor, recipient=recipient)
    backward = replace(base, actor=recipient, recipient=actor)
    fw, bw = event_where(forward), event_where(backward)
    both = f"({' AND '.join(fw.clauses)}) OR ({' AND '.join(bw.clauses)})"
    direction = f"CASE WHEN {' AND '.join(fw.clauses)} THEN 'a->b' ELSE 'b->a' END"
    cte = events_cte(con)
    rows = con.execute(
        f"""WITH {cte} SELECT date, type, {direction}, count(*), sum(goldstein), count(goldstein)
        FROM ev WHERE {both} GROUP BY 1, 2, 3""",
        [*fw.params, *fw.params, *bw.params],
    ).fetchall()
    days = [row[0] for row in rows if row[0] is not None]
    if granularity is None:
        granularity = pick_granularity(min(days), max(days)) if days else "month"
    series: dict[tuple[dt.date, str], list[float]] = {}
    types: dict[tuple[str, str], int] = {}
    for day, kind, way, n, goldstein_sum, goldstein_n in rows:
        types[(kind, way)] = types.get((kind, way), 0) + n
        if day is not None:
            _add(series, (_period(day, granularity), way), n, goldstein_sum, goldstein_n)
    latest = con.execute(
        f"""WITH {cte} SELECT event_id FROM ev WHERE {both}
        ORDER BY coalesce(date, DATE '0001-01-01') DESC, event_id DESC LIMIT ?""",
        [*fw.params, *bw.params, limit],
    ).fetchall()
    return {
        "a": actor,
        "b": recipient,
        "granularity": granularity,
        "series": [
            {"period": period.isoformat(), "direction": way, "n": int(total[0]), "goldstein": _mean(total)}
            for (period, way), total in sorted(series.items())
        ],
        "types": [{"type": kind, "direction": way, "n": n} for (kind, way), n in sorted(types.items())],
        "events": [(encode or event_json)(row) for row in rows_by_id(con, [row[0] for row in latest], cte=cte)],
    }


def network(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, max_edges: int = 80, min_weight: int = 1
) -> dict[str, Any]:
    """Actors as nodes and directed dyads as edges weighted by event count, with mean Goldstein.

    Args:
        con: a DuckDB connection or cursor.
        flt: which events.
        max_edges: keep the heaviest edges only (top N).
        min_weight: keep edges of at least this many events.

    Returns:
        {"nodes": [{id, n}], "edges": [{source, target, n, goldstein}], "total_edges": edges
         before the top-N cut (those of at least `min_weight` events)}.
    """
    where = event_where(flt)
    rows = _dicts(
        con.execute(
            f"""WITH {events_cte(con)} SELECT coalesce(actor_country, actor_code) AS source,
                coalesce(recipient_country, recipient_code) AS target, count(*) AS n, avg(goldstein) AS goldstein,
                count(*) OVER () AS total_edges
            FROM ev {where.sql} GROUP BY 1, 2
            HAVING source IS NOT NULL AND target IS NOT NULL AND source <> target AND count(*) >= ?
            ORDER BY n DESC, source, target LIMIT ?""",
            [*where.params, min_weight, max_edges],
        )
    )
    total_edges = int(rows[0]["total_edges"]) if rows else 0
    edges = [{key: value for key, value in row.items() if key != "total_edges"} for row in rows]
    totals: dict[str, int] = {}
    for edge in edges:
        for end in ("source", "target"):
            totals[edge[end]] = totals.get(edge[end], 0) + int(edge["n"])
    nodes = [{"id": name, "n": n} for name, n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    return {"nodes": nodes, "edges": edges, "total_edges": total_edges}


def map_points(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, max_places: int = 2000) -> dict[str, Any]:
    """Event places with counts by quad class (the browser clusters them by screen distance)."""
    where = event_where(flt)
    where.add("place_lat IS NOT NULL AND place_lon IS NOT NULL")
    rows = con.execute(
        f"""WITH {events_cte(con)} SELECT any_value(place_name) AS name, round(place_lat, 2) AS lat,
            round(place_lon, 2) AS lon, count(*) AS n,
            count(*) FILTER (WHERE quad = 1) AS q1, count(*) FILTER (WHERE quad = 2) AS q2,
            count(*) FILTER (WHERE quad = 3) AS q3, count(*) FILTER (WHERE quad = 4) AS q4
        FROM ev {where.sql} GROUP BY round(place_lat, 2), round(place_lon, 2) ORDER BY n DESC LIMIT ?""",
        [*where.params, max_places],
    )
    return {"places": _dicts(rows)}


def date_range(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """The first and last event dates in the store (ISO strings, None when no event is dated)."""
    first, last = con.execute(f"WITH {events_cte(con)} SELECT min(date), max(date) FROM ev").fetchone() or (None, None)
    return {"first_date": _iso(first), "last_date": _iso(last)}


def facets(con: duckdb.DuckDBPyConnection, *, top: int = 200) -> dict[str, Any]:
    """Values for the explorer's pickers: frequent actors and the event types in the store."""
    actors = con.execute(
        f"""WITH {events_cte(con)} SELECT coalesce(actor_country, actor_code) AS actor, count(*) AS n FROM ev
        GROUP BY 1 HAVING actor IS NOT NULL ORDER BY n DESC, actor LIMIT ?""",
        [top],
    ).fetchall()
    types = con.execute("SELECT DISTINCT type FROM events ORDER BY type").fetchall()
    return {"actors": [row[0] for row in actors], "types": [row[0] for row in types]}


class StoreReader:
    """Read-only access to a store for notebooks: events as pandas DataFrames.

    Args:
        path: the DuckDB store file.

    Raises:
        StoreError: when the store cannot be opened (missing, or locked by a writer).

    Example:
        >>> import annales
        >>> reader = annales.open("news.duckdb")  # doctest: +SKIP
        >>> reader.events(dyad="USA-RUS", since="2014-01-01").groupby("type").size()  # doctest: +SKIP
    """

    def __init__(self, path: str | Path) -> None:
        from annales.store.store import Store

        self.store = Store(path, read_only=True)

    def events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        dyad: str | None = None,
        both: bool = False,
        type: str | None = None,
        status: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        min_sources: int | None = None,
        min_confidence: float | None = None,
        limit: int | None = None,
    ) -> Any:
        """Events matching the filters as a pandas DataFrame, one row per event (flat columns).

        Args:
            actor: actor country or code prefix.
            recipient: recipient country or code prefix.
            dyad: "ACTOR-RECIPIENT".
            both: either direction (see `EventFilter`).
            type: PLOVER type, case-insensitive ("consult").
            status: event status.
            since: event date on or after (date or YYYY-MM-DD).
            until: event date on or before.
            min_sources: at least this many sources.
            min_confidence: confidence at least this (0-1); None: `codes.DEFAULT_MIN_CONFIDENCE`.
            limit: at most this many rows.

        Returns:
            A pandas DataFrame with the columns of `ROW_COLUMNS`.

        Raises:
            ConfigError: a bad date, dyad, type or confidence.
        """
        from annales import codes
        from annales.codes import parse_plover_type

        try:
            type = parse_plover_type(type) if type is not None else None
        except ValueError as exc:
            raise ConfigError("E034", str(exc)) from exc
        confidence = codes.DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
        flt = EventFilter(
            actor=actor, recipient=recipient, dyad=dyad, both=both, type=type, status=status,
            since=_as_date(since), until=_as_date(until), min_sources=min_sources, min_confidence=confidence or None,
        )  # fmt: skip
        sql, params = events_frame_sql(self.store.con, flt, limit=limit)
        return self.store.con.execute(sql, params).df()

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its mentions (see `event_detail`)."""
        return event_detail(self.store.con, event_id)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError("E018", f"{value!r} is not a date; use YYYY-MM-DD") from exc
