"""Rules for days and months: numeric dates, "July 14-15", "last June", weekdays, "yesterday"."""

from __future__ import annotations

import datetime as dt
import re

from annales.pipeline.resolve import dates_calendar as cal
from annales.pipeline.resolve import dates_lexicon as lex
from annales.pipeline.resolve.dates_calendar import Tense
from annales.pipeline.resolve.dates_values import (
    OUT_OF_RANGE,
    VAGUE,
    Context,
    Value,
    direction_of,
    month_of,
    no_anchor,
    value_at,
    year_of,
)

# --- absolute numeric forms -------------------------------------------------------------------


def resolve_iso(match: re.Match[str], ctx: Context) -> Value | None:
    """ "2013-04-23" or "2013/04/23"."""
    day = cal.safe_date(int(match["y"]), int(match["mo"]), int(match["d"]))
    return value_at(day, "day", relative=False) if day else None


def resolve_numeric(match: re.Match[str], ctx: Context) -> Value | None:
    """23-04-2013, 23.04.2013, 23/04/2013: day first unless that is impossible."""
    first, second, year_text = int(match["a"]), int(match["b"]), match["y"]
    year = int(year_text) if len(year_text) == 4 else (2000 if int(year_text) < 50 else 1900) + int(year_text)
    day, month = (first, second) if second <= 12 else (second, first)
    found = cal.safe_date(year, month, day)
    return value_at(found, "day", relative=False) if found else None


# --- month and day --------------------------------------------------------------------------


def _with_weekday(ctx: Context, month: int, day: int, weekday: int) -> dt.date | None:
    """Use a written weekday ("Saturday, July 13") to pick the year of a yearless date."""
    assert ctx.anchor is not None
    years = range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    fits = [c for year in years if (c := cal.safe_date(year, month, day)) and c.weekday() == weekday]
    return min(fits, key=lambda c: abs((c - ctx.anchor).days)) if fits else None  # type: ignore[operator]


def resolve_month_day(match: re.Match[str], ctx: Context) -> Value | None:
    """ "July 11", "11 July 2013", "Saturday, July 13": a day, its year by tense when not written."""
    month = month_of(match, "m")
    if month is None:
        return None
    day, year = int(match["d"]), year_of(match, "y")
    if year is not None:
        found = cal.safe_date(year, month, day)
        return value_at(found, "day", relative=False) if found else None
    if cal.safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 is allowed
        return None
    if ctx.anchor is None:
        return no_anchor()
    found = None
    if match["wd"]:
        found = _with_weekday(ctx, month, day, lex.WEEKDAYS[match["wd"].lower()])
    found = found or cal.month_day(ctx.anchor, month, day, tense=ctx.tense)
    return value_at(found, "day", relative=True)


def _range(
    ctx: Context, months: tuple[int | None, int | None], days: tuple[int, int], year: int | None
) -> Value | None:
    """A day range, possibly across months ("July 30 - August 2")."""
    first_month, last_month = months
    if first_month is None or last_month is None or days[0] > 31 or days[1] > 31:
        return None
    if year is not None:
        end = cal.safe_date(year, last_month, days[1])
        start = cal.safe_date(year - (last_month < first_month), first_month, days[0])
        if start is None or end is None or end < start:
            return None
        return value_at(start, "day", relative=False, end=end)
    if cal.safe_date(2000, first_month, days[0]) is None or cal.safe_date(2000, last_month, days[1]) is None:
        return None
    if ctx.anchor is None:
        return no_anchor()
    start = cal.month_day(ctx.anchor, first_month, days[0], tense=ctx.tense)
    if start is None:
        return Value(None, reason=OUT_OF_RANGE, relative=True)
    end = cal.safe_date(start.year, last_month, days[1])
    if end is not None and end < start:
        end = cal.safe_date(start.year + 1, last_month, days[1])
    if end is None or end == start:
        return None
    return value_at(start, "day", relative=True, end=end)


