"""Find temporal expressions in text and resolve them against an anchor date.

A rule is a regular expression plus a handler that turns a match into a value. All rules run
over the text; overlapping matches are settled longest-first, so "July 14-15" wins over
"July 14" and "late last year" over "last year". The handler sees the anchor (the
publication date, or None) and the tense of the clause, which decides whether "Saturday" or
"in December" points back or forward. Nothing here needs spaCy.

Example:
    >>> import datetime as dt
    >>> [e.timex for e in resolve_expressions("He left on Saturday.", anchor=dt.date(2013, 7, 10))]
    ['2013-07-06']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from annales.codes import Granularity
from annales.pipeline.resolve import dates_calendar as cal
from annales.pipeline.resolve import dates_lexicon as lex
from annales.pipeline.resolve.dates_calendar import Direction, Tense

NO_ANCHOR = "relative_without_anchor"
VAGUE = "vague"
OUT_OF_RANGE = "out_of_range"
DURATION = "duration"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression found in a text and what it resolves to.

    Attributes:
        text: the expression as written.
        start, end: its character span in the text given to `resolve_expressions`.
        kind: the rule that found it, e.g. "weekday", "month_day_range", "ago".
        value: the first day meant, None when unresolved.
        value_end: the last day of an explicit range ("July 14-15"), else None.
        granularity: how precise `value` is.
        timex: the TimeML value, e.g. "2013-04-23", "2013-W16", "2013-04", "2012-SU", "199",
            "PRESENT_REF"; "" when unknown.
        reason: why `value` is None, e.g. "relative_without_anchor", "vague", "duration".
        relative: whether the expression needs an anchor ("Saturday" does, "2013-04-23" does not).
    """

    text: str
    start: int
    end: int
    kind: str
    value: dt.date | None = None
    value_end: dt.date | None = None
    granularity: Granularity | None = None
    timex: str = ""
    reason: str | None = None
    relative: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: dt.date | None
    tense: Tense


@dataclass(frozen=True, slots=True)
class _Value:
    value: dt.date | None
    granularity: Granularity | None = None
    timex: str = ""
    value_end: dt.date | None = None
    reason: str | None = None
    relative: bool = False


_Handler = Callable[[re.Match[str], _Context], _Value | None]


def _timex(day: dt.date, granularity: Granularity) -> str:
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _at(day: dt.date | None, granularity: Granularity, *, relative: bool, end: dt.date | None = None) -> _Value:
    if day is None:
        return _Value(None, reason=OUT_OF_RANGE, relative=relative)
    if end is not None and end < day:
        return _Value(None, reason=OUT_OF_RANGE, relative=relative)
    return _Value(day, granularity, _timex(day, granularity), end, relative=relative)


def _no_anchor(timex: str = "") -> _Value:
    return _Value(None, timex=timex, reason=NO_ANCHOR, relative=True)


def _month_of(match: re.Match[str], group: str) -> int | None:
    text = match[group]
    key = text.lower().rstrip(".")
    if key in lex.CAPITALISED_ONLY and not text[0].isupper():
        return None
    return lex.MONTHS.get(key)


def _direction(rel: str | None) -> Direction:
    if not rel:
        return ""
    rel = rel.lower()
    if "past" in rel or "last" in rel:
        return "last"
    if "next" in rel or "coming" in rel:
        return "next"
    return "this"


def _count(text: str) -> int | None:
    """The number in "two weeks ago"; None for vague amounts ("several")."""
    key = " ".join(text.lower().split())
    if key.isdigit():
        return int(key)
    return lex.NUMBER_WORDS.get(key)


def _year_of(match: re.Match[str], group: str) -> int | None:
    return int(match[group]) if match[group] else None


# --- absolute numeric forms -------------------------------------------------------------------


def _iso(match: re.Match[str], ctx: _Context) -> _Value | None:
    day = cal.safe_date(int(match["y"]), int(match["mo"]), int(match["d"]))
    return _at(day, "day", relative=False) if day else None


