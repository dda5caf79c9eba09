"""Event deduplication: mentions of one real-world event, across sentences and documents, merged.

Two event mentions report the same real-world event when they have the same PLOVER type, the
same dyad (actor and recipient country, else actor code; in either order for the symmetric
types CONSULT, COOPERATE and AGREE), the same negation and the same status (a planned visit and
the visit held are two events, as a threat and an attack are; issue 14), and fit together in
mode, date and place. A mention joins a merged event only when it fits **every** member, never
through a chain of neighbours (issue 14: a year-dated mention joined a February and an April
meeting; a mention without place joined Munich and Moscow):

* modes: no two known modes differ (an unknown mode fits any);
* dates: every member's date window overlaps every other's, that is, the intersection of all
  the windows (the event's date range widened by `slack_days`; for an undated event the week
  before its publication) is not empty. A coarse date (a month, a year, an undated mention)
  joins where it overlaps, but two fine dates that do not overlap never join through it. Two
  mentions without any date window merge only within one story;
* a mention whose dyad names no pair of parties (no recipient, "the United States demanded...",
  or one country on both sides, "US lawyers demand of the US...") says too little to be matched
  with another article's on type, actor and date alone: it joins only within its story (on
  real pages, "USA REQUEST" mentions of nine unrelated articles of one week had become one
  event; issue 14);
* places: no two members' places conflict (countries equal when both known, at most
  `place_km` apart when both have coordinates).

Mentions are blocked by (type, dyad), so the work is linear in mentions times the merged events
of one block. A mention without a merged event joins the first compatible merged event of its
block (existing ones first, in id order), else founds one whose id is "m" + its event id. Merged
ids never change; a merged event's row is recomputed whenever it gains or loses a mention, and
its date is the one of its finest-dated members (a day beats a month or a year).

Counts (like GDELT's NumMentions/NumArticles/NumSources), defined in
`annales.pipeline.aggregate.counts`: n_mentions counts mentions once per (near-duplicate cluster,
sentence text): a syndicated copy repeating a sentence verbatim adds no mention; n_articles
counts distinct documents; n_sources counts distinct sources (documents.source, else site, else
URL host; a document with none of these counts as its cluster, so copies in one cluster count once).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from annales.errors import ConfigError
from annales.pipeline.aggregate.counts import Counted, count_mentions

logger = logging.getLogger(__name__)

SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# A merged event spans at most a few days of reporting: one day of slack absorbs time zones and
# "late on Saturday" vs "on Sunday"; 200 km keeps "Munich" and "Bavaria" together, "Munich" and
# "Moscow" apart. Re-run `python benchmarks/eval_dedup.py --gate` after changing them.
# Date sources that read the event's own time off a text ("text" in stores written before dates v2).
OWN_DATE_SOURCES = frozenset({"clause", "text", "story", "lead", "news_day"})
SLACK_DAYS = 1
PLACE_KM = 200.0
UNDATED_DAYS = 7
_REACH = dt.timedelta(days=400)  # farther than any event window (a year) from the new mentions
_SPAN_DAYS = {"day": 0, "week": 6, "month": 30, "year": 364}
# Finer first: the date of a merged event comes from its finest-dated members.
_GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

_COLUMNS = """e.event_id, e.doc_id, e.type, e.mode, e.status, e.negated, coalesce(e.actor_country, e.actor_code),
    coalesce(e.recipient_country, e.recipient_code), e.date, e.date_end, e.granularity, e.published,
    e.place_country, e.place_lat, e.place_lon, e.story_id, e.merged_id"""


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """Options of event deduplication.

    Args:
        slack_days: days added on both sides of an event's date range before comparing.
        place_km: the greatest distance between the places of two mentions of one event.
        undated_days: the window before publication given to events without a date.
    """

    slack_days: int = SLACK_DAYS
    place_km: float = PLACE_KM
    undated_days: int = UNDATED_DAYS

    def __post_init__(self) -> None:
        if self.slack_days < 0 or self.place_km <= 0 or self.undated_days < 0:
            raise ConfigError("E024", "merge: need slack_days >= 0, place_km > 0, undated_days >= 0")


@dataclass(slots=True)
class Mention:
    """What the merge compares of one event row."""

    event_id: str
    doc_id: str
    type: str
    mode: str | None
    status: str
    negated: bool
    actor: str | None
    recipient: str | None
    window: tuple[dt.date, dt.date] | None
    place_country: str | None
    place_lat: float | None
    place_lon: float | None
    story_id: str | None
    merged_id: str | None

    @property
    def block(self) -> tuple[str, str, str] | None:
        """(type, actor, recipient), the dyad ordered for symmetric types; None without an actor."""
        if self.actor is None:
            return None
        pair = (self.actor, self.recipient or "-")
        if self.type in SYMMETRIC_TYPES:
            pair = (min(pair), max(pair))
        return (self.type, *pair)


_PlaceKey = tuple[str | None, float | None, float | None]


@dataclass(slots=True)
class _Group:
    """A merged event being built: what every new member must fit.

    `lo`..`hi` is the intersection of the dated members' windows (None before the first one);
    `modes` and `places` are the distinct known modes and places of the members.
    """

    merged_id: str
    anchor: Mention
    lo: dt.date | None
    hi: dt.date | None
    stories: set[str] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    places: set[_PlaceKey] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        if mention.window is not None:
            lo, hi = mention.window
            self.lo = lo if self.lo is None else max(self.lo, lo)
            self.hi = hi if self.hi is None else min(self.hi, hi)
        if mention.story_id:
            self.stories.add(mention.story_id)
        if mention.mode:
            self.modes.add(mention.mode)
        if mention.place_country or mention.place_lat is not None:
            self.places.add((mention.place_country, mention.place_lat, mention.place_lon))


def event_window(
    date: dt.date | None,
    date_end: dt.date | None,
    granularity: str | None,
    published: dt.date | None,
    cfg: MergeOptions,
) -> tuple[dt.date, dt.date] | None:
    """The days an event may have happened on, widened by the slack; None when nothing dates it."""
    slack = dt.timedelta(days=cfg.slack_days)
    if date is not None:
        end = date_end or date + dt.timedelta(days=_SPAN_DAYS.get(granularity or "day", 0))
        return date - slack, max(end, date) + slack
    if published is not None:
        return published - dt.timedelta(days=cfg.undated_days) - slack, published + slack
    return None


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def compatible(mention: Mention, group: _Group, cfg: MergeOptions) -> bool:
    """Whether `mention` may report the real-world event of `group`: it fits every member (see the module docstring)."""
    anchor = group.anchor
    if mention.negated != anchor.negated or mention.status != anchor.status:
        return False
    if mention.mode and any(mode != mention.mode for mode in group.modes):
        return False
    if not all(_places_fit(mention, place, cfg) for place in group.places):
        return False
    in_story = mention.story_id is not None and mention.story_id in group.stories
    if mention.window is None or group.lo is None or group.hi is None:
        return in_story
    if mention.recipient in (None, mention.actor) and not in_story:
        return False  # a dyad that names no pair of parties matches across articles only in a story
    return mention.window[0] <= group.hi and group.lo <= mention.window[1]


def _places_fit(mention: Mention, place: _PlaceKey, cfg: MergeOptions) -> bool:
    country, lat, lon = place
    if mention.place_country and country and mention.place_country != country:
        return False
    if mention.place_lat is None or mention.place_lon is None or lat is None or lon is None:
        return True
    return _distance_km(mention.place_lat, mention.place_lon, lat, lon) <= cfg.place_km


def _mentions(con: duckdb.DuckDBPyConnection, where: str, cfg: MergeOptions, params: list[Any]) -> list[Mention]:
    rows = con.execute(
        f"""SELECT {_COLUMNS} FROM events e JOIN documents d USING (doc_id)
            WHERE d.status = 'ok' AND {where} ORDER BY e.event_id""",
        params,
    ).fetchall()
    found = []
    for r in rows:
        window = event_window(r[8], r[9], r[10], r[11], cfg)
        found.append(Mention(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], window, *r[12:17]))
    return found


def merge_events(con: duckdb.DuckDBPyConnection, cfg: MergeOptions, *, stale: set[str] | None = None) -> dict[str, int]:
    """Give every event of a status-ok document without a merged_id one, and refresh merged rows.

    Args:
        con: the store's DuckDB connection; events must carry their story_id.
        cfg: merge options.
        stale: merged ids that lost mentions elsewhere (re-dated events) and need refreshing.

    Returns:
        Counts: mentions placed, merged into an existing merged event, merged events founded.
    """
    new = _mentions(con, "e.merged_id IS NULL", cfg, [])
    if not new and not stale:
        return {"merge_new_mentions": 0}
    groups = _existing_groups(con, new, cfg)
    taken = {g.merged_id for block in groups.values() for g in block} | _stored_ids(con, new)
    joined = founded = 0
    assigned: dict[str, str] = {}
    for mention in sorted(new, key=_order):
        block = mention.block
        home = next((g for g in groups.get(block, []) if compatible(mention, g, cfg)), None) if block else None
        if home is None:
            home = _Group(_fresh_id(mention.event_id, taken), mention, None, None)
            taken.add(home.merged_id)
            if block is not None:
                groups[block].append(home)
            founded += 1
        else:
            joined += 1
        home.add(mention)
        assigned[mention.event_id] = home.merged_id
    _write_assignments(con, assigned)
    refresh_merged_rows(con, set(assigned.values()) | (stale or set()))
    logger.info("event merge: %d mentions, %d joined a merged event", len(new), joined)
    return {"merge_new_mentions": len(new), "merge_joined": joined, "merged_events_founded": founded}


def _order(mention: Mention) -> tuple[bool, dt.date, str]:
    return (mention.window is None, mention.window[0] if mention.window else dt.date.min, mention.event_id)


def _existing_groups(
    con: duckdb.DuckDBPyConnection, new: list[Mention], cfg: MergeOptions
) -> defaultdict[tuple[str, str, str] | None, list[_Group]]:
    """Merged events already stored in the blocks of the new mentions, in merged id order."""
    groups: defaultdict[tuple[str, str, str] | None, list[_Group]] = defaultdict(list)
    types = sorted({m.type for m in new if m.block})
    actors = sorted({a for m in new if m.block for a in (m.actor, m.recipient) if a})
    if not types:
        return groups
    windows = [m.window for m in new if m.window is not None]
    lo = min((w[0] for w in windows), default=dt.date.min) - _REACH if windows else dt.date.min
    hi = max((w[1] for w in windows), default=dt.date.max) + _REACH if windows else dt.date.max
    if any(m.window is None for m in new):  # undated mentions may join any merged event of their story
        lo, hi = dt.date.min, dt.date.max
    old = _mentions(
        con,
        """e.merged_id IS NOT NULL AND e.type IN (SELECT unnest(?))
           AND (coalesce(e.actor_country, e.actor_code) IN (SELECT unnest(?))
                OR coalesce(e.recipient_country, e.recipient_code) IN (SELECT unnest(?)))
           AND (coalesce(e.date, e.published) IS NULL OR coalesce(e.date, e.published) BETWEEN ? AND ?)""",
        cfg,
        [types, actors, actors, lo, hi],
    )
    by_id: dict[str, _Group] = {}
    for mention in sorted(old, key=lambda m: (str(m.merged_id), m.event_id)):
        merged_id = str(mention.merged_id)
        if merged_id not in by_id:
            by_id[merged_id] = _Group(merged_id, mention, None, None)
            groups[mention.block].append(by_id[merged_id])
        by_id[merged_id].add(mention)
    return groups


def _stored_ids(con: duckdb.DuckDBPyConnection, new: list[Mention]) -> set[str]:
    """Merged ids already stored that a new mention's id could collide with ("m" + event id...)."""
    rows = con.execute(
        "SELECT merged_id FROM merged_events WHERE split_part(merged_id, '~', 1) IN (SELECT unnest(?))",
        [[f"m{m.event_id}" for m in new]],
    ).fetchall()
    return {r[0] for r in rows}


