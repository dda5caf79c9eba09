"""Issue 16: a domestic statement of a local story is made where the story is set."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.resolve.conftest import _article, _places

from annales.records import Entity

pytestmark = pytest.mark.slow


def _mayor_story_places(parser: Any, story: str, act: str) -> list[tuple[str | None, str | None]]:
    """The places of the mayor's criticism of the police, of Canada, and of the police's denial that did not
    happen, told after `story`."""
    text = (
        f"{story}The mayor criticised the police for the {act}.\n\n"
        "He also criticised Canada for its silence.\n\n"
        "The police denied the claim."
    )
    article = _article(parser, text, dt.date(2019, 11, 18), [
        ("criticised", "USA.GOV", "USA.POL", "ACCUSE"),
        ("criticised", "USA.GOV", "CAN", "ACCUSE"),
        ("denied", "USA.POL", "USA.GOV", "REJECT"),
    ])  # fmt: skip
    article.events[2].negated = True
    return _places(article)


def test_places_a_domestic_statement_of_a_local_story_is_where_the_story_is_set(parser: Any) -> None:
    """A story set in Cincinnati (named twice, not in the lead nor in the statement's paragraph): the mayor's
    criticism of the police, which names no place, was made there; his criticism of Canada, a party of another
    country, and a denial that did not happen were not placed by the setting."""
    story = (
        "A man was shot by police on Sunday. Officers said he was armed.\n\n"
        "Protesters gathered in Cincinnati on Monday. Schools in Cincinnati closed.\n\n"
    )
    places = _mayor_story_places(parser, story, "shooting")
    assert places[0] == ("Cincinnati", "setting")
    assert places[1][0] is None
    assert places[2][0] is None


def test_places_a_town_that_describes_someone_is_a_place_of_the_story(parser: Any) -> None:
    """ "A Huntsville man" (which the recogniser may take for an organisation) names the story's town: the
    police's statement in the next paragraph is placed there."""
    text = (
        "A Huntsville man was taken into custody on Friday after a standoff with police.\n\n"
        "The police praised the negotiators."
    )
    article = _article(parser, text, dt.date(2009, 3, 28), [("praised", "USA.POL", "USA.POL", "SUPPORT")])
    labels = {ent.text: ent.label for sent in article.sentences for ent in sent.entities}
    assert labels.get("Huntsville") in ("ORG", "GPE")
    assert _places(article) == [("Huntsville", "speaker")]


def test_places_an_act_at_home_takes_the_one_city_of_its_country_the_article_names(parser: Any) -> None:
    """An arrest with no place of its own, in a story that names one Canadian city once, far from it: the
    arrest is in that city, not in "Canada" as a whole."""
    text = (
        "Officers said a man had threatened his neighbours. They said he was armed.\n\n"
        "He grew up in Winnipeg, Manitoba.\n\n"
        "Canadian police arrested the man."
    )
    article = _article(parser, text, dt.date(2019, 11, 18), [("arrested", "CAN.POL", "CAN.CVL", "COERCE")])
    assert _places(article) == [("Winnipeg", "setting")]


def test_places_an_organisation_s_initials_are_no_town(parser: Any) -> None:
    """ "failed to attend a meeting at the OAS in Washington": the OAS is no town (the gazetteer knows an
    Oas in the Philippines); the meeting is in Washington."""
    text = "Trinidad and Tobago failed to attend a preparatory meeting at the OAS in Washington on March 15."
    article = _article(parser, text, dt.date(2018, 4, 5), [("attend", "TTO.GOV", "OAS", "CONSULT")])
    labels = {ent.text: ent.label for sent in article.sentences for ent in sent.entities}
    assert labels.get("OAS") == "ORG"
    assert _places(article)[0][0] == "Washington"


def test_places_a_deportation_is_from_the_deporting_country_not_at_the_dateline(parser: Any) -> None:
    """ "NEW DELHI - ... Indians were deported by Mexican authorities": the deportation happened in Mexico,
    not where the reporter files nor in the deportees' own country."""
    text = "NEW DELHI (Reuters) - More than 300 Indians were deported by Mexican immigration authorities last month."
    article = _article(parser, text, dt.date(2019, 11, 20), [("deported", "MEX.GOV", "IND.REF", "COERCE")])
    article.events[0].mode = "deport"
    assert _places(article) == [("Mexico", "actors")]


@pytest.mark.parametrize(
    ("text", "events", "expected"),
    [
        # "died during protests in Bolivia" in a paragraph about Cochabamba: the town named nearby
        (
            "Police fired tear gas at a fuel plant in Cochabamba on Tuesday.\n\n"
            "Three people have died during protests in Bolivia against the government.",
            [("fired", "BOL.POL", "BOL.CVL", "ASSAULT"), ("protests", "BOL.CVL", "BOL.GOV", "PROTEST")],
            ("Cochabamba", "nearby"),
        ),
        # no town of that country nearby: the one the article names most, even once
        (
            "Thousands marched in Bolivia against the government.\n\nA curfew was imposed later.\n\n"
            "Police arrested ten protesters in Cochabamba.",
            [("marched", "BOL.CVL", "BOL.GOV", "PROTEST"), ("arrested", "BOL.POL", "BOL.CVL", "COERCE")],
            ("Cochabamba", "setting"),
        ),
    ],
)
def test_places_a_country_its_clause_names_yields_to_the_town_the_story_names(
    parser: Any, text: str, events: list[tuple[str, str, str, str]], expected: tuple[str, str]
) -> None:
    article = _article(parser, text, dt.date(2019, 11, 19), events)
    places = _places(article)
    assert places[1 if events[0][0] == "fired" else 0] == expected


def test_places_the_two_parties_act_told_right_after_their_meeting_is_where_they_met(parser: Any) -> None:
    """ "HELENA, Mont. - Montana officials traveled to Nashville for talks with CoreCivic. ... The two sides
    agreed": where they were, not where the reporter files; two sentences later still, not five."""
    text = (
        "HELENA, Mont. (AP) - Montana officials traveled to Nashville this week for talks with CoreCivic.\n\n"
        "The two sides agreed to some provisions.\n\n"
        "A contract is due next year. It was signed in 2011. Its terms are secret.\n\n"
        "The two sides agreed on the rate."
    )
    article = _article(parser, text, dt.date(2018, 4, 5), [
        ("traveled", "USA.GOV", "USA.BUS", "CONSULT"),
        ("agreed", "USA.GOV", "USA.BUS", "AGREE"),
        ("agreed", "USA.GOV", "USA.BUS", "AGREE"),
    ])  # fmt: skip
    places = _places(article)
    assert places[1] == ("Nashville", "story")
    assert places[2] == ("Helena", "dateline")


def test_places_a_national_legislature_at_home_sits_in_the_capital(parser: Any) -> None:
    """ "The House concluded its hearing on the president's conduct": with no place named, a national
    legislature's domestic act is in its capital; a government's domestic statement is made in its country,
    no city of which the article names."""
    text = "The House of Representatives concluded its third hearing on the president.\n\nThe White House denied it."
    article = _article(parser, text, dt.date(2019, 11, 19), [
        ("concluded", "USA.LEG", "USA.GOV", "ACCUSE"),
        ("denied", "USA.GOV", "USA.LEG", "REJECT"),
    ])  # fmt: skip
    assert _places(article) == [("Washington", "actors"), ("United States", "actors")]


def test_places_a_joint_act_of_two_countries_is_in_neither_by_guess(parser: Any) -> None:
    """ "Russia and China held joint naval drills in the Mediterranean": a sea the gazetteer does not place;
    putting each direction in its own actor's country would place one exercise in two countries. A domestic
    act stays in its country."""
    text = "Russia and China held joint naval drills in the Mediterranean. Russian police arrested two men."
    article = _article(parser, text, dt.date(2019, 11, 18), [
        ("drills", "RUS", "CHN", "COOPERATE"),
        ("arrested", "RUS.POL", "RUS", "COERCE"),
    ])  # fmt: skip
    places = _places(article)
    assert places[0][0] is None, places
    assert places[1] == ("Russia", "actors")


def test_places_an_act_at_a_named_place_we_cannot_find_is_not_put_in_a_partys_country(parser: Any) -> None:
    """ "Iran seized a British-flagged tanker in the Strait of Hormuz": the strait is not in the gazetteer,
    and the tanker's flag does not make the seizure British; the clause's reason stays."""
    text = "Iran seized a British-flagged tanker in the Strait of Hormuz."
    article = _article(parser, text, dt.date(2019, 11, 18), [("seized", "IRN", "GBR.BUS", "COERCE")])
    assert _places(article) == [(None, "unknown_name")]


def test_places_a_weapons_test_in_the_testing_country_not_in_the_one_it_defies(parser: Any) -> None:
    """ "Iran test-fired a ballistic missile in defiance of U.S. sanctions": a test is made at home; a
    deployment aimed at another country stays in that country."""
    text = "Iran test-fired a ballistic missile in defiance of U.S. sanctions. Russia deployed troops to help Syria."
    article = _article(parser, text, dt.date(2019, 11, 18), [
        ("fired", "IRN", "USA", "MOBILIZE"),
        ("deployed", "RUS", "SYR", "MOBILIZE"),
    ])  # fmt: skip
    article.events[0].mode = "weapons"
    places = _places(article)
    assert places[0] == ("Iran", "actors"), places
    assert places[1] == ("Syria", "actors"), places


def test_places_a_domestic_statement_is_made_in_its_country(parser: Any) -> None:
    """A statement between parties of one country that names no place is made there: in the one city of that
    country the article names (once, too few times to be its setting), else in the country; a statement to
    another country's party gets no place by guess, and neither does one that did not happen."""
    story = (
        "Officers said a man had threatened his neighbours. They said he was armed.\n\n"
        "He grew up in Dayton, Ohio.\n\n"
        "Neighbours said he kept to himself.\n\n"
    )
    places = _mayor_story_places(parser, story, "arrest")
    assert places[0] == ("Dayton", "setting")
    assert places[1][0] is None
    assert places[2][0] is None
    # no city of the country named: the country
    article = _article(parser, "The mayor criticised the police for the arrest.", dt.date(2019, 11, 18), [
        ("criticised", "USA.GOV", "USA.POL", "ACCUSE"),
    ])  # fmt: skip
    assert _places(article) == [("United States", "actors")]


def test_places_a_domestic_act_is_where_its_own_sentence_says_before_a_namesake_act(parser: Any) -> None:
    """Teachers' strikes in two states: the walkout its own sentence puts in Oklahoma is not lent West
    Virginia's place because the parties and type are the same."""
    text = (
        "Teachers in West Virginia went on strike last month over low pay.\n\n"
        "Their union called it a success. Schools stayed closed for nine days. Pay rose by five percent.\n\n"
        "Now Oklahoma teachers have walked out of their classrooms, demanding more funding."
    )
    article = _article(parser, text, dt.date(2018, 4, 5), [
        ("strike", "USA.LAB", "USA.GOV", "PROTEST"),
        ("walked", "USA.LAB", "USA.GOV", "PROTEST"),
    ])  # fmt: skip
    places = _places(article)
    assert places[0][0] == "West Virginia"
    assert (places[1][0] or "").startswith("Oklahoma")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "WASHINGTON (AP) - Two prison officers pleaded not guilty in Manhattan federal court on Tuesday.",
            "Manhattan",
        ),
        ("WASHINGTON (AP) - Two prison officers pleaded not guilty at a Brooklyn courthouse on Tuesday.", "Brooklyn"),
    ],
)
def test_places_a_town_that_names_a_court_is_the_clause_s_place(parser: Any, text: str, place: str) -> None:
    """ "in Manhattan federal court": the court is in Manhattan, not at the Washington dateline."""
    article = _article(parser, text, dt.date(2019, 11, 19), [("pleaded", "USA.CRM", "USA.JUD", "REJECT")])
    assert _places(article) == [(place, "clause")]


