"""Issue 16: the days of a story told in steps, a coarse date against the lead's day, a sign-off's date, and
which past perfects are background."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.resolve.conftest import _article, _dates

from annales.pipeline.resolve.dates_background import is_background

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


def test_dates_a_coarse_date_of_the_same_event_yields_to_the_lead_s_day_inside_it(parser: Any) -> None:
    """ "agreed this week" told in one sentence and "agreed to send ambassadors" in another, in a story whose
    lead is Friday's: the agreement is Friday's, not the Monday a week-long date starts on."""
    text = (
        "Gondor's king met Mordor's envoy on Friday.\n\n"
        "The envoy said Gondor agreed this week to restore ties.\n\n"
        "Gondor agreed to send ambassadors."
    )
    article = _article(parser, text, D(2013, 3, 23), [
        ("met", "GON.GOV", "MOR.GOV", "CONSULT"),
        ("agreed", "GON", "MOR", "AGREE"),
        ("agreed", "GON", "MOR", "AGREE"),
    ])  # fmt: skip
    dates = _dates(article)
    assert dates[0] == (D(2013, 3, 22), "clause", None)
    assert dates[2] == (D(2013, 3, 22), "lead", None)


def test_dates_the_day_told_just_before_beats_the_same_parties_elsewhere(parser: Any) -> None:
    """Two shootings between the same kinds of parties in one crime story: the one told right after "on
    Thursday" is Thursday's, not the day of the other one."""
    text = (
        "Police in Gondor made several arrests. Officers said more would follow.\n\n"
        "On Saturday, Gondor police shot a Mordor trader.\n\n"
        "On Thursday, Gondor police stopped a car after a chase.\n\n"
        "An officer shot the driver."
    )
    article = _article(parser, text, D(2009, 3, 23), [
        ("shot", "GON.POL", "MOR.BUS", "ASSAULT"),
        ("shot", "GON.POL", "MOR.BUS", "ASSAULT"),
    ])  # fmt: skip
    assert _dates(article) == [(D(2009, 3, 21), "clause", None), (D(2009, 3, 19), "context", None)]


def test_dates_an_agency_s_sign_off_names_no_day_of_news(parser: Any) -> None:
    """ "... said Wednesday in Minas Tirith." in a text signed off "GNA 05 April 2018", a Thursday: the
    sign-off is the paper's date, not a day of news, so Wednesday stays the article's news day."""
    text = (
        "Gondor praises Mordor's role in the fight against orcs, Gondor's envoy said Wednesday in Minas Tirith.\n\n"
        "The two sides discussed trade.\n\nGNA 05 April 2018"
    )
    article = _article(parser, text, D(2018, 4, 5), [("praises", "GON", "MOR", "SUPPORT")])
    assert _dates(article) == [(D(2018, 4, 4), "news_day", None)]


@pytest.mark.parametrize(
    ("text", "trigger", "background"),
    [
        ("Gondor's king had accused Mordor of lying in the past.", "accused", True),
        ("Gondor's king had accused Mordor of lying.", "accused", True),
        # the news, told in the past perfect: just now, or the backshift of reported speech
        ("Gondor's king and Mordor's envoy had just spoken by telephone.", "spoken", False),
        ("Gondor's office said the king had accepted the apology.", "accepted", False),
        # a cue word dates the clause it belongs to, or those below it, not the news around it
        ("Gondor's king renewed calls on Mordor to honour previously signed agreements.", "renewed", False),
        ("In the past, Gondor's king met Mordor's envoy and signed a truce.", "signed", True),
        ("Gondor's king said he had met Mordor's envoy at the time.", "met", True),
    ],
)
def test_is_background_not_for_a_perfect_just_done_or_reported_nor_for_a_cue_of_another_clause(
    parser: Any, text: str, trigger: str, background: bool
) -> None:
    sent = parser.parse(text)[0]
    index = next(t.i for t in sent.tokens if t.text == trigger)
    assert is_background(sent, index) is background


def test_dates_a_weekday_after_the_publication_day_is_the_next_day_only_in_the_lead(parser: Any) -> None:
    """A lead's "on Monday" in a paper dated Sunday is the next day (the date lags the story's); the same weekday
    told in the past further down ("arrested in a raid Thursday" in a paper of a Wednesday) is six days
    before: a raid deep in the story may be a week old, a lead's news is not."""
    text = (
        "Gondor police searched the home of a Mordor trader on Thursday.\n\n"
        "The trader's lawyer spoke to reporters.\n\n"
        "Neighbours were surprised.\n\n"
        "In a police raid at their home Thursday, Gondor police arrested two Mordor traders."
    )
    article = _article(parser, text, D(2009, 3, 18), [
        ("searched", "GON.POL", "MOR.BUS", "COERCE"),
        ("arrested", "GON.POL", "MOR.BUS", "COERCE"),
    ])  # fmt: skip
    assert [value for value, _, _ in _dates(article)] == [D(2009, 3, 19), D(2009, 3, 12)]


