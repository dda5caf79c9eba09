"""Event deduplication: the same real-world event across documents, and what must stay apart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.aggregate._records import article, event

from annales.pipeline.aggregate import finalize
from annales.pipeline.aggregate.counts import source_key
from annales.records import Place
from annales.store.store import Store

DAY = dt.date(2013, 2, 2)
MUNICH = Place("Munich", "city", "DEU", 48.14, 11.58)
MOSCOW = Place("Moscow", "city", "RUS", 55.75, 37.62)


def _merged_of(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT event_id, merged_id FROM events").fetchall())


def _two_docs(second: dict[str, Any], first: dict[str, Any] | None = None) -> Store:
    store = Store(":memory:")
    base = {"date": DAY, "published": DAY}
    a = article("a", "Biden met Lavrov in Munich.", published=DAY, source="DW",
                events=[event("a", 0, "Biden met Lavrov in Munich.", **{**base, **(first or {})})])  # fmt: skip
    b = article("b", "Lavrov held talks with Biden.", published=DAY, source="Reuters",
                events=[event("b", 0, "Lavrov held talks with Biden.", **{**base, **second})])  # fmt: skip
    store.write([a, b], run_id="r1")
    finalize(store, run_id="r1")
    return store


@pytest.mark.parametrize(
    "second",
    [
        {},
        {"date": DAY + dt.timedelta(days=1)},  # a day later in another time zone
        {"actor_country": "RUS", "recipient_country": "USA"},  # CONSULT is symmetric
        {"place": MUNICH},
        {"mode": "meet"},  # one mode unknown
    ],
)
def test_merge_same_event_across_documents(second: dict[str, Any]) -> None:
    store = _two_docs(second, {"place": MUNICH} if "place" in second else None)
    merged = _merged_of(store)
    assert merged["a-0"] == merged["b-0"]
    row = store.con.execute("SELECT n_mentions, n_articles, n_sources FROM merged_events").fetchall()
    assert row == [(2, 2, 2)]


@pytest.mark.parametrize(
    "second",
    [
        {"type": "ACCUSE"},
        {"date": DAY + dt.timedelta(days=20)},
        {"recipient_country": "SYR"},
        {"negated": True},
        {"status": "hypothetical"},
        {"status": "planned"},  # a planned meeting is another event than the meeting held (issue 14)
        {"place": MOSCOW},
        {"actor_country": None, "recipient_country": None},
    ],
)
def test_merge_keeps_different_events_apart(second: dict[str, Any]) -> None:
    store = _two_docs(second, {"place": MUNICH} if "place" in second else None)
    merged = _merged_of(store)
    assert merged["a-0"] != merged["b-0"]
    assert store.count("merged_events") == 2
    assert store.con.execute("SELECT sum(n_mentions) FROM merged_events").fetchall() == [(2,)]


def test_merge_directed_type_keeps_direction() -> None:
    store = _two_docs({"type": "ACCUSE", "actor_country": "RUS", "recipient_country": "USA"}, {"type": "ACCUSE"})
    merged = _merged_of(store)
    assert merged["a-0"] != merged["b-0"]


def test_merge_counts_a_verbatim_copy_once_per_cluster_and_source() -> None:
    text = "Biden met Lavrov in Munich on Saturday at the conference on security in Europe, officials said."
    body = "\n".join(
        [text] + [f"Paragraph {i} of the report with words {i} {i + 1} {i + 2} and more." for i in range(30)]
    )
    store = Store(":memory:")
    docs = [
        article(doc_id, body + tail, published=DAY, source=source, events=[event(doc_id, 0, text, date=DAY)])
        for doc_id, tail, source in [("a", "", "AP"), ("b", "\nMore at ap.org.", "AP"), ("c", "\nFrom AFP.", "AFP")]
    ]
    store.write(docs, run_id="r1")
    finalize(store, run_id="r1")
    clusters = {r[0] for r in store.con.execute("SELECT cluster_id FROM documents").fetchall()}
    assert len(clusters) == 1
    assert store.con.execute("SELECT n_mentions, n_articles, n_sources FROM merged_events").fetchall() == [(1, 3, 2)]
    assert store.con.execute("SELECT count(*) FROM events WHERE merged_id IS NULL").fetchall() == [(0,)]


def test_merge_mentions_of_one_document_without_dates_merge_within_the_story() -> None:
    text = "Biden met Lavrov.\nThe meeting of Lavrov and Biden was friendly."
    a = article(
        "a", text, events=[event("a", 0, "Biden met Lavrov."), event("a", 1, "The meeting of Lavrov", start=18)]
    )
    store = Store(":memory:")
    store.write([a], run_id="r1")
    finalize(store, run_id="r1")
    assert len(set(_merged_of(store).values())) == 1


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (("DW", "dw.com", "https://www.dw.com/a"), "dw"),
        ((None, "dw.com", None), "dw.com"),
        ((None, None, "https://www.dw.com/en/a"), "dw.com"),
        ((None, "/data/news", None), "cluster:c1"),  # a local folder names no outlet
        ((None, "C:\\news", "file:///x"), "cluster:c1"),
        (("  ", None, None), "cluster:c1"),
    ],
)
def test_source_key_falls_back_from_outlet_to_site_host_and_cluster(
    fields: tuple[str | None, str | None, str | None], expected: str
) -> None:
    assert source_key(*fields, "c1") == expected


# --- issue 14: no merge through a chain of compatible neighbours


def _store_of(events: list[dict[str, Any]]) -> Store:
    """One document per event (source = its doc id), all written and finalized."""
    store = Store(":memory:")
    docs = []
    for n, fields in enumerate(events):
        doc_id = f"d{n}"
        sentence = f"Sentence {n} says Biden met Lavrov."
        published = fields.pop("published", DAY)
        docs.append(article(doc_id, sentence, published=published, source=doc_id,
                            events=[event(doc_id, 0, sentence, published=published, **fields)]))  # fmt: skip
    store.write(docs, run_id="r1")
    finalize(store, run_id="r1")
    return store


def test_merge_year_date_does_not_join_february_and_april_meetings_issue_14() -> None:
    brussels = Place("Brussels", "city", "BEL", 50.85, 4.35)
    april = dt.date(2013, 4, 23)
    store = _store_of([
        {"date": dt.date(2013, 1, 1), "granularity": "year", "published": dt.date(2013, 5, 1)},
        {"date": DAY, "place": MUNICH},
        {"date": april, "place": brussels, "published": april},
    ])  # fmt: skip
    merged = _merged_of(store)
    assert merged["d1-0"] != merged["d2-0"]
    assert merged["d0-0"] in (merged["d1-0"], merged["d2-0"])
    row = store.con.execute(
        "SELECT date, granularity, n_mentions FROM merged_events WHERE merged_id = ?", [merged["d1-0"]]
    ).fetchone()
    assert row is not None and row[:2] == (DAY, "day")  # the finer date wins, not the year


def test_merge_days_do_not_chain_into_a_long_event_issue_14() -> None:
    days = [DAY + dt.timedelta(days=k) for k in range(5)]  # each one day after the one before
    merged = _merged_of(_store_of([{"date": day} for day in days]))
    groups = [merged[f"d{k}-0"] for k in range(5)]
    assert groups[0] != groups[4]
    for k, first in enumerate(days):  # merged mentions are at most 2 days apart (1 day slack each)
        for m, second in enumerate(days):
            if groups[k] == groups[m]:
                assert abs((first - second).days) <= 2


def test_merge_places_do_not_chain_through_a_mention_without_place_issue_14() -> None:
    merged = _merged_of(_store_of([{"date": DAY}, {"date": DAY, "place": MUNICH}, {"date": DAY, "place": MOSCOW}]))
    assert merged["d1-0"] != merged["d2-0"]
    assert merged["d0-0"] in (merged["d1-0"], merged["d2-0"])


def test_merge_modes_do_not_chain_through_an_unknown_mode_issue_14() -> None:
    merged = _merged_of(_store_of([{"date": DAY}, {"date": DAY, "mode": "meet"}, {"date": DAY, "mode": "call"}]))
    assert merged["d1-0"] != merged["d2-0"]


def test_merge_new_mention_must_fit_every_stored_member_issue_14() -> None:
    store = _store_of([{"date": DAY}, {"date": DAY, "place": MUNICH}])
    assert len(set(_merged_of(store).values())) == 1
    later = article("late", "Biden met Lavrov in Moscow.", published=DAY, source="TASS",
                    events=[event("late", 0, "Biden met Lavrov in Moscow.", date=DAY, place=MOSCOW)])  # fmt: skip
    store.write([later], run_id="r2")
    finalize(store, run_id="r2")
    merged = _merged_of(store)
    assert merged["late-0"] != merged["d1-0"]


@pytest.mark.parametrize("recipient", [None, "USA"])  # no pair of parties named
def test_merge_dyad_without_a_pair_joins_only_within_a_story_issue_14(recipient: str | None) -> None:
    texts = {
        "a": "The White House demanded answers from the utility company about the blackout in California.",
        "b": "American officials demanded a full account of the trade figures released by the ministry.",
        "c": "The White House demanded answers from the utility company about the blackout in California.",
    }
    store = Store(":memory:")
    docs = [
        article(doc_id, text, published=DAY, source=doc_id.upper(),
                events=[event(doc_id, 0, text, type="REQUEST", recipient_country=recipient, date=DAY)])
        for doc_id, text in texts.items()
    ]  # fmt: skip
    store.write(docs, run_id="r1")
    finalize(store, run_id="r1")
    stories = dict(store.con.execute("SELECT doc_id, story_id FROM documents").fetchall())
    merged = _merged_of(store)
    assert stories["a"] == stories["c"] != stories["b"]
    assert merged["a-0"] == merged["c-0"] != merged["b-0"]
