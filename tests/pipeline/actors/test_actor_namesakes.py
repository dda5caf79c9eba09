"""Towns written with their US state after them are not the country or capital of the same name."""

from __future__ import annotations

from typing import Any

import pytest

from annales.pipeline.actors import ActorEntry, Role
from annales.pipeline.actors.namesakes import (
    compound_namesakes,
    dateline_country,
    local_namesakes,
    places_country,
    qualified_names,
    resident_namesakes,
    state_namesakes,
)


def test_namesakes_are_the_names_written_with_a_state_after_them() -> None:
    text = (
        "LONDON, Ky. (WKYT) - A man of Palestine, Texas, moved to Athens, Ga., and then to New York, N.Y., last year."
    )
    assert set(qualified_names(text)) == {("london",), ("palestine",), ("athens",), ("new", "york")}


def test_namesakes_leave_a_country_qualifier_that_is_also_a_state_alone() -> None:
    """ "Tbilisi, Georgia" is the Georgian capital; "Paris, France" names no state at all."""
    assert qualified_names("TBILISI, Georgia (AP) - Talks in Paris, France, and in Moscow ended.") == {}


def _entry(name: str, code: str) -> ActorEntry:
    return ActorEntry(name, "country", (Role(code),), (name.lower(),))


def test_namesakes_a_country_s_city_named_in_a_local_anchor_s_region_is_that_town() -> None:
    """ "MANASSAS -- ... an Alexandria woman": Alexandria, Virginia; "Anderson County ... Palestine police":
    Palestine, Texas. The gazetteer knows both towns in their anchor's state."""
    egypt = {("alexandria",): _entry("Egypt", "EGY")}
    assert local_namesakes("MANASSAS -- An Alexandria woman died.", ["MANASSAS"], egypt) == {("alexandria",): "USA"}
    palestine = {("palestine",): _entry("Palestine", "PSE")}
    text = "A Palestine man was sentenced at the Anderson County Courthouse."
    assert local_namesakes(text, [], palestine) == {("palestine",): "USA"}


def test_namesakes_a_dateline_city_outranks_a_bigger_region_of_its_name() -> None:
    """ "ST. LOUIS -- St. Louis Police...": the dateline is St. Louis, Missouri, not the (more populous)
    Senegalese region of Saint-Louis that would make St. Louis a Senegalese town; and the dateline's country
    is the United States."""
    usa = {("st", "louis"): _entry("United States", "USA")}
    text = "ST. LOUIS -- St. Louis Police arrested two people."
    assert local_namesakes(text, ["ST. LOUIS"], usa) == {}
    assert dateline_country(text, [(0, 13)]) == "USA"


def test_namesakes_leave_a_city_of_its_own_country_and_a_story_with_no_anchor_alone() -> None:
    egypt = {("alexandria",): _entry("Egypt", "EGY")}
    assert local_namesakes("CAIRO -- Protesters marched in Alexandria.", ["CAIRO"], egypt) == {}
    assert local_namesakes("Protesters marched in Alexandria.", [], egypt) == {}


def test_namesakes_a_county_name_found_in_many_states_still_anchors() -> None:
    """There is a Henry County in a dozen states; one of them holds Paris, Tennessee."""
    france = {("paris",): _entry("Paris", "FRA.GOV")}
    text = "A Paris man was arrested Sunday. He is held in the Henry County jail."
    assert local_namesakes(text, [], france) == {("paris",): "USA"}


def test_namesakes_a_town_told_near_another_is_in_that_town_s_region() -> None:
    """ "a house in Edmonton, south of Cairns": the Queensland suburb, not Canada's city; "north of Syria" or
    "near Moscow" anchor no namesake elsewhere."""
    canada = {("edmonton",): _entry("Canada", "CAN")}
    text = "He stabbed a man at a house in Edmonton, south of Cairns, in November."
    assert local_namesakes(text, [], canada) == {("edmonton",): "AUS"}
    assert local_namesakes("He was held in Edmonton, near Cairns.", [], canada) == {("edmonton",): "AUS"}
    assert local_namesakes("A convoy moved north of Syria and south of Edmonton.", [], canada) == {}


@pytest.mark.slow
def test_places_country_counts_big_places_named_twice_but_not_a_person_of_the_same_name(parser: Any) -> None:
    """ "Belfast ... north Belfast": the United Kingdom; "her daughter, Brittany ... gave Brittany a dose": a
    girl, not the French region, so no country at all."""
    placed = parser.parse("The Belfast court heard the case. The men were arrested in north Belfast.")
    assert places_country(placed) == "GBR"
    named = parser.parse(
        "Fairfield was accused of murdering her daughter, Brittany, in June. She gave Brittany a lethal dose."
    )
    assert places_country(named) is None


@pytest.mark.slow
def test_places_country_counts_a_county_only_one_country_has(parser: Any) -> None:
    """ "DeKalb County Courthouse ... the DeKalb County Jail": small counties, but only American ones."""
    sentences = parser.parse(
        "Bond was set during an appearance in the DeKalb County Courthouse. He stayed in The DeKalb County Jail."
    )
    assert places_country(sentences) == "USA"


def test_namesakes_a_country_named_with_two_cities_of_a_us_state_of_its_name_is_that_state() -> None:
    """ "Georgia communities ... Ocilla ... Atlanta": the American state; Tbilisi and Batumi keep the country."""
    georgia = {("georgia",): _entry("Georgia", "GEO")}
    text = "A bill would stop Georgia towns from limiting modular homes, said the Ocilla lawmaker in Atlanta."
    assert state_namesakes(text, georgia) == {("georgia",): "USA"}
    assert state_namesakes("Georgia sent troops from Tbilisi to Batumi.", georgia) == {}


def test_namesakes_a_place_named_only_inside_a_longer_town_name_is_that_town() -> None:
    """ "New London Police Chief ... New Londoners": New London, Connecticut; "in east London" stays London."""
    london = {("london",): _entry("London", "GBR.GOV")}
    assert compound_namesakes("New London Police Chief Tom Cipolli spoke to New Londoners.", london) == {
        ("london",): "USA"
    }
    assert compound_namesakes("Police in east London arrested a man.", london) == {}
    assert compound_namesakes("He left New London for London.", london) == {}


def test_namesakes_a_country_name_before_its_residents_is_a_town() -> None:
    """ "Elizabeth Fairfield, a Lebanon woman": a town (a nationality would be "a Lebanese woman")."""
    lebanon = {("lebanon",): _entry("Lebanon", "LBN")}
    assert resident_namesakes("Elizabeth Fairfield, a Lebanon woman, was charged.", lebanon) == {("lebanon",): "USA"}
    assert resident_namesakes("A Lebanese woman was charged in Lebanon.", lebanon) == {}
