"""Stories: documents about the same event or chain of events, grouped by entity and time overlap.

Each document gets weighted keys (`story_keys`): names of its event actors, recipients and
places, named actor mentions, and capitalised names in its title and lead. Two documents are
similar by the cosine of their TF-IDF key vectors (IDF over the whole store), and may share a
story when the similarity reaches `link_min`, they share at least `min_shared` keys, and their
dates (publication date, else the earliest text date of their events) are at most `window_days`
apart; an undated document is compatible with any date, so it borrows its story from its
content alone.

Near-linear: candidates come from an inverted index on keys held by at most `max_block`
documents (blocking), never from all pairs. Rule for stable ids: documents are taken in order
(date, undated last, then doc_id); a document joins the story of its cluster when a copy already
has one, else the story of its most similar candidate that has one, else it founds a story whose
id is its own doc_id. Existing stories are never merged or renamed.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from annales.errors import ConfigError

logger = logging.getLogger(__name__)

# Calibrated on the seeds alone (000/002, the same Munich meeting in other words, score 0.24;
# 000/001, Kerry's visits to Moscow three years apart, 0.11; IDF over five documents); re-run
# `pytest tests/pipeline/aggregate` after changing them.
LINK_MIN = 0.2
MIN_SHARED = 2  # one shared rare name chained 60% of story pairs in bench_dedup.py; two did not
WINDOW_DAYS = 7
LEAD_CHARS = 2500
MAX_BLOCK = 1000

# a capitalised word not right after a sentence end (where any word is capitalised)
_NAME = re.compile(r"(?<![.!?\n\"“])(?<![.!?\n\"“] )\b[A-Z][\w’'-]*[a-z][\w’'-]*")
_PARTS = re.compile(r"[-’']")
_NOT_NAMES = frozenset(
    """the a an in on at of for to by from with and but or if as it its he she they we i you his her their our this
    that these those there here when while after before since during mr mrs ms dr however meanwhile also image
    photo read more share comments author published skip monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Options of story grouping.

    Args:
        link_min: the key cosine similarity two documents need to share a story.
        min_shared: the distinct keys (with IDF > 0) two documents must share, so that one rare
            name alone does not chain unrelated stories.
        window_days: the most days between the dates of two documents of one story.
        lead_chars: characters of text (after the title) read for capitalised names.
        max_block: keys held by more documents than this give no candidates.
    """

    link_min: float = LINK_MIN
    min_shared: int = MIN_SHARED
    window_days: int = WINDOW_DAYS
    lead_chars: int = LEAD_CHARS
    max_block: int = MAX_BLOCK

    def __post_init__(self) -> None:
        if not 0.0 < self.link_min <= 1.0 or self.window_days < 0 or self.max_block < 2 or self.min_shared < 1:
            raise ConfigError(
                "E023", "stories: need 0 < link_min <= 1, min_shared >= 1, window_days >= 0, max_block >= 2"
            )


def text_keys(title: str | None, text: str, *, lead_chars: int) -> Counter[str]:
    """Capitalised words (names) of a title and the lead of a text, lower-cased, with their counts.

    Words right after a sentence end, function words, weekdays and months are left out;
    hyphenated and possessive names are split ("Vice-President" gives "vice" and "president").
    """
    keys: Counter[str] = Counter()
    for match in _NAME.finditer(f"{title or ''}\n{text[:lead_chars]}"):
        for part in _PARTS.split(match.group().lower()):
            if len(part) > 2 and part not in _NOT_NAMES:
                keys["w:" + part] += 1
    return keys


def _document_keys(con: duckdb.DuckDBPyConnection, doc_ids: list[str], lead_chars: int) -> dict[str, Counter[str]]:
    con.register("_ids", pa.table({"doc_id": pa.array(doc_ids, pa.string())}))
    try:
        texts = con.execute(
            "SELECT doc_id, title, coalesce(text, '') FROM documents JOIN _ids USING (doc_id)"
        ).fetchall()
        named = con.execute(
            """SELECT doc_id, lower(k) FROM (
                   SELECT doc_id, unnest([actor_name, recipient_name, place_name]) AS k FROM events
                   JOIN _ids USING (doc_id)
                   UNION ALL
                   SELECT doc_id, coalesce(name, text) FROM actor_mentions JOIN _ids USING (doc_id)
               ) WHERE k IS NOT NULL"""
        ).fetchall()
    finally:
        con.unregister("_ids")
    keys = {doc_id: text_keys(title, text, lead_chars=lead_chars) for doc_id, title, text in texts}
    for doc_id, name in named:
        keys[doc_id]["e:" + name] += 1
    return keys


def _store_keys(con: duckdb.DuckDBPyConnection, keys: dict[str, Counter[str]], days: dict[str, dt.date | None]) -> None:
    rows = [(d, k, 1.0 + math.log(n)) for d, counts in keys.items() for k, n in counts.items()]
    table = pa.table(
        {
            "doc_id": [r[0] for r in rows],
            "key": [r[1] for r in rows],
            "weight": pa.array([r[2] for r in rows], pa.float64()),
            "day": pa.array([days.get(r[0]) for r in rows], pa.date32()),
        }
    )
    con.register("_keys", table)
    try:
        con.execute("INSERT INTO story_keys SELECT doc_id, key, weight, day FROM _keys")
    finally:
        con.unregister("_keys")


@dataclass(slots=True)
class _Doc:
    doc_id: str
    cluster_id: str
    date: dt.date | None
    story_id: str | None
    vector: dict[str, float]


def _load_docs(con: duckdb.DuckDBPyConnection, *, new: bool, doc_ids: set[str] | None = None) -> dict[str, _Doc]:
    """Documents without a story (`new`), or the given ones, with their date for story windows."""
    where = "d.story_id IS NULL" if new else "d.doc_id IN (SELECT doc_id FROM _load)"
    con.register("_load", pa.table({"doc_id": pa.array(sorted(doc_ids or ()), pa.string())}))
    try:
        rows = con.execute(
            f"""SELECT d.doc_id, coalesce(d.cluster_id, d.doc_id), coalesce(d.published, e.first), d.story_id
                FROM documents d LEFT JOIN (
                    SELECT doc_id, min(date) AS first FROM events
                    WHERE date_source IN ('text', 'clause') GROUP BY doc_id
                ) e USING (doc_id)
            WHERE d.status = 'ok' AND {where}"""
        ).fetchall()
    finally:
        con.unregister("_load")
    return {r[0]: _Doc(r[0], r[1], r[2], r[3], {}) for r in rows}


def _candidates(con: duckdb.DuckDBPyConnection, new_ids: list[str], cfg: StoryOptions) -> dict[str, set[str]]:
    """Per new document, the documents within the date window sharing a key held by at most `max_block`."""
    con.register("_new", pa.table({"doc_id": pa.array(new_ids, pa.string())}))
    try:
        rows = con.execute(
            """WITH nk AS (SELECT key, doc_id, day FROM story_keys JOIN _new USING (doc_id)),
                    small AS (SELECT key FROM story_keys WHERE key IN (SELECT key FROM nk)
                              GROUP BY key HAVING count(*) <= ?)
               SELECT DISTINCT nk.doc_id, o.doc_id FROM nk JOIN small USING (key) JOIN story_keys o USING (key)
               WHERE o.doc_id <> nk.doc_id
                 AND (nk.day IS NULL OR o.day IS NULL OR abs(date_diff('day', nk.day, o.day)) <= ?)""",
            [cfg.max_block, cfg.window_days],
        ).fetchall()
    finally:
        con.unregister("_new")
    found: dict[str, set[str]] = defaultdict(set)
    for a, b in rows:
        found[a].add(b)
    return found


def _vectors(con: duckdb.DuckDBPyConnection, docs: dict[str, _Doc]) -> None:
    """Fill the TF-IDF key vectors (unit length) of `docs`; IDF over every document with keys."""
    n_docs = int(con.execute("SELECT count(DISTINCT doc_id) FROM story_keys").fetchall()[0][0])
    con.register("_ids", pa.table({"doc_id": pa.array(list(docs), pa.string())}))
    try:
        rows = con.execute(
            """WITH mine AS (SELECT doc_id, key, weight FROM story_keys JOIN _ids USING (doc_id)),
                    df AS (SELECT key, count(*) AS n FROM story_keys WHERE key IN (SELECT key FROM mine) GROUP BY key)
               SELECT doc_id, key, weight, n FROM mine JOIN df USING (key)"""
        ).fetchall()
    finally:
        con.unregister("_ids")
    for doc_id, key, weight, df in rows:
        docs[doc_id].vector[key] = weight * math.log((n_docs + 1) / df)
    for doc in docs.values():
        norm = math.sqrt(sum(v * v for v in doc.vector.values())) or 1.0
        doc.vector = {k: v / norm for k, v in doc.vector.items()}


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _compatible_dates(a: dt.date | None, b: dt.date | None, window_days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= window_days


def assign_stories(con: duckdb.DuckDBPyConnection, cfg: StoryOptions) -> tuple[dict[str, int], set[str]]:
    """Give every status-ok document without a story its story_id (see the module docstring).

    Args:
        con: the store's DuckDB connection; documents must already have their cluster_id.
        cfg: story options.

    Returns:
        Counts, and the ids of the stories that gained documents.
    """
    new = _load_docs(con, new=True)
    if not new:
        return {"stories_new_documents": 0}, set()
    new_ids = sorted(new, key=lambda d: (new[d].date is None, new[d].date or dt.date.min, d))
    _store_keys(con, _document_keys(con, new_ids, cfg.lead_chars), {d: new[d].date for d in new_ids})
    candidates = _candidates(con, new_ids, cfg)
    others = {o for found in candidates.values() for o in found} - set(new)
    docs = {**new, **(_load_docs(con, new=False, doc_ids=others) if others else {})}
    _vectors(con, docs)
    cluster_story = _cluster_stories(con, {doc.cluster_id for doc in new.values()})
    touched: set[str] = set()
    joined = 0
    for doc_id in new_ids:
        doc = docs[doc_id]
        story = cluster_story.get(doc.cluster_id) or _best_story(doc, candidates.get(doc_id, set()), docs, cfg)
        joined += story is not None
        doc.story_id = story or doc_id
        cluster_story.setdefault(doc.cluster_id, doc.story_id)
        touched.add(doc.story_id)
    _write_story_ids(con, {d: docs[d].story_id or d for d in new_ids})
    return {"stories_new_documents": len(new_ids), "stories_joined": joined}, touched


def _cluster_stories(con: duckdb.DuckDBPyConnection, clusters: set[str]) -> dict[str, str]:
    """The story of each cluster that already has one (the story of its first member with a story)."""
    con.register("_cl", pa.table({"cluster_id": pa.array(sorted(clusters), pa.string())}))
    try:
        rows = con.execute(
            """SELECT cluster_id, arg_min(story_id, doc_id) FROM documents JOIN _cl USING (cluster_id)
               WHERE story_id IS NOT NULL GROUP BY cluster_id"""
        ).fetchall()
    finally:
        con.unregister("_cl")
    return {r[0]: r[1] for r in rows}


def _best_story(doc: _Doc, candidates: set[str], docs: dict[str, _Doc], cfg: StoryOptions) -> str | None:
    best: tuple[float, str] | None = None
    for other_id in sorted(candidates):
        other = docs.get(other_id)
        if other is None or other.story_id is None or not _compatible_dates(doc.date, other.date, cfg.window_days):
            continue
        score = similarity(doc.vector, other.vector)
        shared = sum(1 for key, value in doc.vector.items() if value > 0 and other.vector.get(key, 0.0) > 0)
        if score >= cfg.link_min and shared >= cfg.min_shared and (best is None or score > best[0]):
            best = (score, other.story_id)
    return best[1] if best else None


def _write_story_ids(con: duckdb.DuckDBPyConnection, stories: dict[str, str]) -> None:
    con.register("_story", pa.table({"doc_id": list(stories), "story_id": list(stories.values())}))
    try:
        con.execute("UPDATE documents SET story_id = s.story_id FROM _story s WHERE documents.doc_id = s.doc_id")
        con.execute("UPDATE events SET story_id = s.story_id FROM _story s WHERE events.doc_id = s.doc_id")
    finally:
        con.unregister("_story")


def refresh_story_rows(con: duckdb.DuckDBPyConnection, story_ids: set[str]) -> None:
    """Recompute the `stories` rows of `story_ids`: title, date range, document and event counts.

    The title is the one of the story's earliest dated document (undated documents last, then
    doc_id), else that document's first line of text. The date range spans the publication dates
    of its documents, or the dates of its events when none is dated.
    """
    if not story_ids:
        return
    con.register("_sid", pa.table({"story_id": pa.array(sorted(story_ids), pa.string())}))
    try:
        con.execute("DELETE FROM stories WHERE story_id IN (SELECT story_id FROM _sid)")
        con.execute(
            """INSERT INTO stories
               WITH docs AS (
                   SELECT d.* FROM documents d JOIN _sid USING (story_id) WHERE d.status = 'ok'),
               ev AS (
                   SELECT story_id, min(date) AS lo, max(coalesce(date_end, date)) AS hi, count(*) AS n
                   FROM events WHERE story_id IN (SELECT story_id FROM _sid) GROUP BY story_id)
               SELECT docs.story_id,
                      arg_min(coalesce(nullif(trim(title), ''), left(split_part(trim(text), chr(10), 1), 200)),
                              coalesce(published, DATE '9999-12-31')::VARCHAR || doc_id),
                      coalesce(min(published), any_value(ev.lo)),
                      coalesce(max(published), any_value(ev.hi)),
                      count(*),
                      coalesce(any_value(ev.n), 0)
               FROM docs LEFT JOIN ev USING (story_id) GROUP BY docs.story_id"""
        )
    finally:
        con.unregister("_sid")
