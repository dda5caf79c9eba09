"""Every count shown beside a list counts that list, or says what it counts (issue 14)."""

from __future__ import annotations

import datetime as dt

from tests.pipeline.aggregate._records import article, event

from annales.cli.events import format_event
from annales.pipeline.aggregate import finalize
from annales.store import queries
from annales.store.queries import EventFilter
from annales.store.store import Store

DAY = dt.date(2013, 2, 2)
SENTENCE = "Biden met Lavrov in Munich on Saturday at the security conference, officials said."
BODY = "\n".join(f"Paragraph {i} of the report on the conference, with words {i} {i + 1} and more." for i in range(30))


def _store() -> Store:
    """Local files (their site is a folder: no named source) and one outlet, all reporting one meeting."""
    store = Store(":memory:")
    docs = []
    for doc_id, sentence, tail, source in [
        ("a", SENTENCE, "", None),
        ("b", SENTENCE, "\nPrinted from the archive.", None),  # a copy of a: same cluster, same sentence
        ("c", "Lavrov and Biden talked in Munich.", "\nAnother article.", None),
        ("d", "Biden and Lavrov held talks.", "\nFrom AFP.", "AFP"),
    ]:
        body = BODY if doc_id in "ab" else f"Only {doc_id} tells this in its own words about the weather."
        text = sentence + "\n" + body + tail
        doc = article(doc_id, text, published=DAY, source=source, events=[event(doc_id, 0, sentence, date=DAY)])
        doc.site = "/data/news"
        docs.append(doc)
    store.write(docs, run_id="r1")
    finalize(store, run_id="r1")
    return store


def test_event_detail_counts_match_the_mentions_listed_issue_14() -> None:
    store = _store()
    (merged_id,) = {r[0] for r in store.con.execute("SELECT merged_id FROM events").fetchall()}
    detail = queries.event_detail(store.con, merged_id)
    assert detail is not None
    event_, mentions = detail["event"], detail["mentions"]
    assert len(mentions) == event_["n_listed"] == 4
    counted = [m for m in mentions if m["repeat_of"] is None]
    assert event_["n_mentions"] == len(counted) == 3
    assert event_["n_articles"] == len({m["doc_id"] for m in mentions}) == 4
    assert event_["n_sources"] == len({m["source_key"] for m in mentions}) == 3
    repeat = next(m for m in mentions if m["repeat_of"] is not None)
    assert repeat["doc_id"] == "b" and repeat["repeat_of"] == "a-0"
    assert {m["source"] for m in mentions} == {None, "AFP"}  # a folder names no outlet
    (row,) = queries.list_events(store.con, EventFilter()).events
    assert (row["n_mentions"], row["n_articles"], row["n_sources"]) == (3, 4, 3)


def test_cli_event_says_what_each_count_counts_issue_14() -> None:
    store = _store()
    (merged_id,) = {r[0] for r in store.con.execute("SELECT merged_id FROM events").fetchall()}
    detail = queries.event_detail(store.con, merged_id)
    assert detail is not None
    text = format_event(detail)
    assert "3 mention(s) (4 listed, 1 of them repeating a copy's sentence), 4 article(s), 3 source(s)" in text
    assert text.count("no named source") == 3 and "repeats the mention in a" in text


def test_story_detail_counts_the_events_it_lists_issue_14() -> None:
    store = _store()
    (story_id,) = {r[0] for r in store.con.execute("SELECT story_id FROM documents").fetchall()}
    detail = queries.story_detail(store.con, story_id)
    assert detail is not None
    assert detail["story"]["n_events"] == len(detail["events"]) == 1
    assert detail["story"]["n_mentions"] == 4
    assert detail["story"]["n_documents"] == len(detail["documents"]) == 4
    (listed,) = queries.list_stories(store.con)
    assert (listed["n_events"], listed["n_mentions"]) == (1, 4)


def test_cli_stories_counts_real_world_events_issue_14() -> None:
    from annales.pipeline.aggregate.queries import list_stories

    (row,) = list_stories(_store())
    assert (row.n_events, row.n_mentions, row.n_documents) == (1, 4, 4)
