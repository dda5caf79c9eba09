"""Publication dates written in the text: date lines near the top and wire datelines.

Only the header of a text document is searched (the lines before the body starts), so a
date in a related-links list, a footer or a comment block is never taken for the
publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # April 23, 2013
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 23 April 2013
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)\b"),  # 2013-04-23
    re.compile(r"\b(?P<day>[0-3]?\d)[-.](?P<month>[01]?\d)[-.](?P<year>(?:19|20)\d\d)\b"),  # 23-04-2013, 23.04.2013
    re.compile(r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),  # 04/23/2013 (US order)
)
# Words that may stand around a date on a date line without making it prose.
_DATE_LINE_FILLER = re.compile(
    r"\b(?:published|posted|updated|last|first|modified|date|on|at|am|pm|gmt|utc|est|edt|cet|cest|bst|msk|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"local|time|hrs|h)\b|\d{1,2}[:.h]\d{2}(?::\d{2})?|[^\w]",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z.'&/\- ]{{1,40}}?(?:,\s*[A-Z][A-Za-z.' ]{{1,30}})?),*\s+"
    rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\s*)?"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\)\s*)?[-–—]+\s",
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline at the start of the body: "MOSCOW, April 23 (Reuters) - "."""

    place: str
    date: dt.date | None
    month_day: str | None  # "April 23" when the dateline has no year
    agency: str | None


def find_date(text: str) -> dt.date | None:
    """The first full calendar date written in `text`, or None.

    Args:
        text: a short string such as "Published 24-04-2013, 07:30".

    Returns:
        The date; numeric dates with dashes or dots are read day first, with slashes month first.
    """
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match)
            if found is not None:
                return found
    return None


def _to_date(match: re.Match[str]) -> dt.date | None:
    month_text = match["month"].lower().rstrip(".")
    month = MONTHS[month_text] if month_text in MONTHS else int(month_text)
    day, year = int(match["day"]), int(match["year"])
    if month > 12 and day <= 12:  # "04/23/2013" read day first by mistake: swap
        month, day = day, month
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_line(line: str) -> dt.date | None:
    """The date of a line that holds only a date (with a label, weekday or time), else None.

    Example:
        >>> parse_date_line("Published 24-04-2013, 07:30")
        datetime.date(2013, 4, 24)
        >>> parse_date_line("U.S., Russia in new shadow boxingApril 13, 2013") is None
        True
    """
    if len(line) > 80:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        rest = line[: match.start()] + " " + line[match.end() :]
        if _DATE_LINE_FILLER.sub("", rest).strip():
            return None
        return _to_date(match)
    return None


def is_update_line(line: str) -> bool:
    """True for "Updated ..." lines, whose date is not the publication date."""
    return _UPDATED.search(line) is not None


def parse_dateline(paragraph: str) -> Dateline | None:
    """Read a wire dateline at the start of a paragraph.

    Example:
        >>> parse_dateline("MOSCOW, April 23 (Reuters) - Russia said...").month_day
        'April 23'
    """
    match = _DATELINE.match(paragraph)
    if match is None or not (match["month"] or match["agency"]):
        return None
    place = match["place"].strip()
    if not place.split(",")[0].replace(" ", "").replace(".", "").isupper():
        return None  # datelines put the city in capitals; "The State Department said -" is prose
    date = _to_date(match) if match["month"] and match["year"] else None
    month_day = f"{match['month']} {match['day']}" if match["month"] and not match["year"] else None
    return Dateline(place=place, date=date, month_day=month_day, agency=match["agency"])


def signoff_start(text: str) -> int | None:
    """Where the date of an agency's sign-off closing `text` starts (`parse_signoff`), or None: the date
    stage skips it as a day of news."""
    match = _SIGNOFF.search(text)
    return match.start("date") if match is not None else None


def parse_signoff(paragraph: str) -> dt.date | None:
    """The date of an agency's sign-off closing the text's last paragraph ("... common interest. MAP 05 April
    2018"): a full date after the last sentence, with at most an agency's or writer's name before it.

    Example:
        >>> parse_signoff("They met in Rabat. MAP 05 April 2018")
        datetime.date(2018, 4, 5)
        >>> parse_signoff("The rights run from April 15, 2018 to March 31, 2023.") is None
        True
    """
    match = _SIGNOFF.search(paragraph)
    if match is None:
        return None
    for pattern in _DATE_PATTERNS[:3]:
        found = pattern.fullmatch(match["date"].strip())
        if found is not None:
            return _to_date(found)
    return None


# After a sentence's end: up to three capitalised words (an agency, a writer's initials), then a full date,
# and nothing after it but a full stop.
_SIGNOFF = re.compile(
    r"(?:^|[.!?\"\u201d\u2019)]\s+)(?:[A-Z][A-Za-z/&-]{0,15}\s+){0,3}"
    r"(?P<date>(?:[0-3]?\d\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d\d|[A-Za-z]{3,9}\.?\s+[0-3]?\d,?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d))\.?\s*$"
)


def resolve_month_day(month_day: str, anchor: dt.date) -> dt.date | None:
    """The last date on or before `anchor` with the month and day of "April 23".

    Used for a yearless dateline when the crawl date is known: a story is crawled after it
    is published, so "April 23" crawled on 2013-05-02 is 2013-04-23, and crawled on
    2014-01-05 it is 2013-04-23 too.

    Example:
        >>> resolve_month_day("Dec. 30", dt.date(2014, 1, 5))
        datetime.date(2013, 12, 30)
    """
    name, _, day_text = month_day.partition(" ")
    month = MONTHS.get(name.lower().rstrip("."))
    if month is None or not day_text.isdigit():
        return None
    for year in (anchor.year, anchor.year - 1):
        try:
            found = dt.date(year, month, int(day_text))
        except ValueError:
            continue  # February 29 outside a leap year
        if found <= anchor:
            return found
    return None


# "Copyright 2018", "© 2018", "(c) 2016", "Copyright © 2017": the year of a text's own copyright line.
_COPYRIGHT = re.compile(r"(?:\bcopyright\b|©|\(c\))\s*(?:©\s*)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


def copyright_year(text: str) -> int | None:
    """The year of the last copyright line in `text` ("Copyright 2018 by CNN NewSource"), or None.

    Example:
        >>> copyright_year("They met. Copyright 2018 by CNN.")
        2018
    """
    years = [int(match["year"]) for match in _COPYRIGHT.finditer(text)]
    return years[-1] if years else None