def resolve_month_day_range(match: re.Match[str], ctx: Context) -> Value | None:
    """ "July 14-15", "July 30 - August 2", "14-15 June", "30 July - 2 August"."""
    month = month_of(match, "m")
    other = month_of(match, "m2") if match["m2"] else month
    months = (month, other) if match.start("m") < match.start("d") else (other, month)
    return _range(ctx, months, (int(match["d"]), int(match["d2"])), year_of(match, "y"))


def resolve_month_year(match: re.Match[str], ctx: Context) -> Value | None:
    """ "May 2010", "early March 2013": a month of a written year."""
    month = month_of(match, "m")
    if month is None:
        return None
    return value_at(cal.safe_date(int(match["y"]), month, 1), "month", relative=False)


def resolve_month(match: re.Match[str], ctx: Context) -> Value | None:
    """ "in December", "last June", "late last July", "this May"."""
    month = month_of(match, "m")
    if month is None:
        return None
    if ctx.anchor is None:
        return no_anchor()
    year = cal.month_year(ctx.anchor, month, tense=ctx.tense, direction=direction_of(match["rel"]))
    return value_at(cal.safe_date(year, month, 1), "month", relative=True)


def resolve_day_of_month(match: re.Match[str], ctx: Context) -> Value | None:
    """ "on the 14th": the 14th of the anchor's month, or of a neighbouring one by tense."""
    day = int(match["d"])
    if not 1 <= day <= 31:
        return None
    if ctx.anchor is None:
        return no_anchor()
    months = [cal.add_months(ctx.anchor, n) for n in (-1, 0, 1)]
    candidates = [c for m in months if m and (c := cal.safe_date(m.year, m.month, day))]
    if ctx.tense == "past":
        found = max((c for c in candidates if c <= ctx.anchor), default=None)
    elif ctx.tense == "future":
        found = min((c for c in candidates if c >= ctx.anchor), default=None)
    else:
        anchor = ctx.anchor
        found = min(candidates, key=lambda c: abs((c - anchor).days), default=None)
    return value_at(found, "day", relative=True)


# --- weekdays and day words -----------------------------------------------------------------


def resolve_weekday(match: re.Match[str], ctx: Context) -> Value | None:
    """ "Saturday", "last Friday", "Wednesday night": by tense, or by last/next/this."""
    if ctx.anchor is None:
        return no_anchor()
    direction = direction_of(match["rel"])
    if direction == "this":  # "this Saturday" is the coming one unless the clause is past
        direction = ""
        tense: Tense = "past" if ctx.tense == "past" else "future"
    else:
        tense = ctx.tense
    weekday = lex.WEEKDAYS[match["wd"].lower()]
    found = cal.weekday_date(ctx.anchor, weekday, tense=tense, direction=direction, lagging=ctx.lagging)
    return value_at(found, "day", relative=True)


_DAY_WORDS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


def resolve_day_word(match: re.Match[str], ctx: Context) -> Value | None:
    """ "yesterday", "today", "tonight", "last night", "the day after tomorrow"."""
    if ctx.anchor is None:
        return no_anchor()
    offset = _DAY_WORDS[" ".join(match["w"].lower().split())]
    return value_at(cal.add_days(ctx.anchor, offset), "day", relative=True)


def resolve_present_ref(match: re.Match[str], ctx: Context) -> Value | None:
    """ "now", "currently": the anchor itself, TimeML PRESENT_REF."""
    if ctx.anchor is None:
        return no_anchor("PRESENT_REF")
    return Value(ctx.anchor, "day", "PRESENT_REF", relative=True)


def resolve_past_ref(match: re.Match[str], ctx: Context) -> Value | None:
    """ "in the past", "recently": no date (reason "vague"), TimeML PAST_REF."""
    return Value(None, timex="PAST_REF", reason=VAGUE, relative=True)


def resolve_future_ref(match: re.Match[str], ctx: Context) -> Value | None:
    """ "in the future", "soon": no date (reason "vague"), TimeML FUTURE_REF."""
    return Value(None, timex="FUTURE_REF", reason=VAGUE, relative=True)
