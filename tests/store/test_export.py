"""Exports read back: CSV and Parquet with pandas/pyarrow, JSONL, PLOVER, and the GDELT column layout."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from annales.errors import ConfigError
from annales.records import Actor, Article, Event, Place, Sentence
from annales.store import export
from annales.store.queries import EventFilter, iter_event_rows
from annales.store.store import Store


def _article(index: int, *, date: dt.date | None, place: Place | None, recipient: bool = True) -> Article:
    text = f'Leader {index} met\tthe envoy, saying "yes".'
    doc_id = f"d{index}"
    event = Event(
        event_id=f"e{index}", doc_id=doc_id, sentence_index=0, sentence=text,
        span=(9 + len(str(index)), 12 + len(str(index))),
        actor=Actor("Leader", "USA.GOV", "USA", "GOV", "Joe Leader"),
        recipient=Actor("envoy", "NATO", "NATO", None, "NATO") if recipient else None,
        type="CONSULT", mode="visit", contexts=("diplomatic", "security"), cameo="0431", goldstein=2.8, quad=1,
        status="occurred", negated=False, confidence=0.8, published=dt.date(2014, 3, 4), date=date, place=place,
    )  # fmt: skip
    return Article(
        doc_id=doc_id, uri=f"file:///{doc_id}", url=f"https://news.example/{doc_id}", format="text", text=text,
        published=dt.date(2014, 3, 4), source="Wire", sentences=[Sentence(0, 0, len(text), text)], events=[event],
    )  # fmt: skip


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as fresh:
        fresh.write(
            [
                _article(1, date=dt.date(2014, 3, 3), place=Place("Kyiv", "city", "UKR", 50.45, 30.52)),
                _article(2, date=dt.date(2014, 12, 31), place=Place("Texas", "region", "USA", 31.0, -100.0)),
                _article(3, date=None, place=None, recipient=False),
            ],
            run_id="test",
        )
        yield fresh


def _text(store: Store, fmt: str, flt: EventFilter | None = None) -> str:
    stream = io.StringIO()
    count = export.export_events(store.con, flt or EventFilter(), fmt=fmt, stream=stream)
    assert count == len(stream.getvalue().splitlines()) - (1 if fmt == "csv" else 0)
    return stream.getvalue()


def test_export_csv_reads_back_with_pandas(store: Store) -> None:
    frame = pd.read_csv(io.StringIO(_text(store, "csv")), keep_default_na=False)
    assert list(frame.columns) == list(export.FLAT_COLUMNS)
    assert len(frame) == 3
    first = frame[frame["event_id"] == "e1"].iloc[0]
    assert first["sentence"] == 'Leader 1 met\tthe envoy, saying "yes".'
    assert first["contexts"] == "diplomatic;security"
    assert first["date"] == "2014-03-03" and first["place_name"] == "Kyiv"


def test_export_jsonl_rows_follow_event_schema(store: Store) -> None:
    rows = [json.loads(line) for line in _text(store, "jsonl").splitlines()]
    assert [row["event_id"] for row in rows] == ["e1", "e2", "e3"]
    assert rows[0]["actor"]["code"] == "USA.GOV" and rows[0]["recipient"]["code"] == "NATO"
    assert rows[2]["recipient"] is None and rows[2]["place"] is None


def test_export_parquet_reads_back_with_pyarrow(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    count = export.export_events(store.con, EventFilter(since=dt.date(2014, 1, 1)), fmt="parquet", out=out)
    table = pq.read_table(out)
    assert count == table.num_rows == 2
    assert table.column_names == list(export.FLAT_COLUMNS)
    assert table.column("contexts").to_pylist()[0] == ["diplomatic", "security"]


def test_export_parquet_needs_a_file(store: Store) -> None:
    with pytest.raises(ConfigError):
        export.export_events(store.con, EventFilter(), fmt="parquet", stream=io.StringIO())


def test_export_rejects_unknown_format(store: Store) -> None:
    with pytest.raises(ConfigError):
        export.export_events(store.con, EventFilter(), fmt="xml", stream=io.StringIO())


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt", "plover"])
def test_export_to_file_respects_filters(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    count = export.export_events(store.con, EventFilter(until=dt.date(2014, 6, 1)), fmt=fmt, out=out)
    assert count == 1
    assert "e1" in out.read_text(encoding="utf-8") or str(export.global_event_id("e1")) in out.read_text()


def test_iter_event_rows_fetches_in_batches(store: Store) -> None:
    rows = list(iter_event_rows(store.con, EventFilter(), batch_size=1))
    assert [row["event_id"] for row in rows] == ["e1", "e2", "e3"]
    assert len(list(iter_event_rows(store.con, EventFilter(), limit=2))) == 2
