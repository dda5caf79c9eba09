"""Dated roles of heads of state and government, foreign and defence ministers: the facts format.

One TSV per region under `src/annales/data/actors/roles/`, read by `tools/build_actor_table.py`
(never at run time: the build merges the roles into `actors.v1.tsv`):

    # annales roles v1 -- G20 and P5 members, 2015-2026
    # sources: official government and parliament sites, checked against news archives
    country	role	name	start	end	aliases
    GBR	HOG	Keir Starmer	2024-07-05		Starmer|Prime Minister Starmer

`country` is an ISO 3166 alpha-3 code (`countries.KNOWN_COUNTRIES`); `role` is HOS (head of
state), HOG (head of government), FM (foreign minister) or DM (defence minister); `start`/`end`
are ISO dates, inclusive, `end` empty while in office; `aliases` are `|`-joined (surname, common
spellings, titles such as "President X"). Every role codes as `COUNTRY.GOV` between its dates.
Lines starting with `#` are comments; the file must name its sources in one of them.

`check_role_facts` reports anomalies instead of fixing them: rows that cannot be read (skipped by
the build), end before start, unknown countries or roles, two holders of one role in one country
overlapping by more than `OVERLAP_DAYS`, duplicate rows, a country without a head of state or
government on 1 January of a year since `FIRST_YEAR`, and one-word aliases that would shadow a
country, an organisation, a generic agent or a common word.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from annales.pipeline.actors.countries import KNOWN_COUNTRIES
from annales.pipeline.actors.model import ActorEntry, Role, name_tokens

ROLES_HEADER = "# annales roles v1"
ROLE_COLUMNS = ("country", "role", "name", "start", "end", "aliases")
ROLE_TITLES = {"HOS": "head of state", "HOG": "head of government", "FM": "foreign minister", "DM": "defence minister"}
# Handovers are dated differently by different sources (election, swearing-in, appointment decree),
# so two holders of one role may overlap by a few days without either date being wrong. Raise it
# only with a reason; re-run `python tools/build_actor_table.py --check` after changing it.
OVERLAP_DAYS = 7
# The years the role files cover: facts must not start after LAST_DAY, and every country with
# rows should have a head of state or government on 1 January of each year from FIRST_YEAR on.
FIRST_YEAR = 2015
LAST_DAY = dt.date(2026, 12, 31)
# One-word aliases that are common words in news copy (months, weekdays, titles) and never name a person.
COMMON_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"president", "minister", "king", "queen", "prince", "emir", "sultan", "general", "said", "will", "new"}
    | {"state", "union", "party", "people", "republic", "army"}
)

ProblemKind = Literal[
    "bad_header",
    "no_sources",
    "bad_row",
    "bad_date",
    "end_before_start",
    "after_last_day",
    "unknown_country",
    "unknown_role",
    "overlap",
    "duplicate",
    "risky_alias",
    "first_name_alias",
    "no_head",
]
# Problems that make the build skip the row; the others are reported and the row is kept.
FATAL_PROBLEMS = frozenset({"bad_row", "bad_date", "end_before_start", "unknown_country", "unknown_role"})


@dataclass(frozen=True, slots=True)
class RoleFact:
    """One row: a person holding one of the four roles of one country between two dates."""

    country: str
    role: str
    name: str
    start: dt.date
    end: dt.date | None
    aliases: tuple[str, ...]
    source: str
    lineno: int

    @property
    def code(self) -> str:
        """The actor code the role gives: every role is the country's government."""
        return f"{self.country}.GOV"

    @property
    def last(self) -> dt.date:
        """The last day in office (date.max while still in office)."""
        return self.end or dt.date.max


@dataclass(frozen=True, slots=True)
class RoleProblem:
    """An anomaly found in a role file, naming the file and line."""

    source: str
    lineno: int
    kind: ProblemKind
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.lineno}: {self.kind}: {self.message}"


@dataclass(frozen=True, slots=True)
class RoleFile:
    """A parsed role file: its sources line, the readable rows and the problems of the others."""

    source: str
    sources: str
    facts: tuple[RoleFact, ...]
    problems: tuple[RoleProblem, ...]


def read_role_file(path: str | Path) -> RoleFile:
    """Read one role TSV (see the module docstring); unreadable rows become problems, not errors.

    Raises:
        OSError: when the file cannot be read.
    """
    file = Path(path)
    return parse_role_lines(file.read_text(encoding="utf-8").splitlines(), source=file.name)


