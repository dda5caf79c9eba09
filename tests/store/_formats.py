"""How users read our GDELT and PLOVER exports: GDELT's column names and dtypes, the PLOVER manual's fields.

Transcribed from the specs (GDELT 2.0 event codebook; PLOVER manual 2.0, chapter 6 and table 7.2), not
imported from the exporter, so that the tests check the exporter against the specs.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pandas as pd

from annales.codes import PLOVER_TYPES

# The column names of GDELT 2.0's event table, as its users load it (GDELT codebook; BigQuery gdeltv2.events).
GDELT_NAMES = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name",
    "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
    "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type",
    "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat",
    "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
INTEGERS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
    "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED",
]  # fmt: skip
FLOATS = ["FractionDate", "GoldsteinScale", "AvgTone"] + [n for n in GDELT_NAMES if n.endswith(("_Lat", "_Long"))]
STRINGS = [name for name in GDELT_NAMES if name not in INTEGERS and name not in FLOATS]


def load_gdelt(text: str) -> pd.DataFrame:
    """Read a GDELT event file the way its users do: named columns, integer dtypes, strings kept."""
    dtypes: dict[str, Any] = {name: "int64" for name in INTEGERS} | {name: "float64" for name in FLOATS}
    dtypes |= {name: str for name in STRINGS}
    return pd.read_csv(io.StringIO(text), sep="\t", header=None, names=GDELT_NAMES, dtype=dtypes,
                       quoting=csv.QUOTE_NONE, keep_default_na=False, na_values={n: [""] for n in FLOATS})  # fmt: skip


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


def check_plover_record(record: dict[str, Any]) -> None:
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
