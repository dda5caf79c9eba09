"""Who the parties are (issue 11, recipients and plural parties): the person of a relative clause, the
sentenced person rather than the prison of the sentence, a sentence told after a conviction, "the two
sides" of a story. Real spaCy parses; the actor table's own resolution with the learned model on, as a user
runs it, or hand-placed mentions where the table's reading is not the point."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table, dyads

from annales.pipeline.coding import CoderOptions, PloverCoder
from annales.records import Actor, Article, Event

PUBLISHED = dt.date(2018, 4, 5)
_dyads = dyads


def _code(parser: Any, text: str) -> list[Event]:
    return code_with_table(parser, text, PUBLISHED)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rights groups named the Azerbaijani journalist Afgan Mukhtarli, who was arrested in January.",
            ("AZE.POL", "AZE.MED", "COERCE"),
        ),
        (
            "Critics pointed to the Azerbaijani journalist Afgan Mukhtarli, who was convicted in January.",
            ("AZE.JUD", "AZE.MED", "SANCTION"),
        ),
    ],
)
def test_a_relative_pronoun_stands_for_the_person_it_describes(parser: Any, text: str, expected: tuple) -> None:
    """ "X, who was arrested": the police arrested X, not no one."""
    assert expected in _dyads(_code(parser, text))


@pytest.mark.slow
def test_the_sentenced_person_is_the_recipient_not_the_prison(parser: Any) -> None:
    """ "sentenced the journalist to six years in prison": a later party of the actor's own country (the
    prison, an agent of the police) does not replace the person the court acts on."""
    events = _code(parser, "An Azerbaijani court sentenced the journalist Aziz Orujov to six years in prison.")
    assert _dyads(events) == {("AZE.JUD", "AZE.MED", "SANCTION"), ("AZE.JUD", "AZE.MED", "COERCE")}


@pytest.mark.slow
def test_a_place_of_the_actors_country_yields_to_the_party_met_there(parser: Any) -> None:
    """ "traveled to Nashville for talks with CoreCivic": the town is where, the company is whom."""
    events = _code(parser, "Montana's corrections director traveled to Nashville, Tennessee, for talks with CoreCivic.")
    assert ("USA", "USA.BUS", "CONSULT") in _dyads([e for e in events if e.cameo == "042"])


@pytest.mark.slow
def test_a_sentence_after_a_conviction_is_coded_too(parser: Any) -> None:
    """ "convicted X and sentenced him to six years in prison": the prison term is coded, the learned model
    keeps the verb "sentence" (no ambiguous row it may drop)."""
    events = _code(
        parser, "An Azerbaijani court convicted the journalist Aziz Orujov and sentenced him to six years in prison."
    )
    assert ("AZE.JUD", "AZE.MED", "COERCE") in _dyads(events)


@pytest.mark.slow
def test_the_two_sides_of_a_story_are_two_even_of_one_country(parser: Any) -> None:
    """A region the table codes as its country as a whole ("Montana" -> USA) and a company of that country met;
    "the two sides agreed" is one agreement per direction between them, not one side."""
    text = "Gondor's prisons director traveled to Minas this week for talks with Orcwerks. The two sides agreed."
    article = Article(doc_id="d", uri="mem://d", format="text", text=text, published=PUBLISHED)
    article.sentences = parser.parse(text)
    for words, code in (("Gondor", "GON"), ("Orcwerks", "GON.BUS")):
        start = text.index(words)
        country, _, sector = code.partition(".")
        article.mentions.append(Actor(words, code, country, sector or None, words, start, start + len(words)))
    coder = PloverCoder(CoderOptions(learned_model=False))
    coder.raise_errors = True
    agreed = [e for e in coder.process(article).events if e.type == "AGREE"]
    assert _dyads(agreed) == {("GON", "GON.BUS", "AGREE"), ("GON.BUS", "GON", "AGREE")}


@pytest.mark.slow
def test_a_venue_before_the_trigger_is_no_doer_by_proximity(parser: Any) -> None:
    """ "The league opened proceedings at its headquarters in Helvetia and charged Rohan": the league is not in
    the table, and the country of its headquarters is where, not who (issue 11, venues as parties)."""
    text = "The league opened disciplinary proceedings at its headquarters in Helvetia and charged Rohan's club."
    article = Article(doc_id="d", uri="mem://d", format="text", text=text, published=PUBLISHED)
    article.sentences = parser.parse(text)
    for words, code in (("Helvetia", "HEL"), ("Rohan", "ROH")):
        start = text.index(words)
        article.mentions.append(Actor(words, code, code, None, words, start, start + len(words), kind="country"))
    coder = PloverCoder(CoderOptions(learned_model=False))
    coder.raise_errors = True
    events = coder.process(article).events
    assert all(e.actor.code != "HEL" for e in events), _dyads(events)


@pytest.mark.slow
def test_a_visit_told_before_the_subject_is_an_event_not_the_content(parser: Any) -> None:
    """ "During a visit to Tunis, Macron criticised NATO": the visit is an event of its own, not what the
    criticism is about."""
    events = _code(parser, "During a visit to Tunis, French President Emmanuel Macron criticised NATO.")
    assert {("FRA.GOV", "TUN.GOV", "CONSULT"), ("FRA.GOV", "NATO", "ACCUSE")} <= _dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "More than 100 Syrian civilians were killed in the fighting this year, according to the United Nations.",
        "According to NATO, Russian forces attacked Ukrainian troops near Kharkiv.",
    ],
)
def test_the_source_of_a_report_is_no_party(parser: Any, text: str) -> None:
    """ "according to the United Nations" names who reports the event, not who took part in it."""
    events = _code(parser, text)
    assert events, text
    assert not any(code in ("UNO", "NATO") for e in events for code in (e.actor.code, e.recipient and e.recipient.code))


@pytest.mark.slow
def test_whom_a_statement_is_told_to_is_no_party_of_another_act(parser: Any) -> None:
    """ "X told reporters after two days of talks with Duma deputies": the reporters heard about the talks."""
    text = "It is important, Van den Brande told Russian reporters after two days of talks with Duma deputies."
    events = _code(parser, text)
    assert not any("MED" in (e.actor.code or "") for e in events), _dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The German chancellor met with the French president on Syria.",
        "Putin met with Lavrov on Syria.",
        "Putin talked with Lavrov over Syria.",
    ],
)
def test_what_a_meeting_is_about_is_no_party_to_it(parser: Any, text: str) -> None:
    """A partner of the actor's own country is still the partner; the topic never is."""
    events = _code(parser, text)
    assert any(e.type == "CONSULT" for e in events), _dyads(events)
    assert not any(e.recipient and e.recipient.country == "SYR" for e in events), _dyads(events)