def parse_role_lines(lines: Sequence[str], *, source: str) -> RoleFile:
    """Parse the lines of a role file: comments, the column row, then one fact per row."""
    comments = [line.lstrip("#").strip() for line in lines if line.startswith("#")]
    sources = next((text for text in comments if text.lower().startswith("source")), "")
    problems: list[RoleProblem] = []
    if not sources:
        problems.append(RoleProblem(source, 1, "no_sources", "no '# sources: ...' comment names the sources"))
    facts: list[RoleFact] = []
    header_seen = False
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.rstrip("\n").split("\t")]
        if not header_seen:
            header_seen = True
            if tuple(cells) != ROLE_COLUMNS:
                problems.append(RoleProblem(source, lineno, "bad_header", f"expected columns {ROLE_COLUMNS}"))
            if cells[:1] == ["country"]:
                continue
        fact = _parse_row(cells, source, lineno, problems)
        if fact is not None:
            facts.append(fact)
    return RoleFile(source, sources, tuple(facts), tuple(problems))


def _parse_row(cells: list[str], source: str, lineno: int, problems: list[RoleProblem]) -> RoleFact | None:
    def problem(kind: ProblemKind, message: str) -> None:
        problems.append(RoleProblem(source, lineno, kind, message))

    if len(cells) < 5 or len(cells) > 6 or not cells[2]:
        problem("bad_row", f"expected 6 tab-separated cells {ROLE_COLUMNS}, got {len(cells)}: {cells!r}")
        return None
    country, role, name, start_text, end_text = cells[:5]
    aliases = tuple(alias.strip() for alias in (cells[5] if len(cells) == 6 else "").split("|") if alias.strip())
    try:
        start = dt.date.fromisoformat(start_text)
        end = dt.date.fromisoformat(end_text) if end_text else None
    except ValueError:
        problem("bad_date", f"dates must be YYYY-MM-DD (end empty while in office): {start_text!r}, {end_text!r}")
        return None
    fact = RoleFact(country, role, name, start, end, aliases, source, lineno)
    if country not in KNOWN_COUNTRIES:
        problem("unknown_country", f"{country!r} is not an ISO 3166 alpha-3 code of a known state")
    elif role not in ROLE_TITLES:
        problem("unknown_role", f"{role!r} is not one of {sorted(ROLE_TITLES)}")
    elif end is not None and end < start:
        problem("end_before_start", f"{name}: {end} is before {start}")
    else:
        if start > LAST_DAY:
            problem("after_last_day", f"{name}: starts {start}, after {LAST_DAY}")
        return fact
    return None


def check_role_facts(
    files: Sequence[RoleFile], *, reserved: Iterable[str] = (), first_names: Iterable[str] = ()
) -> list[RoleProblem]:
    """All problems of the files: their own, then overlaps, duplicates and risky aliases across them.

    Args:
        files: parsed role files.
        reserved: normalised one-word aliases of other actors and agents ("chad", "police"); a
            one-word person alias equal to one of them (or to a common word) is reported.
        first_names: common first names ("anand", "francis"); a one-word alias equal to one is
            reported as `first_name_alias` (kept: "Abbas" or "Najib" is how the news names them).

    Returns:
        The problems, file by file and line by line.
    """
    problems = [problem for file in files for problem in file.problems]
    facts = [fact for file in files for fact in file.facts]
    problems.extend(_overlaps(facts))
    problems.extend(_head_gaps(facts))
    problems.extend(_risky_aliases(facts, frozenset(reserved) | COMMON_WORDS))
    problems.extend(_first_name_aliases(facts, frozenset(first_names)))
    return sorted(problems, key=lambda problem: (problem.source, problem.lineno, problem.kind))


def _overlaps(facts: Sequence[RoleFact]) -> list[RoleProblem]:
    by_office: dict[tuple[str, str], list[RoleFact]] = defaultdict(list)
    for fact in facts:
        by_office[(fact.country, fact.role)].append(fact)
    problems = []
    for office in by_office.values():
        office.sort(key=lambda fact: fact.start)
        for i, fact in enumerate(office):
            for later in office[i + 1 :]:
                if later.start > fact.last:
                    continue
                days = (min(fact.last, later.last, LAST_DAY) - later.start).days + 1  # open ends: to LAST_DAY
                same = _person_key(fact.name) == _person_key(later.name)
                if same:
                    problems.append(_pair_problem("duplicate", later, fact, f"overlaps by {days} days"))
                elif days > OVERLAP_DAYS:
                    problems.append(_pair_problem("overlap", later, fact, f"both in office for {days} days"))
    return problems


