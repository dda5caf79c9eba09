"""The coder's tables: CAMEO codes (Goldstein, quad, PLOVER type/mode/context) and the predicate lexicon.

Both are TSV files under `annales/data/coding/`, read once into immutable objects
(`CameoTable`, `Lexicon`) that are passed explicitly to the coder. Nothing here is
module-level mutable state; `CodingTables.default()` reads the shipped files once per
process (an lru_cache) and `CodingTables.from_paths` loads edited copies.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from annales.codes import PLOVER_TYPES
from annales.errors import DictionaryError

logger = logging.getLogger(__name__)

TABLES_VERSION = "annales.coder.plover.v1"
PredicatePos = Literal["V", "N"]
CONTROL_FLAGS = ("agree", "request", "reject", "threaten")
_KNOWN_FLAGS = frozenset({"amb", "sym", "protest", "planned", "light", "court", "appeal", *CONTROL_FLAGS})


@dataclass(frozen=True, slots=True)
class CameoEntry:
    """One CAMEO code with its facts: name, Goldstein weight, quad class and PLOVER mapping.

    `plover_type` is "" for CAMEO statements (01x) that PLOVER does not code as events.
    """

    code: str
    name: str
    goldstein: float
    quad: int
    plover_type: str
    mode: str | None
    contexts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CameoTable:
    """CAMEO code facts keyed by code; unknown 4-digit codes fall back to their 3- and 2-digit parents."""

    entries: Mapping[str, CameoEntry]

    def get(self, code: str) -> CameoEntry | None:
        """Return the entry of `code` or of its nearest parent, or None when the root is unknown.

        Args:
            code: a CAMEO code of 2 to 4 digits.

        Returns:
            The entry, or None.
        """
        for size in (len(code), 3, 2):
            entry = self.entries.get(code[:size])
            if entry is not None:
                return entry
        return None

    def __iter__(self) -> Iterator[CameoEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True, slots=True)
class Cue:
    """One condition on the dependents of a predicate, e.g. `obj:tie|relation` or `p:with`."""

    kind: str  # "obj", "obj!", "prt", "p", "any", "actor", "joint"
    prep: str  # for kind "p": the preposition
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One row of the predicate lexicon."""

    pos: PredicatePos
    lemma: str
    cues: tuple[Cue, ...]
    cameo: str
    type: str  # PLOVER type override, "" to use the CAMEO table's type
    mode: str  # mode override, "" to use the CAMEO table's mode
    flags: frozenset[str]
    line: int

    @property
    def control(self) -> str | None:
        """The control class ("agree", "request", "reject", "threaten") or None."""
        return next((flag for flag in CONTROL_FLAGS if flag in self.flags), None)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Predicate rows grouped by (pos, lemma), in file order."""

    rows: Mapping[tuple[str, str], tuple[LexEntry, ...]]

    def candidates(self, pos: str, lemma: str) -> tuple[LexEntry, ...]:
        """Return the rows for a predicate lemma, most specific first."""
        return self.rows.get((pos, lemma.lower()), ())

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


@dataclass(frozen=True, slots=True)
class CodingTables:
    """The CAMEO table and the lexicon, loaded together; `version` names them."""

    cameo: CameoTable
    lexicon: Lexicon
    version: str = TABLES_VERSION

    @classmethod
    def default(cls) -> CodingTables:
        """The tables shipped in `annales/data/coding/` (read once per process: an lru_cache, not module state)."""
        return _default_tables()

    @classmethod
    def from_paths(cls, cameo_path: Path, lexicon_path: Path) -> CodingTables:
        """Load tables from explicit paths (tests, user-edited lexicons)."""
        cameo = parse_cameo_table(cameo_path.read_text(encoding="utf-8"))
        return cls(cameo=cameo, lexicon=parse_lexicon(lexicon_path.read_text(encoding="utf-8"), cameo=cameo))


@functools.lru_cache(maxsize=1)
def _default_tables() -> CodingTables:
    folder = resources.files("annales") / "data" / "coding"
    cameo = parse_cameo_table(folder.joinpath("cameo.tsv").read_text(encoding="utf-8"))
    lexicon = parse_lexicon(folder.joinpath("lexicon.tsv").read_text(encoding="utf-8"), cameo=cameo)
    return CodingTables(cameo=cameo, lexicon=lexicon)


def _data_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def parse_cameo_table(text: str) -> CameoTable:
    """Parse `cameo.tsv` (code, name, goldstein, quad, plover_type, mode, contexts).

    Raises:
        DictionaryError: on a malformed row or an unknown PLOVER type.
    """
    entries: dict[str, CameoEntry] = {}
    for number, cols in _data_lines(text):
        if len(cols) != 7:
            raise DictionaryError("E210", f"cameo.tsv line {number}: expected 7 tab-separated columns")
        code, name, goldstein, quad, ptype, mode, contexts = cols
        if ptype and ptype not in PLOVER_TYPES:
            raise DictionaryError("E211", f"cameo.tsv line {number}: unknown PLOVER type {ptype!r}")
        entries[code] = CameoEntry(
            code=code,
            name=name,
            goldstein=float(goldstein),
            quad=int(quad),
            plover_type=ptype,
            mode=mode or None,
            contexts=tuple(c for c in contexts.split(";") if c),
        )
    return CameoTable(MappingProxyType(entries))


def _parse_cue(text: str, number: int) -> Cue:
    if text == "joint":
        return Cue(kind="joint", prep="", words=frozenset())
    kind, sep, rest = text.partition(":")
    if not sep or kind not in {"obj", "obj!", "prt", "p", "any", "actor"}:
        raise DictionaryError("E212", f"lexicon line {number}: bad cue {text!r} (expected e.g. obj:tie|relation)")
    prep = ""
    if kind == "p":
        prep, _, rest = rest.partition("=")
    return Cue(kind=kind, prep=prep, words=frozenset(w for w in rest.split("|") if w))


def parse_lexicon(text: str, *, cameo: CameoTable) -> Lexicon:
    """Parse `lexicon.tsv` (pos, lemma, cues, cameo, type, mode, flags); the header row is skipped.

    Raises:
        DictionaryError: on a malformed row, an unknown CAMEO code, type or flag.
    """
    rows: dict[tuple[str, str], list[LexEntry]] = {}
    for number, cols in _data_lines(text):
        if cols[0] == "pos":
            continue
        if len(cols) != 7 or cols[0] not in ("V", "N"):
            raise DictionaryError("E213", f"lexicon line {number}: expected 7 columns starting with V or N")
        pos, lemma, cues, code, ptype, mode, flags = cols
        if cameo.get(code) is None:
            raise DictionaryError("E214", f"lexicon line {number}: unknown CAMEO code {code!r}")
        if ptype and ptype not in PLOVER_TYPES:
            raise DictionaryError("E211", f"lexicon line {number}: unknown PLOVER type {ptype!r}")
        flag_set = frozenset(flags.split())
        if flag_set - _KNOWN_FLAGS:
            raise DictionaryError("E215", f"lexicon line {number}: unknown flags {sorted(flag_set - _KNOWN_FLAGS)}")
        entry = LexEntry(
            pos="V" if pos == "V" else "N",
            lemma=lemma.lower(),
            cues=tuple(_parse_cue(c, number) for c in cues.split()),
            cameo=code,
            type=ptype,
            mode=mode,
            flags=flag_set,
            line=number,
        )
        rows.setdefault((entry.pos, entry.lemma), []).append(entry)
    # most cues first; among equals, cues that name words ("p:by=phone") before bare ones ("p:with")
    ordered = {
        key: tuple(sorted(group, key=lambda e: (-len(e.cues), -sum(bool(c.words) for c in e.cues), e.line)))
        for key, group in rows.items()
    }
    return Lexicon(MappingProxyType(ordered))
