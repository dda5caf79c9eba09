"""Towns written with their US state after them are not the country or capital of the same name."""

from __future__ import annotations

from annales.pipeline.actors.namesakes import qualified_names


def test_namesakes_are_the_names_written_with_a_state_after_them() -> None:
    text = (
        "LONDON, Ky. (WKYT) - A man of Palestine, Texas, moved to Athens, Ga., and then to New York, N.Y., last year."
    )
    assert qualified_names(text) == {("london",), ("palestine",), ("athens",), ("new", "york")}


def test_namesakes_leave_a_country_qualifier_that_is_also_a_state_alone() -> None:
    """ "Tbilisi, Georgia" is the Georgian capital; "Paris, France" names no state at all."""
    assert qualified_names("TBILISI, Georgia (AP) - Talks in Paris, France, and in Moscow ended.") == frozenset()
