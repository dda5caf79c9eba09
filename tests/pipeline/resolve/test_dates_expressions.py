"""Temporal expressions: finding them and resolving them against an anchor (no spaCy)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.pipeline.resolve.dates_calendar import Tense, month_day, month_year, weekday_date
from annales.pipeline.resolve.dates_expressions import NO_ANCHOR, TimeExpr, resolve_expressions

SATURDAY = dt.date(2013, 7, 13)  # a Saturday
D = dt.date


def _one(text: str, *, anchor: dt.date | None = SATURDAY, tense: Tense = "past", year_only: bool = False) -> TimeExpr:
    found = resolve_expressions(text, anchor=anchor, tense=tense, year_only=year_only)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "tense", "value", "granularity"),
    [
        ("He left on Friday.", "past", D(2013, 7, 12), "day"),
        ("He will leave on Friday.", "future", D(2013, 7, 19), "day"),
        ("They met on July 11.", "past", D(2013, 7, 11), "day"),
        ("They will meet on July 11.", "future", D(2014, 7, 11), "day"),
        ("Talks resumed last week.", "past", D(2013, 7, 1), "week"),
        ("It opened two weeks ago.", "past", D(2013, 6, 29), "week"),
        ("It opened three days ago.", "past", D(2013, 7, 10), "day"),
        ("It was announced earlier this month.", "past", D(2013, 7, 1), "month"),
        ("The vote was held in December.", "past", D(2012, 12, 1), "month"),
        ("The vote will be held in December.", "future", D(2013, 12, 1), "month"),
        ("The treaty was signed last June.", "past", D(2013, 6, 1), "month"),
        ("Talks start next month.", "future", D(2013, 8, 1), "month"),
        ("The war began in 2012.", "past", D(2012, 1, 1), "year"),
        ("Shots were fired Wednesday night.", "past", D(2013, 7, 10), "day"),
        ("He spoke yesterday.", "past", D(2013, 7, 12), "day"),
        ("He speaks today.", "present", D(2013, 7, 13), "day"),
        ("He speaks tomorrow.", "future", D(2013, 7, 14), "day"),
        ("Talks continue this week.", "present", D(2013, 7, 8), "week"),
        ("It collapsed late last year.", "past", D(2012, 1, 1), "year"),
        ("Filed on 2013-04-23.", "past", D(2013, 4, 23), "day"),
        ("Filed on 23-04-2013.", "past", D(2013, 4, 23), "day"),
        ("Filed on 23.04.2013.", "past", D(2013, 4, 23), "day"),
        ("Filed on 23/04/2013.", "past", D(2013, 4, 23), "day"),
        ("Filed on 04/23/2013.", "past", D(2013, 4, 23), "day"),  # day-first impossible: month first
        ("Filed on April 23rd.", "past", D(2013, 4, 23), "day"),
        ("Filed on 23 April 2013.", "past", D(2013, 4, 23), "day"),
        ("Filed on the 23rd of April, 2013.", "past", D(2013, 4, 23), "day"),
        ("Filed on Sept. 3, 2001.", "past", D(2001, 9, 3), "day"),
        ("The dispute dates from the 1990s.", "past", D(1990, 1, 1), "year"),
        ("In the 20th century it was a port.", "past", D(1900, 1, 1), "year"),
        ("It happened in May 2010.", "past", D(2010, 5, 1), "month"),
        ("Troops left last summer.", "past", D(2012, 6, 1), "month"),
        ("Growth slowed in the first quarter of 2012.", "past", D(2012, 1, 1), "month"),
        ("Troops arrive in two weeks.", "future", D(2013, 7, 27), "week"),
        ("It was settled at the end of the year.", "past", D(2012, 1, 1), "year"),
        ("The strike ended in mid-2011.", "past", D(2011, 1, 1), "year"),
        ("He returned the day before yesterday.", "past", D(2013, 7, 11), "day"),
        ("Protests spread over the weekend.", "past", D(2013, 7, 13), "day"),
        ("Protests will spread over the weekend.", "future", D(2013, 7, 13), "day"),
    ],
)
def test_resolve_expressions_kind(text: str, tense: Tense, value: dt.date, granularity: str) -> None:
    expr = _one(text, tense=tense)
    assert (expr.value, expr.granularity, expr.reason) == (value, granularity, None)
    assert text[expr.start : expr.end] == expr.text


@pytest.mark.parametrize(
    ("text", "tense", "value", "value_end"),
    [
        ("Kerry will travel July 14-15.", "future", D(2013, 7, 14), D(2013, 7, 15)),
        ("Kerry will travel from July 14-15.", "future", D(2013, 7, 14), D(2013, 7, 15)),
        ("The fair ran July 30 - August 2.", "past", D(2012, 7, 30), D(2012, 8, 2)),
        ("The fair runs July 30 - August 2.", "future", D(2013, 7, 30), D(2013, 8, 2)),
        ("The summit ran from Dec. 30 to Jan. 2, 2013.", "past", D(2012, 12, 30), D(2013, 1, 2)),
        ("Talks were held 14-15 June.", "past", D(2013, 6, 14), D(2013, 6, 15)),
        ("The fair ran 30 July - 2 August.", "past", D(2012, 7, 30), D(2012, 8, 2)),
        ("Talks were held between June 3 and June 5.", "past", D(2013, 6, 3), D(2013, 6, 5)),
        ("The 2009-2010 season.", "past", D(2009, 1, 1), D(2010, 12, 31)),
        ("Sputnik flew in 1957-58.", "past", D(1957, 1, 1), D(1958, 12, 31)),
    ],
)
def test_resolve_expressions_range(text: str, tense: Tense, value: dt.date, value_end: dt.date) -> None:
    expr = _one(text, tense=tense)
    assert (expr.value, expr.value_end) == (value, value_end)


@pytest.mark.parametrize(
    ("tense", "expected"),
    # issue 16: "will discuss on Saturday" in an article of a Saturday is that day, not a week later
    [("past", SATURDAY), ("present", SATURDAY), ("future", SATURDAY)],
)
def test_resolve_expressions_weekday_on_publication_day(tense: Tense, expected: dt.date) -> None:
    assert _one("on Saturday", tense=tense).value == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("last Saturday", D(2013, 7, 6)),
        ("next Saturday", D(2013, 7, 20)),
        ("last Friday", D(2013, 7, 12)),
        ("next Monday", D(2013, 7, 15)),
    ],
)
def test_resolve_expressions_weekday_direction_words(text: str, value: dt.date) -> None:
    assert _one(text).value == value


@pytest.mark.parametrize(
    "text",
    ["on Saturday", "July 11", "last week", "two weeks ago", "in December", "yesterday", "next month", "now"],
)
def test_resolve_expressions_relative_without_anchor(text: str) -> None:
    expr = _one(text, anchor=None)
    assert (expr.value, expr.reason, expr.relative) == (None, NO_ANCHOR, True)


@pytest.mark.parametrize(
    ("text", "value"),
    [("2013-04-23", D(2013, 4, 23)), ("23 April 2013", D(2013, 4, 23)), ("in 2012", D(2012, 1, 1))],
)
def test_resolve_expressions_absolute_without_anchor(text: str, value: dt.date) -> None:
    expr = _one(text, anchor=None)
    assert (expr.value, expr.relative) == (value, False)


@pytest.mark.parametrize(
    "text",
    [
        "2000 people fled and 1500 troops arrived.",
        "It cost $2013 and 2012% more.",
        "They may leave. Soldiers march on.",
        "Over the past two years it grew.",
        "She left as soon as they came.",
        "Version 31-02-2013 is not a date.",
        "",
    ],
)
def test_resolve_expressions_ignores_non_dates(text: str) -> None:
    assert [e for e in resolve_expressions(text, anchor=SATURDAY) if e.value] == []


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("now", "PRESENT_REF"),
        ("in the past", "PAST_REF"),
        ("last week", "2013-W27"),
        ("last summer", "2012-SU"),
        ("the 1990s", "199"),
        ("this weekend", "2013-W28-WE"),
        ("Q3 2012", "2012-Q3"),
    ],
)
def test_resolve_expressions_timex_value(text: str, timex: str) -> None:
    assert _one(text).timex == timex


def test_resolve_expressions_vague_reference_has_no_date() -> None:
    expr = _one("It was common in the past.")
    assert (expr.value, expr.reason) == (None, "vague")


def test_resolve_expressions_prefers_longest_match() -> None:
    found = resolve_expressions("It collapsed late last July, on Saturday, July 6.", anchor=SATURDAY)
    assert [e.text for e in found] == ["late last July", "Saturday, July 6"]


def test_resolve_expressions_weekday_picks_year_of_full_date() -> None:
    # July 13 was a Saturday in 2013 and a Friday in 2012: the weekday decides.
    assert _one("on Friday, July 13", anchor=D(2013, 7, 1)).value == D(2012, 7, 13)


@pytest.mark.parametrize(
    ("anchor", "month", "tense", "year"),
    [
        (D(2013, 3, 22), 12, "past", 2012),
        (D(2013, 3, 22), 12, "future", 2013),
        (D(2013, 3, 22), 3, "past", 2013),
        (D(2013, 3, 22), 3, "future", 2013),
        (D(2013, 3, 22), 5, "present", 2013),
        (D(2013, 3, 22), 11, "present", 2012),
    ],
)
def test_month_year_direction_by_tense(anchor: dt.date, month: int, tense: Tense, year: int) -> None:
    assert month_year(anchor, month, tense=tense) == year


def test_month_day_leap_day_skips_to_a_leap_year() -> None:
    assert month_day(D(2013, 3, 1), 2, 29, tense="past") == D(2012, 2, 29)
    assert month_day(D(2013, 3, 1), 2, 29, tense="future") is None  # no Feb 29 in 2013 or 2014


@given(anchor=st.dates(min_value=D(1200, 1, 1), max_value=D(2800, 12, 31)), weekday=st.integers(0, 6))
def test_weekday_date_is_that_weekday_within_a_week(anchor: dt.date, weekday: int) -> None:
    tenses: tuple[Tense, ...] = ("past", "present", "future")
    for tense in tenses:
        found = weekday_date(anchor, weekday, tense=tense)
        assert found is not None and found.weekday() == weekday
        assert abs((found - anchor).days) <= 7


# Property tests: never raise, spans are honest, dates stay near the anchor.

_WORDS = st.sampled_from(
    [
        "on",
        "in",
        "last",
        "next",
        "this",
        "the",
        "ago",
        "weeks",
        "two",
        "11",
        "July",
        "May",
        "march",
        "Saturday",
        "2013",
        "-",
        "/",
        ".",
        ",",
        "1990s",
        "summer",
        "early",
        "late",
        "yesterday",
        "of",
        "31",
        "02",
        "23",
        "quarter",
        "Q3",
        "century",
        "20th",
        "from",
        "to",
        "and",
    ]
)


@settings(max_examples=100, deadline=None)
@given(
    text=st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=12).map(" ".join)),
    anchor=st.one_of(st.none(), st.dates(min_value=D(1100, 1, 1), max_value=D(2900, 12, 31))),
    tense=st.sampled_from(["past", "present", "future"]),
)
def test_resolve_expressions_never_raises_and_stays_sane(text: str, anchor: dt.date | None, tense: Tense) -> None:
    found = resolve_expressions(text, anchor=anchor, tense=tense)
    for expr in found:
        assert text[expr.start : expr.end] == expr.text
        assert (expr.value is None) == (expr.granularity is None)
        assert (expr.value is None) != (expr.reason is None) or expr.timex.endswith("_REF")
        if expr.value is None:
            continue
        if expr.value_end is not None:
            assert expr.value <= expr.value_end
        if expr.relative and anchor is not None and expr.kind not in ("decade", "ago", "in_units"):
            assert abs((expr.value - anchor).days) <= 366 * 200  # "last century" starts up to 199 years back
        if anchor is None:
            assert not expr.relative
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)))
def test_resolve_expressions_round_trips_written_dates(day: dt.date) -> None:
    month = day.strftime("%B")
    for text in (
        day.isoformat(),
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
    ):
        expr = _one(f"It happened on {text}.", anchor=None)
        assert (expr.value, expr.granularity, expr.relative) == (day, "day", False)


@settings(max_examples=100, deadline=None)
@given(anchor=st.dates(min_value=D(1200, 1, 1), max_value=D(2800, 12, 31)), n=st.integers(1, 40))
def test_resolve_expressions_ago_round_trips(anchor: dt.date, n: int) -> None:
    assert _one(f"{n} days ago", anchor=anchor).value == anchor - dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("text", "anchor", "value", "end"),
    [
        ("He will call later this week.", D(2018, 6, 12), D(2018, 6, 13), D(2018, 6, 17)),
        ("They met earlier this week.", D(2018, 6, 14), D(2018, 6, 11), D(2018, 6, 13)),
        ("He will call later this week.", D(2018, 6, 17), D(2018, 6, 11), None),  # Sunday: the whole week
    ],
)
def test_resolve_expressions_later_this_week_is_rest_of_week(
    text: str, anchor: dt.date, value: dt.date, end: dt.date | None
) -> None:
    expr = _one(text, anchor=anchor, tense="future")
    assert (expr.value, expr.value_end, expr.granularity) == (value, end, "week")


@pytest.mark.parametrize(
    ("anchor", "weekday", "tense", "expected"),
    [
        (D(2016, 12, 13), 1, "future", D(2016, 12, 13)),  # "will discuss on Tuesday", published on a Tuesday
        (D(2016, 12, 13), 4, "future", D(2016, 12, 16)),  # "will meet on Friday", published Tuesday
        (D(2016, 12, 16), 1, "past", D(2016, 12, 13)),  # "declared on Tuesday", published Friday: 3 days before
        (D(2016, 12, 16), 4, "past", D(2016, 12, 16)),  # "declared on Friday", published Friday: that day
        # "swept Cairo on Monday" in a paper dated Sunday: the next day (a lagging date), not six days before
        (D(2016, 12, 11), 0, "past", D(2016, 12, 12)),
        (D(2016, 12, 11), 5, "past", D(2016, 12, 10)),  # "on Saturday", dated Sunday: the day before
    ],
)
def test_weekday_date_counts_the_publication_day_issue16(
    anchor: dt.date, weekday: int, tense: Tense, expected: dt.date
) -> None:
    assert weekday_date(anchor, weekday, tense=tense) == expected


def test_weekday_date_takes_no_next_day_when_the_anchor_does_not_lag() -> None:
    # "arrested in a raid Thursday" further down a paper of a Wednesday: the Thursday six days before
    assert weekday_date(D(2009, 3, 18), 3, tense="past", lagging=False) == D(2009, 3, 12)
    assert weekday_date(D(2009, 3, 18), 3, tense="past") == D(2009, 3, 19)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("In February, he was sentenced.", D(2018, 2, 1), "month"),
        ("He was arrested on July 7.", D(2018, 7, 7), "day"),
        ("She will visit in May.", D(2018, 5, 1), "month"),  # only the year is known: that year's May
        ("He was convicted last year.", D(2017, 1, 1), "year"),
        ("They met on Saturday.", None, None),  # days cannot be counted from a year
        ("They met last month.", None, None),
    ],
)
def test_resolve_expressions_against_a_year_only_anchor(
    text: str, value: dt.date | None, granularity: str | None
) -> None:
    expr = _one(text, anchor=D(2018, 12, 31), year_only=True)
    assert (expr.value, expr.granularity) == (value, granularity)
    assert (expr.reason == "relative_without_anchor") == (value is None)
