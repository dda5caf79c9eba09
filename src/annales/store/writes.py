"""Turning article records into table rows and writing them, one transaction per batch."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from annales.records import Actor, Article, Event

DOCUMENT_COLUMNS = (
    "doc_id", "uri", "url", "format", "title", "site", "source", "published", "published_source",
    "published_reason", "language", "status", "error", "text", "removed", "n_sentences", "n_events", "run_id",
    "kept",
)  # fmt: skip
SENTENCE_COLUMNS = ("doc_id", "sent_index", "start_char", "end_char", "text", "dropped")
MENTION_COLUMNS = (
    "doc_id",
    "sent_index",
    "start_char",
    "end_char",
    "text",
    "code",
    "country",
    "sector",
    "name",
    "reason",
)
EVENT_COLUMNS = (
    "event_id", "doc_id", "sent_index", "sentence", "span_start", "span_end", "trigger",
    "actor_text", "actor_code", "actor_country", "actor_sector", "actor_name", "actor_start", "actor_end",
    "recipient_text", "recipient_code", "recipient_country", "recipient_sector", "recipient_name",
    "recipient_start", "recipient_end", "type", "mode", "contexts", "cameo", "goldstein", "quad", "status",
    "negated", "confidence", "published", "date", "date_end", "date_source", "granularity", "date_reason",
    "place_name", "place_feature", "place_country", "place_lat", "place_lon", "place_geonameid",
    "place_source", "place_reason", "actor_source", "recipient_source",
)  # fmt: skip


def document_row(article: Article, *, run_id: str) -> dict[str, Any]:
    """The `documents` row of an article."""
    return {
        "doc_id": article.doc_id,
        "uri": article.uri,
        "url": article.url,
        "format": article.format,
        "title": article.title,
        "site": article.site,
        "source": article.source,
        "published": article.published,
        "published_source": article.published_source,
        "published_reason": article.published_reason,
        "language": article.language,
        "status": article.status,
        "error": article.error,
        "text": article.text or None,
        "removed": json.dumps(article.removed, sort_keys=True) if article.removed else None,
        "n_sentences": len(article.sentences),
        "n_events": len(article.events),
        "run_id": run_id,
        "kept": json.dumps(article.kept, sort_keys=True) if article.kept else None,
    }


def _sentence_index(article: Article, start: int) -> int:
    for sent in article.sentences:
        if sent.start <= start < sent.end:
            return sent.index
    return -1


def mention_row(article: Article, actor: Actor) -> dict[str, Any]:
    """The `actor_mentions` row of an actor mention."""
    return {
        "doc_id": article.doc_id,
        "sent_index": _sentence_index(article, actor.start),
        "start_char": actor.start,
        "end_char": actor.end,
        "text": actor.text,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "reason": actor.reason,
    }


def _actor_fields(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{key}": None for key in ("text", "code", "country", "sector", "name", "start", "end")}
    return {
        f"{prefix}_text": actor.text,
        f"{prefix}_code": actor.code,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
        f"{prefix}_name": actor.name,
        f"{prefix}_start": actor.start,
        f"{prefix}_end": actor.end,
    }


def event_row(event: Event) -> dict[str, Any]:
    """The `events` row of a coded event."""
    place = event.place
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "sent_index": event.sentence_index,
        "sentence": event.sentence,
        "span_start": event.span[0],
        "span_end": event.span[1],
        "trigger": event.trigger,
        **_actor_fields("actor", event.actor),
        **_actor_fields("recipient", event.recipient),
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "cameo": event.cameo,
        "goldstein": float(event.goldstein),
        "quad": int(event.quad),
        "status": event.status,
        "negated": bool(event.negated),
        "confidence": float(event.confidence),
        "published": event.published,
        "date": event.date,
        "date_end": event.date_end,
        "date_source": event.date_source,
        "granularity": event.granularity,
        "date_reason": event.date_reason,
        "place_name": place.name if place else None,
        "place_feature": place.feature if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "place_geonameid": place.geonameid if place else None,
        "place_source": place.source if place else None,
        "actor_source": event.actor_source,
        "recipient_source": event.recipient_source,
        "place_reason": event.place_reason,
    }
    return row


_TYPES: dict[str, pa.DataType] = {
    "published": pa.date32(),
    "date": pa.date32(),
    "date_end": pa.date32(),
    "contexts": pa.list_(pa.string()),
    "goldstein": pa.float64(),
    "confidence": pa.float64(),
    "place_lat": pa.float64(),
    "place_lon": pa.float64(),
    "place_geonameid": pa.int64(),
    "negated": pa.bool_(),
}
_INT_COLUMNS = {"sent_index", "start_char", "end_char", "span_start", "span_end", "quad", "n_sentences", "n_events",
                "actor_start", "actor_end", "recipient_start", "recipient_end"}  # fmt: skip


def arrow_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pa.Table:
    """Rows as an Arrow table with the store's column types (shared by the store and Ray parts)."""
    fields = []
    for name in columns:
        kind = _TYPES.get(name) or (pa.int64() if name in _INT_COLUMNS else pa.string())
        fields.append(pa.field(name, kind))
    schema = pa.schema(fields)
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=schema)


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]], columns: Sequence[str]
) -> None:
    """Insert rows, ignoring ones whose primary key is already stored (re-runs add nothing)."""
    if not rows:
        return
    staged = arrow_table(rows, columns)
    con.register("_staged", staged)
    try:
        cols = ", ".join(columns)
        con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM _staged")
    finally:
        con.unregister("_staged")


