"""The explorer's pages. Each page is one data function served twice: as JSON under /api/...
and as HTML rendered from the same data (like datasette's views).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from annales.api.db import Database
from annales.codes import EVENT_STATUSES
from annales.store import queries
from annales.store.queries import EventFilter

router = APIRouter()

Code = Annotated[str | None, Query(max_length=64, description="Country or code prefix, e.g. USA or USA.GOV.")]
SortParam = Literal["date", "goldstein", "n_sources", "n_mentions", "confidence", "type"]
StatusParam = Literal["occurred", "planned", "hypothetical", "requested"]
GranularityParam = Literal["day", "week", "month", "year"]
assert set(EVENT_STATUSES) == {"occurred", "planned", "hypothetical", "requested"}


def event_filter(
    actor: Code = None,
    recipient: Code = None,
    dyad: Annotated[str | None, Query(max_length=130, description="ACTOR-RECIPIENT, e.g. USA-RUS.")] = None,
    type: Annotated[str | None, Query(max_length=32, description="PLOVER type, e.g. CONSULT.")] = None,
    status: StatusParam | None = None,
    negated: bool | None = None,
    since: Annotated[dt.date | None, Query(description="Event date on or after (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Event date on or before (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, Query(max_length=100, description="Place name or ISO alpha-3 country.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    story_id: Annotated[str | None, Query(max_length=128)] = None,
) -> EventFilter:
    """The event filters shared by every page (query parameters)."""
    return EventFilter(
        actor=actor or None,
        recipient=recipient or None,
        dyad=dyad or None,
        type=type or None,
        status=status,
        negated=negated,
        since=since,
        until=until,
        place=place or None,
        min_sources=min_sources,
        min_confidence=min_confidence,
        story_id=story_id or None,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _db(request: Request) -> Database:
    db = request.app.state.db
    assert isinstance(db, Database)
    return db


def _not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {ident!r} in this store")


def twin(
    path: str, template: str, *, name: str, summary: str, api_path: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a data function at /api{path} (JSON) and at {path} (HTML from `template`)."""
    api_path = api_path or f"/api{path}"

    def decorator(func: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        router.add_api_route(api_path, func, methods=["GET"], name=f"api_{name}", summary=summary)

        def html(**kwargs: Any) -> HTMLResponse:
            request: Request = kwargs["request"]
            data = func(**kwargs)
            query = request.url.query
            api_url = (api_path if path == "/" else f"/api{request.url.path}") + (f"?{query}" if query else "")
            context = {"data": data, "page": name, "params": dict(request.query_params), "api_url": api_url}
            response = request.app.state.templates.TemplateResponse(request, template, context)
            assert isinstance(response, HTMLResponse)
            return response

        html.__signature__ = inspect.signature(func)  # type: ignore[attr-defined]
        html.__name__ = f"html_{name}"
        router.add_api_route(
            path, html, methods=["GET"], name=name, response_class=HTMLResponse, include_in_schema=False
        )
        return func

    return decorator


@twin("/", "overview.html", name="overview", summary="Counts, events over time by quad class", api_path="/api/overview")
def overview(request: Request, flt: Filter) -> dict[str, Any]:
    """Counts, date range, events per period stacked by quad class, top actors, dyads and sources."""
    return _db(request).cached(("overview", flt), lambda con: queries.overview(con, flt))


@twin("/events", "events.html", name="events", summary="A page of events matching the filters")
def events(
    request: Request,
    flt: Filter,
    sort: SortParam = "date",
    order: Literal["asc", "desc"] = "desc",
    limit: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    cursor: Annotated[str | None, Query(max_length=400, description="next_cursor of the previous page")] = None,
) -> dict[str, Any]:
    """Events sorted by a whitelisted key; follow `next_cursor` for the next page (fast at any depth)."""
    limit = min(limit, request.app.state.settings.max_page_size)
    db = _db(request)
    with db.cursor() as con:
        page = queries.list_events(
            con, flt, sort=sort, descending=order == "desc", limit=limit, offset=offset, cursor=cursor,
            with_total=cursor is None,
        )  # fmt: skip
    picks = db.cached("facets", lambda con: queries.facets(con, top=100))
    return {
        "events": page.events,
        "next_cursor": page.next_cursor,
        "total": page.total if page.total >= 0 else None,
        "limit": limit,
        "offset": offset,
        "facets": picks,
    }


@twin("/events/{event_id}", "event.html", name="event", summary="One event with every mention and its sentence")
def event(request: Request, event_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
    """One event and every mention of it: sentence with the span to highlight, document, date, source."""
    with _db(request).cursor() as con:
        detail = queries.event_detail(con, event_id)
    if detail is None:
        raise _not_found("event", event_id)
    return detail


@twin("/dyad", "dyad.html", name="dyad", summary="Relations between two actors over time, both directions")
def dyad(
    request: Request,
    a: Code = None,
    b: Code = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    granularity: GranularityParam | None = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
) -> dict[str, Any]:
    """Both directions between actors `a` and `b`: mean Goldstein and counts per period, types, events."""
    db = _db(request)
    picks = db.cached("facets", lambda con: queries.facets(con, top=100))
    if not a or not b:
        return {"a": a, "b": b, "series": [], "types": [], "events": [], "granularity": None, "facets": picks}
    key = ("dyad", a, b, since, until, granularity, limit)
    data = db.cached(
        key, lambda con: queries.dyad(con, a, b, since=since, until=until, granularity=granularity, limit=limit)
    )
    data["facets"] = picks
    return data


@twin("/network", "network.html", name="network", summary="Actors as nodes, dyads as weighted edges")
def network(request: Request, flt: Filter, max_edges: Annotated[int, Query(ge=1, le=500)] = 80) -> dict[str, Any]:
    """Actors as nodes (event totals) and dyads as edges (event count, mean Goldstein)."""
    return _db(request).cached(("network", flt, max_edges), lambda con: queries.network(con, flt, max_edges=max_edges))


@twin("/map", "map.html", name="map", summary="Event places with counts by quad class")
def map_(request: Request, flt: Filter, max_places: Annotated[int, Query(ge=1, le=5000)] = 2000) -> dict[str, Any]:
    """Event places with counts by quad class, and the date range of the store for the time filter."""

    def compute(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        return {**queries.map_points(con, flt, max_places=max_places), **queries.date_range(con)}

    return _db(request).cached(("map", flt, max_places), compute)


@twin("/stories", "stories.html", name="stories", summary="Stories, newest first")
def stories(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Stories, newest first."""
    with _db(request).cursor() as con:
        return {"stories": queries.list_stories(con, limit=limit, offset=offset), "limit": limit, "offset": offset}


@twin("/stories/{story_id}", "story.html", name="story", summary="One story: its articles and events")
def story(request: Request, story_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
    """One story: its articles by publication date and its events."""
    with _db(request).cursor() as con:
        detail = queries.story_detail(con, story_id)
    if detail is None:
        raise _not_found("story", story_id)
    return detail


@twin("/documents/{doc_id}", "document.html", name="document", summary="A document's text with its events")
def document(request: Request, doc_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
    """A document: metadata, its clean text cut into plain and event segments, its event mentions."""
    with _db(request).cursor() as con:
        detail = queries.document_detail(con, doc_id)
    if detail is None:
        raise _not_found("document", doc_id)
    return detail
