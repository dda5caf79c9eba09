"""Country and organisation code sets: the UN member states and our organisation codes.

Facts only: the 193 UN member states by ISO 3166 alpha-3 code (as of 2026, grouped by the UN
regional groups), the states and territories that news treats as actors without UN membership,
and the organisation codes of `docs/annotation.md` (the blind annotation set uses exactly these).
"""

from __future__ import annotations

_AFRICA = (
    "DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA GIN GNB "
    "KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SSD SDN TZA TGO "
    "TUN UGA ZMB ZWE"
)
_ASIA_PACIFIC = (
    "AFG BHR BGD BTN BRN KHM CHN CYP PRK FJI IND IDN IRN IRQ JPN JOR KAZ KWT KGZ LAO LBN MYS MDV MHL FSM "
    "MNG MMR NRU NPL OMN PAK PLW PNG PHL QAT KOR WSM SAU SGP SLB LKA SYR TJK THA TLS TON TKM TUV ARE UZB "
    "VUT VNM YEM KIR"
)
_EASTERN_EUROPE = "ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN LVA LTU MNE MKD MDA POL ROU RUS SRB SVK SVN UKR"
_LATIN_AMERICA = (
    "ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX NIC PAN PRY "
    "PER KNA LCA VCT SUR TTO URY VEN"
)
_WESTERN_EUROPE_AND_OTHERS = (
    "AND AUS AUT BEL CAN DNK FIN FRA DEU GRC ISL IRL ISR ITA LIE LUX MLT MCO NLD NZL NOR PRT SMR ESP SWE "
    "CHE TUR GBR USA"
)

# The UN regional groups (Turkey votes with Western Europe and Others, Israel too; Kiribati with none,
# listed here under Asia-Pacific).
UN_REGIONS: dict[str, frozenset[str]] = {
    "africa": frozenset(_AFRICA.split()),
    "asia_pacific": frozenset(_ASIA_PACIFIC.split()),
    "eastern_europe": frozenset(_EASTERN_EUROPE.split()),
    "latin_america": frozenset(_LATIN_AMERICA.split()),
    "western_europe_and_others": frozenset(_WESTERN_EUROPE_AND_OTHERS.split()),
}
UN_MEMBERS: frozenset[str] = frozenset().union(*UN_REGIONS.values())
# States and territories that act in the news without UN membership: Palestine and the Holy See
# (observers), Kosovo (XKX, the code Kosovo uses), Taiwan, Western Sahara, Hong Kong, Macau.
OTHER_STATES: frozenset[str] = frozenset({"PSE", "VAT", "XKX", "TWN", "ESH", "HKG", "MAC"})
KNOWN_COUNTRIES: frozenset[str] = UN_MEMBERS | OTHER_STATES

# Our organisation codes (docs/annotation.md). `Actor.sector` is "IGO" for these unless the code
# names a sub-body's sector (UNO.JUD for the ICJ, UNO.REF for UNHCR, UNO.HLH for WHO, EU.LEG).
IGO_CODES: frozenset[str] = frozenset(
    {"UNO", "NATO", "EU", "OSCE", "COE", "AU", "ECOWAS", "SADC", "IGAD", "EAC", "ASEAN", "SCO", "BRICS"}
    | {"GCC", "ARL", "OIC", "OAS", "OPEC", "ICC", "IMF", "WBK", "WTO", "OPCW", "IAEA", "INTERPOL", "G7"}
    | {"G20", "CIS", "CSTO", "OECD", "IGO"}
)
# An international non-governmental organisation (Amnesty, HRW, MSF, the ICRC) is "NGO" alone; a
# national one is its country with the NGO sector ("USA.NGO").
NGO_CODE = "NGO"
