"""Actor table entries, dated roles and the normalisation shared by dictionaries and matching.

Code scheme (documented choice): a country actor is `ActorCode(ISO alpha-3, sector)`, printed
"USA.GOV"; an international organisation is `ActorCode(org, "")` with our short org code
("UNO", "NATO", "EU", "OSCE", "IMF", ...), printed "NATO", with `Actor.sector == "IGO"`;
a sub-body with a clear sector keeps it ("UNO.JUD" for the ICJ). Phoenix/PETRARCH codes are
converted by `phoenix_to_code`: "USAGOV" -> "USA.GOV", "IGOWSTNAT" -> "NATO".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from annales.codes import SECTORS
from annales.pipeline.actors.countries import IGO_CODES, KNOWN_COUNTRIES, NGO_CODE

ActorKind = Literal["country", "capital", "person", "org", "group", "place", "other"]
ACTOR_KINDS: tuple[str, ...] = ("country", "capital", "person", "org", "group", "place", "other")

# Phoenix/CAMEO 3-letter sector codes that have another name in codes.SECTORS.
SECTOR_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "COP": "POL",
        "SEP": "REB",
        "IMG": "INS",
        "MNC": "BUS",
        "AGR": "BUS",
        "NGM": "NGO",
        "HRI": "NGO",
        "DEV": "NGO",
        "ENV": "NGO",
        "AMN": "NGO",
        "IRC": "NGO",
        "CHR": "REL",
        "MUS": "REL",
        "JEW": "REL",
        "BUD": "REL",
        "HIN": "REL",
        "SET": "CVL",
        "PKO": "MIL",
    }
)
# Phoenix codes whose first three letters are not a country but a kind of organisation.
_ORG_PREFIXES = {"IGO", "NGO", "MNC", "IMG", "NGM"}
# Region qualifiers inside Phoenix IGO codes ("IGOWSTNAT": WST = the West).
_REGIONS = {"WST", "EUR", "AFR", "MEA", "SEA", "LAM", "ASA", "SAS", "CAS", "NAF", "CAU", "WAF", "EAF", "SAF", "BLK"}
# Phoenix organisation chunks and our short org code for them (countries.IGO_CODES); a chunk
# that names a specialised body (IAE in "IGOUNOIAE") wins over the UN it belongs to.
ORG_CODES: Mapping[str, str] = MappingProxyType(
    {
        "UNO": "UNO",
        "NAT": "NATO",
        "EEC": "EU",
        "EEU": "EU",
        "IMF": "IMF",
        "WBK": "WBK",
        "ARL": "ARL",
        "ASN": "ASEAN",
        "OSC": "OSCE",
        "SCE": "OSCE",
        "OPC": "OPEC",
        "AFR": "AU",
        "AFU": "AU",
        "OAU": "AU",
        "WTO": "WTO",
        "ITP": "INTERPOL",
        "GCC": "GCC",
        "OAS": "OAS",
        "OIC": "OIC",
        "IAE": "IAEA",
        "ICC": "ICC",
        "WAS": "ECOWAS",
        "SAD": "SADC",
        "IAD": "IGAD",
        "EAC": "EAC",
        "COE": "COE",
        "GOS": "G7",
        "SCO": "SCO",
        "CIS": "CIS",
        "OEC": "OECD",
        "OPW": "OPCW",
    }
)
# Sub-body sectors an organisation code keeps: the ICJ (UNO.JUD), UNHCR (UNO.REF), WHO (UNO.HLH),
# the European Parliament (EU.LEG).
_ORG_SECTORS: Mapping[str, frozenset[str]] = MappingProxyType(
    {"UNO": frozenset({"JUD", "REF", "HLH"}), "EU": frozenset({"LEG"})}
)
_SECTOR_SET = frozenset(s for s in SECTORS if s)
_NARROWER: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "GOV": frozenset({"LEG", "JUD"}),
        "ELI": frozenset({"LEG", "JUD"}),
        "REL": frozenset({"REB", "UAF", "INS", "MIL"}),
        "CVL": frozenset({"REB", "UAF", "INS", "MIL"}),
    }
)
NULL_CODES = frozenset({"---", "+++", "###", ""})
# Offices whose former holders are the country's elite (a former president, senator, judge or
# general: docs/annotation.md); a dead rebel leader or a former activist is not.
_FORMER_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "ELI"})
# How soon a coming office makes a person its country's elite already (an election campaign and transition).
COMING_DAYS = 400


@dataclass(frozen=True, slots=True)
class Role:
    """A code an actor holds between two dates (inclusive); open bounds are None.

    `code` is None for a PETRARCH null code ("---"): the name is known but not coded then.
    """

    code: str | None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: dt.date) -> bool:
        """True when `day` falls inside [start, end]."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the table: canonical name, kind, dated roles and aliases (normalised token strings)."""

    name: str
    kind: ActorKind
    roles: tuple[Role, ...]
    aliases: tuple[str, ...]

    def code_at(self, as_of: dt.date | None) -> tuple[str | None, str | None]:
        """The code valid on `as_of` and, when there is none, the reason.

        Args:
            as_of: the reference date; None takes the latest-starting dated role, else the undated one.

        Returns:
            (code, reason): reason is None when a code was found.
        """
        default = [role for role in self.roles if not role.dated]
        dated = [role for role in self.roles if role.dated]
        if as_of is None:
            pick = max(dated, key=_role_sort_key) if dated else (default[-1] if default else None)
        else:
            covering = [role for role in dated if role.covers(as_of)]
            # the latest-starting covering role is the most specific (PETRARCH reads them in order)
            pick = max(covering, key=_role_sort_key) if covering else (default[-1] if default else None)
            if pick is None:
                return None, "role_out_of_date"
        if pick is None:
            return None, "no_code"
        return (pick.code, None) if pick.code else (None, "null_code")

    def former_code(self, as_of: dt.date) -> str | None:
        """`COUNTRY.ELI` for the country of the latest role that ended before `as_of`, if any.

        Only a country's office counts (`_FORMER_SECTORS`: "a former president" is the elite of
        that country); a former head of an organisation with no such role has no such code.
        """
        past = [r for r in self.roles if r.code and r.end is not None and r.end < as_of]
        for role in sorted(past, key=lambda role: role.end or dt.date.min, reverse=True):
            country, _, sector = (role.code or "").partition(".")
            if not is_org_code(country) and sector in _FORMER_SECTORS:
                return f"{country}.ELI"
        return None

    def coming_code(self, as_of: dt.date, *, within_days: int = COMING_DAYS) -> str | None:
        """`COUNTRY.ELI` for the country of a national office taken up soon after `as_of`, if any: a
        president-elect or a leading candidate is already a national political figure."""
        coming = [r for r in self.roles if r.code and r.start is not None and as_of < r.start]
        for role in sorted(coming, key=_role_sort_key):
            if (role.start or as_of) - as_of > dt.timedelta(days=within_days):
                break
            country, _, sector = (role.code or "").partition(".")
            if not is_org_code(country) and sector in _FORMER_SECTORS:
                return f"{country}.ELI"
        return None

    @property
    def country(self) -> str | None:
        """The country (or org) of the entry's first coded role, for context and coreference."""
        for role in self.roles:
            if role.code:
                return role.code.split(".")[0]
        return None


