"""The blind real-article scorer's place rule (benchmarks/realnews/score.py): it needs no ../shared."""

from __future__ import annotations

import pytest
from benchmarks.realnews.score import SystemEvent, gold_place_coords, place_right


def _event(name: str, country: str, lat: float, lon: float) -> SystemEvent:
    return SystemEvent(
        actor_country="USA", recipient_country="USA", type="COERCE", confidence=0.9, start=0, end=10,
        date=None, date_end=None, granularity=None, date_source=None,
        place_name=name, place_country=country, place_lat=lat, place_lon=lon, place_source="clause",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("gold", "event", "right"),
    [
        ("Paris, USA", _event("Paris", "USA", 36.30, -88.33), True),
        ("Paris, USA", _event("Paris", "FRA", 48.85, 2.35), False),  # Paris, France for Paris, Tennessee
        ("South Waziristan, PAK", _event("South Waziristan", "PAK", 32.3, 69.6), True),
        ("PAK", _event("South Waziristan", "PAK", 32.3, 69.6), True),  # a country-level gold: the country
        ("Concord, USA", _event("Concord", "USA", 43.21, -71.54), True),
    ],
)
def test_place_is_right_by_name_only_in_the_gold_country(gold: str, event: SystemEvent, right: bool) -> None:
    assert place_right(gold, event, None) is right


def test_a_gold_place_is_read_as_a_bare_name_is_read_in_its_country() -> None:
    """ "New York, USA" in the gold is the city the annotators meant (as our resolver reads the bare name), not
    the middle of the state, 270 km away, which the first gazetteer row of the name gave."""
    lat, lon = gold_place_coords()("New York, USA") or (0.0, 0.0)
    assert abs(lat - 40.71) < 0.5 and abs(lon + 74.01) < 0.5
