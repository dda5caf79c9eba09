"""An act named by the subject of a verb that says it happens ("talks will take place in Minsk on Monday",
"the summit is scheduled for Monday", "the talks did not take place"): that verb gives the act its status,
its negation, its date and its place (issue 16, status and time). Real spaCy parses and the actor table for
the coder; hand-placed events on real parses for the date and place stages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table
from tests.pipeline.resolve.conftest import _article, _dates, _places

from annales.pipeline.nlp.happening import happening_verb

PUBLISHED = dt.date(2019, 11, 20)  # a Wednesday


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "status", "negated"),
    [
        ("Talks between Russia and Ukraine will take place in Minsk on Monday.", "planned", False),
        ("A summit between Russia and Ukraine is scheduled for Monday.", "planned", False),
        ("Talks between Russia and Ukraine took place in Minsk on Monday.", "occurred", False),
        ("The talks between Russia and Ukraine did not take place.", "occurred", True),
    ],
)
def test_the_verb_an_act_happens_by_gives_its_status_and_negation(
    parser: Any, text: str, status: str, negated: bool
) -> None:
    talks = [e for e in code_with_table(parser, text, PUBLISHED) if e.type == "CONSULT"]
    assert talks and all((e.status, e.negated) == (status, negated) for e in talks), [
        (e.status, e.negated) for e in talks
    ]


@pytest.mark.slow
def test_an_act_that_happens_is_where_and_when_its_verb_says(parser: Any) -> None:
    text = "Talks between Russia and Ukraine will take place in Minsk on Monday."
    article = _article(parser, text, PUBLISHED, [("Talks", "RUS", "UKR", "CONSULT")])
    assert _places(article) == [("Minsk", "clause")]
    scheduled = _article(parser, "A summit of Russia and Ukraine is scheduled for Monday.", PUBLISHED, [
        ("summit", "RUS", "UKR", "CONSULT"),
    ])  # fmt: skip
    assert _dates(scheduled)[0][0] == dt.date(2019, 11, 25)  # the coming Monday, not the last one


@pytest.mark.slow
def test_only_verbs_of_happening_lend_the_act_their_clause(parser: Any) -> None:
    """ "The talks collapsed in Minsk": the collapse is not how the talks happen."""
    sent = parser.parse("The talks collapsed in Minsk on Monday.")[0]
    talks = next(t.i for t in sent.tokens if t.text == "talks")
    assert happening_verb(sent.tokens, talks) is None
    sent = parser.parse("The talks took place in Minsk on Monday.")[0]
    talks = next(t.i for t in sent.tokens if t.text == "talks")
    assert happening_verb(sent.tokens, talks) == next(t.i for t in sent.tokens if t.text == "took")
