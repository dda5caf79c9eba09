"""Jinja helpers of the explorer's pages: isolated user text, URLs that keep the filters, numbers.

User text (sentences, titles, names, places) is written with `isolate`: escaped, inside a
`<bdi>` element, so a right-to-left override in one document cannot flip the text around it
(issue 14: it flipped other events' highlighted sentences).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from annales import __version__
from annales.api.filters import PAGING, relative
from annales.codes import DEFAULT_MIN_CONFIDENCE, PLOVER_TYPES, QUAD_NAMES

# Where an event's date and place came from, in words (records.Event.date_source, Place.source).
# How each event's date and place were found (dates v2 / places v2, and the older stores' "text").
DATE_SOURCES = {
    "clause": "stated in its clause", "text": "stated in the text", "story": "the same event told elsewhere",
    "context": "its paragraph's time", "lead": "the lead's date", "news_day": "the day the article tells",
    "published": "publication date",
}  # fmt: skip
PLACE_SOURCES = {
    "clause": "named in its clause", "text": "named in the sentence", "visit": "visit destination",
    "story": "the same event told elsewhere", "host": "the host's country", "lead": "the lead's place",
    "dateline": "dateline", "nearby": "named nearby", "actors": "its parties' country",
    "setting": "the city the article is set in", "whereabouts": "where its actor was that day",
    "speaker": "a city of its actor's country named nearby",
}  # fmt: skip


def isolate(value: Any) -> Markup:
    """`value` as escaped text inside `<bdi>` (its direction isolated from the text around it)."""
    if value is None or value == "":
        return Markup("")
    return Markup("<bdi>") + escape(str(value)) + Markup("</bdi>")


def thousands(value: Any) -> str:
    """An integer with thousands separators (1,234,567); anything else as text."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def page_url(request: Request, *, drop: tuple[str, ...] = (), **changes: Any) -> str:
    """This page's URL with parameters changed (None removes one), starting again from the first page."""
    removed = [*PAGING, *drop, *(name for name, value in changes.items() if value is None)]
    url = request.url.remove_query_params(removed)
    kept = {name: value for name, value in changes.items() if value is not None}
    return relative(url.include_query_params(**kept) if kept else url)


# Parameters of one page that an events-table link must not carry.
PAGE_ONLY = frozenset({"sort", "order", "limit", "max_edges", "min_weight", "max_places", "granularity", "a", "b"})


def events_url(request: Request, **changes: Any) -> str:
    """The events table with this page's filters, changed by `changes` (None removes one)."""
    pairs = [
        (name, value)
        for name, value in request.query_params.multi_items()
        if name not in PAGING and name not in PAGE_ONLY and name not in changes
    ]
    pairs += [(name, str(value)) for name, value in changes.items() if value is not None]
    return "/events" + (f"?{urlencode(pairs)}" if pairs else "")


def sort_url(request: Request, key: str, current: str, order: str) -> str:
    """The URL sorting the table by `key`: the other order when it is the current key, else descending."""
    flipped = "asc" if key == current and order == "desc" else "desc"
    return page_url(request, sort=key, order=flipped)


def place_box(lat: float, lon: float, *, margin: float = 0.005) -> str:
    """The `bbox` parameter of the cell a map place stands for (its coordinates are rounded to 0.01°)."""
    south, north = max(lat - margin, -90.0), min(lat + margin, 90.0)
    west, east = max(lon - margin, -180.0), min(lon + margin, 180.0)
    return f"{south:.3f},{west:.3f},{north:.3f},{east:.3f}"


def setup_templates(templates: Jinja2Templates) -> Jinja2Templates:
    """Add the explorer's globals and filters to a Jinja2Templates environment."""
    env = templates.env
    env.globals.update(
        version=__version__, quad_names=QUAD_NAMES, plover_types=PLOVER_TYPES, date_sources=DATE_SOURCES,
        place_sources=PLACE_SOURCES, page_url=page_url, sort_url=sort_url, events_url=events_url, place_box=place_box,
        default_min_confidence=f"{DEFAULT_MIN_CONFIDENCE:g}",
    )  # fmt: skip
    env.filters.update(isolate=isolate, thousands=thousands)
    return templates
