"""Fixtures of the actor tests: a tiny fictional table, the bundled table, hand-built sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from annales.pipeline.actors import ActorTable
from annales.pipeline.actors.dictionary import read_actor_tsv, read_agent_tsv
from annales.pipeline.actors.model import ActorDictionary
from annales.records import Entity, Sentence, Token

TINY_ACTORS = [
    "kind\tname\troles\taliases",
    "country\tGondor\tGON\tGondorian|Minas Tirith",
    "country\tMordor\tMOR\tMordorian",
    "capital\tOsgiliath\tGON.GOV\t",
    "org\tWhite Council\tWCO\t",
    "person\tAragorn Elessar\tGON.REB@2000-01-01/2009-12-31;GON.GOV@2010-01-01/\t",
    "person\tFaramir Steward\tGON.MIL@2001-01-01/2005-12-31\t",
    "group\tOrc Band\tMOR.REB\tthe Orc Band",
]
TINY_AGENTS = [
    "pattern\tsector",
    "rebels\tREB",
    "troops\tMIL",
    "officials\tGOV",
    "foreign minister\tGOV",
    "protesters\tACT",
]


@pytest.fixture(scope="session")
def tiny_table() -> ActorTable:
    """A fictional table: two countries, a capital, an org, two dated persons, a group, five agents."""
    dictionary = ActorDictionary(
        "tiny",
        actors=tuple(read_actor_tsv(TINY_ACTORS, source="tiny")),
        agents=tuple(read_agent_tsv(TINY_AGENTS, source="tiny")),
    )
    return ActorTable.build([dictionary])


@pytest.fixture(scope="session")
def default_table() -> ActorTable:
    """The bundled table (loaded once per process)."""
    return ActorTable.default()


_NO_SPACE_BEFORE = {"'s", "\u2019s", ",", ".", "'"}


def build_sentence(
    words: Sequence[str],
    *,
    index: int = 0,
    offset: int = 0,
    parse: dict[int, tuple[str, int]] | None = None,
    pos: dict[int, str] | None = None,
    ents: Sequence[tuple[int, int, str]] = (),
) -> Sentence:
    """A Sentence from words; `parse` maps token index -> (dep, head), `pos` token index -> POS tag."""
    tokens: list[Token] = []
    text = ""
    for i, word in enumerate(words):
        if text and word not in _NO_SPACE_BEFORE and word != "-" and words[i - 1] != "-":
            text += " "
        dep, head = (parse or {}).get(i, ("", i))
        tokens.append(Token(i, word, offset + len(text), word.lower(), (pos or {}).get(i, ""), "", dep, head))
        text += word
    entities = [Entity(start, end, label, " ".join(words[start:end])) for start, end, label in ents]
    return Sentence(index, offset, offset + len(text), text, tokens, entities)


@pytest.fixture(scope="session")
def make_sentence() -> Callable[..., Sentence]:
    """The `build_sentence` helper as a fixture (test modules cannot import conftest)."""
    return build_sentence
