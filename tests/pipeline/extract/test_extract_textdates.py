"""Publication dates written in text: date lines, datelines, and what is not a date line."""

from __future__ import annotations

import datetime as dt

import pytest

from annales.pipeline.extract.dates import find_date, parse_date_line, parse_dateline, resolve_month_day


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("February 2, 2013", dt.date(2013, 2, 2)),
        ("Published 24-04-2013, 07:30", dt.date(2013, 4, 24)),
        ("Saturday, 2 February 2013 14:05 GMT", dt.date(2013, 2, 2)),
        ("Posted on: 2016-07-11", dt.date(2016, 7, 11)),
        ("Updated 11.07.2016 | 09:10", dt.date(2016, 7, 11)),
        ("07/14/2016", dt.date(2016, 7, 14)),
        ("Sept. 3, 2014", dt.date(2014, 9, 3)),
        ("U.S., Russia in new shadow boxingApril 13, 2013", None),
        ("Kerry will visit Moscow on July 14, 2016 for talks.", None),
        ("February 30, 2013", None),
        ("Comments: 0", None),
    ],
)
def test_parse_date_line(line: str, expected: dt.date | None) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("see 31-12-2013 and more", dt.date(2013, 12, 31)), ("12/31/2013", dt.date(2013, 12, 31)), ("no date", None)],
)
def test_find_date(text: str, expected: dt.date | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "month_day", "agency"),
    [
        ("MOSCOW, April 23 (Reuters) - Russia said on Tuesday...", "MOSCOW", None, "April 23", "Reuters"),
        ("WASHINGTON, Feb 2, 2013 (AFP) — The White House...", "WASHINGTON", dt.date(2013, 2, 2), None, "AFP"),
        ("KYIV (AP) - Ukraine's president...", "KYIV", None, None, "AP"),
    ],
)
def test_parse_dateline(paragraph: str, place: str, date: dt.date | None, month_day: str | None, agency: str) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.date, dateline.month_day, dateline.agency) == (place, date, month_day, agency)


@pytest.mark.parametrize(
    "paragraph",
    ["The State Department said on July 11 - that Kerry would go.", "Kerry met Lavrov in Geneva on Friday."],
)
def test_parse_dateline_prose_is_not_a_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("month_day", "anchor", "expected"),
    [
        ("April 23", dt.date(2013, 5, 2), dt.date(2013, 4, 23)),
        ("April 23", dt.date(2013, 4, 23), dt.date(2013, 4, 23)),
        ("Dec. 30", dt.date(2014, 1, 5), dt.date(2013, 12, 30)),
        ("Feb 29", dt.date(2017, 3, 1), dt.date(2016, 2, 29)),
        ("Feb 29", dt.date(2015, 3, 1), None),
        ("Smarch 3", dt.date(2017, 3, 1), None),
    ],
)
def test_resolve_month_day(month_day: str, anchor: dt.date, expected: dt.date | None) -> None:
    assert resolve_month_day(month_day, anchor) == expected
