"""The immutable actor table: entries and agents indexed by normalised token sequences.

The bundled table is `src/annales/data/actors/actors.v1.tsv` (+ `agents.v1.tsv`), built by
`tools/build_actor_table.py` from Phoenix/Archigos facts and our hand-made extension. It is loaded
once per process through `ActorTable.default()` (an lru_cache, not module state).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Mapping, Sequence
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
    replaces the bundled one while every other bundled alias stays. Within one dictionary, an
    alias shared by several people with dated roles ("Sharif", "President Kim") is a clash:
    each keeps its roles and `lookup` picks, on a given date, the one whose role began last.

    Attributes:
        entries: every actor entry, in load order.
        names: normalised alias (tuple of tokens) -> index into `entries` (the last one loaded).
        agents: normalised agent pattern -> sector.
        longest: first token -> length of the longest alias or agent starting with it.
        sources: where the layers came from, oldest first.
        clashes: alias -> indices of the people of one layer who share it (two or more).
        layer_starts: index into `entries` of the first entry of each layer of `sources`.
        agent_layers: agent pattern -> index into `sources` of the layer that defined it.

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
    clashes: Mapping[tuple[str, ...], tuple[int, ...]] = field(default_factory=lambda: MappingProxyType({}))
    layer_starts: tuple[int, ...] = field(default=())
    agent_layers: Mapping[tuple[str, ...], int] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def build(cls, dictionaries: Iterable[ActorDictionary]) -> ActorTable:
        """Index dictionaries in order; later ones override earlier ones alias by alias."""
        index = _Index()
        for dictionary in dictionaries:
            index.add(dictionary)
        return cls(
            tuple(index.entries),
            MappingProxyType(index.names),
            MappingProxyType(index.agents),
            MappingProxyType(index.longest),
            tuple(index.sources),
            MappingProxyType(index.clashes),
            tuple(index.layer_starts),
            MappingProxyType(index.agent_layers),
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
        return ActorTable.build([*self.layers(), *dictionaries])

    def layers(self) -> list[ActorDictionary]:
        """The dictionaries this table was built from, in order (their entries and agents)."""
        starts = self.layer_starts or (0,)
        ends = (*starts[1:], len(self.entries))
        agents: list[list[AgentEntry]] = [[] for _ in starts]
        for key, sector in self.agents.items():
            agents[self.agent_layers.get(key, 0)].append(AgentEntry(" ".join(key), sector))
        sources = self.sources or ("",)
        return [
            ActorDictionary(source, self.entries[start:end], tuple(layer_agents))
            for source, start, end, layer_agents in zip(sources, starts, ends, agents, strict=True)
        ]

    def lookup(self, tokens: tuple[str, ...], as_of: dt.date | None = None) -> ActorEntry | None:
        """The entry whose alias is exactly these normalised tokens, if any.

        Args:
            tokens: the normalised alias.
            as_of: the date that settles a clash between people sharing the alias (the one whose
                role covering the date began last, else the one whose last role began last);
                None takes the entry loaded last.
        """
        index = self.names.get(tokens)
        if index is None:
            return None
        clash = self.clashes.get(tokens)
        if clash is not None and as_of is not None:
            index = pick_by_date([self.entries[i] for i in clash], as_of, default=clash.index(index), indices=clash)
        return self.entries[index]

    def source_of(self, index: int) -> str:
        """The source (layer) of the entry at `index`."""
        if not self.layer_starts:
            return self.sources[0] if self.sources else ""
        return self.sources[bisect.bisect_right(self.layer_starts, index) - 1]

    def __repr__(self) -> str:
        return f"ActorTable(sources={self.sources!r}, entries={len(self.entries)}, agents={len(self.agents)})"

    def counts(self) -> dict[str, int]:
        """Number of entries by kind, aliases and agents (for reports)."""
        out: dict[str, int] = {}
        for entry in self.entries:
            out[entry.kind] = out.get(entry.kind, 0) + 1
        out["aliases"] = len(self.names)
        out["agents"] = len(self.agents)
        return out


def pick_by_date(entries: Sequence[ActorEntry], as_of: dt.date, *, default: int, indices: Sequence[int]) -> int:
    """The index (from `indices`) of the entry that holds a role on `as_of`, the most recent first.

    Among the entries with a dated role covering `as_of`, the one whose role began last wins;
    with none, the one whose latest role began last before `as_of`; with none, `default`.
    """
    best: tuple[int, dt.date, int] | None = None  # (covers, start, position)
    for position, entry in enumerate(entries):
        for role in entry.roles:
            if not role.dated or (role.start is not None and role.start > as_of):
                continue
            key = (int(role.covers(as_of)), role.start or dt.date.min, position)
            if best is None or key[:2] > best[:2]:
                best = key
    return indices[best[2] if best is not None else default]


class _Index:
    """Mutable state of `ActorTable.build`: entries, aliases and agents layer by layer."""

    def __init__(self) -> None:
        self.entries: list[ActorEntry] = []
        self.names: dict[tuple[str, ...], int] = {}
        self.agents: dict[tuple[str, ...], str] = {}
        self.longest: dict[str, int] = {}
        self.sources: list[str] = []
        self.clashes: dict[tuple[str, ...], tuple[int, ...]] = {}
        self.layer_starts: list[int] = []
        self.agent_layers: dict[tuple[str, ...], int] = {}

    def add(self, dictionary: ActorDictionary) -> None:
        layer = len(self.sources)
        self.sources.append(dictionary.source)
        self.layer_starts.append(len(self.entries))
        people: dict[tuple[str, ...], list[int]] = {}
        for entry in dictionary.actors:
            index = len(self.entries)
            self.entries.append(entry)
            dated_person = entry.kind == "person" and any(role.dated for role in entry.roles)
            for alias in entry.aliases:
                key = tuple(alias.split(" "))
                self.names[key] = index
                self.clashes.pop(key, None)  # a later layer overrides the alias outright
                if dated_person:
                    people.setdefault(key, []).append(index)
                self._extend(key)
        for key, indices in people.items():
            # people of this layer who share the alias and still own it (nothing later in the layer took it)
            if len(indices) > 1 and self.names[key] == indices[-1]:
                self.clashes[key] = tuple(indices)
        for agent in dictionary.agents:
            key = tuple(agent.pattern.split(" "))
            self.agents[key] = agent.sector
            self.agent_layers[key] = layer
            self._extend(key)

    def _extend(self, key: tuple[str, ...]) -> None:
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)


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
