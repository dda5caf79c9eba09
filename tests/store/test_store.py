from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.errors import StoreError
from annales.records import Actor, Article, Event, Sentence
from annales.store import TABLES, Store
from annales.store.schema import SCHEMA_VERSION, current_version


def _article(doc_id: str, text: str = "Kerry met Lavrov. They talked.") -> Article:
    article = Article(doc_id=doc_id, uri=f"/tmp/{doc_id}.txt", format="text", text=text)
    article.published = dt.date(2013, 4, 23)
    article.sentences = [Sentence(index=0, start=0, end=17, text=text[:17])]
    kerry = Actor(text="Kerry", code="USA.GOV", country="USA", sector="GOV", name="John Kerry", start=0, end=5)
    lavrov = Actor(text="Lavrov", code="RUS.GOV", country="RUS", sector="GOV", name="Sergei Lavrov", start=10, end=16)
    article.mentions = [kerry, lavrov]
    article.events = [
        Event(event_id=f"{doc_id}-e0", doc_id=doc_id, sentence_index=0, sentence=text[:17], span=(0, 16),
              actor=kerry, recipient=lavrov, type="CONSULT", mode="meet", contexts=("diplomatic",), cameo="040",
              goldstein=1.0, quad=1, status="occurred", negated=False, confidence=0.9, trigger="met",
              published=article.published, date=article.published, date_source="published", granularity="day",
              recipient_source="sentence")
    ]  # fmt: skip
    return article


def test_store_migrates_a_new_file_to_the_current_version(tmp_path: Path) -> None:
    with Store(tmp_path / "a.duckdb") as store:
        assert current_version(store.con) == SCHEMA_VERSION
        assert all(store.count(table) == 0 for table in TABLES)


def test_store_upgrades_a_version_3_file_keeping_its_events(tmp_path: Path) -> None:
    import duckdb

    from annales.store.schema import MIGRATIONS

    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    for version, script in enumerate(MIGRATIONS[:3], start=1):
        con.execute(script)
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (?)", [version])
    con.execute(
        """INSERT INTO events (event_id, doc_id, sent_index, sentence, span_start, span_end, type, cameo, goldstein,
        quad, status, negated, confidence) VALUES ('old', 'd', 0, 'X met Y.', 0, 8, 'CONSULT', '040', 1.0, 1,
        'occurred', false, 0.9)"""
    )
    con.close()
    with Store(path) as store:
        assert current_version(store.con) == SCHEMA_VERSION == 4
        rows = store.con.execute("SELECT event_id, actor_source, recipient_source FROM events").fetchall()
        assert rows == [("old", None, None)]
        store.write([_article("d1")], run_id="r")
        query = "SELECT actor_source, recipient_source FROM events WHERE doc_id = 'd1'"
        assert store.con.execute(query).fetchall() == [("sentence", "sentence")]


def test_store_write_is_idempotent() -> None:
    store = Store(":memory:")
    run_id = store.start_run(config={})
    assert store.write([_article("d1"), _article("d2")], run_id=run_id) == 2
    assert store.write([_article("d1"), _article("d2")], run_id=run_id) == 0
    assert store.count("documents") == 2
    assert store.count("events") == 2
    assert store.count("actor_mentions") == 4


def test_store_round_trips_an_event() -> None:
    store = Store(":memory:")
    store.write([_article("d1")], run_id="r")
    row = store.con.execute(
        "SELECT actor_code, recipient_code, type, contexts, date, span_start, span_end FROM events"
    ).fetchone()
    assert row == ("USA.GOV", "RUS.GOV", "CONSULT", ["diplomatic"], dt.date(2013, 4, 23), 0, 16)


def test_store_keeps_errors_with_their_reason() -> None:
    store = Store(":memory:")
    article = Article(doc_id="bad", uri="/tmp/x.bin", format="text")
    article.fail("binary")
    store.write([article], run_id="r")
    assert store.con.execute("SELECT status, error, text FROM documents").fetchone() == ("error", "binary", None)


def test_store_refuses_a_missing_file_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert info.value.code == "E301"


