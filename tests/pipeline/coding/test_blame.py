"""Blame without an accusing verb (issue 11): a party said, found or held responsible for an act of force or
for harm, or said to be behind it or to bear the blame for it, is accused by the speaker; the act is what the
accusation is about, not an attack the sentence reports. Real spaCy parses and the actor table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table, dyads

PUBLISHED = dt.date(2019, 11, 18)

BLAMES = [
    ("Britain holds Russia responsible for the attack.", ("GBR", "RUS")),
    ("The Pentagon held the Taliban responsible for the bombing in Kabul.", ("USA", "AFG")),
    ("Russia is responsible for the attack, the Slovenian prime minister said.", ("SVN", "RUS")),
    (
        "The British prime minister said it was highly likely that Russia was responsible for the poisoning.",
        ("GBR", "RUS"),
    ),
    ("The United States said Iran was behind the attack on the tanker.", ("USA", "IRN")),
    ("The Slovenian government concluded that Russia was behind the cyber attack.", ("SVN", "RUS")),
    ("Britain said Russia was to blame for the attack.", ("GBR", "RUS")),
    ("Kiev said Moscow bears full responsibility for the shelling.", ("UKR", "RUS")),
    ("The Georgian Foreign Ministry said Moscow shoulders much of the blame for the violence.", ("GEO", "RUS")),
    # a party's act called wrong accuses its owner
    ("The Chinese foreign ministry said the American sanctions were illegal.", ("CHN", "USA")),
    (
        "The German chancellor said the Russian annexation of Crimea was a violation of international law.",
        ("DEU", "RUS"),
    ),
    ("The American secretary of state said Russian interference in the elections was unacceptable.", ("USA", "RUS")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "pair"), BLAMES)
def test_a_party_said_to_be_responsible_is_accused_by_the_speaker(
    parser: Any, text: str, pair: tuple[str, str]
) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert (*pair, "ACCUSE") in dyads(events, countries=True), dyads(events)
    # the blamed act is the accusation's content, not an attack by the accused
    assert all(e.type != "ASSAULT" for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Russia was responsible for the talks with Ukraine, the Slovenian prime minister said.",  # no act of force
        "The British prime minister said Russia was responsible for its own security.",
        "Britain holds the talks with Russia in Geneva.",
        "Russia said Ukraine bears responsibility for the peace process.",
        "Russia said its actions in Syria were legal.",
        "The German minister said the Russian proposal was not unacceptable.",
    ],
)
def test_responsibility_for_what_is_no_act_of_force_blames_no_one(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert all(e.type != "ACCUSE" for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Russia said it was not responsible for the attack.",
        "The Kremlin said Russia was not behind the poisoning.",
    ],
)
def test_saying_one_is_not_responsible_is_a_denial_not_an_attack(parser: Any, text: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert any(e.actor.country == "RUS" and e.cameo == "016" for e in events), dyads(events)
    assert all(e.type != "ASSAULT" for e in events), dyads(events)
