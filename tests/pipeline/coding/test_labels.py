"""Accusation by labelling (issue 11, missed events): a pejorative word for what someone did, and a trailing
participle that labels it after a demand. Real spaCy parses and the actor table, with the learned model
on, as a user runs it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table, dyads

from annales.records import Event

PUBLISHED = dt.date(2009, 3, 21)


def _code(parser: Any, text: str) -> list[Event]:
    return code_with_table(parser, text, PUBLISHED)


def _dyads(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return dyads(events, countries=True)


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


@pytest.mark.slow
def test_a_promise_not_to_meet_is_a_refusal(parser: Any) -> None:
    """ "vowed not to resume negotiations with Israel" rejects a meeting; "vowed to resume" agrees to one, and an
    agreement that something is not so refuses nothing."""
    assert ("PSE", "ISR", "REJECT") in _dyads(_code(parser, "Abbas vowed not to resume negotiations with Israel."))
    assert ("PSE", "ISR", "AGREE") in _dyads(_code(parser, "Abbas vowed to resume negotiations with Israel."))
    agreed = _code(parser, "Russia and Iran agreed that the American plan is not effective.")
    assert all(e.type != "REJECT" for e in agreed)


@pytest.mark.slow
def test_a_rejection_noun_rejects_what_its_of_phrase_names(parser: Any) -> None:
    """ "Israel's rejection of the American proposal": Israel rejects, the United States is rejected; in "the
    rejection of NATO's offer" NATO is what was rejected, never the one who rejected."""
    assert ("ISR", "USA", "REJECT") in _dyads(
        _code(parser, "Israel's rejection of the American proposal angered many.")
    )
    events = _code(parser, "Tunisia's parliament met. The rejection of NATO's offer raises questions.")
    assert all(e.actor.code != "NATO" for e in events if e.type == "REJECT")
