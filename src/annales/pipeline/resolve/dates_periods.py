"""Rules for longer periods: "last week", "two weeks ago", years, decades, centuries, seasons, quarters."""

from __future__ import annotations

import datetime as dt
import re

from annales.pipeline.resolve import dates_calendar as cal
from annales.pipeline.resolve import dates_lexicon as lex
from annales.pipeline.resolve.dates_calendar import Direction, Tense
from annales.pipeline.resolve.dates_values import (
    DURATION,
    OUT_OF_RANGE,
    VAGUE,
    Context,
    Value,
    count_of,
    direction_of,
    no_anchor,
    value_at,
    year_of,
)

# --- units relative to the anchor -----------------------------------------------------------


def _unit_at(anchor: dt.date, unit: str, steps: int) -> Value:
    """The week/month/year/quarter/decade `steps` units from the one holding `anchor`."""
    if unit == "week":
        return value_at(cal.add_days(cal.week_start(anchor), 7 * steps), "week", relative=True)
    if unit == "month":
        return value_at(cal.add_months(anchor, steps), "month", relative=True)
    if unit == "quarter":
        first = cal.add_months(anchor, 3 * steps - (anchor.month - 1) % 3)
        last = cal.add_months(first, 2) if first else None
        if first is None or last is None:
            return Value(None, reason=OUT_OF_RANGE, relative=True)
        timex = f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
        return Value(first, "month", timex, cal.month_end(last), relative=True)
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        first_year = (anchor.year // size + steps) * size
        start, end = cal.safe_date(first_year, 1, 1), cal.safe_date(first_year + size - 1, 12, 31)
        if start is None or end is None:
            return Value(None, reason=OUT_OF_RANGE, relative=True)
        return Value(start, "year", str(first_year // size), end, relative=True)
    return value_at(cal.safe_date(anchor.year + steps, 1, 1), "year", relative=True)


def _weekend(anchor: dt.date, direction: Direction, tense: Tense) -> Value:
    if anchor.weekday() >= 5 and direction == "this":
        saturday: dt.date | None = cal.add_days(anchor, 5 - anchor.weekday())
    elif direction == "this":
        saturday = cal.weekday_date(anchor, 5, tense="past" if tense == "past" else "future")
    else:
        saturday = cal.weekday_date(anchor, 5, tense=tense, direction=direction)
    if saturday is None:
        return Value(None, reason=OUT_OF_RANGE, relative=True)
    value = value_at(saturday, "day", relative=True, end=cal.add_days(saturday, 1))
    year, week, _ = saturday.isocalendar()
    return Value(saturday, "day", f"{year:04d}-W{week:02d}-WE", value.value_end, relative=True)


def resolve_the_weekend(match: re.Match[str], ctx: Context) -> Value | None:
    """ "over the weekend": the last one in a past clause, the coming one otherwise."""
    if ctx.anchor is None:
        return no_anchor()
    return _weekend(ctx.anchor, "this", ctx.tense)


def resolve_relative_unit(match: re.Match[str], ctx: Context) -> Value | None:
    """ "last week", "this month", "late last year", "the coming weeks" is not one (plural)."""
    if ctx.anchor is None:
        return no_anchor()
    direction, unit = direction_of(match["rel"]), match["unit"].lower()
    if unit == "weekend":
        return _weekend(ctx.anchor, direction, ctx.tense)
    value = _unit_at(ctx.anchor, unit, {"last": -1, "next": 1}.get(direction, 0))
    mod = (match["mod"] or "").lower()
    if direction == "this" and unit == "week" and mod in ("later", "earlier"):
        return _rest_of_week(ctx.anchor, value, later=mod == "later")
    return value


def _rest_of_week(anchor: dt.date, week: Value, *, later: bool) -> Value:
    """ "later this week": the days of the anchor's week after the anchor; "earlier this week" those before.

    A week-long value would start before the anchor and date an announced call in the past.
    """
    if week.value is None:
        return week
    last = cal.add_days(week.value, 6)
    start = cal.add_days(anchor, 1) if later else week.value
    end = last if later else cal.add_days(anchor, -1)
    if start is None or end is None or end < start:
        return week  # the anchor is the week's last (or first) day: keep the whole week
    return Value(start, "week", week.timex, end, relative=True)


def _shift(anchor: dt.date, unit: str, n: int) -> Value:
    if unit == "day":
        return value_at(cal.add_days(anchor, n), "day", relative=True)
    if unit == "week":
        return value_at(cal.add_days(anchor, 7 * n), "week", relative=True)
    if unit == "month":
        return value_at(cal.add_months(anchor, n), "month", relative=True)
    years = n * (10 if unit == "decade" else 1)
    return value_at(cal.safe_date(anchor.year + years, 1, 1) if abs(years) < 3000 else None, "year", relative=True)


def resolve_ago(match: re.Match[str], ctx: Context) -> Value | None:
    """ "two weeks ago", "three days from now"."""
    n = count_of(match["n"])
    if n is None:
        return Value(None, timex="PAST_REF" if match["dir"].lower() == "ago" else "FUTURE_REF", reason=VAGUE)
    if ctx.anchor is None:
        return no_anchor()
    sign = -1 if match["dir"].lower() == "ago" else 1
    return _shift(ctx.anchor, match["unit"].lower(), sign * min(n, 100_000))


def resolve_in_units(match: re.Match[str], ctx: Context) -> Value | None:
    """ "in two weeks": a date ahead in future or present clauses, a duration in past ones."""
    n = count_of(match["n"])
    if n is None or ctx.tense == "past":
        return Value(None, reason=DURATION if n is not None else VAGUE)
    if ctx.anchor is None:
        return no_anchor()
    return _shift(ctx.anchor, match["unit"].lower(), min(n, 100_000))


def resolve_edge_of(match: re.Match[str], ctx: Context) -> Value | None:
    """ "the end of the year", "year-end": December, so a past clause early in a year means last year."""
    if ctx.anchor is None:
        return no_anchor()
    unit = (match["unit"] or match["unit2"]).lower()
    if unit != "year":
        return _unit_at(ctx.anchor, unit, 0)
    ends = (match["edge"] or "end").lower() == "end"
    back = ends and ctx.tense == "past" and ctx.anchor.month < 12
    return value_at(cal.safe_date(ctx.anchor.year - back, 1, 1), "year", relative=True)


# --- years, decades, centuries, seasons, quarters -------------------------------------------

# A four-digit number with no cue word before it ("in", "since", "early"...) counts as a year
# only inside this window: news numbers outside it are mostly amounts ("1500 were killed").
# Set by reading the TempEval-3 misses; re-run benchmarks/eval_dates.py after changing it.
BARE_YEAR_MIN = 1900
BARE_YEAR_MAX = 2099
_AMOUNT_AFTER = re.compile(r"\s*(?:%|-?\s*(?:percent|per\s+cent)\b)", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s(]+$")


def _looks_like_year(match: re.Match[str], year: int) -> bool:
    text, start, end = match.string, match.start("y"), match.end("y")
    if start and text[start - 1] in "$€£#":
        return False
    if _AMOUNT_AFTER.match(text, end):
        return False
    after = _WORD_AFTER.match(text, end)
    if after and after[1].lower() in lex.COUNT_NOUNS:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    cued = bool(match["mod"]) or (before is not None and before[1].lower() in lex.YEAR_CUES)
    return cued or BARE_YEAR_MIN <= year <= BARE_YEAR_MAX


def resolve_year(match: re.Match[str], ctx: Context) -> Value | None:
    """ "2012", "in 2012", "mid-2013", "fiscal 2014"; counts ("2000 people") are not years."""
    year = int(match["y"])
    if not _looks_like_year(match, year):
        return None
    return value_at(cal.safe_date(year, 1, 1), "year", relative=False)


def resolve_year_range(match: re.Match[str], ctx: Context) -> Value | None:
    """ "2009-2010", "1957-58": the first year, with the last as value_end."""
    first, last_text = int(match["y"]), match["y2"]
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if not 0 < last - first <= 100:
        return None
    return value_at(cal.safe_date(first, 1, 1), "year", relative=False, end=cal.safe_date(last, 12, 31))


def resolve_decade(match: re.Match[str], ctx: Context) -> Value | None:
    """ "the 1990s", "the '80s" (two digits: the latest such decade not after the anchor)."""
    if match["cent"]:
        first = int(match["cent"]) * 100 + int(match["dec"]) * 10
        relative = False
    else:
        first = 2000 + int(match["short"]) * 10
        pivot = ctx.anchor.year if ctx.anchor else 2000
        first = first if first <= pivot else first - 100
        relative = True
    start, end = cal.safe_date(first, 1, 1), cal.safe_date(first + 9, 12, 31)
    if start is None or end is None:
        return None
    return Value(start, "year", f"{first // 10:03d}", end, relative=relative)


def resolve_century(match: re.Match[str], ctx: Context) -> Value | None:
    """ "the 20th century", "the twenty-first century" (TimeML "19", "20")."""
    number = int(match["n"]) if match["n"] else lex.ORDINAL_WORDS.get(" ".join(match["w"].lower().split()), 0)
    if not 1 <= number <= 30:
        return None
    timex = f"{number - 1:02d}"
    start, end = cal.safe_date((number - 1) * 100, 1, 1), cal.safe_date((number - 1) * 100 + 99, 12, 31)
    if start is None or end is None:
        return Value(None, timex=timex, reason=OUT_OF_RANGE)
    return Value(start, "year", timex, end)


def _season_year(ctx: Context, first_month: int, direction: Direction) -> int:
    """ "last summer" is the latest summer already over; "next summer" the first not yet begun."""
    assert ctx.anchor is not None
    anchor = ctx.anchor
    if direction not in ("last", "next"):
        return cal.month_year(anchor, first_month, tense=ctx.tense, direction=direction)
    for offset in (0, -1, -2) if direction == "last" else (-1, 0, 1):
        year = anchor.year + offset
        start = cal.safe_date(year, first_month, 1)
        if start is None:
            continue
        over = cal.month_end(cal.add_months(start, 2) or start) < anchor
        if (direction == "last" and over) or (direction == "next" and start > anchor):
            return year
    return anchor.year


def resolve_season(match: re.Match[str], ctx: Context) -> Value | None:
    """ "last summer", "the winter of 2012": three months from the season's first."""
    name = match["s"].lower()
    year = year_of(match, "y")
    if year is None and not match["rel"] and not (match["the"] and name != "fall"):
        return None  # a bare "fall" or "winter" is too often not a date
    first_month, code = lex.SEASONS[name]
    if year is None:
        if ctx.anchor is None:
            return no_anchor()
        year = _season_year(ctx, first_month, direction_of(match["rel"]))
    start = cal.safe_date(year, first_month, 1)
    last = cal.add_months(start, 2) if start else None
    if start is None or last is None:
        return Value(None, reason=OUT_OF_RANGE)
    return Value(start, "month", f"{year:04d}-{code}", cal.month_end(last), relative=not match["y"])


_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def resolve_quarter(match: re.Match[str], ctx: Context) -> Value | None:
    """ "the first quarter of 2012", "Q3 2012", "the second quarter of last year"."""
    quarter = _QUARTERS[match["q"].lower()] if match["q"] else int(match["qn"])
    year = year_of(match, "y") or year_of(match, "yq")
    if year is None:
        if ctx.anchor is None:
            return no_anchor()
        if match["rel"]:
            year = ctx.anchor.year + {"last": -1, "next": 1}.get(direction_of(match["rel"]), 0)
        else:
            year = cal.month_year(ctx.anchor, quarter * 3 - 2, tense=ctx.tense)
    start = cal.safe_date(year, quarter * 3 - 2, 1)
    last = cal.add_months(start, 2) if start else None
    if start is None or last is None:
        return Value(None, reason=OUT_OF_RANGE)
    return Value(
        start, "month", f"{year:04d}-Q{quarter}", cal.month_end(last), relative=not (match["y"] or match["yq"])
    )
