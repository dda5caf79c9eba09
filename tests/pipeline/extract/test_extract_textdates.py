"""Publication dates written in text: date lines, datelines, and what is not a date line."""

from __future__ import annotations

import datetime as dt

import pytest

from annales.pipeline.extract.dates import find_date, parse_date_line, parse_dateline, parse_signoff, resolve_month_day
from annales.pipeline.extract.text import clean_text


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
        # two cities, and a doubled comma as pasted from a page
        (
            "MINAS TIRITH & OSGILIATH,, MARCH 29, 2018 -- Gondor said...",
            "MINAS TIRITH & OSGILIATH",
            dt.date(2018, 3, 29),
            None,
            None,
        ),
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
    ("paragraph", "expected"),
    [
        ("The envoys met in Minas Tirith. GNA 05 April 2018", dt.date(2018, 4, 5)),
        ("The envoys met in Minas Tirith.\u201d (GNA) April 5, 2018.", dt.date(2018, 4, 5)),
        ("The envoys met in Minas Tirith. 2018-04-05", dt.date(2018, 4, 5)),
        # a sentence that ends on a date is prose, not a sign-off
        ("The rights run from April 15, 2018 to March 31, 2023.", None),
        ("The envoys met on 5 April 2018", None),
        ("The envoys met in Minas Tirith. Gondor and Mordor signed the pact on 5 April 2018", None),
    ],
)
def test_parse_signoff(paragraph: str, expected: dt.date | None) -> None:
    assert parse_signoff(paragraph) == expected


def test_clean_text_takes_a_sign_off_date_only_without_another_date() -> None:
    body = "Gondor's king praised Mordor's role in the fight against orcs, his envoy said on Wednesday in Rabat."
    signed = clean_text(f"{body}\n\nThe two sides also discussed trade and the border. GNA 05 April 2018")
    assert (signed.published, signed.published_source) == (dt.date(2018, 4, 5), "signoff")
    dated = clean_text(
        f"April 2, 2018\n\n{body}\n\nThe two sides also discussed trade and the border. GNA 05 April 2018"
    )
    assert (dated.published, dated.published_source) == (dt.date(2018, 4, 2), "line")


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


def test_clean_text_keeps_the_year_of_a_copyright_line_it_removes() -> None:
    """The copyright line is chrome in a plain-text page, but its year is when the text was written: the date
    stage anchors an undated article's "In February" on it (resolve/dates_year.py)."""
    text = (
        "SEOUL (CNN) - A court sentenced the former president to 24 years in prison.\n\n"
        "In February, her confidant was sentenced to 20 years.\n\n"
        "Copyright 2018 by CNN NewSource.\n\nAll rights reserved."
    )
    cleaned = clean_text(text)
    assert "Copyright" not in cleaned.text
    assert cleaned.copyright_year == 2018
    assert clean_text("A court sentenced him to 24 years in prison on Monday.").copyright_year is None