@dataclass(frozen=True, slots=True)
class WriteCounts:
    """What writing a batch did.

    Attributes:
        new: documents that were not stored before.
        replaced: stored documents written again (re-processed), their old rows gone.
        repaired: of the replaced, those stored with status "error" before and "ok" now.
    """

    new: int = 0
    replaced: int = 0
    repaired: int = 0


def write_articles(con: duckdb.DuckDBPyConnection, articles: Sequence[Article], *, run_id: str) -> int:
    """Write a batch of articles and everything found in them in one transaction.

    Returns:
        The number of documents in the batch that were new to the store.
    """
    return _write(con, articles, run_id=run_id, replace=False).new


def replace_articles(con: duckdb.DuckDBPyConnection, articles: Sequence[Article], *, run_id: str) -> WriteCounts:
    """Write a batch in one transaction, replacing stored documents with the same ids.

    The old rows of a replaced document, and what the global steps derived from them (merged
    events, stories, near-duplicate bookkeeping), are removed in the same transaction
    (`annales.pipeline.aggregate.forget`): a killed run leaves each document old or new,
    never both nor neither.
    """
    return _write(con, articles, run_id=run_id, replace=True)


def _write(con: duckdb.DuckDBPyConnection, articles: Sequence[Article], *, run_id: str, replace: bool) -> WriteCounts:
    ids = [article.doc_id for article in articles]
    stored: dict[str, str] = dict(
        con.execute("SELECT doc_id, status FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()
    )
    batch: list[Article] = []
    seen: set[str] = set() if replace else set(stored)
    for article in articles:
        if article.doc_id not in seen:
            seen.add(article.doc_id)
            batch.append(article)
    replaced = [a for a in batch if a.doc_id in stored]
    con.execute("BEGIN TRANSACTION")
    try:
        if replaced:
            from annales.pipeline.aggregate.forget import forget_documents

            forget_documents(con, [a.doc_id for a in replaced])
        _insert_articles(con, batch, run_id=run_id)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    repaired = sum(1 for a in replaced if stored[a.doc_id] == "error" and a.status == "ok")
    return WriteCounts(new=len(batch) - len(replaced), replaced=len(replaced), repaired=repaired)


def _insert_articles(con: duckdb.DuckDBPyConnection, fresh: Sequence[Article], *, run_id: str) -> None:
    insert_rows(con, "documents", [document_row(a, run_id=run_id) for a in fresh], DOCUMENT_COLUMNS)
    sentence_rows = [
        {"doc_id": a.doc_id, "sent_index": s.index, "start_char": s.start, "end_char": s.end, "text": s.text,
         "dropped": s.dropped}
        for a in fresh for s in a.sentences
    ]  # fmt: skip
    insert_rows(con, "sentences", sentence_rows, SENTENCE_COLUMNS)
    insert_rows(con, "actor_mentions", [mention_row(a, m) for a in fresh for m in a.mentions], MENTION_COLUMNS)
    insert_rows(con, "events", [event_row(e) for a in fresh for e in a.events], EVENT_COLUMNS)