def _role_sort_key(role: Role) -> dt.date:
    return role.start or dt.date.min


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A generic agent or title ("rebels", "foreign minister") and the sector it denotes."""

    pattern: str  # normalised token string, e.g. "foreign minister"
    sector: str  # one of codes.SECTORS, or a user code kept verbatim


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """The content of one dictionary file (actors and/or agents), before indexing."""

    source: str
    actors: tuple[ActorEntry, ...] = ()
    agents: tuple[AgentEntry, ...] = ()


_POSSESSIVE_RE = re.compile(r"'s\b", re.IGNORECASE)
_TOKEN_RE = re.compile(r"'s\b|[\w.&/']+|-|[^\w\s]", re.UNICODE)


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def fold(text: str) -> str:
    """Lower-case and strip accents ("Wörner" -> "worner", "Yıldırım" -> "yildirim", "Łukasz" -> "lukasz")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def norm_token(text: str) -> str:
    """Normalise one token for lookup: folded, trailing period dropped unless inner periods (U.S.)."""
    token = fold(text)
    if token.endswith(".") and "." not in token[:-1]:
        token = token[:-1]
    if token.endswith("+") and len(token) > 1:
        token = token.rstrip("+")  # "OPEC+" is OPEC (with its allies)
    if token in ("us", "usa") and text.isupper():
        return "u.s."
    return token.replace("\u2019", "'")


