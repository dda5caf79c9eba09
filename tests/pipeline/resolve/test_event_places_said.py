"""Issue 16: a statement is made where its verb of saying was ("said Wednesday in Rabat that ...", "told
reporters in Baghdad that ...", "Speaking at a news conference in Kabul, ..."); what was said about an act
elsewhere does not move that act; a venue noun of the statement is where it was made."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.resolve.conftest import _article, _places

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2019, 11, 18)


@pytest.mark.parametrize(
    ("text", "spec", "place"),
    [
        (
            "The United States appreciates Morocco's role, the American envoy said Wednesday in Rabat.",
            ("appreciates", "USA", "MAR", "SUPPORT"),
            "Rabat",
        ),
        (
            "The Iranian foreign minister told reporters in Baghdad that Tehran condemned the American sanctions.",
            ("condemned", "IRN.GOV", "USA", "ACCUSE"),
            "Baghdad",
        ),
        (
            "Speaking at a news conference in Kabul, the American envoy criticized the Taliban.",
            ("criticized", "USA.GOV", "AFG.INS", "ACCUSE"),
            "Kabul",
        ),
        (
            "The American envoy criticized the Taliban at a news conference in Kabul.",
            ("criticized", "USA.GOV", "AFG.INS", "ACCUSE"),
            "Kabul",
        ),
    ],
)
def test_places_a_statement_where_it_was_said(
    parser: Any, text: str, spec: tuple[str, str, str, str], place: str
) -> None:
    article = _article(parser, text, PUBLISHED, [spec])
    assert _places(article)[0] == (place, "clause")


def test_places_an_act_reported_elsewhere_where_it_happened_not_where_it_was_told(parser: Any) -> None:
    """ "The Russian ministry said in Moscow that Ukrainian troops had shelled Donetsk": not in Moscow; and a
    place that modifies a noun of a statement's object is that noun's ("criticised NATO's intervention in
    Libya" was not said in Libya)."""
    text = (
        "The Russian ministry said in Moscow that Ukrainian troops had shelled Donetsk. "
        "The French president criticised NATO's intervention in Libya."
    )
    article = _article(parser, text, PUBLISHED, [
        ("shelled", "UKR.MIL", "UKR", "ASSAULT"),
        ("criticised", "FRA.GOV", "NATO", "ACCUSE"),
    ])  # fmt: skip
    places = _places(article)
    assert places[0][0] != "Moscow", places
    assert places[1][0] != "Libya", places


def test_places_no_event_on_a_continent(parser: Any) -> None:
    """ "met in Europe": a continent is no event's place (the article's other events had taken it from the
    lead); a country named so stays one."""
    text = (
        "The French and German airlines met in Europe on Monday. "
        "Italian police arrested two Spanish activists in Spain."
    )
    article = _article(parser, text, PUBLISHED, [
        ("met", "FRA.BUS", "DEU.BUS", "CONSULT"),
        ("arrested", "ITA.POL", "ESP.CVL", "COERCE"),
    ])  # fmt: skip
    places = _places(article)
    assert places[0] == (None, "too_coarse"), places
    assert places[1][0] == "Spain", places


def test_places_no_talk_where_its_topic_is(parser: Any) -> None:
    """ "discussed the crisis in Syria": Syria is what was discussed, not where."""
    text = "The German chancellor and the Russian president discussed the crisis in Syria."
    article = _article(parser, text, PUBLISHED, [("discussed", "DEU.GOV", "RUS.GOV", "CONSULT")])
    assert _places(article)[0][0] != "Syria"
