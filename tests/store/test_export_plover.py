"""`--format plover` against the data fields of the PLOVER manual (2.0, chapter 6) (issue 15)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from tests.store._formats import check_plover_record
from tests.store._spec_store import spec_store

from annales.store import export
from annales.store.queries import EventFilter
from annales.store.store import Store


@pytest.fixture(scope="module")
def records() -> Iterator[list[dict[str, Any]]]:
    with spec_store() as store:
        yield _records(store)


def _records(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    stream = io.StringIO()
    export.export_events(store.con, flt or EventFilter(), fmt="plover", stream=stream)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_plover_records_have_the_manuals_fields(records: list[dict[str, Any]]) -> None:
    assert [record["id"] for record in records] == ["e4", "e1", "e2"]
    for record in records:
        check_plover_record(record)


def test_plover_entities_country_and_igo(records: list[dict[str, Any]]) -> None:
    by_id = {record["id"]: record for record in records}
    assert by_id["e1"]["actor"] == [{"code": "USA", "sector": "GOV", "entity_text": "Kerry",
                                     "identifier_text": "John Kerry", "annales_code": "USA.GOV"}]  # fmt: skip
    nato = by_id["e1"]["recipient"][0]
    assert (nato["code"], nato["sector"], nato["identifier_text"]) == ("IGO", None, "NATO")
    peacekeepers = by_id["e2"]["recipient"][0]
    assert (peacekeepers["code"], peacekeepers["sector"], peacekeepers["annales_code"]) == ("IGO", "MIL", "UNO.MIL")


def test_plover_dates_and_the_undated_left_out() -> None:
    with spec_store() as store:
        stream, report = io.StringIO(), export.ExportReport()
        export.export_events(store.con, EventFilter(), fmt="plover", stream=stream, report=report)
    assert report.written == 3 and dict(report.left_out) == {"undated": 1}
    by_id = {record["id"]: record for record in map(json.loads, stream.getvalue().splitlines())}
    assert (by_id["e1"]["date"], by_id["e1"]["enddate"], by_id["e1"]["granularity"]) == ("2014-03-03", None, "day")
    assert (by_id["e2"]["date"], by_id["e2"]["enddate"], by_id["e2"]["granularity"]) == (
        "2014-05-01", "2014-05-31", "month")  # fmt: skip


def test_plover_event_fields_and_quad_follow_plover_not_cameo(records: list[dict[str, Any]]) -> None:
    by_id = {record["id"]: record for record in records}
    e1, e4 = by_id["e1"], by_id["e4"]
    assert (e1["event"], e1["mode"], e1["context"], e1["event_text"]) == (["CONSULT"], ["visit"], ["diplomatic"],
                                                                          ["acted"])  # fmt: skip
    assert e4["event"] == ["SANCTION"] and e4["quad_code"] == 3 and e4["cameo"] == "163"  # GDELT's quad would be 4
    assert e4["event_scale"] == -8.0 and e4["mode"] == []


def test_plover_text_info_points_into_the_text(records: list[dict[str, Any]]) -> None:
    for record in records:
        info = record["text_info"]
        assert info["sequence"] == 1
        assert record["text"][info["start"] : info["end"]].endswith("acted")


def test_plover_location_object(records: list[dict[str, Any]]) -> None:
    by_id = {record["id"]: record for record in records}
    kyiv = by_id["e1"]["event_loc"]
    assert (kyiv["resolved_place"], kyiv["city"], kyiv["country_code"], kyiv["feature_class"], kyiv["resolution"]) == (
        "Kyiv", "Kyiv", "UKR", "P", 4)  # fmt: skip
    assert by_id["e4"]["event_loc"]["resolution"] == 1


def test_plover_cite_info_link_and_coder(records: list[dict[str, Any]]) -> None:
    by_id = {record["id"]: record for record in records}
    cite = by_id["e1"]["cite_info"]
    assert cite == {"citation": "d1", "url": "https://news.example/d1", "title": "Story 1", "publication": "Wire",
                    "language": "en", "codebook": "plover-2.0"}  # fmt: skip
    assert by_id["e1"]["link"] == "s1" and by_id["e2"]["link"] is None
    assert by_id["e1"]["coder"].startswith("annales ") and "annales.coder.plover.v2" in by_id["e1"]["coder"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", by_id["e1"]["coded_date"])
    assert by_id["e2"]["cite_info"]["url"] is None and by_id["e2"]["cite_info"]["publication"] is None  # local
    assert by_id["e4"]["cite_info"]["url"] is None and by_id["e4"]["coded_date"] is None  # ftp; no recorded run


def test_plover_flat_keeps_the_previous_layout_and_the_undated() -> None:
    with spec_store() as store:
        stream = io.StringIO()
        count = export.export_events(store.con, EventFilter(), fmt="plover-flat", stream=stream)
    rows = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert count == 4 and {row["id"] for row in rows} == {"e1", "e2", "e3", "e4"}
    first = next(row for row in rows if row["id"] == "e1")
    assert (first["event_type"], first["actor"], first["recipient_code"]) == ("CONSULT", "John Kerry", "NATO")
    assert all(row["source"]["url"] in (None, "https://news.example/d1") for row in rows)
