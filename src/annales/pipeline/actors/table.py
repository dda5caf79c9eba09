"""The immutable actor table: entries and agents indexed by normalised token sequences.

The bundled table is `src/annales/data/actors/actors.v1.tsv` (+ `agents.v1.tsv`), built by
`tools/build_actor_table.py` from Phoenix/Archigos facts and our hand-made extension. It is loaded
once per process through `ActorTable.default()` (an lru_cache, not module state).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from annales.pipeline.actors.dictionary import (
    ACTORS_HEADER,
    load_dictionary,
    parse_roles_cell,
    read_actor_tsv,
    read_agent_tsv,
)
from annales.pipeline.actors.model import ActorDictionary, ActorEntry, AgentEntry

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "actors"
ACTORS_FILE = "actors.v1.tsv"
AGENTS_FILE = "agents.v1.tsv"
TABLE_VERSION = "annales.actors.v1"


@dataclass(frozen=True, slots=True, eq=False)  # identity equality and hash: tables are big
class ActorTable:
    """Actor entries and generic agents, indexed for longest-match lookup.

    Later dictionaries override earlier ones alias by alias, so a user entry for "KERRY"
    replaces the bundled one while every other bundled alias stays.

    Attributes:
        entries: every actor entry, in load order.
        names: normalised alias (tuple of tokens) -> index into `entries`.
        agents: normalised agent pattern -> sector.
        longest: first token -> length of the longest alias or agent starting with it.
        sources: where the layers came from, oldest first.

    Example:
        >>> table = ActorTable.default()  # doctest: +SKIP
        >>> table.lookup(("sergei", "lavrov")).name  # doctest: +SKIP
        'Sergey Lavrov'
    """

    entries: tuple[ActorEntry, ...]
    names: Mapping[tuple[str, ...], int]
    agents: Mapping[tuple[str, ...], str]
    longest: Mapping[str, int]
    sources: tuple[str, ...] = field(default=())

    @classmethod
    def build(cls, dictionaries: Iterable[ActorDictionary]) -> ActorTable:
        """Index dictionaries in order; later ones override earlier ones alias by alias."""
        entries: list[ActorEntry] = []
        names: dict[tuple[str, ...], int] = {}
        agents: dict[tuple[str, ...], str] = {}
        longest: dict[str, int] = {}
        sources = []
        for dictionary in dictionaries:
            sources.append(dictionary.source)
            for entry in dictionary.actors:
                index = len(entries)
                entries.append(entry)
                for alias in entry.aliases:
                    key = tuple(alias.split(" "))
                    names[key] = index
                    if len(key) > longest.get(key[0], 0):
                        longest[key[0]] = len(key)
            for agent in dictionary.agents:
                key = tuple(agent.pattern.split(" "))
                agents[key] = agent.sector
                if len(key) > longest.get(key[0], 0):
                    longest[key[0]] = len(key)
        return cls(
            tuple(entries), MappingProxyType(names), MappingProxyType(agents), MappingProxyType(longest), tuple(sources)
        )

    @classmethod
    def default(cls) -> ActorTable:
        """The bundled table (cached: loaded once per process)."""
        return _default_table()

    @classmethod
    def from_dictionaries(cls, paths: Iterable[str | Path]) -> ActorTable:
        """A table made ONLY of the given dictionary files (PETRARCH format or our TSV).

        Raises:
            DictionaryError: when a file cannot be read or parsed.
        """
        return cls.build(load_dictionary(path) for path in paths)

    def with_user(self, *dictionaries: ActorDictionary) -> ActorTable:
        """A new table with user dictionaries layered over this one (this one is unchanged)."""
        base = ActorDictionary(source="+".join(self.sources), actors=self.entries, agents=self._agent_entries())
        table = ActorTable.build([base, *dictionaries])
        return ActorTable(table.entries, table.names, table.agents, table.longest, (*self.sources, *table.sources[1:]))

    def lookup(self, tokens: tuple[str, ...]) -> ActorEntry | None:
        """The entry whose alias is exactly these normalised tokens, if any."""
        index = self.names.get(tokens)
        return None if index is None else self.entries[index]

    def counts(self) -> dict[str, int]:
        """Number of entries by kind, aliases and agents (for reports)."""
        out: dict[str, int] = {}
        for entry in self.entries:
            out[entry.kind] = out.get(entry.kind, 0) + 1
        out["aliases"] = len(self.names)
        out["agents"] = len(self.agents)
        return out

    def _agent_entries(self) -> tuple[AgentEntry, ...]:
        return tuple(AgentEntry(" ".join(key), sector) for key, sector in self.agents.items())


@functools.lru_cache(maxsize=1)
def _default_table() -> ActorTable:
    actors = (DATA_DIR / ACTORS_FILE).read_text(encoding="utf-8").splitlines()
    agents = (DATA_DIR / AGENTS_FILE).read_text(encoding="utf-8").splitlines()
    dictionary = ActorDictionary(
        TABLE_VERSION,
        actors=_read_bundled_actors(actors),
        agents=tuple(read_agent_tsv(agents, source=AGENTS_FILE, normalized=True)),
    )
    return ActorTable.build([dictionary])


def _read_bundled_actors(lines: list[str]) -> tuple[ActorEntry, ...]:
    """Fast path for the file our build tool wrote (aliases normalised, codes checked at build time).

    Falls back to the validating reader when the header is not ours.
    """
    if not lines or not lines[0].startswith(ACTORS_HEADER) or lines[1] != "kind\tname\troles\taliases":
        return tuple(read_actor_tsv(lines, source=ACTORS_FILE))
    entries = []
    for line in lines[2:]:
        kind, name, roles, aliases = line.split("\t")
        entries.append(ActorEntry(name, kind, parse_roles_cell(roles), tuple(aliases.split("|"))))  # type: ignore[arg-type]
    return tuple(entries)
