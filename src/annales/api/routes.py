"""The explorer's pages. Each page is one data function served twice: as JSON under /api/...
and as HTML rendered from the same data (like datasette's views).

Both forms show local paths as `PathDisplay` does (relative to each run's inputs unless the
server runs with --full-paths), and every HTML page carries the one filter bar.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from annales.api.context import database, path_display
from annales.api.downloads import DOWNLOADS
from annales.api.filters import PAGING, Code, event_filter, filter_bar
from annales.codes import EVENT_STATUSES
from annales.store import explore, queries
from annales.store.queries import EventFilter

router = APIRouter()

SortParam = Literal["date", "goldstein", "n_sources", "n_mentions", "confidence", "type"]
GranularityParam = Literal["day", "week", "month", "year"]
assert set(EVENT_STATUSES) == {"occurred", "planned", "hypothetical", "requested"}

Filter = Annotated[EventFilter, Depends(event_filter)]
Cursor = Annotated[str | None, Query(max_length=400, description="a cursor of the page before or after")]


def _not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {ident!r} in this store")


def _bar(request: Request, kwargs: dict[str, Any], aliases: dict[str, str]) -> dict[str, Any]:
    """The filter bar of a page: its own filters, or a search of the events table.

    `aliases` maps a page's own names for bar fields to them ({"a": "actor"} on the dyad page);
    the bar shows and removes them as the bar fields they stand for.
    """
    flt = kwargs.get("flt")
    values = dict(request.query_params)
    for alias, name in aliases.items():
        if not values.get(name) and values.get(alias):
            values[name] = values[alias]
            if flt is not None:
                flt = replace(flt, **{name: values[alias]})
    action = request.url.path if flt is not None else "/events"
    return filter_bar(request, flt, action=action, values=values, aliases=aliases)


def twin(
    path: str,
    template: str,
    *,
    name: str,
    summary: str,
    api_path: str | None = None,
    aliases: dict[str, str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a data function at /api{path} (JSON) and at {path} (HTML from `template`).

    Args:
        aliases: query parameters the page also accepts for a bar field, e.g. {"a": "actor"}.
    """
    api_path = api_path or f"/api{path}"

    def decorator(func: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        def data(**kwargs: Any) -> dict[str, Any]:
            shown = path_display(kwargs["request"]).apply(func(**kwargs))
            assert isinstance(shown, dict)
            return shown

        def html(**kwargs: Any) -> HTMLResponse:
            request: Request = kwargs["request"]
            query = request.url.query
            api_url = (api_path if path == "/" else f"/api{request.url.path}") + (f"?{query}" if query else "")
            context = {
                "data": data(**kwargs),
                "page": name,
                "params": dict(request.query_params),
                "api_url": api_url,
                "bar": _bar(request, kwargs, aliases or {}),
            }
            response = request.app.state.templates.TemplateResponse(request, template, context)
            assert isinstance(response, HTMLResponse)
            return response

        views: tuple[tuple[Callable[..., Any], str], ...] = ((data, "api"), (html, "html"))
        for view, prefix in views:
            view.__signature__ = inspect.signature(func)  # type: ignore[attr-defined]
            view.__name__ = f"{prefix}_{name}"
            view.__doc__ = func.__doc__
        router.add_api_route(api_path, data, methods=["GET"], name=f"api_{name}", summary=summary)
        router.add_api_route(
            path, html, methods=["GET"], name=name, response_class=HTMLResponse, include_in_schema=False
        )
        return func

    return decorator


def _facets(request: Request) -> dict[str, Any]:
    return database(request).cached("facets", lambda con: queries.facets(con, top=100))


def _downloads(request: Request) -> dict[str, str]:
    kept = [(key, value) for key, value in request.query_params.multi_items() if key not in PAGING]
    kept = [(key, value) for key, value in kept if key not in ("sort", "order", "limit")]
    return {fmt: "/api/export?" + urlencode([*kept, ("format", fmt)]) for fmt in DOWNLOADS}


@twin("/", "overview.html", name="overview", summary="Counts, events over time by quad class", api_path="/api/overview")
def overview(request: Request, flt: Filter) -> dict[str, Any]:
    """Counts, date range, events per period stacked by quad class, top actors, dyads and sources."""
    data = database(request).cached(("overview", flt), lambda con: queries.overview(con, flt))
    data["facets"] = _facets(request)
    return data


@twin("/events", "events.html", name="events", summary="A page of events matching the filters")
def events(
    request: Request,
    flt: Filter,
    sort: SortParam = "date",
    order: Literal["asc", "desc"] = "desc",
    limit: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    cursor: Cursor = None,
    before: Cursor = None,
) -> dict[str, Any]:
    """Events sorted by a whitelisted key; follow `next_cursor` (or `prev_cursor` with `before`) to page.

    `total` counts every matching event, on every page; `downloads` link the whole
    selection in each export format.
    """
    limit = min(limit, request.app.state.settings.max_page_size)
    db = database(request)
    with db.cursor() as con:
        page = queries.list_events(
            con, flt, sort=sort, descending=order == "desc", limit=limit, offset=offset, cursor=cursor,
            before=before, with_total=False, encode=explore.explorer_event,
        )  # fmt: skip
        explore.fill_place_sources(con, page.events)
    total = db.cached(("count", flt), lambda con: {"n": explore.count_events(con, flt)})["n"]
    return {
        "events": page.events,
        "next_cursor": page.next_cursor,
        "prev_cursor": page.prev_cursor,
        "total": total,
        "limit": limit,
        "offset": offset if not (cursor or before) else None,
        "sort": sort,
        "order": order,
        "downloads": _downloads(request),
        "facets": _facets(request),
    }


@twin("/events/{event_id}", "event.html", name="event", summary="One event with every mention and its sentence")
def event(request: Request, event_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
    """One event and every mention of it: sentence with the span to highlight, document, date and
    place with where they came from, and the actor mentions of the sentence left unresolved."""
    with database(request).cursor() as con:
        detail = explore.event_view(con, event_id)
    if detail is None:
        raise _not_found("event", event_id)
    return detail


@twin(
    "/dyad", "dyad.html", name="dyad", summary="Relations between two actors over time, both directions",
    aliases={"a": "actor", "b": "recipient"},
)  # fmt: skip
def dyad(
    request: Request,
    flt: Filter,
    a: Code = None,
    b: Code = None,
    granularity: GranularityParam | None = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
) -> dict[str, Any]:
    """Both directions between two actors (`actor` and `recipient`, or `a` and `b`): mean Goldstein
    and counts per period, types, latest events; the other filters narrow all of them."""
    first, second = flt.actor or a, flt.recipient or b
    if not first or not second:
        empty: dict[str, Any] = {"series": [], "types": [], "events": [], "granularity": None}
        return {"a": first, "b": second, **empty, "facets": _facets(request)}

    def compute(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        found = queries.dyad(
            con, first, second, flt=flt, granularity=granularity, limit=limit, encode=explore.explorer_event
        )
        explore.fill_place_sources(con, found["events"])
        return found

    data = database(request).cached(("dyad", first, second, flt, granularity, limit), compute)
    data["facets"] = _facets(request)
    return data


@twin("/network", "network.html", name="network", summary="Actors as nodes, directed dyads as weighted edges")
def network(
    request: Request,
    flt: Filter,
    max_edges: Annotated[int, Query(ge=1, le=500, description="Keep the N heaviest edges.")] = 150,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000, description="Keep edges of at least N events.")] = 1,
) -> dict[str, Any]:
    """Actors as nodes (event totals) and directed dyads as edges (event count, mean Goldstein)."""
    key = ("network", flt, max_edges, min_weight)
    data = database(request).cached(
        key, lambda con: queries.network(con, flt, max_edges=max_edges, min_weight=min_weight)
    )
    data["facets"] = _facets(request)
    return data


@twin("/map", "map.html", name="map", summary="Event places with counts by quad class")
def map_(request: Request, flt: Filter, max_places: Annotated[int, Query(ge=1, le=5000)] = 2000) -> dict[str, Any]:
    """Event places with counts by quad class, and the date range of the store for the time filter."""

    def compute(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        return {**queries.map_points(con, flt, max_places=max_places), **queries.date_range(con)}

    data = database(request).cached(("map", flt, max_places), compute)
    data["facets"] = _facets(request)
    return data


@twin("/stories", "stories.html", name="stories", summary="Stories, newest first")
def stories(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Stories, newest first."""
    with database(request).cursor() as con:
        return {"stories": queries.list_stories(con, limit=limit, offset=offset), "limit": limit, "offset": offset}


@twin("/stories/{story_id}", "story.html", name="story", summary="One story: its articles and events")
def story(request: Request, story_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
    """One story: its articles by publication date and its events."""
    with database(request).cursor() as con:
        detail = queries.story_detail(con, story_id)
        if detail is not None:  # the same events, with their sources and provenance for the table
            flt = EventFilter(story_id=story_id)
            page = queries.list_events(
                con, flt, sort="date", descending=False, limit=200, encode=explore.explorer_event
            )
            explore.fill_place_sources(con, page.events)
            detail["events"] = page.events
    if detail is None:
        raise _not_found("story", story_id)
    return detail


@twin("/documents/{doc_id}", "document.html", name="document", summary="A document's text with its events")
def document(request: Request, doc_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
    """A document: metadata, its clean text cut into plain and event segments, its event mentions,
    and the actor mentions that stayed unresolved, with their reason."""
    with database(request).cursor() as con:
        detail = explore.document_view(con, doc_id)
    if detail is None:
        raise _not_found("document", doc_id)
    return detail
