"""Read queries of the explorer that the CLI and exports do not need.

An explorer event is the stable event (`queries.event_json`) plus what an analyst checks
beside it: the document's title and source, and where the date and place came from (or
why there is none). The event and document pages also list the actor mentions of the
same sentences that stayed unresolved, with their reason, so a user sees what blocked
an event (a name missing from the dictionaries, a title without a country, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from annales.store.queries import EventFilter, document_detail, event_detail, event_json, event_where, events_cte

Unresolved = dict[tuple[str, int], list[dict[str, Any]]]


def explorer_event(row: dict[str, Any]) -> dict[str, Any]:
    """A full event row (`queries.ROW_COLUMNS` with its representative mention) for the explorer.

    Returns:
        `event_json(row)` with `title`, `source`, `url` of the representative document and
        `date_reason`, `place_source`, `place_reason` of the representative mention.
    """
    return {
        **event_json(row),
        "title": row.get("doc_title"),
        "source": row.get("source"),
        "url": row.get("doc_url"),
        "date_reason": row.get("date_reason"),
        "place_source": row.get("place_source"),
        "place_reason": row.get("place_reason"),
    }


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many events match `flt` (the total an events table shows on every page)."""
    where = event_where(flt)
    row = con.execute(f"WITH {events_cte(con)} SELECT count(*) FROM ev {where.sql}", where.params).fetchone()
    return int(row[0]) if row else 0


def fill_place_sources(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]) -> None:
    """Set `place_source` of merged events whose representative mention did not name the place.

    A merged event takes its place from whichever report named it; the provenance is that
    report's, not the representative mention's (which may have none).
    """
    missing = {
        e["event_id"]: e for e in events if e.get("place") and e["place"].get("name") and not e.get("place_source")
    }
    if not missing:
        return
    ids = sorted(missing)
    rows = con.execute(
        f"""SELECT coalesce(merged_id, event_id), place_name, place_source FROM events
        WHERE (merged_id IN ({_marks(ids)}) OR event_id IN ({_marks(ids)})) AND place_source IS NOT NULL
        ORDER BY event_id""",
        [*ids, *ids],
    ).fetchall()
    for event_id, name, source in rows:
        event = missing.get(event_id)
        if event is not None and not event.get("place_source") and name == event["place"]["name"]:
            event["place_source"] = source
            event["place_reason"] = None


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def unresolved_mentions(con: duckdb.DuckDBPyConnection, sentences: Iterable[tuple[str, int]]) -> Unresolved:
    """Actor mentions left without a code in the given (doc_id, sent_index) sentences, with reasons.

    Returns:
        {(doc_id, sent_index): [{"text", "reason", "start", "end"}]} for sentences that have any,
        in text order.
    """
    wanted = set(sentences)
    doc_ids = sorted({doc_id for doc_id, _ in wanted})
    if not doc_ids:
        return {}
    rows = con.execute(
        f"""SELECT doc_id, sent_index, start_char, end_char, text, reason FROM actor_mentions
        WHERE code IS NULL AND doc_id IN ({_marks(doc_ids)}) ORDER BY doc_id, start_char""",
        doc_ids,
    ).fetchall()
    found: Unresolved = {}
    for doc_id, sent_index, start, end, text, reason in rows:
        if (doc_id, sent_index) in wanted:
            item = {"text": text, "reason": reason or "unknown", "start": start, "end": end}
            found.setdefault((doc_id, sent_index), []).append(item)
    return found


def _provenance(con: duckdb.DuckDBPyConnection, mention_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not mention_ids:
        return {}
    rows = con.execute(
        f"""SELECT event_id, date_source, date_reason, granularity, place_name, place_source, place_reason,
        actor_source, recipient_source FROM events WHERE event_id IN ({_marks(mention_ids)})""",
        list(mention_ids),
    ).fetchall()
    keys = (
        "date_source", "date_reason", "granularity", "place_name", "place_source", "place_reason", "actor_source",
        "recipient_source",
    )  # fmt: skip
    return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}


def event_view(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """`queries.event_detail` for the explorer: provenance and unresolved actors beside each mention.

    Returns:
        {"event": explorer event, "mentions": [... with date_source, date_reason, place_name,
        place_source, place_reason and "unresolved": [{text, reason, start, end}]]}, or None.
    """
    detail = event_detail(con, event_id)
    if detail is None:
        return None
    mentions = detail["mentions"]
    facts = _provenance(con, [mention["mention_id"] for mention in mentions])
    blocked = unresolved_mentions(con, ((m["doc_id"], m["sent_index"]) for m in mentions))
    for mention in mentions:
        mention.update(facts.get(mention["mention_id"], {}))
        mention["unresolved"] = blocked.get((mention["doc_id"], mention["sent_index"]), [])
    first = facts.get(mentions[0]["mention_id"], {}) if mentions else {}
    event = detail["event"]
    for key in ("date_reason", "place_source", "place_reason"):
        event[key] = first.get(key)
    fill_place_sources(con, [event])
    event["title"], event["source"], event["url"] = (
        (mentions[0].get("title"), mentions[0].get("source"), mentions[0].get("url")) if mentions else (None,) * 3
    )
    return detail


def document_view(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """`queries.document_detail` for the explorer: each mention's sentence index and provenance,
    the unresolved actor mentions of its sentence, and every unresolved actor mention of the document.
    """
    detail = document_detail(con, doc_id)
    if detail is None:
        return None
    mentions = detail["mentions"]
    facts = _provenance(con, [mention["mention_id"] for mention in mentions])
    rows = con.execute("SELECT event_id, sent_index FROM events WHERE doc_id = ?", [doc_id]).fetchall()
    index: dict[str, int] = {row[0]: row[1] for row in rows}
    rows = con.execute("SELECT sent_index, text FROM sentences WHERE doc_id = ?", [doc_id]).fetchall()
    sentences: dict[int, str] = {row[0]: row[1] for row in rows}
    blocked = unresolved_mentions(con, ((doc_id, sent) for sent in sentences))
    for mention in mentions:
        sent_index = index.get(mention["mention_id"])
        mention.update(facts.get(mention["mention_id"], {}))
        mention["sent_index"] = sent_index
        mention["unresolved"] = blocked.get((doc_id, sent_index), []) if sent_index is not None else []
    detail["unresolved"] = [
        {**item, "sent_index": sent, "sentence": sentences.get(sent)}
        for (_, sent), items in sorted(blocked.items())
        for item in items
    ]
    return detail
