"""The finalize step on real seed texts: stories, story dates, incremental joins, idempotent re-runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.pipeline.aggregate._records import article, event

from annales.errors import ConfigError
from annales.pipeline.aggregate import FinalizeOptions, finalize
from annales.pipeline.aggregate.dates import NO_ANCHOR
from annales.records import Article
from annales.store.store import Store

# Publication dates of the seeds (facts about the pages; 000 has none).
PUBLISHED = {
    "000": None,
    "001": dt.date(2016, 7, 11),
    "002": dt.date(2013, 2, 2),
    "003": dt.date(2013, 4, 24),
    "004": dt.date(2013, 4, 23),
}
FEB_2 = dt.date(2013, 2, 2)
TABLES = ("documents", "events", "merged_events", "stories", "near_duplicates")


def _seeds(shared_dir: Path) -> dict[str, Article]:
    """The seed articles; in 000 and 002 the sentence saying when Biden met Lavrov carries an event."""
    found = {}
    for path in sorted((shared_dir / "seeds").iterdir()):
        key = path.name[:3]
        text = path.read_text()
        doc = article(f"d{key}", text, published=PUBLISHED[key])
        for sent in doc.sentences:
            if key in ("000", "002") and "Biden" in sent.text and "Saturday" in sent.text:
                ev = event(doc.doc_id, sent.index, sent.text, start=sent.start, published=PUBLISHED[key],
                           date=PUBLISHED[key], date_reason=None if PUBLISHED[key] else NO_ANCHOR)  # fmt: skip
                ev.trigger = "meeting" if "meeting" in sent.text else "met"
                doc.events.append(ev)
                break
        found[key] = doc
    return found


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def _story_of(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT doc_id, story_id FROM documents").fetchall())


def test_finalize_groups_seed_stories(shared_dir: Path) -> None:
    store = Store(":memory:")
    store.write(list(_seeds(shared_dir).values()), run_id="r1")
    finalize(store, run_id="r1")
    story = _story_of(store)
    assert story["d000"] == story["d002"]
    assert story["d003"] == story["d004"]
    assert len({story["d001"], story["d002"], story["d003"]}) == 3
    title, start, end, n_docs, n_events = store.con.execute(
        "SELECT title, date_start, date_end, n_documents, n_events FROM stories WHERE story_id = ?", [story["d002"]]
    ).fetchall()[0]
    assert (start, end, n_docs, n_events) == (dt.date(2013, 2, 2), dt.date(2013, 2, 2), 2, 2)
    assert title and title in _seeds(shared_dir)["002"].text


def test_finalize_lends_the_story_date_to_an_undated_article(shared_dir: Path) -> None:
    store = Store(":memory:")
    store.write(list(_seeds(shared_dir).values()), run_id="r1")
    stats = finalize(store, run_id="r1")
    rows = store.con.execute(
        "SELECT doc_id, date, date_source, date_reason, merged_id FROM events ORDER BY doc_id"
    ).fetchall()
    (_, date0, source0, reason0, merged0), (_, date2, _, _, merged2) = rows
    assert stats["dates_lent"] == 1
    assert (date0, source0, reason0) == (dt.date(2013, 2, 2), "story", None)
    assert date0 == date2 and merged0 == merged2
    assert store.con.execute("SELECT n_mentions, n_articles FROM merged_events").fetchall() == [(2, 2)]


@pytest.mark.parametrize(("first", "later"), [(("002",), ("000",)), (("000",), ("002",)), (("004", "001"), ("003",))])
def test_finalize_later_documents_join_existing_clusters_and_stories(
    shared_dir: Path, first: tuple[str, ...], later: tuple[str, ...]
) -> None:
    seeds = _seeds(shared_dir)
    together = Store(":memory:")
    together.write([seeds[k] for k in first + later], run_id="r1")
    finalize(together, run_id="r1")
    store = Store(":memory:")
    store.write([seeds[k] for k in first], run_id="r1")
    finalize(store, run_id="r1")
    before = _story_of(store)
    store.write([seeds[k] for k in later], run_id="r2")
    finalize(store, run_id="r2")
    after = _story_of(store)
    assert {d: after[d] for d in before} == before  # ids stable
    assert len(set(after.values())) == len(set(_story_of(together).values()))
    dates = store.con.execute("SELECT doc_id, date FROM events ORDER BY doc_id").fetchall()
    assert dates == together.con.execute("SELECT doc_id, date FROM events ORDER BY doc_id").fetchall()
    assert store.count("merged_events") == together.count("merged_events")
    assert store.con.execute("SELECT count(*) FROM events WHERE merged_id IS NULL").fetchall() == [(0,)]


def test_finalize_rerun_changes_nothing(shared_dir: Path) -> None:
    store = Store(":memory:")
    store.write(list(_seeds(shared_dir).values()), run_id="r1")
    finalize(store, run_id="r1")
    before = _dump(store)
    store.write(list(_seeds(shared_dir).values()), run_id="r2")  # same input again: nothing new
    stats = finalize(store, FinalizeOptions(), run_id="r2")
    assert _dump(store) == before
    assert stats["clusters_new_documents"] == stats["stories_new_documents"] == stats["merge_new_mentions"] == 0


def test_finalize_ignores_failed_documents() -> None:
    store = Store(":memory:")
    failed = article("bad", "Some text that failed.")
    failed.fail("binary")
    store.write([failed, article("ok", "Kerry met Lavrov.", events=[event("ok", 0, "Kerry met Lavrov.")])], run_id="r")
    finalize(store, run_id="r")
    rows = store.con.execute("SELECT doc_id, cluster_id, story_id FROM documents ORDER BY 1").fetchall()
    assert rows == [("bad", None, None), ("ok", "ok", "ok")]


def test_finalize_options_read_a_flat_config_section() -> None:
    cfg = FinalizeOptions(**{"containment_min": 0.7, "link_min": 0.3, "slack_days": 2})
    assert (cfg.near_dup.containment_min, cfg.stories.link_min, cfg.merge.slack_days) == (0.7, 0.3, 2)


@pytest.mark.parametrize("bad", [{"link_min": 0.0}, {"bands": 7}, {"place_km": -1.0}, {"containment_min": 0.2}])
def test_finalize_options_reject_out_of_range_values(bad: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        FinalizeOptions(**bad)  # type: ignore[arg-type]


@pytest.mark.slow
def test_finalize_reparse_dates_gives_the_same_day_with_tokens(shared_dir: Path, parser: object) -> None:
    from annales.pipeline.aggregate.dates import SentenceReparser

    store = Store(":memory:")
    seeds = _seeds(shared_dir)
    store.write([seeds["000"], seeds["002"]], run_id="r1")
    stats = finalize(store, run_id="r1", resolver=SentenceReparser(parser))  # type: ignore[arg-type]
    rows = store.con.execute("SELECT date, date_source FROM events WHERE doc_id = 'd000'").fetchall()
    assert stats["dates_lent"] == 1
    assert rows == [(dt.date(2013, 2, 2), "story")]


@pytest.mark.parametrize(("weekday_text", "expected"), [("on Thursday", dt.date(2013, 1, 31)), ("", FEB_2)])
def test_lend_story_dates_uses_the_story_anchor(weekday_text: str, expected: dt.date) -> None:
    text = f"Biden met Lavrov in Munich {weekday_text}.".replace("  ", " ")
    undated = article("u", text, events=[event("u", 0, text, date_reason=NO_ANCHOR)])
    undated.events[0].trigger = "met"
    said = "Biden met Lavrov in Munich, the White House said."
    dated = article("d", said, published=FEB_2, events=[event("d", 0, said, date=FEB_2)])
    store = Store(":memory:")
    store.write([dated, undated], run_id="r1")
    finalize(store, run_id="r1")
    row = store.con.execute("SELECT date, date_source, date_reason FROM events WHERE doc_id = 'u'").fetchall()
    assert row == [(expected, "story", None)]


def test_finalize_copy_joins_the_story_of_its_cluster(shared_dir: Path) -> None:
    seeds = _seeds(shared_dir)
    store = Store(":memory:")
    store.write([seeds["002"]], run_id="r1")
    finalize(store, run_id="r1")
    text = seeds["002"].text
    copy = article("copy", text[: len(text) * 2 // 3], published=PUBLISHED["002"])
    store.write([copy], run_id="r2")
    finalize(store, FinalizeOptions(link_min=1.0), run_id="r2")  # no content link: only the cluster can do it
    rows = store.con.execute("SELECT doc_id, cluster_id, story_id FROM documents ORDER BY doc_id").fetchall()
    assert rows == [("copy", "d002", "d002"), ("d002", "d002", "d002")]
