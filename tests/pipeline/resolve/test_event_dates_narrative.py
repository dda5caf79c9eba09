"""Issue 16: a past act told right after a sentence that names its day is a step of that day's story."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.resolve.conftest import _article, _dates

pytestmark = pytest.mark.slow

D = dt.date


def test_dates_a_past_act_told_after_a_dated_sentence_takes_its_day(parser: Any) -> None:
    """ "FBI agents searched the home on March 7. They seized bank statements.": the seizure is March 7's,
    not the publication day's; an act of the present ("are examining") is not."""
    text = (
        "Gondor's envoy said Monday that talks would resume. Mordor's king spoke too.\n\n"
        "On March 7, Gondor police searched the home of a Mordor trader.\n\n"
        "They seized bank statements.\n\n"
        "Investigators are examining the documents."
    )
    article = _article(parser, text, D(2009, 3, 16), [
        ("searched", "GON.POL", "MOR.BUS", "COERCE"),
        ("seized", "GON.POL", None, "COERCE"),
        ("examining", "GON.POL", "MOR.BUS", "ACCUSE"),
    ])  # fmt: skip
    assert _dates(article) == [
        (D(2009, 3, 7), "clause", None),
        (D(2009, 3, 7), "context", None),
        (D(2009, 3, 16), "published", None),
    ]


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ('"They seized everything," the lawyer said.', "a quoted act is the speaker's, not the narrator's"),
        ("Police will return the documents.", "what is to come is no step of the story"),
    ],
)
def test_dates_no_narrative_day_for_quotes_or_what_is_to_come(parser: Any, second: str, why: str) -> None:
    text = f"On March 7, Gondor police searched the home of a Mordor trader.\n\n{second}"
    trigger = "seized" if "seized" in second else "return"
    article = _article(parser, text, D(2009, 3, 16), [
        ("searched", "GON.POL", "MOR.BUS", "COERCE"),
        (trigger, "GON.POL", "MOR.BUS", "COERCE"),
    ])  # fmt: skip
    assert _dates(article)[1][1] != "context", why