@pytest.mark.parametrize(
    "text",
    [
        "ISLAMABAD, Pakistan (AP) - Sharif defied an order in Lahore, where his supporters fought the police.",
        "ISLAMABAD, Pakistan (AP) - Sharif drove to the city of Lahore, where police arrested his supporters.",
    ],
)
def test_places_a_where_clause_happens_at_the_place_it_describes(parser: Any, text: str) -> None:
    """ "Lahore, where his supporters fought the police": the clause's act is in Lahore, not at the dateline."""
    trigger = "fought" if "fought" in text else "arrested"
    article = _article(parser, text, dt.date(2009, 3, 16), [(trigger, "PAK.OPP", "PAK.POL", "ASSAULT")])
    assert _places(article) == [("Lahore", "clause")]


@pytest.mark.parametrize(
    ("text", "words", "label"),
    [
        ("A judge denied a request by a Chattanooga developer on Monday.", "Chattanooga", "ORG"),
        ("The Chattanooga Police executed two search warrants on Monday.", "The Chattanooga Police", "ORG"),
    ],
)
def test_places_a_town_that_names_a_local_body_or_a_townsman_is_the_story_s(
    parser: Any, text: str, words: str, label: str
) -> None:
    """ "a Concord developer", "the Concord Police" (organisations to the small recogniser, which it does not
    always find): local news names its town that way, and the police's search is there."""
    article = _article(parser, text, dt.date(2009, 3, 20), [("executed" if "executed" in text else "denied",
                                                              "USA.POL", "USA.CRM", "COERCE")])  # fmt: skip
    sent = article.sentences[0]
    first = next(t.i for t in sent.tokens if t.text == words.split()[0])
    sent.entities = [Entity(first, first + len(words.split()), label, words)]  # the recogniser's reading
    assert _places(article)[0][0] == "Chattanooga"