def test_store_refuses_a_file_that_is_not_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "text.duckdb"
    path.write_text("hello, not a database")
    with pytest.raises(StoreError):
        Store(path)


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        store.con.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.code == "E304"


def test_store_exports_every_table_to_parquet(tmp_path: Path) -> None:
    store = Store(":memory:")
    store.write([_article("d1")], run_id="r")
    paths = store.export_parquet(tmp_path / "out")
    assert {p.stem for p in paths} == set(TABLES)
    assert pq.read_table(tmp_path / "out" / "events.parquet").num_rows == 1
    assert pq.read_table(tmp_path / "out" / "documents.parquet").column("doc_id").to_pylist() == ["d1"]


def test_store_a_rolled_back_batch_leaves_nothing(tmp_path: Path) -> None:
    store = Store(":memory:")
    broken = _article("d1")
    broken.events[0].quad = "not a number"  # type: ignore[assignment]
    with pytest.raises(Exception):  # noqa: B017 - any conversion error will do
        store.write([broken], run_id="r")
    assert store.count("documents") == 0
    assert store.count("sentences") == 0
    store.write([_article("d1")], run_id="r")
    assert store.count("documents") == 1


@settings(max_examples=40, deadline=None)
@given(
    text=st.text(min_size=1, max_size=200),
    title=st.one_of(st.none(), st.text(max_size=50)),
    published=st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))),
)
def test_store_document_round_trip_property(text: str, title: str | None, published: dt.date | None) -> None:
    store = _shared_store()
    store.con.execute("DELETE FROM documents")
    article = Article(doc_id="p", uri="u", format="text", text=text, title=title, published=published)
    store.write([article], run_id="r")
    row = store.con.execute("SELECT text, title, published FROM documents").fetchone()
    assert row == (text, title, published)


@functools.cache
def _shared_store() -> Store:
    return Store(":memory:")


def test_store_second_writer_is_refused_with_the_holder_pid(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path):
        with pytest.raises(StoreError) as info:
            Store(path)
        assert info.value.code == "E306"
        assert str(os.getpid()) in info.value.message
    Store(path).close()  # free again once the first writer is gone


def test_store_detach_lets_a_reader_in_between_batches(tmp_path: Path) -> None:
    path = tmp_path / "d.duckdb"
    writer = Store(path)
    writer.write([_article("d1")], run_id="r")
    writer.detach()
    with Store(path, read_only=True) as reader:
        assert reader.count("documents") == 1
    writer.write([_article("d2")], run_id="r")
    assert writer.count("documents") == 2
    writer.close()


def test_store_content_ignores_run_ids_and_order() -> None:
    one, two = Store(":memory:"), Store(":memory:")
    one.write([_article("d1"), _article("d2")], run_id="first")
    two.write([_article("d2")], run_id="second")
    two.write([_article("d1")], run_id="third")
    assert one.content() == two.content()
    two.write([_article("d3")], run_id="third")
    assert one.content() != two.content()


def test_store_lets_readers_in_at_most_every_reader_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between batches the writer keeps the file open for `READER_TURN` seconds, then closes it."""
    import annales.store.store as store_module

    path = tmp_path / "t.duckdb"
    writer = Store(path)
    writer.write([_article("d1")], run_id="r")
    monkeypatch.setattr(store_module, "READER_TURN", 3600.0)
    reader = [sys.executable, "-c", f"import duckdb; print(duckdb.connect({str(path)!r}, read_only=True)"
              ".execute('SELECT count(*) FROM documents').fetchone()[0])"]  # fmt: skip
    writer.let_readers_in()  # opened just now: kept open, a reader (another process) is refused
    refused = subprocess.run(reader, capture_output=True, text=True)
    assert refused.returncode != 0 and "lock" in refused.stderr.lower()
    monkeypatch.setattr(store_module, "READER_TURN", 0.0)
    writer.let_readers_in()  # its turn is over: closed, the reader gets in
    let_in = subprocess.run(reader, capture_output=True, text=True)
    assert let_in.returncode == 0, let_in.stderr
    assert let_in.stdout.strip() == "1"
    writer.write([_article("d2")], run_id="r")  # reopened for the next batch
    assert writer.count("documents") == 2
    writer.close()