@pytest.mark.slow
def test_a_legislature_that_sits_meets_no_one_of_the_story(parser: Any) -> None:
    """ "Lawmakers don't meet on Fridays": the house sits; the teachers of the sentence before are not met."""
    text = (
        "Oklahoma teachers protested at the state Capitol on Monday. "
        "Oklahoma lawmakers traditionally don't meet on Fridays during legislative sessions."
    )
    events = [e for e in _code(parser, text) if e.type == "CONSULT"]
    assert events and all(e.recipient is None for e in events), _dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Germany pledged 50 million euros in aid to Ukraine.",
        "Britain sent 10 million pounds in humanitarian assistance to Ukraine.",
    ],
)
def test_whom_a_gift_is_for_may_hang_on_what_is_given(parser: Any, text: str) -> None:
    """ "pledged 50 million euros in aid to Ukraine": the parser hangs "to Ukraine" on "aid", not on the verb."""
    assert any(e.recipient is not None and e.recipient.country == "UKR" for e in _code(parser, text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The American Congress passed a law imposing sanctions on Russia.", ("USA", "RUS", "SANCTION")),
        ("France issued a statement condemning the Iranian attack.", ("FRA", "IRN", "ACCUSE")),
    ],
)
def test_a_law_or_a_statement_acts_for_whoever_issues_it(parser: Any, text: str, expected: tuple) -> None:
    """ "passed a law imposing sanctions on Russia" (issue 11: a law that sanctions another country)."""
    assert expected in {
        (e.actor.country, e.recipient.country if e.recipient else None, e.type) for e in _code(parser, text)
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Washington and Moscow signed an agreement on Syria.", {("USA", "RUS"), ("RUS", "USA")}),
        ("Russia signed an agreement on Syria with Turkey.", {("RUS", "TUR"), ("TUR", "RUS")}),
        ("Russia signed an agreement on Syria.", set()),
    ],
)
def test_what_an_agreement_is_about_is_no_party_to_it(parser: Any, text: str, parties: set) -> None:
    """Issue 11's topics: "an agreement on Syria" settles something about Syria; its parties sign it."""
    found = {(e.actor.country, e.recipient.country) for e in _code(parser, text) if e.recipient is not None}
    assert found == parties, found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "american"),
    [
        ("Mexican authorities deported 300 Central American migrants.", False),
        ("Latin American leaders criticised the Spanish government.", False),
        ("American troops attacked Syrian positions.", True),
    ],
)
def test_part_of_a_continent_is_no_country(parser: Any, text: str, american: bool) -> None:
    """ "Central American migrants", "Latin American leaders": a region's people, not the United States'."""
    events = _code(parser, text)
    parties = {p.country for e in events for p in (e.actor, e.recipient) if p is not None}
    assert events and ("USA" in parties) is american, [(e.actor.code, e.recipient and e.recipient.code) for e in events]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The Iraqi prime minister resigned on Friday after weeks of protests.",
        "The Bolivian president resigned amid protests and arrests.",
    ],
)
def test_the_subject_of_a_clause_does_not_do_its_circumstance(parser: Any, text: str) -> None:
    """ "resigned after weeks of protests": the prime minister resigned; he did not protest."""
    events = _code(parser, text)
    assert any(e.type == "RETREAT" for e in events), events
    assert not [e for e in events if e.type in ("PROTEST", "COERCE") and e.actor.sector == "GOV"], [
        (e.actor.code, e.type) for e in events
    ]


