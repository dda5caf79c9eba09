"""Gender hints for pronoun coreference: first names and titles (our own small table).

The actor table does not record gender, so "she" must not be resolved to a man: a person's
gender is guessed from a title in the mention ("Mrs", "King") or the first word of the name.
Unknown stays unknown; the resolver then only resolves a pronoun with a single candidate.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from annales.pipeline.actors.model import norm_token

Gender = Literal["m", "f"]
GENDERS_FILE = Path(__file__).resolve().parents[2] / "data" / "actors" / "genders.v1.tsv"
PRONOUN_GENDERS: Mapping[str, Gender] = MappingProxyType(
    {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
)


@dataclass(frozen=True, slots=True)
class GenderTable:
    """Normalised first names and titles -> "m" or "f".

    Example:
        >>> GenderTable.default().guess(["Angela", "Merkel"])  # doctest: +SKIP
        'f'
    """

    words: Mapping[str, Gender]

    @classmethod
    def default(cls) -> GenderTable:
        """The bundled table (cached: loaded once per process)."""
        return _default_genders()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> GenderTable:
        """Read `word<TAB>m|f` rows; `#` comments and the header row are skipped."""
        words: dict[str, Gender] = {}
        for line in lines:
            word, _, gender = line.strip().partition("\t")
            if line.startswith("#") or gender not in ("m", "f"):
                continue
            words[norm_token(word)] = "m" if gender == "m" else "f"
        return cls(MappingProxyType(words))

    def guess(self, words: Iterable[str]) -> Gender | None:
        """The gender of the first title or first name among `words` that the table knows.

        Args:
            words: the words of a mention or a canonical name, in order.

        Returns:
            "m", "f", or None when no word is known.
        """
        for word in words:
            gender = self.words.get(norm_token(word))
            if gender is not None:
                return gender
        return None


@functools.lru_cache(maxsize=1)
def _default_genders() -> GenderTable:
    return GenderTable.from_lines(GENDERS_FILE.read_text(encoding="utf-8").splitlines())
