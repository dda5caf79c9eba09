"""Typed event and actor codes: the one place where the code vocabularies live.

PLOVER event types and modes, CAMEO codes, quad classes and actor codes are values of
the types below. Nothing else in the package encodes structure inside strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = get_args(PloverType)

EventStatus = Literal["occurred", "planned", "hypothetical", "requested"]
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)

# Where an event's date came from: its own clause ("text" in stores written by coder v1), the same
# event told elsewhere in the article or its story, the article's lead, or its publication date.
DateSource = Literal["clause", "text", "story", "lead", "published"]

# The minimum confidence of the events that outputs show by default (`annales events`, `export`, the
# explorer, `annales code`); the store keeps every event. Chosen on the dev split of the blind
# real-article set for precision (benchmarks/eval_realnews.py --sweep); re-run it after changing the coder.
DEFAULT_MIN_CONFIDENCE = 0.0
Granularity = Literal["day", "week", "month", "year"]

# Quad classes as GDELT numbers them.
QuadClass = Literal[1, 2, 3, 4]
QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

SECTORS: tuple[str, ...] = (
    "GOV",  # government, executive
    "MIL",  # armed forces
    "REB",  # rebels, insurgents
    "OPP",  # political opposition
    "JUD",  # judiciary
    "LEG",  # legislature
    "POL",  # police
    "MED",  # media
    "BUS",  # business
    "CVL",  # civilians
    "IGO",  # intergovernmental organisation
    "NGO",  # non-governmental organisation
    "PTY",  # political party
    "SPY",  # intelligence
    "REF",  # refugees
    "EDU",  # education
    "HLH",  # health
    "LAB",  # labour
    "REL",  # religious
    "CRM",  # criminal
    "ELI",  # elites
    "UAF",  # unidentified armed forces
    "INS",  # insurgents (militant non-state groups)
    "ACT",  # activists, protesters
    "",  # the country as a whole
)


@dataclass(frozen=True, slots=True)
class ActorCode:
    """An actor code: an ISO 3166 alpha-3 country (or an organisation) plus a sector.

    `country` is an alpha-3 code such as "USA" or an organisation code such as "NATO";
    `sector` is one of SECTORS ("" when the whole country or organisation is meant).

    Example:
        >>> ActorCode.parse("USA.GOV")
        ActorCode(country='USA', sector='GOV')
        >>> str(ActorCode("NATO", ""))
        'NATO'
    """

    country: str
    sector: str = ""

    def __str__(self) -> str:
        return f"{self.country}.{self.sector}" if self.sector else self.country

    @classmethod
    def parse(cls, text: str) -> ActorCode:
        """Read "USA.GOV", "USA" or "NATO"; raise ValueError on anything else."""
        country, _, sector = text.strip().upper().partition(".")
        if not country.isalnum() or (sector and not sector.isalpha()):
            raise ValueError(f"not an actor code: {text!r} (expected e.g. 'USA.GOV')")
        return cls(country, sector)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """A CAMEO event code of 2 to 4 digits; the first two are the root (01-20)."""

    code: str

    def __post_init__(self) -> None:
        if not (self.code.isdigit() and 2 <= len(self.code) <= 4 and 1 <= int(self.code[:2]) <= 20):
            raise ValueError(f"not a CAMEO code: {self.code!r}")

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def base(self) -> str:
        return self.code[:3]

    def __str__(self) -> str:
        return self.code
