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
from dataclasses import replace

from annales.pipeline.resolve import dates_days as days
from annales.pipeline.resolve import dates_lexicon as lex
from annales.pipeline.resolve import dates_periods as periods
from annales.pipeline.resolve.dates_calendar import Tense
from annales.pipeline.resolve.dates_values import (
    DURATION,
    NO_ANCHOR,
    OUT_OF_RANGE,
    VAGUE,
    Context,
    Handler,
    TimeExpr,
)

__all__ = ["DURATION", "NO_ANCHOR", "OUT_OF_RANGE", "VAGUE", "TimeExpr", "resolve_expressions"]

# --- the rules ------------------------------------------------------------------------------

_M, _M2 = lex.month_group("m"), lex.month_group("m2")
_D, _D2, _Y = lex.day_group("d"), lex.day_group("d2"), lex.year_group("y")
_YEAR_TAIL = rf"(?:,?\s+{_Y})?"
_WEEKDAY_HEAD = rf"(?:{lex.WEEKDAY},?\s+)?"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
# "the past two years" is a span of time (a duration), not a vague past reference.
_NOT_SPAN = r"(?!\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|years?|decades?|centur))"

_RULES: tuple[tuple[str, str, Handler], ...] = (
    ("iso", r"(?P<y>[12]\d{3})(?P<sep>[-/])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])", days.resolve_iso),
    (
        "numeric",
        r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d]|[./-]\d)",
        days.resolve_numeric,
    ),
    ("month_day_range", rf"{_M}\s+{_D}{lex.RANGE_DASH}(?:{_M2}\s+)?{_D2}{_YEAR_TAIL}", days.resolve_month_day_range),
    (
        "day_month_range",
        rf"{_D}(?:\s+{_M2})?{lex.RANGE_DASH}{_D2}\s+(?:of\s+)?{_M}{_YEAR_TAIL}",
        days.resolve_month_day_range,
    ),
    ("month_day", rf"{_WEEKDAY_HEAD}{_M}\s+(?:the\s+)?{_D}{_YEAR_TAIL}", days.resolve_month_day),
    ("day_month", rf"{_WEEKDAY_HEAD}(?:the\s+)?{_D}\s+(?:of\s+)?{_M}{_YEAR_TAIL}", days.resolve_month_day),
    ("month_year", rf"(?:{lex.MODIFIER}[\s-]+)?{_M},?\s+(?:of\s+)?{_Y}", days.resolve_month_year),
    (
        "month",
        rf"(?:{lex.MODIFIER}[\s-]+)?(?:{lex.DIRECTION}\s+)?{lex.month_group('m', full_only=True)}",
        days.resolve_month,
    ),
    ("day_of_month", r"the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?!\s*-?\s*[A-Za-z0-9])", days.resolve_day_of_month),
    ("weekday", rf"(?:{lex.DIRECTION}\s+)?{lex.WEEKDAY}{lex.PART_OF_DAY}", days.resolve_weekday),
    (
        "day_word",
        r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|"
        r"last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+(?:morning|afternoon|evening|night))?",
        days.resolve_day_word,
    ),
    (
        "present_ref",
        r"right\s+now|now|currently|at\s+present|presently|nowadays|these\s+days",
        days.resolve_present_ref,
    ),
    (
        "past_ref",
        rf"(?:(?:in\s+)?the\s+past{_NOT_SPAN})|at\s+the\s+time|recently|formerly|previously",
        days.resolve_past_ref,
    ),
    ("future_ref", r"(?:in\s+)?the\s+future|(?<!as\s)soon(?!\s+(?:as|after)\b)", days.resolve_future_ref),
    (
        "relative_unit",
        rf"(?:{lex.MODIFIER}[\s-]+)?(?:the\s+)?{lex.DIRECTION}\s+(?:(?:fiscal|calendar)\s+)?"
        r"(?P<unit>weekend|week|month|year|quarter|decade|century)",
        periods.resolve_relative_unit,
    ),
    ("weekend", r"the\s+weekend", periods.resolve_the_weekend),
    ("ago", rf"{lex.NUMBER}\s+{_UNIT}\s+(?P<dir>ago|from\s+now|hence)", periods.resolve_ago),
    ("in_units", rf"in\s+{lex.NUMBER}\s+(?P<unit>day|week|month|year)s?(?:['’]?\s*time)?", periods.resolve_in_units),
    (
        "edge_of",
        r"(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the\s+)?(?P<unit>week|month|year)|"
        r"(?P<unit2>year)[\s-]end",
        periods.resolve_edge_of,
    ),
    (
        "year_range",
        rf"{_Y}\s*(?:[-–/]|\s(?:to|and|through)\s)\s*(?P<y2>[12]\d{{3}}|\d{{2}})(?![\d])",
        periods.resolve_year_range,
    ),
    ("year", rf"(?:{lex.MODIFIER}[\s-]+)?(?:(?:fiscal|FY)\s*)?{_Y}", periods.resolve_year),
    ("decade", r"(?:the\s+)?(?:(?P<cent>1\d|20)(?P<dec>\d)0['’]?s|['’]?(?P<short>\d)0['’]?s)", periods.resolve_decade),
    (
        "century",
        r"(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>twenty[\s-]first|[a-z]+teenth|twentieth|first|second|"
        r"third|fourth|fifth))[\s-]+century",
        periods.resolve_century,
    ),
    (
        "season",
        rf"(?:(?P<mod>early|mid|late)[\s-]+)?(?:{lex.DIRECTION}\s+|(?P<the>the)\s+)?"
        rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_Y})?",
        periods.resolve_season,
    ),
    (
        "quarter",
        r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
        rf"(?:\s+of\s+(?:(?P<rel>last|this|next)\s+year|{_Y}))?|Q(?P<qn>[1-4])(?:\s+{lex.year_group('yq')})?",
        periods.resolve_quarter,
    ),
)