def test_dates_an_undated_article_s_copyright_year_anchors_named_months_only(parser: Any) -> None:
    """No publication date, but "Copyright 2018": "In February" is February 2018 and "last year" 2017; "on
    Saturday" cannot be counted from a year, and an act with no time of its own is not dated to the year."""
    text = (
        "In February, a Gondor court sentenced a Mordor trader.\n\n"
        "Last year, Gondor police arrested a Mordor banker.\n\n"
        "On Saturday, Gondor police searched a Mordor ship.\n\n"
        "Gondor police questioned a Mordor sailor.\n\n"
        "Copyright 2018 by Gondor News."
    )
    specs = [
        ("sentenced", "GON.JUD", "MOR.BUS", "COERCE"),
        ("arrested", "GON.POL", "MOR.BUS", "COERCE"),
        ("searched", "GON.POL", "MOR.BUS", "COERCE"),
        ("questioned", "GON.POL", "MOR.CVL", "COERCE"),
    ]
    dated = _dates(_article(parser, text, None, specs))
    assert [(value, source) for value, source, _ in dated] == [
        (D(2018, 2, 1), "clause"),
        (D(2017, 1, 1), "clause"),
        (None, None),
        (None, None),
    ]
    assert [reason for _, _, reason in dated][2:] == ["relative_without_anchor", "no_date_in_text"]
    unsigned = _dates(_article(parser, text.replace("Copyright 2018 by Gondor News.", "Gondor News."), None, specs))
    assert [value for value, _, _ in unsigned] == [None, None, None, None]
    # the extract stage removed the line as chrome and kept its year
    recorded = _article(parser, text.replace("Copyright 2018 by Gondor News.", "Gondor News."), None, specs)
    recorded.meta["copyright_year"] = "2018"
    assert [value for value, _, _ in _dates(recorded)][:2] == [D(2018, 2, 1), D(2017, 1, 1)]


def test_dates_a_past_act_by_the_one_old_date_its_sentence_writes_out(parser: Any) -> None:
    """ "The powers were first used after attacks left 130 people dead in Paris on November 13, 2015": the act
    has no date of its own, but its sentence writes out one date, a year before publication: that date, not
    the publication day. A date naming a noun's act ("the 2010 commando raid") and an act told in the present
    perfect ("has apologised") keep the news day."""
    text = (
        "Gondor police were first given the powers after attacks left 130 people dead in Minas Tirith on "
        "November 13, 2015."
    )
    article = _article(parser, text, D(2016, 12, 10), [("given", "GON.GOV", "GON.POL", "COERCE")])
    assert _dates(article)[0][:2] == (D(2015, 11, 13), "context")
    text = "Gondor's king has apologised to Mordor for the 2010 commando raid on a Mordor ship."
    article = _article(parser, text, D(2016, 12, 10), [("apologised", "GON.GOV", "MOR", "CONCEDE")])
    assert _dates(article)[0][:2] == (D(2016, 12, 10), "published")
    # a bound is where a span begins, not the act's date
    text = "Gondor troops fought Mordor rebels in the hills since 2011."
    article = _article(parser, text, D(2016, 12, 10), [("fought", "GON.MIL", "MOR.REB", "ASSAULT")])
    assert _dates(article)[0][0] != D(2011, 1, 1)


@pytest.mark.parametrize(
    ("gap", "days"), [(" ", [D(2009, 3, 22), D(2009, 3, 22)]), ("\n\n", [D(2009, 3, 22), D(2009, 3, 23)])]
)
def test_dates_a_story_told_in_steps_stays_on_its_day_through_its_paragraph(
    parser: Any, gap: str, days: list[D]
) -> None:
    """ "A firefighter stopped a woman ... Sunday. The woman jumped into the truck. The firefighter detained the
    woman. Police later arrested her.": every step of the paragraph is Sunday's, not only the sentence right after
    the dated one; past a paragraph break only that next sentence is (the publication day's after it)."""
    text = (
        "Gondor's envoy said Monday that talks would resume.\n\n"
        "A Gondor firefighter stopped a Mordor woman from stealing a fire truck about 7:30 p.m. Sunday. "
        f"The woman jumped into the truck.{gap}The firefighter detained the woman. Gondor police later arrested her."
        "\n\nOn Thursday, Gondor police charged a Mordor man with theft."
    )
    article = _article(parser, text, D(2009, 3, 23), [
        ("detained", "GON.GOV", "MOR.CVL", "COERCE"),
        ("arrested", "GON.POL", "MOR.CVL", "COERCE"),
    ])  # fmt: skip
    assert [date for date, _, _ in _dates(article)] == days


def test_dates_a_where_clause_is_done_when_its_place_was_visited(parser: Any) -> None:
    """ "appeared at the court on November 18, where they pleaded not guilty": the plea is November 18's, not
    the publication day's."""
    text = "Two Mordor men appeared at the Gondor court on November 18, where they pleaded not guilty."
    article = _article(parser, text, D(2009, 3, 28), [("pleaded", "MOR.CRM", "GON.JUD", "REJECT")])
    assert [date for date, _, _ in _dates(article)] == [D(2008, 11, 18)]
