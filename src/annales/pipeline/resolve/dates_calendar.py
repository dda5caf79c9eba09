"""Calendar arithmetic for date resolution: which occurrence of a month, day or weekday is meant.

Every function takes the anchor (the publication date) explicitly and never looks at the clock.
`Tense` decides the direction: "past" picks the most recent occurrence on or before the anchor,
"future" the next one on or after it, "present" the nearest one (ties go to the past, because
news mostly reports what already happened).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Tense = Literal["past", "present", "future"]
Direction = Literal["last", "next", "this", ""]

MIN_YEAR = 1000
MAX_YEAR = 2999


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date or None when it does not exist (Feb 30) or lies outside MIN_YEAR..MAX_YEAR."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_days(day: dt.date, n: int) -> dt.date | None:
    """Shift by `n` days; None when the result leaves the supported years."""
    try:
        shifted = day + dt.timedelta(days=n)
    except OverflowError:
        return None
    return shifted if MIN_YEAR <= shifted.year <= MAX_YEAR else None


def add_months(day: dt.date, n: int) -> dt.date | None:
    """The first day of the month `n` months after the month of `day` (n may be negative)."""
    months = day.year * 12 + day.month - 1 + n
    return safe_date(months // 12, months % 12 + 1, 1)


def month_end(first: dt.date) -> dt.date:
    """The last day of the month of `first`."""
    following = first.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def month_year(anchor: dt.date, month: int, *, tense: Tense, direction: Direction = "") -> int:
    """The year of the `month` meant relative to `anchor`.

    Args:
        anchor: the reference date.
        month: 1-12.
        tense: direction when no `direction` word was written.
        direction: "last" (strictly before the anchor's month), "next" (strictly after),
            "this" (the anchor's year) or "" (decided by tense).

    Returns:
        The year.
    """
    if direction == "this":
        return anchor.year
    if direction == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if tense == "past":
        return anchor.year if month <= anchor.month else anchor.year - 1
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    forward = (month - anchor.month) % 12
    return anchor.year + (anchor.month + forward > 12) if forward < 6 else anchor.year - (month > anchor.month)


def month_day(anchor: dt.date, month: int, day: int, *, tense: Tense) -> dt.date | None:
    """The date of `month`/`day` (no year written) meant relative to `anchor` under `tense`."""
    candidates = [c for year in (anchor.year - 1, anchor.year, anchor.year + 1) if (c := safe_date(year, month, day))]
    before = [c for c in candidates if c <= anchor]
    after = [c for c in candidates if c >= anchor]
    if tense == "past":
        return max(before, default=None)
    if tense == "future":
        return min(after, default=None)
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def weekday_date(
    anchor: dt.date, weekday: int, *, tense: Tense, direction: Direction = "", lagging: bool = True
) -> dt.date | None:
    """The date of a weekday (0 = Monday) meant relative to `anchor`.

    "on Saturday" in past tense is the most recent Saturday on or before the anchor (the
    anchor itself when it is a Saturday), except the day after the anchor when the anchor may be
    `lagging`: that day is meant, not the one six days before (a lead's news is not six days old;
    publication dates often lag a day behind the story's); in future
    tense the next one on or after it ("will discuss on Tuesday" in an article of a Tuesday is
    that day, issue 16); in present tense the nearest one. "last"/"next" are strictly before/after the anchor,
    "this" stays inside the anchor's ISO week.
    """
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if direction == "this":
        return add_days(week_start(anchor), weekday)
    if direction == "last":
        return add_days(anchor, -(back or 7))
    if direction == "next":
        return add_days(anchor, forward or 7)
    if tense == "past":
        # the weekday after the anchor's is the next day, not six days before: a news date one day behind the
        # reporter's ("Fears swept Cairo on Monday" in a paper dated Sunday, its URL in another time zone)
        return add_days(anchor, 1 if back == 6 and lagging else -back)
    if tense == "future":
        return add_days(anchor, forward)
    return add_days(anchor, -back if back <= forward else forward)
