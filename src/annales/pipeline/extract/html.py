"""HTML extraction with trafilatura, and the per-document time limit the stage runs under.

trafilatura parses with lxml, whose C parser and Python tree walks can take very long or
recurse deeply on hostile pages. Each document runs under a SIGALRM timer when we are in
the main thread (signals only work there); elsewhere it runs unguarded and the stage
counts "no_timeout_guard".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType
from typing import Any

from annales.errors import require

# libxml2 stops building the tree below this depth (without XML_PARSE_HUGE), so deeper
# pages lose their text: we report them as "html_parse_error" rather than "no_text".
MAX_PARSE_DEPTH = 255
_CONTAINER_TAG = re.compile(
    r"<(/?)(?:div|span|section|article|table|tbody|tr|td|ul|ol|li|blockquote|font|center)\b", re.I
)
# Dates before this are not publication dates of online news (htmldate's own floor is 1995).
MIN_DATE = dt.date(1995, 1, 1)


class ExtractFailure(Exception):
    """A page could not be extracted; `reason` is the countable reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ExtractTimeout(BaseException):
    """Raised by the timer inside third-party code; a BaseException so that their broad
    `except Exception` blocks (trafilatura has several) cannot swallow it."""


@dataclass(frozen=True, slots=True)
class HtmlResult:
    """What trafilatura (and htmldate) found in one page."""

    text: str
    title: str | None
    sitename: str | None
    published: dt.date | None
    published_source: str | None  # "trafilatura" or "htmldate"


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise ExtractTimeout after `seconds`; yields whether a timer was set."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield False
        return

    def _expire(signum: int, frame: FrameType | None) -> None:
        raise ExtractTimeout

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_html(html: str, *, url: str | None, latest_date: dt.date, favor: str = "balanced") -> HtmlResult:
    """Extract the main text, title, site name and date of an HTML page.

    Args:
        html: the decoded page.
        url: the page URL when known (helps trafilatura and htmldate).
        latest_date: the latest plausible publication date (passed explicitly, never "today").
        favor: "precision", "recall" or "balanced".

    Returns:
        HtmlResult.

    Raises:
        ExtractFailure: "html_parse_error". Run it under `time_limit`.
    """
    trafilatura: Any = require("trafilatura", "core")
    date_params = {
        "original_date": True,
        "extensive_search": False,  # markup only: dates in running text are often not the publication date
        "min_date": MIN_DATE.isoformat(),
        "max_date": latest_date.isoformat(),
    }
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=favor == "precision",
            favor_recall=favor == "recall",
            date_extraction_params=date_params,
        )
        published, source = _document_date(document)
        if published is None:
            published = _htmldate(html, url, latest_date)
            source = "htmldate" if published else None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise ExtractFailure("html_parse_error") from exc
    if document is None or not (document.text or "").strip():
        if nesting_depth(html) > MAX_PARSE_DEPTH:
            raise ExtractFailure("html_parse_error")
        return HtmlResult("", None, None, published, source)
    return HtmlResult(document.text or "", document.title, document.sitename, published, source)


def nesting_depth(html: str, *, stop_at: int = 10_000) -> int:
    """The deepest nesting of container tags, counted on the raw markup (stops past `stop_at`)."""
    depth = deepest = 0
    for match in _CONTAINER_TAG.finditer(html):
        depth += -1 if match[1] else 1
        deepest = max(deepest, depth)
        if deepest > stop_at:
            break
    return deepest


def _document_date(document: Any) -> tuple[dt.date | None, str | None]:
    value = getattr(document, "date", None) if document is not None else None
    parsed = _iso_date(value)
    return (parsed, "trafilatura") if parsed else (None, None)


def _htmldate(html: str, url: str | None, latest_date: dt.date) -> dt.date | None:
    htmldate: Any = require("htmldate", "core")
    value = htmldate.find_date(
        html,
        url=url,
        original_date=True,
        extensive_search=True,
        min_date=MIN_DATE.isoformat(),
        max_date=latest_date.isoformat(),
    )
    return _iso_date(value)


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