def name_tokens(phrase: str) -> tuple[str, ...]:
    """Split a dictionary phrase ("MR._OBAMA_", "Ban Ki-moon") into normalised tokens.

    Hyphens are dropped on both sides of matching, so "Vice-President" equals "vice president";
    a leading "the" is dropped so that "the UN Security Council" matches its longest alias.
    """
    spaced = _POSSESSIVE_RE.sub(" 's", phrase.replace("_", " ").replace("\u2019", "'"))
    tokens = [tok for tok in (norm_token(tok) for tok in _TOKEN_RE.findall(spaced)) if tok and tok not in ("-", ".")]
    return tuple(tokens[1:] if len(tokens) > 1 and tokens[0] == "the" else tokens)


def phoenix_to_code(raw: str) -> str | None:
    """Convert a Phoenix/PETRARCH code to ours: "USAGOV" -> "USA.GOV", "IGOWSTNAT" -> "NATO".

    Rules: the first three letters are the country (or org prefix); among the following 3-letter
    chunks the first known sector wins, unless a narrower one follows a broad one (GOV/ELI then
    LEG/JUD, REL/CVL then an armed sector): "USAGOVLEG" -> "USA.LEG", "PSEREBHMS" -> "PSE.REB".
    With no known sector the first chunk is kept verbatim ("MORORC" -> "MOR.ORC"). Null codes ("---") give None.

    Args:
        raw: the code as written in the dictionary, case-insensitive.

    Returns:
        Our code string, or None for a null code.
    """
    code = raw.strip().upper().lstrip("~").rstrip("~")
    if code in NULL_CODES or not code.isalnum():
        return None
    head, chunks = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
    if head == "IGO":
        return _org_code(chunks)
    if head in _ORG_PREFIXES:
        # "NGOGBRHRI" is a British NGO; "NGOHRIAMN" (Amnesty) an international one: plain "NGO"
        # "IMGMUSISI" is a Muslim (MUS, a religion here, Mauritius elsewhere) militant group: no country
        country = next((c for c in chunks if c in KNOWN_COUNTRIES and c not in SECTOR_SYNONYMS), None)
        sector = SECTOR_SYNONYMS.get(head, head)
        return f"{country}.{sector}" if country else sector
    sector = _pick_sector(chunks)
    return f"{head}.{sector}" if sector else head


def _pick_sector(chunks: list[str]) -> str:
    known = [SECTOR_SYNONYMS.get(c, c) for c in chunks if c in _SECTOR_SET or c in SECTOR_SYNONYMS]
    if not known:
        return chunks[0] if chunks else ""
    # a broad first sector gives way to a narrower later one: GOVLEG is a legislator, MUSUAF a militant
    narrower = [sector for sector in known[1:] if sector in _NARROWER.get(known[0], ())]
    return narrower[0] if narrower else known[0]


def _org_code(chunks: list[str]) -> str:
    rest = [c for c in chunks if c not in _REGIONS] or chunks
    orgs = [c for c in rest if c not in _SECTOR_SET and c not in SECTOR_SYNONYMS]
    known = [ORG_CODES[c] for c in orgs if c in ORG_CODES]
    specific = [org for org in known if org != "UNO"]
    # an organisation without one of our codes is a generic "IGO", never a made-up country code
    org = specific[0] if specific else known[0] if known else "IGO"
    sector = next((c for c in rest if c in _ORG_SECTORS.get(org, ())), "")
    return f"{org}.{sector}" if sector else org


def split_code(code: str) -> tuple[str, str]:
    """("USA.GOV") -> ("USA", "GOV"); ("NATO") -> ("NATO", "")."""
    country, _, sector = code.partition(".")
    return country, sector


def is_org_code(country: str) -> bool:
    """True for our organisation codes (NATO, UNO, EU..., NGO) rather than an alpha-3 country."""
    return country in IGO_CODES or country == NGO_CODE or len(country) != 3


def is_sector_code(code: str | None) -> bool:
    """A bare sector where a country belongs: Phoenix codes firms it cannot place "BUS" and some media "MED"
    ("Exxon", "CNN"). Such a name is an agent of that sector, of no country of its own. Poland's "POL" is a
    country."""
    return code is not None and code in SECTORS and code not in KNOWN_COUNTRIES and code not in (NGO_CODE, "IGO")


def is_igo_code(country: str) -> bool:
    """True for an intergovernmental organisation code (countries.IGO_CODES)."""
    return country in IGO_CODES
