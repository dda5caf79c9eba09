"""Accusation by labelling (issue 11, missed events): a pejorative word for what someone did, and a trailing
participle that labels it after a demand. Real spaCy parses and the actor table, with the learned model
on, as a user runs it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from annales.pipeline.actors import ActorTable
from annales.pipeline.coding import code_text
from annales.records import Event

PUBLISHED = dt.date(2009, 3, 21)


def _code(parser: Any, text: str) -> list[Event]:
    return code_text(text, published=PUBLISHED, table=ActorTable.default(), parser=parser)


def _dyads(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.actor.country, e.recipient.country if e.recipient else None, e.type) for e in events}


@pytest.mark.slow
@pytest.mark.parametrize("word", ["incoherent and unjust", "baseless", "illegitimate"])
def test_calling_a_decision_a_pejorative_word_is_an_accusation(parser: Any, word: str) -> None:
    events = _code(parser, f"Russia called the American decision {word}.")
    assert ("RUS", "USA", "ACCUSE") in _dyads(events)


@pytest.mark.slow
def test_a_trailing_participle_labels_the_act_of_the_one_asked(parser: Any) -> None:
    """ "called on Israel to stop the demolitions, describing this policy as ethnic cleansing": the describing
    is the speaker's own act, not part of what Israel is asked to do, and it is aimed at Israel, not at the
    Palestinian homes of the clause it hangs on."""
    events = _code(
        parser,
        "The Palestinian president called on Israel to stop the demolition of Palestinian homes, "
        "describing this policy as ethnic cleansing.",
    )
    assert {("PSE", "ISR", "REQUEST"), ("PSE", "ISR", "ACCUSE")} <= _dyads(events)