def _head_gaps(facts: Sequence[RoleFact]) -> list[RoleProblem]:
    """A country with rows but no head of state or government on 1 January of a year 2015-2026."""
    heads: dict[str, list[RoleFact]] = defaultdict(list)
    for fact in facts:
        if fact.role in ("HOS", "HOG"):
            heads[fact.country].append(fact)
    problems = []
    for country in sorted({fact.country for fact in facts}):
        first = min((f for f in facts if f.country == country), key=lambda f: (f.source, f.lineno))
        missing = [
            str(year)
            for year in range(FIRST_YEAR, LAST_DAY.year + 1)
            if not any(f.start <= dt.date(year, 1, 1) <= f.last for f in heads[country])
        ]
        if missing:
            message = f"{country} has no head of state or government on 1 January of {', '.join(missing)}"
            problems.append(RoleProblem(first.source, first.lineno, "no_head", message))
    return problems


def _pair_problem(kind: ProblemKind, fact: RoleFact, other: RoleFact, detail: str) -> RoleProblem:
    message = (
        f"{fact.country} {fact.role} {fact.name} ({fact.start}/{fact.end or ''}) and {other.name} "
        f"({other.start}/{other.end or ''}, {other.source}:{other.lineno}) {detail}"
    )
    return RoleProblem(fact.source, fact.lineno, kind, message)


def _risky_aliases(facts: Sequence[RoleFact], reserved: frozenset[str]) -> list[RoleProblem]:
    problems = []
    for fact in facts:
        for alias in risky_aliases(fact, reserved):
            message = f"one-word alias {alias!r} of {fact.name} is also a common word or another actor's name"
            problems.append(RoleProblem(fact.source, fact.lineno, "risky_alias", message))
    return problems


def _first_name_aliases(facts: Sequence[RoleFact], names: frozenset[str]) -> list[RoleProblem]:
    problems = []
    for fact in facts:
        for alias in fact.aliases:
            tokens = name_tokens(alias)
            if len(tokens) == 1 and tokens[0] in names:
                message = f"one-word alias {alias!r} of {fact.name} is a common first name: kept, but check it"
                problems.append(RoleProblem(fact.source, fact.lineno, "first_name_alias", message))
    return problems


def risky_aliases(fact: RoleFact, reserved: frozenset[str]) -> list[str]:
    """The fact's one-word aliases that equal a reserved word (the build leaves them out)."""
    risky = []
    for alias in fact.aliases:
        tokens = name_tokens(alias)
        if len(tokens) == 1 and (tokens[0] in reserved or tokens[0] in COMMON_WORDS):
            risky.append(alias)
    return risky


def _person_key(name: str) -> str:
    return " ".join(name_tokens(name))


def role_entries(facts: Iterable[RoleFact], *, reserved: Iterable[str] = ()) -> list[ActorEntry]:
    """One person entry per name: the name and its aliases, a dated `COUNTRY.GOV` role per row.

    Rows of the same person (by normalised name) join into one entry whose roles are sorted by
    start; risky one-word aliases (see `risky_aliases`) are left out.

    Args:
        facts: readable rows of any number of files.
        reserved: normalised one-word aliases of other actors and agents.
    """
    blocked = frozenset(reserved) | COMMON_WORDS
    people: dict[str, tuple[str, list[Role], dict[str, None]]] = {}
    for fact in facts:
        key = _person_key(fact.name)
        _name, roles, aliases = people.setdefault(key, (fact.name, [], {key: None}))
        role = Role(fact.code, fact.start, fact.end)
        if role not in roles:
            roles.append(role)
        skip = set(risky_aliases(fact, blocked))
        for alias in fact.aliases:
            tokens = name_tokens(alias)
            if tokens and alias not in skip:
                aliases[" ".join(tokens)] = None
    return [
        ActorEntry(name, "person", tuple(sorted(roles, key=lambda role: role.start or dt.date.min)), tuple(aliases))
        for name, roles, aliases in people.values()
    ]