def _fresh_id(event_id: str, taken: set[str]) -> str:
    base = f"m{event_id}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}~{n}"
    return candidate


def _write_assignments(con: duckdb.DuckDBPyConnection, assigned: dict[str, str]) -> None:
    if not assigned:
        return
    con.register("_assign", pa.table({"event_id": list(assigned), "merged_id": list(assigned.values())}))
    try:
        con.execute("UPDATE events SET merged_id = a.merged_id FROM _assign a WHERE events.event_id = a.event_id")
    finally:
        con.unregister("_assign")


_MEMBER_SQL = """SELECT e.merged_id, e.event_id, e.doc_id, e.sentence, e.type, e.mode, e.cameo, e.goldstein, e.quad,
       e.actor_code, e.actor_country, e.actor_name, e.recipient_code, e.recipient_country, e.recipient_name,
       e.status, e.negated, e.confidence, e.date, e.date_end, e.date_source, e.granularity,
       e.place_name, e.place_country, e.place_lat, e.place_lon, e.story_id,
       d.source, d.site, d.url, coalesce(d.cluster_id, d.doc_id) AS cluster
FROM events e JOIN documents d USING (doc_id) JOIN _mid USING (merged_id)"""
_MERGED_COLUMNS = (
    "merged_id", "type", "mode", "cameo", "goldstein", "quad", "actor_code", "actor_country", "actor_name",
    "recipient_code", "recipient_country", "recipient_name", "status", "negated", "confidence", "date", "date_end",
    "date_source", "granularity", "place_name", "place_country", "place_lat", "place_lon", "n_mentions",
    "n_articles", "n_sources", "first_event_id", "story_id",
)  # fmt: skip