def _numeric(match: re.Match[str], ctx: _Context) -> _Value | None:
    """23-04-2013, 23.04.2013, 23/04/2013: day first unless that is impossible."""
    first, second, year_text = int(match["a"]), int(match["b"]), match["y"]
    year = int(year_text) if len(year_text) == 4 else (2000 if int(year_text) < 50 else 1900) + int(year_text)
    day, month = (first, second) if second <= 12 else (second, first)
    found = cal.safe_date(year, month, day)
    return _at(found, "day", relative=False) if found else None


# --- month and day --------------------------------------------------------------------------


def _with_weekday(ctx: _Context, month: int, day: int, weekday: int) -> dt.date | None:
    """Use a written weekday ("Saturday, July 13") to pick the year of a yearless date."""
    assert ctx.anchor is not None
    years = range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    fits = [c for year in years if (c := cal.safe_date(year, month, day)) and c.weekday() == weekday]
    return min(fits, key=lambda c: abs((c - ctx.anchor).days)) if fits else None  # type: ignore[operator]


def _month_day(match: re.Match[str], ctx: _Context) -> _Value | None:
    month = _month_of(match, "m")
    if month is None:
        return None
    day, year = int(match["d"]), _year_of(match, "y")
    if year is not None:
        found = cal.safe_date(year, month, day)
        return _at(found, "day", relative=False) if found else None
    if cal.safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 is allowed
        return None
    if ctx.anchor is None:
        return _no_anchor()
    found = None
    if match["wd"]:
        found = _with_weekday(ctx, month, day, lex.WEEKDAYS[match["wd"].lower()])
    found = found or cal.month_day(ctx.anchor, month, day, tense=ctx.tense)
    return _at(found, "day", relative=True)


def _range(
    ctx: _Context, months: tuple[int | None, int | None], days: tuple[int, int], year: int | None
) -> _Value | None:
    """A day range, possibly across months ("July 30 - August 2")."""
    first_month, last_month = months
    if first_month is None or last_month is None or days[0] > 31 or days[1] > 31:
        return None
    if year is not None:
        end = cal.safe_date(year, last_month, days[1])
        start = cal.safe_date(year - (last_month < first_month), first_month, days[0])
        if start is None or end is None or end < start:
            return None
        return _at(start, "day", relative=False, end=end)
    if cal.safe_date(2000, first_month, days[0]) is None or cal.safe_date(2000, last_month, days[1]) is None:
        return None
    if ctx.anchor is None:
        return _no_anchor()
    start = cal.month_day(ctx.anchor, first_month, days[0], tense=ctx.tense)
    if start is None:
        return _Value(None, reason=OUT_OF_RANGE, relative=True)
    end = cal.safe_date(start.year, last_month, days[1])
    if end is not None and end < start:
        end = cal.safe_date(start.year + 1, last_month, days[1])
    if end is None or end == start:
        return None
    return _at(start, "day", relative=True, end=end)


