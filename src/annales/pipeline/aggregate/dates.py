"""Cross-article dates: an undated document borrows its story's anchor for relative dates.

An event left with date_reason "relative_without_anchor" (its article had no publication
date, so "on Saturday" could not be resolved) is dated again with the story's anchor: the
earliest publication date among the story's dated documents. The event's sentence comes from
the `sentences` table. The store keeps no tokens, so by default the date resolver uses its
clause heuristic for tense and attachment; `SentenceReparser` (option `reparse_dates`) parses
these few sentences again with spaCy instead. The result gets date_source "story" when the
borrowed anchor was used. Re-dated events lose their merged_id so the merge step places them
again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol

import duckdb
import pyarrow as pa

from annales.records import Actor, Event, Sentence, Token

logger = logging.getLogger(__name__)

NO_ANCHOR = "relative_without_anchor"

# (sentence, event, anchor) -> (date, date_end, date_source, granularity, reason)
DateFields = tuple[dt.date | None, dt.date | None, str | None, str | None, str | None]
StoryDateResolver = Callable[[Sentence, Event, dt.date], DateFields]


def resolve_with_story_anchor(sent: Sentence, event: Event, anchor: dt.date) -> DateFields:
    """Date `event` again with `anchor` borrowed from its story (annales.pipeline.resolve.dates)."""
    from annales.pipeline.resolve.dates import resolve_event_date

    found = resolve_event_date(sent, event, anchor=anchor, source="story")
    return found.date, found.date_end, found.source, found.granularity, found.reason


class SentenceParser(Protocol):
    """Anything that parses a text into sentences with tokens (SpacyParser does)."""

    def parse(self, text: str) -> list[Sentence]: ...


class SentenceReparser:
    """A story date resolver that first parses the event's sentence again, for its tokens.

    Args:
        parser: the parser; `SpacyParser()` (loaded on first use) when None.
    """

    def __init__(self, parser: SentenceParser | None = None) -> None:
        self._parser = parser

    def tokens_of(self, sent: Sentence) -> Sentence:
        """`sent` with tokens, their offsets moved into the article's text."""
        if self._parser is None:
            from annales.pipeline.nlp.parse import SpacyParser

            self._parser = SpacyParser()
        tokens: list[Token] = []
        for part in self._parser.parse(sent.text):
            base = len(tokens)
            for token in part.tokens:
                moved = dataclasses.replace(token, i=base + token.i, head=base + token.head, idx=sent.start + token.idx)
                tokens.append(moved)
        return dataclasses.replace(sent, tokens=tokens)

    def __call__(self, sent: Sentence, event: Event, anchor: dt.date) -> DateFields:
        return resolve_with_story_anchor(self.tokens_of(sent), event, anchor)


def story_anchors(con: duckdb.DuckDBPyConnection, story_ids: set[str]) -> dict[str, dt.date]:
    """The earliest publication date of each story's dated documents (stories without one are left out)."""
    con.register("_sid", pa.table({"story_id": pa.array(sorted(story_ids), pa.string())}))
    try:
        rows = con.execute(
            """SELECT story_id, min(published) FROM documents JOIN _sid USING (story_id)
               WHERE status = 'ok' AND published IS NOT NULL GROUP BY story_id"""
        ).fetchall()
    finally:
        con.unregister("_sid")
    return dict(rows)


def _undated_events(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> list[tuple[object, ...]]:
    con.register("_sid", pa.table({"story_id": pa.array(story_ids, pa.string())}))
    try:
        return con.execute(
            """SELECT e.event_id, e.story_id, e.doc_id, e.sent_index, s.start_char, s.end_char, s.text,
                      e.span_start, e.span_end, e.trigger, e.merged_id
               FROM events e JOIN _sid USING (story_id)
               JOIN sentences s ON s.doc_id = e.doc_id AND s.sent_index = e.sent_index
               WHERE e.date IS NULL AND e.date_reason = ?
               ORDER BY e.event_id""",
            [NO_ANCHOR],
        ).fetchall()
    finally:
        con.unregister("_sid")


def _event_stub(row: tuple[object, ...]) -> tuple[Sentence, Event]:
    event_id, _, doc_id, index, start, end, text, span_start, span_end, trigger, _ = row
    sent = Sentence(int(str(index)), int(str(start)), int(str(end)), str(text))
    nobody = Actor(text="", code=None, country=None, sector=None, name=None)
    event = Event(
        event_id=str(event_id), doc_id=str(doc_id), sentence_index=sent.index, sentence=sent.text,
        span=(int(str(span_start)), int(str(span_end))), actor=nobody, recipient=None, type="", mode=None,
        contexts=(), cameo="", goldstein=0.0, quad=1, status="occurred", negated=False, confidence=0.0,
        trigger=str(trigger or ""),
    )  # fmt: skip
    return sent, event


def lend_story_dates(
    con: duckdb.DuckDBPyConnection, story_ids: set[str], *, resolver: StoryDateResolver | None = None
) -> tuple[dict[str, int], set[str]]:
    """Re-date events of `story_ids` that lacked an anchor, with their story's anchor.

    Args:
        con: the store's DuckDB connection; documents and events must carry their story_id.
        story_ids: the stories to look at (those that gained documents in this run).
        resolver: dates one event given a sentence and an anchor; `resolve_with_story_anchor`
            (the pipeline's own date resolver) when None. Injected by tests.

    Returns:
        Counts: events re-dated ("dates_lent") and events still undated ("dates_not_lent"); and
        the merged events that lost a re-dated member (to be refreshed by the merge step).
    """
    anchors = story_anchors(con, story_ids) if story_ids else {}
    if not anchors:
        return {"dates_lent": 0}, set()
    resolve = resolver or resolve_with_story_anchor
    updates: list[tuple[str, DateFields]] = []
    missed = 0
    stale: set[str] = set()
    for row in _undated_events(con, sorted(anchors)):
        sent, event = _event_stub(row)
        fields = resolve(sent, event, anchors[str(row[1])])
        if fields[0] is None:
            missed += 1
            continue
        updates.append((event.event_id, fields))
        if row[-1] is not None:
            stale.add(str(row[-1]))
    _write_dates(con, updates)
    logger.info("dates lent from stories: %d events (%d still undated)", len(updates), missed)
    return {"dates_lent": len(updates), "dates_not_lent": missed}, stale


def _write_dates(con: duckdb.DuckDBPyConnection, updates: list[tuple[str, DateFields]]) -> None:
    if not updates:
        return
    table = pa.table(
        {
            "event_id": [u[0] for u in updates],
            "date": pa.array([u[1][0] for u in updates], pa.date32()),
            "date_end": pa.array([u[1][1] for u in updates], pa.date32()),
            "date_source": [u[1][2] for u in updates],
            "granularity": [u[1][3] for u in updates],
            "date_reason": pa.array([u[1][4] for u in updates], pa.string()),
        }
    )
    con.register("_dates", table)
    try:
        con.execute(
            """UPDATE events SET date = d.date, date_end = d.date_end, date_source = d.date_source,
                      granularity = d.granularity, date_reason = d.date_reason, merged_id = NULL
               FROM _dates d WHERE events.event_id = d.event_id"""
        )
    finally:
        con.unregister("_dates")