def refresh_merged_rows(con: duckdb.DuckDBPyConnection, merged_ids: set[str]) -> None:
    """Recompute the merged_events rows of `merged_ids` from their mentions (drop those left empty)."""
    if not merged_ids:
        return
    con.register("_mid", pa.table({"merged_id": pa.array(sorted(merged_ids), pa.string())}))
    try:
        columns = [c[0] for c in con.execute(_MEMBER_SQL + " LIMIT 0").description]
        members: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in con.execute(_MEMBER_SQL + " ORDER BY e.event_id").fetchall():
            members[row[0]].append(dict(zip(columns, row, strict=True)))
        rows = [_merged_row(merged_id, rows) for merged_id, rows in sorted(members.items())]
        con.execute("DELETE FROM merged_events WHERE merged_id IN (SELECT merged_id FROM _mid)")
    finally:
        con.unregister("_mid")
    if rows:
        table = pa.Table.from_pylist(rows, schema=_merged_schema())
        con.register("_merged", table)
        try:
            con.execute(f"INSERT INTO merged_events ({', '.join(_MERGED_COLUMNS)}) SELECT * FROM _merged")
        finally:
            con.unregister("_merged")


def _merged_schema() -> pa.Schema:
    kinds = {"goldstein": pa.float64(), "quad": pa.int64(), "negated": pa.bool_(), "confidence": pa.float64(),
             "date": pa.date32(), "date_end": pa.date32(), "place_lat": pa.float64(), "place_lon": pa.float64(),
             "n_mentions": pa.int64(), "n_articles": pa.int64(), "n_sources": pa.int64()}  # fmt: skip
    return pa.schema([pa.field(c, kinds.get(c, pa.string())) for c in _MERGED_COLUMNS])