@pytest.mark.slow
def test_a_meeting_takes_no_party_from_what_was_said_at_it(parser: Any) -> None:
    """ "At a session of the committee, the prime minister stressed that Russia's action was illegal": the
    session has no party the sentence names; Russia is what was said there, not who met (the nearest party
    after the noun had been taken from the reported clause)."""
    text = (
        "At a session of the parliamentary committee, the Slovenian prime minister stressed that Russia's "
        "action was illegal."
    )
    events = _code(parser, text)
    assert all(
        "RUS" not in (e.actor.country, e.recipient.country if e.recipient else None)
        for e in events
        if e.type == "CONSULT"
    ), _dyads(events)


@pytest.mark.slow
def test_a_venue_taken_for_the_recipient_yields_to_the_subject_of_the_clause(parser: Any) -> None:
    """ "At a meeting in Brussels, the chancellor said that Russia must withdraw": Brussels is where, and the
    demand is aimed at Russia (the venue had been the only recipient found, then dropped as a venue, and the
    event with it)."""
    text = "At a meeting in Brussels, the German chancellor said that Russia must withdraw its troops."
    assert ("DEU", "RUS", "REQUEST") in _dyads(_code(parser, text), countries=True)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        (
            "Thousands of cabin crew workers at British Airways are preparing to strike before Christmas.",
            ("GBR.LAB", "GBR.BUS", "PROTEST"),
        ),
        ("British workers went on strike on Monday.", ("GBR.LAB", None, "PROTEST")),  # no employer named
    ],
)
def test_a_strike_is_aimed_at_whom_the_strikers_work_for(parser: Any, text: str, dyad: tuple[str, Any, str]) -> None:
    """ "workers at British Airways are preparing to strike": the strike is against British Airways."""
    assert dyad in _dyads(_code(parser, text))