def test_places_a_court_named_after_its_county_places_the_story_there(parser: Any) -> None:
    """ "A Merrimack County Superior Court judge" (an organisation to the recogniser): the court sits in
    Merrimack County, and the story's "Concord" is the one in that county's state, not the larger Concord,
    California, which before left the town ambiguous and the search without a place."""
    text = (
        "A Merrimack County Superior Court judge denied the request on Friday.\n\n"
        "The Concord Police executed two search warrants on Thursday."
    )
    article = _article(parser, text, dt.date(2009, 3, 28), [
        ("denied", "USA.JUD", "USA.CRM", "REJECT"),
        ("executed", "USA.POL", "USA.CRM", "COERCE"),
    ])  # fmt: skip
    for sent, words in zip(article.sentences, ("Merrimack County Superior Court", "The Concord Police"), strict=True):
        first = next(t.i for t in sent.tokens if t.text == words.split()[0])
        sent.entities = [Entity(first, first + len(words.split()), "ORG", words)]  # the recogniser's reading
    places = _places(article)
    assert places[0][0] == "Merrimack County"
    search = article.events[1].place
    assert search is not None and search.name == "Concord" and search.lat is not None and search.lat > 42.5


@pytest.mark.parametrize(
    ("text", "parties", "country"),
    [
        ("Police arrested a man in Alexandria on Monday.", ("USA.POL", "USA.CRM"), "USA"),
        ("Police arrested an American in Alexandria on Monday.", ("EGY.POL", "USA"), "EGY"),
    ],
)
def test_places_a_domestic_story_without_a_dateline_reads_its_towns_in_its_country(
    parser: Any, text: str, parties: tuple[str, str], country: str
) -> None:
    """Every party of every event American, no dateline: the story's Alexandria is read as if the article were
    datelined in the United States (Alexandria, Virginia); with an Egyptian party it is still Egypt's."""
    article = _article(parser, text, dt.date(2009, 3, 20), [("arrested", *parties, "COERCE")])
    place = article.events[0].place if _places(article) else None
    assert place is not None and place.name == "Alexandria" and place.country == country


@pytest.mark.parametrize(
    ("venue", "place"),
    [
        ("The meeting took place in Brussels, Belgium.", "Brussels"),
        ("The talks were held in Geneva on Tuesday.", "Geneva"),
        ("The talks took months.", None),  # no place: "took" without "place"
        ("A meeting took place in Geneva.", None),  # another meeting, not the one told before
    ],
)
def test_places_a_meeting_is_where_the_next_sentence_says_it_took_place(
    parser: Any, venue: str, place: str | None
) -> None:
    """ "The German and French airline chiefs met on June 17 ... The meeting took place in Brussels": the meeting
    (and what its parties agreed there, the same day) is in Brussels, though its own sentence names no place."""
    text = f"The German and French airline chiefs met on June 17 and agreed to work together. {venue}"
    article = _article(parser, text, dt.date(2015, 6, 20), [
        ("met", "DEU.BUS", "FRA.BUS", "CONSULT"),
        ("agreed", "DEU.BUS", "FRA.BUS", "AGREE"),
    ])  # fmt: skip
    assert [name for name, _ in _places(article)] == [place, place]
