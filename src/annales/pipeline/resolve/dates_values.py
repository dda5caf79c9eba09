"""The value types of date resolution and the small helpers every rule shares.

`TimeExpr` is what callers get back; `Value` is what one rule's handler returns for one
match, and `Context` carries the anchor and tense a handler resolves against.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from annales.codes import Granularity
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
class Context:
    """What a rule resolves against: the anchor (or None), the tense of the clause, and whether the anchor
    may lag a day behind the text (a lead against its publication date: "Fears swept Cairo on Monday" in a
    paper dated Sunday)."""

    anchor: dt.date | None
    tense: Tense
    lagging: bool = True


@dataclass(frozen=True, slots=True)
class Value:
    """What a rule makes of one match: a date and granularity, or a reason it has none."""

    value: dt.date | None
    granularity: Granularity | None = None
    timex: str = ""
    value_end: dt.date | None = None
    reason: str | None = None
    relative: bool = False


Handler = Callable[[re.Match[str], Context], Value | None]


def timex_of(day: dt.date, granularity: Granularity) -> str:
    """The TimeML value of `day` at `granularity`: "2013-04-23", "2013-W16", "2013-04", "2013"."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def value_at(day: dt.date | None, granularity: Granularity, *, relative: bool, end: dt.date | None = None) -> Value:
    """A resolved Value, or one with reason "out_of_range" when the date does not exist."""
    if day is None:
        return Value(None, reason=OUT_OF_RANGE, relative=relative)
    if end is not None and end < day:
        return Value(None, reason=OUT_OF_RANGE, relative=relative)
    return Value(day, granularity, timex_of(day, granularity), end, relative=relative)


def no_anchor(timex: str = "") -> Value:
    """The Value of a relative expression in a text without an anchor."""
    return Value(None, timex=timex, reason=NO_ANCHOR, relative=True)


def month_of(match: re.Match[str], group: str) -> int | None:
    """The month number of a match group, None for an uncapitalised "may"/"march"."""
    text = match[group]
    key = text.lower().rstrip(".")
    if key in lex.CAPITALISED_ONLY and not text[0].isupper():
        return None
    return lex.MONTHS.get(key)


def direction_of(rel: str | None) -> Direction:
    """ "last", "next", "this" or "" from "this past", "coming", "last"..."""
    if not rel:
        return ""
    rel = rel.lower()
    if "past" in rel or "last" in rel:
        return "last"
    if "next" in rel or "coming" in rel:
        return "next"
    return "this"


def count_of(text: str) -> int | None:
    """The number in "two weeks ago"; None for vague amounts ("several")."""
    key = " ".join(text.lower().split())
    if key.isdigit():
        return int(key)
    return lex.NUMBER_WORDS.get(key)


def year_of(match: re.Match[str], group: str) -> int | None:
    """The year in a match group, None when the group did not match."""
    return int(match[group]) if match[group] else None
