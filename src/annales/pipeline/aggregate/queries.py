"""Read-only queries over stories, for `annales stories` (the explorer has store/queries.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from annales.store.queries import story_event_counts
from annales.store.store import Store


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as listed: its id, title, date range, counts, and its documents' sources."""

    story_id: str
    title: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    n_documents: int
    n_events: int  # real-world events (merged), as `annales event` and the explorer list them
    n_clusters: int  # distinct near-duplicate clusters among its documents
    sources: tuple[str, ...]
    n_mentions: int = 0  # event mentions (sentences) of its documents

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (dates as ISO strings)."""
        row = asdict(self)
        row["sources"] = list(self.sources)
        for key in ("date_start", "date_end"):
            row[key] = row[key].isoformat() if row[key] else None
        return row


def list_stories(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_documents: int = 1,
    limit: int | None = None,
) -> list[StoryRow]:
    """Stories, largest first (then earliest), optionally those overlapping [since, until].

    Args:
        store: the store (after `finalize`).
        since, until: keep stories whose date range overlaps these bounds.
        min_documents: keep stories with at least this many documents.
        limit: at most this many rows.

    Returns:
        The stories as `StoryRow`s.

    Example:
        >>> list_stories(Store(":memory:"))
        []
    """
    sql = """
        SELECT s.story_id, s.title, s.date_start, s.date_end, s.n_documents, s.n_events,
               count(DISTINCT coalesce(d.cluster_id, d.doc_id)),
               list(DISTINCT coalesce(d.source, d.site)) FILTER (WHERE coalesce(d.source, d.site) IS NOT NULL)
        FROM stories s LEFT JOIN documents d USING (story_id)
        WHERE s.n_documents >= ?
          AND (CAST(? AS DATE) IS NULL OR coalesce(s.date_end, s.date_start) >= CAST(? AS DATE))
          AND (CAST(? AS DATE) IS NULL OR s.date_start <= CAST(? AS DATE))
        GROUP BY ALL
        ORDER BY s.n_documents DESC, s.date_start NULLS LAST, s.story_id
    """
    params: list[Any] = [min_documents, since, since, until, until]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = store.con.execute(sql, params).fetchall()
    events = story_event_counts(store.con, [r[0] for r in rows])
    return [
        StoryRow(
            r[0], r[1], r[2], r[3], int(r[4]), events.get(r[0], 0), int(r[6]), tuple(sorted(r[7] or ())), int(r[5])
        )
        for r in rows
    ]


def story_documents(store: Store, story_id: str) -> list[tuple[str, str | None, dt.date | None, str | None]]:
    """The documents of a story: (doc_id, title, published, cluster_id), earliest first."""
    rows = store.con.execute(
        """SELECT doc_id, title, published, cluster_id FROM documents WHERE story_id = ?
           ORDER BY published NULLS LAST, doc_id""",
        [story_id],
    ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]
