"""Regions in actor mentions: a modifier naming several countries at once ("European leaders", "world
powers") or part of a continent ("Central American migrants", "Latin American leaders") makes no country's
agent, and a country's demonym inside such a name is no mention of that country."""

from __future__ import annotations

from collections.abc import Sequence

from annales.pipeline.actors.context import MODIFIER_DEPS, Group, Match
from annales.pipeline.actors.model import norm_token
from annales.records import Sentence, Token

# Modifiers naming several countries at once: the agent is none of them, least of all the article's.
REGIONAL_WORDS = frozenset(
    {"european", "europe", "western", "west", "arab", "african", "africa", "asian", "asia", "nordic", "baltic"}
    | {"gulf", "balkan", "scandinavian", "latin", "eurasian", "international", "foreign", "global", "world"}
    | {"regional", "allied", "transatlantic", "multinational", "coalition"}
)
# Continents' halves that make a country's demonym a region's: "Central American migrants", "Latin American
# leaders", "North American trade" are none of them the United States'.
_CONTINENT_PARTS = frozenset({"central", "south", "latin", "north"})
_CONTINENT_DEMONYMS = frozenset({("american",), ("americans",)})


def continental(tokens: Sequence[Token], match: Match) -> bool:
    """A country's demonym that only names part of a continent here ("Central American", "South Americans")."""
    if match.key not in _CONTINENT_DEMONYMS or match.start == 0:
        return False
    before = tokens[match.start - 1]
    return before.text[:1].isupper() and norm_token(before.text) in _CONTINENT_PARTS


def regional_modifier(sent: Sentence, groups: list[Group], group: Group, head: int) -> bool:
    """True when a region or "foreign"/"world" modifies the agent ("European leaders", "world powers")."""
    taken = {i for other in groups for i in range(other.start, other.end)}
    for tok in sent.tokens:
        if tok.head != head or tok.i in taken or tok.dep not in MODIFIER_DEPS or group.start <= tok.i < group.end:
            continue
        if norm_token(tok.text) in REGIONAL_WORDS:
            return True
        if continental(sent.tokens, Match(tok.i, tok.i + 1, key=(norm_token(tok.text),))):
            return True  # "Latin American leaders"
    return False