_COMPILED: tuple[tuple[str, re.Pattern[str], Handler], ...] = tuple(
    (kind, re.compile(rf"(?<![\w$€£#.,/-])(?:{pattern})(?![\w])", re.IGNORECASE), handler)
    for kind, pattern, handler in _RULES
)


def _candidates(text: str, ctx: Context) -> list[TimeExpr]:
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


# Kinds that name their month: against a year-only anchor they still resolve, in that year.
_MONTH_NAMING = frozenset(
    {"month_day_range", "day_month_range", "month_day", "day_month", "month", "season", "quarter"}
)


def _within_year(expr: TimeExpr) -> TimeExpr:
    """`expr` as resolved against a year-only anchor: its value only if it names its month or counts years."""
    if not expr.relative or expr.value is None or expr.kind in _MONTH_NAMING or expr.granularity == "year":
        return expr
    return replace(expr, value=None, value_end=None, granularity=None, timex="", reason=NO_ANCHOR)


def resolve_expressions(
    text: str, *, anchor: dt.date | None, tense: Tense = "past", lagging: bool = True, year_only: bool = False
) -> list[TimeExpr]:
    """Find the temporal expressions of `text` and resolve them against `anchor`.

    Overlapping matches are settled longest first; the result is sorted by position.
    Never raises on any string.

    Args:
        text: any text, typically one sentence.
        anchor: the publication date; None leaves relative expressions unresolved with
            reason "relative_without_anchor" (absolute ones still resolve).
        tense: the tense of the clause; decides whether "Saturday", "in December" or
            "July 11" point back ("past"), forward ("future") or to the nearest ("present").
        lagging: the anchor may lag a day behind the text (a lead against its publication date): a
            past "Monday" in a text of a Sunday is the next day, not six days before.
        year_only: only the anchor's year is known (the year an undated article was written,
            `dates_year.article_year`; pass its December 31): a relative expression keeps its value
            when it names its month ("in February", "July 7") or counts years ("last year"), read in
            that year; one that counts days, weeks or months from the day of writing ("on Saturday",
            "last month") has none (reason "relative_without_anchor").

    Returns:
        The expressions, in text order.

    Example:
        >>> import datetime as dt
        >>> [e.value_end for e in resolve_expressions("Talks on July 14-15.", anchor=dt.date(2013, 7, 1),
        ...  tense="future")]
        [datetime.date(2013, 7, 15)]
    """
    ctx = Context(anchor, "past" if year_only else tense, lagging)
    chosen: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    candidates = _candidates(text, ctx)
    if year_only:
        candidates = [_within_year(expr) for expr in candidates]
    for expr in sorted(candidates, key=lambda e: (e.start - e.end, e.start)):
        if all(expr.end <= start or expr.start >= end for start, end in taken):
            chosen.append(expr)
            taken.append((expr.start, expr.end))
    return sorted(chosen, key=lambda e: e.start)
