"""`--format gdelt` loads as GDELT 2.0's event table: 61 named columns, integer columns always integers (issue 15)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pandas as pd
import pytest
from tests.store._formats import FLOATS, GDELT_NAMES, INTEGERS, load_gdelt
from tests.store._spec_store import spec_store

from annales.store import export
from annales.store.export_gdelt import GDELT_FLOAT_COLUMNS, GDELT_INTEGER_COLUMNS, cameo_actor_code, global_event_id
from annales.store.queries import EventFilter
from annales.store.store import Store


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with spec_store() as fresh:
        yield fresh


def _export(store: Store, flt: EventFilter | None = None) -> tuple[str, export.ExportReport]:
    stream, report = io.StringIO(), export.ExportReport()
    export.export_events(store.con, flt or EventFilter(), fmt="gdelt", stream=stream, report=report)
    return stream.getvalue(), report


def _by_event(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {
        event_id: frame[frame["GLOBALEVENTID"] == global_event_id(event_id)].iloc[0] for event_id in ("e1", "e2", "e4")
    }


def test_gdelt_columns_are_gdelts_61_names_and_types() -> None:
    assert list(export.GDELT_COLUMNS) == GDELT_NAMES and len(GDELT_NAMES) == 61
    assert set(GDELT_INTEGER_COLUMNS) == set(INTEGERS)
    assert set(GDELT_FLOAT_COLUMNS) == set(FLOATS)


def test_gdelt_loads_with_integer_dtypes_and_leaves_undated_events_out(store: Store) -> None:
    text, report = _export(store)
    frame = load_gdelt(text)
    assert frame.shape == (3, 61) and report.written == 3 and dict(report.left_out) == {"undated": 1}
    assert all(frame[name].dtype == "int64" for name in INTEGERS)
    assert frame["AvgTone"].isna().all()  # we score no tone


def test_gdelt_dates_day_month_and_year_precision(store: Store) -> None:
    rows = _by_event(load_gdelt(_export(store)[0]))
    assert (rows["e1"]["SQLDATE"], rows["e1"]["MonthYear"], rows["e1"]["Year"]) == (20140303, 201403, 2014)
    assert rows["e1"]["FractionDate"] == pytest.approx(2014.1699)
    assert rows["e2"]["SQLDATE"] == 20140501  # a month-dated event is written on the month's first day
    assert rows["e4"]["SQLDATE"] == 20140101  # a year-dated one on the year's


def test_gdelt_dateadded_is_the_run_time_or_the_publication_day(store: Store) -> None:
    started = store.con.execute("SELECT started FROM runs").fetchone()
    assert started is not None
    rows = _by_event(load_gdelt(_export(store)[0]))
    assert rows["e1"]["DATEADDED"] == int(started[0].strftime("%Y%m%d%H%M%S"))
    assert rows["e4"]["DATEADDED"] == 20140602000000  # no recorded run: the publication day


def test_gdelt_codes_countries_and_igos_as_cameo_does(store: Store) -> None:
    rows = _by_event(load_gdelt(_export(store)[0]))
    e1, e2, e4 = rows["e1"], rows["e2"], rows["e4"]
    assert (e1["Actor1Code"], e1["Actor1CountryCode"], e1["Actor1Type1Code"], e1["Actor1Name"]) == (
        "USAGOV", "USA", "GOV", "JOHN KERRY")  # fmt: skip
    assert (e1["Actor2Code"], e1["Actor2CountryCode"], e1["Actor2KnownGroupCode"], e1["Actor2Type1Code"]) == (
        "IGOWSTNAT", "", "NAT", "IGO")  # fmt: skip
    assert (e2["Actor1Code"], e2["Actor1Type1Code"]) == ("RUSCOP", "COP")  # CAMEO's police code
    assert (e2["Actor2Code"], e2["Actor2KnownGroupCode"], e2["Actor2Type1Code"], e2["Actor2Type2Code"]) == (
        "IGOUNOMIL", "UNO", "IGO", "MIL")  # fmt: skip
    assert (e4["Actor1Code"], e4["Actor1CountryCode"], e4["Actor1Type1Code"]) == ("UKR", "UKR", "")
    assert (e1["EventCode"], e1["EventBaseCode"], e1["EventRootCode"], e1["QuadClass"]) == ("042", "042", "04", 1)
    assert e4["GoldsteinScale"] == -8.0 and e4["QuadClass"] == 4 and e1["IsRootEvent"] == 0


@pytest.mark.parametrize(
    ("code", "sector", "expected"),
    [
        ("USA.GOV", "GOV", ("USAGOV", "USA", "", "GOV")),
        ("USA", None, ("USA", "USA", "", "")),
        ("EU", "IGO", ("IGOEUREEC", "", "EEC", "IGO")),
        ("UNO", "IGO", ("IGOUNO", "", "UNO", "IGO")),
        ("OPCW", "IGO", ("IGO", "", "", "IGO")),  # no CAMEO code of its own: plain IGO
        ("IRN.REL", "REL", ("IRN", "IRN", "", "")),  # CAMEO has no role code for religious actors
        (None, None, ("", "", "", "")),
    ],
)
def test_cameo_actor_code(code: str | None, sector: str | None, expected: tuple[str, str, str, str]) -> None:
    assert cameo_actor_code(code, sector) == expected


def test_gdelt_action_geo_types_and_fips_codes(store: Store) -> None:
    rows = _by_event(load_gdelt(_export(store)[0]))
    kyiv, texas, russia = rows["e1"], rows["e2"], rows["e4"]
    assert (kyiv["ActionGeo_Type"], kyiv["ActionGeo_CountryCode"], kyiv["ActionGeo_FullName"]) == (4, "UP", "Kyiv")
    assert (kyiv["ActionGeo_Lat"], kyiv["ActionGeo_Long"]) == (pytest.approx(50.4501), pytest.approx(30.5234))
    assert (texas["ActionGeo_Type"], texas["ActionGeo_CountryCode"]) == (2, "US")
    assert (russia["ActionGeo_Type"], russia["ActionGeo_ADM1Code"], russia["ActionGeo_FeatureID"]) == (1, "RS", "RS")
    assert (kyiv["Actor1Geo_Type"], kyiv["Actor2Geo_Type"]) == (0, 0)  # actor places are not resolved


def test_gdelt_sourceurl_is_never_a_local_path_or_another_scheme(store: Store) -> None:
    rows = _by_event(load_gdelt(_export(store)[0]))
    assert rows["e1"]["SOURCEURL"] == "https://news.example/d1"
    assert rows["e2"]["SOURCEURL"] == ""  # a local file: neither its path nor its folder
    assert rows["e4"]["SOURCEURL"] == "Wire"  # an ftp URL is not a web page: the source's name, as GDELT cites
    assert not any("/home/" in line or "javascript" in line for line in _export(store)[0].splitlines())


def test_gdelt_filters_apply_before_the_undated_are_left_out(store: Store) -> None:
    text, report = _export(store, EventFilter(since=dt.date(2014, 3, 1), until=dt.date(2014, 3, 31)))
    assert len(text.splitlines()) == 1 and report.written == 1 and not report.left_out


def test_global_event_id_is_stable_and_distinct() -> None:
    ids = [global_event_id(f"m{i}") for i in range(2000)]
    assert len(set(ids)) == 2000
    assert all(0 < value < 2**63 for value in ids)
    assert global_event_id("m1") == global_event_id("m1")
