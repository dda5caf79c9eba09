"""The one filter bar: query parameters shared by every page, their chips and the bar's form.

The filters live in the URL (so a view can be bookmarked, shared and opened by a chart
click); `event_filter` reads and checks them, `filter_bar` describes the bar a page shows:
its fields, the chips of the filters in force (each with the URL that removes it), and the
hidden fields that carry the page's other parameters through a new search.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from starlette.datastructures import URL

from annales import codes
from annales.codes import QUAD_NAMES
from annales.errors import ConfigError
from annales.store.queries import EventFilter

Code = Annotated[str | None, Query(max_length=64, description="Country or code prefix, e.g. USA or USA.GOV.")]
StatusParam = Literal["occurred", "planned", "hypothetical", "requested"]

# Paging parameters: a new search starts again from the first page.
PAGING = frozenset({"cursor", "before", "offset"})


def relative(url: URL) -> str:
    """A URL of this server as a link: its path and query, without scheme and host."""
    return url.path + (f"?{url.query}" if url.query else "")


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`south,west,north,east` in degrees as four floats.

    Raises:
        ConfigError: not four comma-separated finite numbers in range (E019).
    """
    parts = value.split(",")
    if len(parts) != 4:
        raise ConfigError("E019", f"bbox {value!r} is not four numbers south,west,north,east")
    try:
        numbers = [float(part) for part in parts]
    except ValueError as exc:
        raise ConfigError("E019", f"bbox {value!r} is not four numbers south,west,north,east") from exc
    if not all(math.isfinite(number) for number in numbers):
        raise ConfigError("E019", "bbox needs four finite numbers: south,west,north,east")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def event_filter(
    actor: Code = None,
    recipient: Code = None,
    both: Annotated[bool, Query(description="Actor and recipient in either direction.")] = False,
    dyad: Annotated[str | None, Query(max_length=130, description="ACTOR-RECIPIENT, e.g. USA-RUS.")] = None,
    type: Annotated[str | None, Query(max_length=32, description="PLOVER type, e.g. CONSULT.")] = None,
    status: StatusParam | None = None,
    negated: bool | None = None,
    since: Annotated[dt.date | None, Query(description="Event date on or after (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Event date on or before (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, Query(max_length=100, description="Place name or ISO alpha-3 country.")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="Place within south,west,north,east.")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    min_confidence: Annotated[
        float | None,
        Query(
            ge=0.0,
            le=1.0,
            description=f"Confidence at least this (default {codes.DEFAULT_MIN_CONFIDENCE:g}; 0 keeps all).",
        ),
    ] = None,
    text: Annotated[str | None, Query(max_length=200, description="A sentence contains this text.")] = None,
    story_id: Annotated[str | None, Query(max_length=128)] = None,
) -> EventFilter:
    """The event filters shared by every page (query parameters).

    Without `min_confidence` the pages show what the CLI shows: events at least
    `codes.DEFAULT_MIN_CONFIDENCE` confident; `min_confidence=0` shows every event.
    """
    if min_confidence is None:
        min_confidence = codes.DEFAULT_MIN_CONFIDENCE
    return EventFilter(
        actor=actor or None,
        recipient=recipient or None,
        both=both,
        dyad=dyad or None,
        type=type or None,
        status=status,
        negated=negated,
        since=since,
        until=until,
        place=place or None,
        bbox=parse_bbox(bbox) if bbox else None,
        quad=quad,
        min_sources=min_sources,
        min_confidence=min_confidence or None,
        text=text or None,
        story_id=story_id or None,
    )


@dataclass(frozen=True, slots=True)
class Chip:
    """One filter in force: what it says and the URL of the same page without it."""

    name: str
    label: str
    remove: str


def _bbox_label(bbox: tuple[float, float, float, float]) -> str:
    south, west, north, east = bbox
    return f"area {south:g}…{north:g}° lat, {west:g}…{east:g}° lon"


def _labels(flt: EventFilter) -> list[tuple[str, str]]:
    # (query parameter, chip text) of every filter in force, in the bar's order.
    pairs: list[tuple[str, str | None]] = [
        ("since", f"from {flt.since}" if flt.since else None),
        ("until", f"until {flt.until}" if flt.until else None),
        ("actor", f"actor {flt.actor}" if flt.actor else None),
        ("recipient", f"recipient {flt.recipient}" if flt.recipient else None),
        ("both", "either direction" if flt.both else None),
        ("dyad", f"dyad {flt.dyad}" if flt.dyad else None),
        ("type", f"type {flt.type}" if flt.type else None),
        ("quad", QUAD_NAMES.get(flt.quad or 0)),
        ("status", f"status {flt.status}" if flt.status else None),
        ("negated", None if flt.negated is None else ("negated" if flt.negated else "not negated")),
        ("min_sources", f"≥ {flt.min_sources} sources" if flt.min_sources else None),
        ("min_confidence", f"confidence ≥ {flt.min_confidence:g}" if flt.min_confidence is not None else None),
        ("text", f"text “{flt.text}”" if flt.text else None),
        ("place", f"place {flt.place}" if flt.place else None),
        ("bbox", _bbox_label(flt.bbox) if flt.bbox else None),
        ("story_id", f"story {flt.story_id}" if flt.story_id else None),
    ]
    return [(name, label) for name, label in pairs if label]


def chips(request: Request, flt: EventFilter | None, *, aliases: dict[str, str] | None = None) -> list[Chip]:
    """The chips of the filters in force on this request, each removing its parameter (and paging).

    Args:
        request: the page request (its URL is the base of each chip's link).
        flt: the filter the page applied, or None for pages without one.
        aliases: more parameters a chip removes, e.g. {"actor": "a"} on the dyad page.
    """
    if flt is None:
        return []
    out = []
    for name, label in _labels(flt):
        drop = [name, *PAGING, *([aliases[name]] if aliases and name in aliases else [])]
        url = request.url.remove_query_params(drop)
        if name == "min_confidence" and name not in request.query_params:
            # The default threshold is in force: its chip says so and shows every event.
            label = f"{label} (default)"
            url = url.include_query_params(min_confidence=0)
        out.append(Chip(name=name, label=label, remove=relative(url)))
    return out


# The bar's visible fields; everything else in the URL rides along as hidden fields.
BAR_FIELDS = ("since", "until", "actor", "recipient", "both", "type", "status", "min_sources", "min_confidence", "text")


def filter_bar(
    request: Request,
    flt: EventFilter | None,
    *,
    action: str,
    values: dict[str, Any],
    aliases: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What the filter bar of a page shows.

    Args:
        request: the page request.
        flt: the filter the page applied (None: the bar searches the events table).
        action: the URL the bar's form submits to.
        values: the current value of each visible field (as typed, for the inputs).
        aliases: the page's own names of bar fields, e.g. {"a": "actor"}: never hidden fields,
            and removed with the chip of the field they stand for.

    Returns:
        {"action", "values", "chips", "hidden": [(name, value)]}.
    """
    aliases = aliases or {}
    skip = {*BAR_FIELDS, *PAGING, *aliases}
    hidden = [
        (name, value) for name, value in request.query_params.multi_items() if flt is not None and name not in skip
    ]
    removes = {name: alias for alias, name in aliases.items()}
    return {"action": action, "values": values, "chips": chips(request, flt, aliases=removes), "hidden": hidden}