def _month_day_range(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "July 14-15", "July 30 - August 2", "14-15 June", "30 July - 2 August"."""
    month = _month_of(match, "m")
    other = _month_of(match, "m2") if match["m2"] else month
    months = (month, other) if match.start("m") < match.start("d") else (other, month)
    return _range(ctx, months, (int(match["d"]), int(match["d2"])), _year_of(match, "y"))


def _month_year(match: re.Match[str], ctx: _Context) -> _Value | None:
    month = _month_of(match, "m")
    if month is None:
        return None
    return _at(cal.safe_date(int(match["y"]), month, 1), "month", relative=False)


def _month(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "in December", "last June", "late last July", "this May"."""
    month = _month_of(match, "m")
    if month is None:
        return None
    if ctx.anchor is None:
        return _no_anchor()
    year = cal.month_year(ctx.anchor, month, tense=ctx.tense, direction=_direction(match["rel"]))
    return _at(cal.safe_date(year, month, 1), "month", relative=True)


def _day_of_month(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "on the 14th": the 14th of the anchor's month, or of a neighbouring one by tense."""
    day = int(match["d"])
    if not 1 <= day <= 31:
        return None
    if ctx.anchor is None:
        return _no_anchor()
    months = [cal.add_months(ctx.anchor, n) for n in (-1, 0, 1)]
    candidates = [c for m in months if m and (c := cal.safe_date(m.year, m.month, day))]
    if ctx.tense == "past":
        found = max((c for c in candidates if c <= ctx.anchor), default=None)
    elif ctx.tense == "future":
        found = min((c for c in candidates if c >= ctx.anchor), default=None)
    else:
        anchor = ctx.anchor
        found = min(candidates, key=lambda c: abs((c - anchor).days), default=None)
    return _at(found, "day", relative=True)


# --- weekdays and day words -----------------------------------------------------------------


def _weekday(match: re.Match[str], ctx: _Context) -> _Value | None:
    if ctx.anchor is None:
        return _no_anchor()
    direction = _direction(match["rel"])
    if direction == "this":  # "this Saturday" is the coming one unless the clause is past
        direction = ""
        tense: Tense = "past" if ctx.tense == "past" else "future"
    else:
        tense = ctx.tense
    found = cal.weekday_date(ctx.anchor, lex.WEEKDAYS[match["wd"].lower()], tense=tense, direction=direction)
    return _at(found, "day", relative=True)


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


def _day_word(match: re.Match[str], ctx: _Context) -> _Value | None:
    if ctx.anchor is None:
        return _no_anchor()
    offset = _DAY_WORDS[" ".join(match["w"].lower().split())]
    return _at(cal.add_days(ctx.anchor, offset), "day", relative=True)


def _present_ref(match: re.Match[str], ctx: _Context) -> _Value | None:
    if ctx.anchor is None:
        return _no_anchor("PRESENT_REF")
    return _Value(ctx.anchor, "day", "PRESENT_REF", relative=True)


def _past_ref(match: re.Match[str], ctx: _Context) -> _Value | None:
    return _Value(None, timex="PAST_REF", reason=VAGUE, relative=True)


def _future_ref(match: re.Match[str], ctx: _Context) -> _Value | None:
    return _Value(None, timex="FUTURE_REF", reason=VAGUE, relative=True)


# --- units relative to the anchor -----------------------------------------------------------


def _unit_at(anchor: dt.date, unit: str, steps: int) -> _Value:
    """The week/month/year/quarter/decade `steps` units from the one holding `anchor`."""
    if unit == "week":
        return _at(cal.add_days(cal.week_start(anchor), 7 * steps), "week", relative=True)
    if unit == "month":
        return _at(cal.add_months(anchor, steps), "month", relative=True)
    if unit == "quarter":
        first = cal.add_months(anchor, 3 * steps - (anchor.month - 1) % 3)
        last = cal.add_months(first, 2) if first else None
        if first is None or last is None:
            return _Value(None, reason=OUT_OF_RANGE, relative=True)
        timex = f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
        return _Value(first, "month", timex, cal.month_end(last), relative=True)
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        first_year = (anchor.year // size + steps) * size
        start, end = cal.safe_date(first_year, 1, 1), cal.safe_date(first_year + size - 1, 12, 31)
        if start is None or end is None:
            return _Value(None, reason=OUT_OF_RANGE, relative=True)
        return _Value(start, "year", str(first_year // size), end, relative=True)
    return _at(cal.safe_date(anchor.year + steps, 1, 1), "year", relative=True)


def _weekend(anchor: dt.date, direction: Direction, tense: Tense) -> _Value:
    if anchor.weekday() >= 5 and direction == "this":
        saturday: dt.date | None = cal.add_days(anchor, 5 - anchor.weekday())
    elif direction == "this":
        saturday = cal.weekday_date(anchor, 5, tense="past" if tense == "past" else "future")
    else:
        saturday = cal.weekday_date(anchor, 5, tense=tense, direction=direction)
    if saturday is None:
        return _Value(None, reason=OUT_OF_RANGE, relative=True)
    value = _at(saturday, "day", relative=True, end=cal.add_days(saturday, 1))
    year, week, _ = saturday.isocalendar()
    return _Value(saturday, "day", f"{year:04d}-W{week:02d}-WE", value.value_end, relative=True)


def _relative_unit(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "last week", "this month", "late last year", "the coming weeks" is not one (plural)."""
    if ctx.anchor is None:
        return _no_anchor()
    direction, unit = _direction(match["rel"]), match["unit"].lower()
    if unit == "weekend":
        return _weekend(ctx.anchor, direction, ctx.tense)
    return _unit_at(ctx.anchor, unit, {"last": -1, "next": 1}.get(direction, 0))


_UNIT_GRANULARITY: dict[str, Granularity] = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _shift(anchor: dt.date, unit: str, n: int) -> _Value:
    if unit == "day":
        return _at(cal.add_days(anchor, n), "day", relative=True)
    if unit == "week":
        return _at(cal.add_days(anchor, 7 * n), "week", relative=True)
    if unit == "month":
        return _at(cal.add_months(anchor, n), "month", relative=True)
    years = n * (10 if unit == "decade" else 1)
    return _at(cal.safe_date(anchor.year + years, 1, 1) if abs(years) < 3000 else None, "year", relative=True)


def _ago(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "two weeks ago", "three days from now"."""
    n = _count(match["n"])
    if n is None:
        return _Value(None, timex="PAST_REF" if match["dir"].lower() == "ago" else "FUTURE_REF", reason=VAGUE)
    if ctx.anchor is None:
        return _no_anchor()
    sign = -1 if match["dir"].lower() == "ago" else 1
    return _shift(ctx.anchor, match["unit"].lower(), sign * min(n, 100_000))


def _in_units(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "in two weeks": a date ahead in future or present clauses, a duration in past ones."""
    n = _count(match["n"])
    if n is None or ctx.tense == "past":
        return _Value(None, reason=DURATION if n is not None else VAGUE)
    if ctx.anchor is None:
        return _no_anchor()
    return _shift(ctx.anchor, match["unit"].lower(), min(n, 100_000))


def _edge_of(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "the end of the year": December, so a past clause early in a year means last year."""
    if ctx.anchor is None:
        return _no_anchor()
    unit = match["unit"].lower()
    if unit != "year":
        return _unit_at(ctx.anchor, unit, 0)
    ends = (match["edge"] or "end").lower() == "end"
    back = ends and ctx.tense == "past" and ctx.anchor.month < 12
    return _at(cal.safe_date(ctx.anchor.year - back, 1, 1), "year", relative=True)


# --- years, decades, centuries, seasons, quarters -------------------------------------------

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
    return cued or 1900 <= year <= 2099


def _year(match: re.Match[str], ctx: _Context) -> _Value | None:
    year = int(match["y"])
    if not _looks_like_year(match, year):
        return None
    return _at(cal.safe_date(year, 1, 1), "year", relative=False)


def _year_range(match: re.Match[str], ctx: _Context) -> _Value | None:
    first, last_text = int(match["y"]), match["y2"]
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if not 0 < last - first <= 100:
        return None
    return _at(cal.safe_date(first, 1, 1), "year", relative=False, end=cal.safe_date(last, 12, 31))


def _decade(match: re.Match[str], ctx: _Context) -> _Value | None:
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
    return _Value(start, "year", f"{first // 10:03d}", end, relative=relative)


def _century(match: re.Match[str], ctx: _Context) -> _Value | None:
    number = int(match["n"]) if match["n"] else lex.ORDINAL_WORDS.get(" ".join(match["w"].lower().split()), 0)
    if not 1 <= number <= 30:
        return None
    timex = f"{number - 1:02d}"
    start, end = cal.safe_date((number - 1) * 100, 1, 1), cal.safe_date((number - 1) * 100 + 99, 12, 31)
    if start is None or end is None:
        return _Value(None, timex=timex, reason=OUT_OF_RANGE)
    return _Value(start, "year", timex, end)


def _season_year(ctx: _Context, first_month: int, direction: Direction) -> int:
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


def _season(match: re.Match[str], ctx: _Context) -> _Value | None:
    name = match["s"].lower()
    year = _year_of(match, "y")
    if year is None and not match["rel"] and not (match["the"] and name != "fall"):
        return None  # a bare "fall" or "winter" is too often not a date
    first_month, code = lex.SEASONS[name]
    if year is None:
        if ctx.anchor is None:
            return _no_anchor()
        year = _season_year(ctx, first_month, _direction(match["rel"]))
    start = cal.safe_date(year, first_month, 1)
    last = cal.add_months(start, 2) if start else None
    if start is None or last is None:
        return _Value(None, reason=OUT_OF_RANGE)
    return _Value(start, "month", f"{year:04d}-{code}", cal.month_end(last), relative=not match["y"])


_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(match: re.Match[str], ctx: _Context) -> _Value | None:
    quarter = _QUARTERS[match["q"].lower()] if match["q"] else int(match["qn"])
    year = _year_of(match, "y") or _year_of(match, "yq")
    if year is None:
        if ctx.anchor is None:
            return _no_anchor()
        if match["rel"]:
            year = ctx.anchor.year + {"last": -1, "next": 1}.get(_direction(match["rel"]), 0)
        else:
            year = cal.month_year(ctx.anchor, quarter * 3 - 2, tense=ctx.tense)
    start = cal.safe_date(year, quarter * 3 - 2, 1)
    last = cal.add_months(start, 2) if start else None
    if start is None or last is None:
        return _Value(None, reason=OUT_OF_RANGE)
    return _Value(
        start, "month", f"{year:04d}-Q{quarter}", cal.month_end(last), relative=not (match["y"] or match["yq"])
    )


# --- the rules ------------------------------------------------------------------------------

_M, _M2 = lex.month_group("m"), lex.month_group("m2")
_D, _D2, _Y = lex.day_group("d"), lex.day_group("d2"), lex.year_group("y")
_YEAR_TAIL = rf"(?:,?\s+{_Y})?"
_WEEKDAY_HEAD = rf"(?:{lex.WEEKDAY},?\s+)?"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
# "the past two years" is a span of time (a duration), not a vague past reference.
_NOT_SPAN = r"(?!\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|years?|decades?|centur))"

_RULES: tuple[tuple[str, str, _Handler], ...] = (
    ("iso", r"(?P<y>[12]\d{3})(?P<sep>[-/])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])", _iso),
    ("numeric", r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d]|[./-]\d)", _numeric),
    ("month_day_range", rf"{_M}\s+{_D}{lex.RANGE_DASH}(?:{_M2}\s+)?{_D2}{_YEAR_TAIL}", _month_day_range),
    ("day_month_range", rf"{_D}(?:\s+{_M2})?{lex.RANGE_DASH}{_D2}\s+(?:of\s+)?{_M}{_YEAR_TAIL}", _month_day_range),
    ("month_day", rf"{_WEEKDAY_HEAD}{_M}\s+(?:the\s+)?{_D}{_YEAR_TAIL}", _month_day),
    ("day_month", rf"{_WEEKDAY_HEAD}(?:the\s+)?{_D}\s+(?:of\s+)?{_M}{_YEAR_TAIL}", _month_day),
    ("month_year", rf"(?:{lex.MODIFIER}[\s-]+)?{_M},?\s+(?:of\s+)?{_Y}", _month_year),
    ("month", rf"(?:{lex.MODIFIER}[\s-]+)?(?:{lex.DIRECTION}\s+)?{lex.month_group('m', full_only=True)}", _month),
    ("day_of_month", r"the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?!\s*-?\s*[A-Za-z0-9])", _day_of_month),
    ("weekday", rf"(?:{lex.DIRECTION}\s+)?{lex.WEEKDAY}{lex.PART_OF_DAY}", _weekday),
    (
        "day_word",
        r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|"
        r"last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+(?:morning|afternoon|evening|night))?",
        _day_word,
    ),
    ("present_ref", r"right\s+now|now|currently|at\s+present|presently|nowadays|these\s+days", _present_ref),
    ("past_ref", rf"(?:(?:in\s+)?the\s+past{_NOT_SPAN})|at\s+the\s+time|recently|formerly|previously", _past_ref),
    ("future_ref", r"(?:in\s+)?the\s+future|(?<!as\s)soon(?!\s+(?:as|after)\b)", _future_ref),
    (
        "relative_unit",
        rf"(?:{lex.MODIFIER}[\s-]+)?(?:the\s+)?{lex.DIRECTION}\s+(?:(?:fiscal|calendar)\s+)?"
        r"(?P<unit>weekend|week|month|year|quarter|decade|century)",
        _relative_unit,
    ),
    ("ago", rf"{lex.NUMBER}\s+{_UNIT}\s+(?P<dir>ago|from\s+now|hence)", _ago),
    ("in_units", rf"in\s+{lex.NUMBER}\s+(?P<unit>day|week|month|year)s?(?:['’]?\s*time)?", _in_units),
    (
        "edge_of",
        r"(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the\s+)?(?P<unit>week|month|year)|"
        r"(?P<unit2>year)[\s-]end",
        lambda match, ctx: _edge_of_any(match, ctx),
    ),
    ("year_range", rf"{_Y}\s*(?:[-–/]|\s(?:to|and|through)\s)\s*(?P<y2>[12]\d{{3}}|\d{{2}})(?![\d])", _year_range),
    ("year", rf"(?:{lex.MODIFIER}[\s-]+)?(?:(?:fiscal|FY)\s*)?{_Y}", _year),
    ("decade", r"(?:the\s+)?(?:(?P<cent>1\d|20)(?P<dec>\d)0['’]?s|['’]?(?P<short>\d)0['’]?s)", _decade),
    (
        "century",
        r"(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>twenty[\s-]first|[a-z]+teenth|twentieth|first|second|"
        r"third|fourth|fifth))[\s-]+century",
        _century,
    ),
    (
        "season",
        rf"(?:(?P<mod>early|mid|late)[\s-]+)?(?:{lex.DIRECTION}\s+|(?P<the>the)\s+)?"
        rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_Y})?",
        _season,
    ),
    (
        "quarter",
        r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
        rf"(?:\s+of\s+(?:(?P<rel>last|this|next)\s+year|{_Y}))?|Q(?P<qn>[1-4])(?:\s+{lex.year_group('yq')})?",
        _quarter,
    ),
)


def _edge_of_any(match: re.Match[str], ctx: _Context) -> _Value | None:
    if match["unit2"]:
        if ctx.anchor is None:
            return _no_anchor()
        back = ctx.tense == "past" and ctx.anchor.month < 12
        return _at(cal.safe_date(ctx.anchor.year - back, 1, 1), "year", relative=True)
    return _edge_of(match, ctx)


_COMPILED: tuple[tuple[str, re.Pattern[str], _Handler], ...] = tuple(
    (kind, re.compile(rf"(?<![\w$€£#.,/-])(?:{pattern})(?![\w])", re.IGNORECASE), handler)
    for kind, pattern, handler in _RULES
)


def _candidates(text: str, ctx: _Context) -> list[TimeExpr]:
    found = []
    for kind, pattern, handler in _COMPILED:
        for match in pattern.finditer(text):
            result = handler(match, ctx)
            if result is None:
                continue
            found.append(
                TimeExpr(
                    text=match[0],
                    start=match.start(),
                    end=match.end(),
                    kind=kind,
                    value=result.value,
                    value_end=result.value_end,
                    granularity=result.granularity,
                    timex=result.timex,
                    reason=result.reason,
                    relative=result.relative,
                )
            )
    return found


def resolve_expressions(text: str, *, anchor: dt.date | None, tense: Tense = "past") -> list[TimeExpr]:
    """Find the temporal expressions of `text` and resolve them against `anchor`.

    Overlapping matches are settled longest first; the result is sorted by position.
    Never raises on any string.

    Args:
        text: any text, typically one sentence.
        anchor: the publication date; None leaves relative expressions unresolved with
            reason "relative_without_anchor" (absolute ones still resolve).
        tense: the tense of the clause; decides whether "Saturday", "in December" or
            "July 11" point back ("past"), forward ("future") or to the nearest ("present").

    Returns:
        The expressions, in text order.

    Example:
        >>> import datetime as dt
        >>> [e.value_end for e in resolve_expressions("Talks on July 14-15.", anchor=dt.date(2013, 7, 1),
        ...  tense="future")]
        [datetime.date(2013, 7, 15)]
    """
    ctx = _Context(anchor, tense)
    chosen: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for expr in sorted(_candidates(text, ctx), key=lambda e: (e.start - e.end, e.start)):
        if all(expr.end <= start or expr.start >= end for start, end in taken):
            chosen.append(expr)
            taken.append((expr.start, expr.end))
    return sorted(chosen, key=lambda e: e.start)
