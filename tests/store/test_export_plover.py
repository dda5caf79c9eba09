"""`--format plover` against the data fields of the PLOVER manual (2.0, chapter 6) (issue 15)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from tests.store._spec_store import spec_store

from annales.codes import PLOVER_TYPES
from annales.store import export
from annales.store.queries import EventFilter
from annales.store.store import Store

# The manual's tables, transcribed (field names in snake case, as in its JSON examples).
EVENT_FIELDS = {  # table 6.1; True: required
    "id": True, "has_event": False, "date": True, "time": False, "enddate": False, "endtime": False, "actor": True,
    "recipient": False, "event": True, "event_loc": False, "event_text": False, "quad_code": False,
    "event_scale": False, "mode": False, "context": False, "link": False, "text": False, "text_info": False,
    "cite_info": False, "coder": False, "coded_date": False, "coded_time": False, "comment": False,
}  # fmt: skip
ENTITY_FIELDS = {"code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity",
                 "office", "gender", "age"}  # table 6.2  # fmt: skip
TEXT_INFO_FIELDS = {"sequence", "start", "end", "text_story"}  # table 6.3
CITE_INFO_FIELDS = {"corpus", "citation", "url", "title", "language", "publication", "license", "copyright",
                    "coder", "codebook", "version"}  # table 6.5  # fmt: skip
LOCATION_FIELDS = {"extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district", "province",
                   "country", "country_code", "feature_class", "feature_code", "resolution"}  # table 6.6  # fmt: skip
PLOVER_QUADS = {  # table 7.2
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1), **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}  # fmt: skip
# Fields we add beyond the manual (which it allows), documented in docs/cli.md.
OUR_FIELDS = {"cameo", "status", "negated", "confidence", "granularity", "date_source", "published", "n_mentions",
              "n_articles", "n_sources"}  # fmt: skip


@pytest.fixture(scope="module")
def records() -> Iterator[list[dict[str, Any]]]:
    with spec_store() as store:
        yield _records(store)


def _records(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    stream = io.StringIO()
    export.export_events(store.con, flt or EventFilter(), fmt="plover", stream=stream)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _check_record(record: dict[str, Any]) -> None:
    assert set(record) <= set(EVENT_FIELDS) | OUR_FIELDS, set(record) - set(EVENT_FIELDS) - OUR_FIELDS
    assert all(name in record for name, required in EVENT_FIELDS.items() if required)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
    for entity in record["actor"] + record["recipient"]:
        assert set(entity) <= ENTITY_FIELDS | {"annales_code"}
        assert entity["code"] is None or len(entity["code"]) == 3
    assert record["event"] and set(record["event"]) <= set(PLOVER_TYPES)
    assert record["quad_code"] == PLOVER_QUADS[record["event"][0]]
    assert set(record["text_info"]) <= TEXT_INFO_FIELDS and set(record["cite_info"]) <= CITE_INFO_FIELDS
    assert record["event_loc"] is None or set(record["event_loc"]) <= LOCATION_FIELDS
    for name in ("actor", "recipient", "event", "mode", "context", "event_text"):
        assert isinstance(record[name], list), name


def test_plover_records_have_the_manuals_fields(records: list[dict[str, Any]]) -> None:
    assert [record["id"] for record in records] == ["e4", "e1", "e2"]
    for record in records:
        _check_record(record)


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
    assert by_id["e1"]["coder"].startswith("annales ") and "annales.coder.plover.v1" in by_id["e1"]["coder"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", by_id["e1"]["coded_date"])
    assert by_id["e2"]["cite_info"]["url"] is None  # a local file has no URL
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
