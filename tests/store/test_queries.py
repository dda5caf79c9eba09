"""Shared read queries: filters, keyset paging, the stable event schema, before and after finalize."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import annales
from annales.errors import ConfigError
from annales.records import Actor, Article, Event, Place, Sentence
from annales.store import queries
from annales.store.queries import EventFilter
from annales.store.store import Store

STABLE_KEYS = [
    "event_id", "doc_id", "doc_uri", "sentence", "span", "actor", "actor_source", "recipient", "recipient_source",
    "type", "mode", "contexts", "cameo", "goldstein", "quad", "status", "negated", "confidence", "published", "date",
    "date_end", "date_source", "granularity", "place", "n_mentions", "n_articles", "n_sources",
]  # fmt: skip


def _actor(code: str | None, text: str = "someone") -> Actor:
    country = code.split(".")[0] if code else None
    return Actor(text=text, code=code, country=country, sector=None, name=text)


def _article(
    index: int, actor: str, recipient: str | None, kind: str, date: dt.date | None, **extra: object
) -> Article:
    text = f"Sentence number {index} says {actor} did {kind}."
    doc_id = f"doc{index:03d}"
    event = Event(
        event_id=f"ev{index:03d}", doc_id=doc_id, sentence_index=0, sentence=text,
        span=(text.index("did"), len(text) - 1),
        actor=_actor(actor), recipient=_actor(recipient) if recipient else None, type=kind, mode=None,
        contexts=(), cameo="040", goldstein=float(extra.get("goldstein", 1.0)), quad=1,  # type: ignore[arg-type]
        status="occurred", negated=False, confidence=0.9, published=dt.date(2020, 1, 1), date=date,
        place=extra.get("place"),  # type: ignore[arg-type]
    )  # fmt: skip
    return Article(
        doc_id=doc_id, uri=f"file:///{doc_id}", format="text", text=text, published=dt.date(2020, 1, 1),
        sentences=[Sentence(index=0, start=0, end=len(text), text=text)], events=[event],
    )  # fmt: skip


def _articles() -> list[Article]:
    paris = Place("Paris", "city", "FRA", 48.86, 2.35)
    return [
        _article(1, "USA.GOV", "RUS", "CONSULT", dt.date(2014, 1, 5), goldstein=1.0, place=paris),
        _article(2, "USA", "RUS.MIL", "THREATEN", dt.date(2014, 2, 5), goldstein=-7.0),
        _article(3, "RUS", "USA", "ACCUSE", dt.date(2014, 3, 5), goldstein=-2.0),
        _article(4, "USAX", "CHN", "AID", dt.date(2014, 4, 5), goldstein=7.0),
        _article(5, "CHN", None, "MOBILIZE", None, goldstein=-6.0),
        _article(6, "FRA", "USA", "CONSULT", dt.date(2015, 1, 1), goldstein=1.0),
        _article(7, "USA", "FRA", "CONSULT", dt.date(2015, 1, 1), goldstein=1.0),
    ]


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as fresh:
        fresh.write(_articles(), run_id="test")
        yield fresh


def _ids(store: Store, flt: EventFilter, **options: object) -> list[str]:
    page = queries.list_events(store.con, flt, limit=500, **options)  # type: ignore[arg-type]
    return [event["event_id"] for event in page.events]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(actor="USA"), {"ev001", "ev002", "ev007"}),
        (EventFilter(actor="USA.GOV"), {"ev001"}),
        (EventFilter(recipient="RUS"), {"ev001", "ev002"}),
        (EventFilter(dyad="USA-RUS"), {"ev001", "ev002"}),
        (EventFilter(type="CONSULT", since=dt.date(2015, 1, 1)), {"ev006", "ev007"}),
        (EventFilter(until=dt.date(2014, 2, 5)), {"ev001", "ev002"}),
        (EventFilter(place="paris"), {"ev001"}),
        (EventFilter(place="FRA"), {"ev001"}),
        (EventFilter(actor="USA%"), set()),
        (EventFilter(actor="' OR 1=1 --"), set()),
    ],
)
def test_list_events_filters(store: Store, flt: EventFilter, expected: set[str]) -> None:
    assert set(_ids(store, flt)) == expected


def test_list_events_filters_on_event_date_not_publication(store: Store) -> None:
    # Every article was published 2020-01-01; the event dates are 2014-2015.
    assert _ids(store, EventFilter(since=dt.date(2019, 1, 1))) == []
    assert len(_ids(store, EventFilter(since=dt.date(2014, 1, 1)))) == 6


@pytest.mark.parametrize("sort", queries.SORT_KEYS)
@pytest.mark.parametrize("descending", [True, False])
def test_list_events_cursor_pages_equal_one_big_page(store: Store, sort: str, descending: bool) -> None:
    everything = _ids(store, EventFilter(), sort=sort, descending=descending)
    seen: list[str] = []
    cursor = None
    while True:
        page = queries.list_events(store.con, EventFilter(), sort=sort, descending=descending, limit=2, cursor=cursor)
        seen.extend(event["event_id"] for event in page.events)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == everything
    assert len(set(seen)) == 7


def test_list_events_sorted_by_goldstein(store: Store) -> None:
    page = queries.list_events(store.con, EventFilter(), sort="goldstein", descending=True, limit=500)
    scores = [event["goldstein"] for event in page.events]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"sort": "sentence; DROP"}, "E015"),
        ({"limit": 0}, "E016"),
        ({"limit": 501}, "E016"),
        ({"cursor": "@@"}, "E014"),
    ],
)
def test_list_events_rejects_bad_options(store: Store, options: dict[str, object], code: str) -> None:
    with pytest.raises(ConfigError) as info:
        queries.list_events(store.con, EventFilter(), **options)  # type: ignore[arg-type]
    assert info.value.code == code


@pytest.mark.parametrize(
    "options",
    [{"dyad": "USA"}, {"dyad": "-RUS"}, {"dyad": "USA-RUS", "actor": "CHN"},
     {"since": dt.date(2015, 1, 1), "until": dt.date(2014, 1, 1)}],
)  # fmt: skip
def test_event_filter_rejects_inconsistent_options(options: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        EventFilter(**options)  # type: ignore[arg-type]


def test_event_json_has_stable_schema(store: Store) -> None:
    page = queries.list_events(store.con, EventFilter(type="MOBILIZE"))
    event = page.events[0]
    assert list(event) == STABLE_KEYS
    assert event["recipient"] is None and event["place"] is None and event["date"] is None
    assert set(event["actor"]) == {"text", "code", "country", "sector", "name"}
    paris = queries.list_events(store.con, EventFilter(place="Paris")).events[0]
    assert paris["place"] == {"name": "Paris", "feature": "city", "country": "FRA", "lat": 48.86, "lon": 2.35}
    assert paris["span"] == [paris["sentence"].index("did"), len(paris["sentence"]) - 1]


def test_merged_events_replace_their_mentions(store: Store) -> None:
    # ev006 and ev007 report one meeting: merge them as finalize would.
    store.con.execute(
        """INSERT INTO merged_events (merged_id, type, n_mentions, n_articles, n_sources, first_event_id, date,
               actor_country, recipient_country)
        VALUES ('meet', 'CONSULT', 2, 2, 2, 'ev006', DATE '2015-01-01', 'FRA', 'USA')"""
    )
    store.con.execute("UPDATE events SET merged_id = 'meet' WHERE event_id IN ('ev006', 'ev007')")
    ids = _ids(store, EventFilter())
    assert "meet" in ids and "ev006" not in ids and "ev007" not in ids and len(ids) == 6
    detail = queries.event_detail(store.con, "meet")
    assert detail is not None
    assert sorted(m["mention_id"] for m in detail["mentions"]) == ["ev006", "ev007"]
    assert detail["event"]["n_sources"] == 2


def test_event_detail_highlights_span_in_sentence(store: Store) -> None:
    detail = queries.event_detail(store.con, "ev003")
    assert detail is not None
    (mention,) = detail["mentions"]
    start, end = mention["highlight"]
    assert mention["sentence"][start:end] == "did ACCUSE"
    assert queries.event_detail(store.con, "missing") is None


@pytest.mark.parametrize(
    ("spans", "marked"),
    [
        ([(0, 3, "a")], ["abc"]),
        ([(4, 7, "a"), (0, 3, "b")], ["abc", "efg"]),
        ([(0, 5, "a"), (2, 7, "b")], ["abc e"]),  # overlap: the later span is skipped
        ([(5, 99, "a")], []),  # out of range
    ],
)
def test_segments_split_text_at_spans(spans: list[tuple[int, int, str]], marked: list[str]) -> None:
    text = "abc efg hij"
    segments = queries._segments(text, spans)
    assert "".join(segment["text"] for segment in segments) == text
    assert [segment["text"] for segment in segments if segment["event_id"]] == marked


@pytest.mark.parametrize(
    ("days", "expected"), [(0, "day"), (120, "day"), (121, "week"), (3 * 365, "week"), (5 * 365, "month")]
)
def test_pick_granularity(days: int, expected: str) -> None:
    first = dt.date(2000, 1, 1)
    assert queries.pick_granularity(first, first + dt.timedelta(days=days)) == expected


def test_overview_counts_and_series(store: Store) -> None:
    data = queries.overview(store.con, EventFilter())
    assert data["counts"] == {"documents": 7, "events": 7, "mentions": 7, "stories": 0}
    assert sum(row["n"] for row in data["series"]) == 6  # the undated event has no bar
    assert data["top_actors"][0] == {"actor": "USA", "n": 3}


def test_dyad_splits_directions(store: Store) -> None:
    data = queries.dyad(store.con, "USA", "FRA")
    directions = {(row["type"], row["direction"]): row["n"] for row in data["types"]}
    assert directions == {("CONSULT", "a->b"): 1, ("CONSULT", "b->a"): 1}
    assert {event["event_id"] for event in data["events"]} == {"ev006", "ev007"}


def test_network_edges_weighted_by_count(store: Store) -> None:
    data = queries.network(store.con, EventFilter())
    edges = {(edge["source"], edge["target"]): edge["n"] for edge in data["edges"]}
    assert edges[("USA", "RUS")] == 2
    assert ("CHN", None) not in edges


def test_store_reader_events_returns_dataframe(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as writer:
        writer.write(_articles(), run_id="test")
    with annales.open(path) as reader:
        frame = reader.events(actor="USA", since="2014-01-01")
        assert sorted(frame["event_id"]) == ["ev001", "ev002", "ev007"]
        assert {"actor_code", "goldstein", "date", "sentence"} <= set(frame.columns)
        with pytest.raises(ConfigError):
            reader.events(since="last week")
