"""Arrests told as wire copy tells them (issue 11, missed events): "placed under arrest", "remanded in
custody", "captured" a person (an arrest) or a town (taking territory). Real spaCy parses and the actor table,
with the learned model on, as a user runs it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table

from annales.records import Event

PUBLISHED = dt.date(2016, 6, 27)


def _code(parser: Any, text: str) -> list[Event]:
    return code_with_table(parser, text, PUBLISHED)


def _acts(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    """(actor country, recipient country, CAMEO code): an arrest (173) and taking territory (192) differ."""
    return {(e.actor.country, e.recipient.country if e.recipient else None, e.cameo) for e in events}


@pytest.mark.slow
def test_placed_under_arrest_by_whom_and_who(parser: Any) -> None:
    """The light verb "place ... under": its object (or passive subject) is arrested, by its subject or, in
    the passive, by the police of the country."""
    active = _code(parser, "Irish police placed the man under arrest.")
    assert [(e.actor.code, e.recipient and e.recipient.country, e.cameo) for e in active] == [("IRL.POL", "IRL", "173")]
    passive = _code(parser, "The Irish man was placed under arrest.")
    assert [(e.actor.code, e.recipient and e.recipient.country, e.cameo) for e in passive] == [
        ("IRL.POL", "IRL", "173")
    ]
    assert _code(parser, "Russia remains under sanctions.") == []


@pytest.mark.slow
def test_a_name_the_table_does_not_know_is_arrested_by_the_police(parser: Any) -> None:
    """A sentence whose only party is an unknown name in a passive is still coded: "O'Connor was arrested"
    (by the police of the story's country, as "a man was arrested")."""
    events = _code(parser, "Irish police arrested a man on Sunday. O'Connor was arrested on Monday.")
    assert (1, "IRL.POL", "IRL", "173") in {
        (e.sentence_index, e.actor.code, e.recipient and e.recipient.country, e.cameo) for e in events
    }


@pytest.mark.slow
def test_a_clause_after_a_semicolon_is_no_content_of_the_charge(parser: Any) -> None:
    """The parser hangs "placed" on "charged" across the semicolon; the arrest is told, not what is charged."""
    text = "Irish police arrested a man on Sunday. O’Connor was placed under arrest; he was charged with theft."
    acts = [(e.sentence_index, e.cameo) for e in _code(parser, text)]
    assert (1, "173") in acts and (1, "1121") in acts


@pytest.mark.slow
def test_remanded_in_custody_is_a_courts_detention(parser: Any) -> None:
    events = _code(parser, "The Irish man was remanded in custody on January 4th.")
    assert [(e.actor.code, e.recipient and e.recipient.country, e.cameo) for e in events] == [("IRL.JUD", "IRL", "173")]


@pytest.mark.slow
def test_capturing_a_person_is_an_arrest_and_a_town_is_territory(parser: Any) -> None:
    assert _acts(_code(parser, "Australian police captured the fugitive after a brief manhunt.")) == {
        ("AUS", "AUS", "173")
    }
    assert ("USA", "USA", "173") in _acts(_code(parser, "Clark, an Ohio fugitive, was captured after a manhunt."))
    assert _acts(_code(parser, "Syrian rebels captured the town of Idlib.")) == {("SYR", "SYR", "192")}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Irish police arrested two men on Monday. They are facing charges of theft.",
        "The Irish man faces charges of murder.",
        "Irish prosecutors filed charges against the two men on Tuesday.",
        "Irish police pressed charges against the man on Tuesday.",
    ],
)
def test_charges_faced_filed_or_pressed_are_an_accusation(parser: Any, text: str) -> None:
    """Charges are an accusation (CAMEO 1121) whether filed, pressed or faced; who faces them is accused, by
    the courts of the country when nobody is named."""
    assert ("IRL", "IRL", "1121") in _acts(_code(parser, text))


@pytest.mark.slow
def test_charged_after_appearing_in_court_is_said_of_who_appears(parser: Any) -> None:
    """ "appeared in court charged with theft": the parser hangs "charged" on "court"; the men are charged."""
    events = _code(parser, "The two Irish men appeared in court charged with theft and harassment.")
    charged = [e for e in events if e.cameo == "1121"]
    assert charged and all(e.recipient is not None and e.recipient.country == "IRL" for e in charged), events


@pytest.mark.slow
def test_a_participle_joined_to_a_passive_is_passive_too(parser: Any) -> None:
    """ "were detained by police and expelled from Germany": "expelled" shares the passive auxiliary and subject,
    so the diplomats are expelled (by Germany), they do not expel Germany."""
    events = _code(parser, "Two Iranian diplomats were detained by police and expelled from Germany.")
    expelled = [e for e in events if e.trigger == "expelled"]
    assert expelled and all((e.actor.country, e.recipient and e.recipient.country) == ("DEU", "IRN") for e in expelled)


@pytest.mark.slow
def test_a_demonym_that_names_a_person_is_whom_the_act_is_done_to(parser: Any) -> None:
    """ "The Briton was sentenced": a person of that country (kind "national"), not the country's name, which a
    rule for agentless passives leaves out as the country that acts; "prison" is where, not whom."""
    events = _code(parser, "The Briton was sentenced to ten years in prison.")
    assert events and all(e.recipient is not None and e.recipient.text == "Briton" for e in events)
    assert {e.recipient.kind for e in events if e.recipient} == {"national"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "court"),
    [
        ("Two Russian men face charges in Germany.", "DEU.JUD"),
        ("Two Russian men pleaded guilty in a German court.", "DEU.JUD"),
        ("Two Russian men pleaded guilty.", "RUS.JUD"),  # no seat named: the pleaders' own country's court
    ],
)
def test_a_plea_or_a_charge_is_before_the_court_the_clause_names(parser: Any, text: str, court: str) -> None:
    """ "faces charges in the US": the American court charges the Australian, not an Australian court."""
    events = _code(parser, text)
    assert events and {e.actor.code for e in events} == {court}
    assert all(e.recipient is not None and e.recipient.country == "RUS" for e in events)
