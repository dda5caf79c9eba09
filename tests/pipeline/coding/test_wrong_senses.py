"""Event verbs in senses that are no event (issue 11, output that is wrong): request verbs that ask nothing of
anyone (police summoned to a scene, a question, a push that is no plea), commitment verbs that promise
nothing (a crime committed, a proposal that only describes a thing). Real spaCy parses and the actor table, as
a user runs it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table, dyads

PUBLISHED = dt.date(2019, 11, 18)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "French police were called to a home in Lyon for a report of a burglary.",
        '"Why now?" the German foreign minister asked.',
        "The German foreign minister asked about the Russian proposal.",
        "Turkish forces pressed into a Syrian Kurdish enclave on Sunday.",
        "The French president said he would press the reset button in relations with Russia.",
    ],
)
def test_a_request_verb_that_asks_nothing_is_no_request(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert all(e.type != "REQUEST" for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Germany pressed Russia to withdraw its troops.",
        "Germany pressed Russia over its troops in Ukraine.",
        "Germany pressed for sanctions on Russia.",
        "The German foreign minister asked Russia for an explanation.",
        "The German foreign minister asked Russia to explain the move.",
    ],
)
def test_asking_or_pressing_someone_is_a_request(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert ("DEU", "RUS", "REQUEST") in dyads(events, countries=True), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "French police believed the German suspect committed the robbery in Lyon.",
        "The Russian suspect faces a charge of conspiracy to commit computer intrusion in Germany.",
        "German protests were sparked by proposed legislation from the Russian government.",
    ],
)
def test_a_commitment_verb_that_promises_nothing_is_no_agreement(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert all(e.type != "AGREE" for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Germany committed to send aid to Russia.",
        "Germany proposed talks with Russia.",
        "Germany promised Russia talks.",
    ],
)
def test_committing_or_proposing_to_someone_is_an_agreement(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert any(e.type in ("AGREE", "AID") and e.recipient and e.recipient.country == "RUS" for e in events), dyads(
        events
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "American doctors warned that migrants are not the only people at risk of illness.",
        "Russian diplomats warned that Russians travelling to Britain could face provocations.",
        "German doctors warned that Russian children would face serious health risks.",
    ],
)
def test_a_warning_of_a_hazard_is_no_threat(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert all(e.type != "THREATEN" for e in events), dyads(events)


@pytest.mark.slow
def test_a_warning_of_consequences_is_a_threat(parser: Any) -> None:
    events = code_with_table(parser, "Russia warned that Germany would face consequences.", PUBLISHED)
    assert ("RUS", "DEU", "THREATEN") in dyads(events, countries=True), dyads(events)


@pytest.mark.slow
def test_an_envoy_recalled_for_consultations_is_a_recall_not_a_meeting(parser: Any) -> None:
    events = code_with_table(parser, "Germany recalled its ambassador to Moscow for consultations.", PUBLISHED)
    assert all(e.type != "CONSULT" for e in events), dyads(events)
    flew = code_with_table(parser, "The German chancellor flew to Moscow for talks with Putin.", PUBLISHED)
    assert any(e.type == "CONSULT" for e in flew), dyads(flew)


@pytest.mark.slow
def test_conferring_an_honour_is_no_meeting(parser: Any) -> None:
    events = code_with_table(
        parser, "A Nigerian university will confer an honorary doctorate on the governor.", PUBLISHED
    )
    assert all(e.type != "CONSULT" for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Swedish prosecutors dropped the investigation into the Australian publisher.",
        "The Swedish investigation into the Australian publisher had been shelved in 2017.",
    ],
)
def test_an_investigation_ended_is_no_accusation(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert all(e.type != "ACCUSE" for e in events), dyads(events)


@pytest.mark.slow
def test_an_investigation_opened_is_an_accusation(parser: Any) -> None:
    text = "Swedish prosecutors opened an investigation into the Australian publisher."
    events = code_with_table(parser, text, PUBLISHED)
    assert ("SWE", "AUS", "ACCUSE") in dyads(events, countries=True), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Tunisia strengthened its ties with Algeria, responding to the terrorist threat along the border.",
        "Unemployment is the biggest threat to the Indian prime minister's bid for another term.",
    ],
)
def test_a_threat_that_names_a_danger_is_no_threat(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert all(e.type != "THREATEN" for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["Russia issued a threat to Ukraine.", "Russia's threat to cut gas supplies alarmed Ukraine."]
)
def test_a_threat_someone_makes_is_a_threat(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert any(e.type == "THREATEN" and e.actor.country == "RUS" for e in events), dyads(events)
