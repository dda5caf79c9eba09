"""Words and regular-expression pieces of temporal expressions (English news).

Only immutable constants live here; `dates_expressions` combines them into rules.
Group names are parameters so that one rule can hold two months or two days (ranges).
"""

from __future__ import annotations

from types import MappingProxyType

MONTHS = MappingProxyType(
    {
        "january": 1,
        "february": 2,
        "march": 3,
        "april": 4,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "september": 9,
        "october": 10,
        "november": 11,
        "december": 12,
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
# Month words that are also ordinary English words ("may", "march") or abbreviations: they only
# count as months when capitalised, as news copy always writes months.
CAPITALISED_ONLY = frozenset(
    {"may", "march", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)

WEEKDAYS = MappingProxyType(
    {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
)

NUMBER_WORDS = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "a couple of": 2,
        "a couple": 2,
    }
)
VAGUE_NUMBERS = frozenset({"a few", "few", "several", "some", "many"})

ORDINAL_WORDS = MappingProxyType(
    {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "twenty-first": 21,
        "twenty first": 21,
    }
)

DECADE_WORDS = MappingProxyType(
    {
        "twenties": 2,
        "thirties": 3,
        "forties": 4,
        "fifties": 5,
        "sixties": 6,
        "seventies": 7,
        "eighties": 8,
        "nineties": 9,
    }
)

# Season -> (first month, TimeML code). Winter starts in December of the named year.
SEASONS = MappingProxyType(
    {"spring": (3, "SP"), "summer": (6, "SU"), "autumn": (9, "FA"), "fall": (9, "FA"), "winter": (12, "WI")}
)

# Words after a bare number that show it counts things, not a year ("2000 people").
COUNT_NOUNS = frozenset(
    [
        "people",
        "persons",
        "troops",
        "soldiers",
        "men",
        "women",
        "children",
        "civilians",
        "residents",
        "refugees",
        "migrants",
        "workers",
        "voters",
        "votes",
        "members",
        "seats",
        "delegates",
        "dollars",
        "euros",
        "pounds",
        "yuan",
        "rubles",
        "roubles",
        "yen",
        "tons",
        "tonnes",
        "barrels",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "feet",
        "acres",
        "hectares",
        "percent",
        "per",
        "cent",
        "points",
        "units",
        "cases",
        "deaths",
        "dead",
        "killed",
        "injured",
        "wounded",
        "times",
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
        "rockets",
        "missiles",
        "shells",
        "tanks",
        "aircraft",
        "jets",
        "planes",
        "ships",
        "vehicles",
        "cars",
        "homes",
        "houses",
        "buildings",
        "jobs",
    ]
)

# Words just before a bare number that make it a year ("in 2012", "since 1991").
YEAR_CUES = frozenset(
    [
        "in",
        "since",
        "by",
        "of",
        "during",
        "until",
        "till",
        "before",
        "after",
        "from",
        "year",
        "years",
        "and",
        "to",
        "through",
        "early",
        "late",
        "mid",
        "between",
        "summer",
        "spring",
        "autumn",
        "fall",
        "winter",
        "the",
    ]
)


def month_group(name: str, *, full_only: bool = False) -> str:
    """A named group matching a month name (full, or abbreviated with an optional period)."""
    full = "|".join(name for name in MONTHS if len(name) > 4 or name in ("may", "june", "july"))
    if full_only:
        return rf"(?P<{name}>{full})(?![a-z])"
    short = "|".join(sorted((n for n in MONTHS if len(n) <= 4 and n not in ("may", "june", "july")), key=len)[::-1])
    return rf"(?P<{name}>(?:{full})(?![a-z])|(?:{short})\.?(?![a-z]))"


def day_group(name: str) -> str:
    """A named group matching a day of the month, "7", "07", "7th"."""
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"


def year_group(name: str) -> str:
    """A named group matching a four-digit year."""
    return rf"(?P<{name}>[12]\d{{3}})(?![\d,]\d)(?!\d)"


WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z])"
PART_OF_DAY = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
DIRECTION = r"(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming)"
MODIFIER = (
    r"(?P<mod>early|mid|late|earlier|later|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of)"
)
RANGE_DASH = r"(?:\s*[-–—]\s*|\s+(?:to|through|thru|until|till|and)\s+)"
NUMBER = (
    r"(?P<n>\d{1,4}|a\s+couple\s+of|a\s+couple|a\s+few|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"few|several)"
)
