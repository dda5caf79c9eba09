"""Every way a date or a place can be found has words in the explorer (issue 16: the source shown next to the value)."""

from __future__ import annotations

from typing import get_args

from annales.api.templating import DATE_SOURCES, PLACE_SOURCES
from annales.codes import DateSource
from annales.pipeline.resolve.places import PlaceSource


def test_every_date_source_has_a_label() -> None:
    assert set(get_args(DateSource)) == set(DATE_SOURCES)


def test_every_place_source_has_a_label() -> None:
    assert set(get_args(PlaceSource)) == set(PLACE_SOURCES)
