"""Towns that share a name with a country or a capital: "LONDON, Ky.", "Palestine, Texas", "Athens, Ga.".

Local news names its towns with their state after them. Where an article writes a name that way, every
mention of that name in the article is the American town: "London Police" are Kentucky's police, not
the British government's, and the town votes for the United States as the article's country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from annales.pipeline.actors.model import norm_token
from annales.pipeline.resolve.places_toponyms import US_STATE_ABBREVIATIONS
from annales.records import Sentence

NAMESAKE_COUNTRY = "USA"

# The states' names, except those that also name a country ("Tbilisi, Georgia" is the country's capital).
_STATE_NAMES = frozenset(US_STATE_ABBREVIATIONS.values()) | {"Alaska", "Hawaii", "Idaho", "Iowa", "Maine"}
_STATE_NAMES |= {"Ohio", "Utah"}
_AMBIGUOUS_STATES = frozenset({"Georgia", "District of Columbia"})


def _written(key: str) -> str:
    """AP style of an abbreviation key: "ky" -> "Ky.", "n y" -> "N.Y.", "w va" -> "W.Va."."""
    return "".join(part.capitalize() + "." for part in key.split())


_QUALIFIERS = sorted(
    {*(_STATE_NAMES - _AMBIGUOUS_STATES), *(_written(key) for key in US_STATE_ABBREVIATIONS)}, key=len, reverse=True
)
_QUALIFIED = re.compile(
    r"\b(?P<name>[A-Z][\w'\u2019-]*(?:[ ][A-Z][\w'\u2019-]*){0,2}),[ ]+(?:"
    + "|".join(re.escape(q) for q in _QUALIFIERS)
    + r")(?![\w])",
)


def qualified_names(text: str) -> frozenset[tuple[str, ...]]:
    """The names the text writes with a US state after them ("LONDON, Ky.", "Palestine, Texas"), as the
    table's normalised token keys."""
    return frozenset(tuple(norm_token(word) for word in match["name"].split()) for match in _QUALIFIED.finditer(text))


def count_namesakes(sentences: Sequence[Sentence], names: frozenset[tuple[str, ...]]) -> Counter[str]:
    """How often the article names those towns: each mention votes for the United States."""
    votes: Counter[str] = Counter()
    if not names:
        return votes
    longest = max(len(name) for name in names)
    for sent in sentences:
        words = [norm_token(tok.text) for tok in sent.tokens]
        for start in range(len(words)):
            for size in range(1, longest + 1):
                if tuple(words[start : start + size]) in names:
                    votes[NAMESAKE_COUNTRY] += 1
                    break
    return votes