def _merged_row(merged_id: str, members: list[dict[str, Any]]) -> dict[str, Any]:
    """One merged_events row: the representative mention's fields, the members' dates and counts."""
    rep = min(members, key=lambda m: (-m["confidence"], m["date_source"] not in OWN_DATE_SOURCES, m["event_id"]))
    dated = _finest_dated(members)
    stories = Counter(m["story_id"] for m in members if m["story_id"])
    counts = count_mentions(
        Counted(m["doc_id"], m["cluster"], m["sentence"], m["source"], m["site"], m["url"]) for m in members
    )
    row = {c: rep.get(c) for c in _MERGED_COLUMNS if c in rep}
    row.update(
        merged_id=merged_id,
        confidence=max(m["confidence"] for m in members),
        date=min(m["date"] for m in dated) if dated else None,
        date_end=max((m["date_end"] or m["date"]) for m in dated) if dated else None,
        date_source=min(dated, key=lambda m: m["date"])["date_source"] if dated else None,
        granularity=min(dated, key=lambda m: m["date"])["granularity"] if dated else None,
        n_mentions=counts.n_mentions,
        n_articles=counts.n_articles,
        n_sources=counts.n_sources,
        first_event_id=rep["event_id"],
        story_id=min(stories, key=lambda s: (-stories[s], s)) if stories else None,
    )
    if row["date"] is not None and row["date_end"] == row["date"]:
        row["date_end"] = None
    return row


def _finest_dated(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The members that date a merged event: dated from the text if any, then the finest granularity."""
    dated = [m for m in members if m["date"] is not None and m["date_source"] in OWN_DATE_SOURCES] or [
        m for m in members if m["date"] is not None
    ]
    if not dated:
        return []
    finest = min(_GRANULARITY_RANK.get(m["granularity"] or "day", 0) for m in dated)
    return [m for m in dated if _GRANULARITY_RANK.get(m["granularity"] or "day", 0) == finest]
