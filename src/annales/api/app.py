"""The explorer application: FastAPI app factory, errors and offline docs.

Safe by default: the store is opened read-only, every query is parameterised and time
limited, pages are bounded, a bad parameter is a 400 saying which and why, only the
server's own host names are answered, and every response (errors included) carries a
strict Content-Security-Policy (see `annales.api.middleware`).

Example:
    >>> from annales.api.app import create_app
    >>> from annales.api.settings import ServerSettings
    >>> app = create_app(ServerSettings(db="news.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from annales import __version__
from annales.api import downloads
from annales.api.db import Database, StoreUnavailable
from annales.api.middleware import CrashGuard, DropEmptyParams, HostGuard, HostPolicy, SecurityHeaders
from annales.api.routes import router
from annales.api.settings import ServerSettings
from annales.api.templating import setup_templates
from annales.errors import AnnalesError
from annales.store.queries import MAX_PAGE_SIZE

logger = logging.getLogger(__name__)

WEB = Path(str(files("annales.web")))


def _swagger_dir() -> Path | None:
    # Swagger UI's files come from the fastapi-offline package (MIT; Swagger UI is Apache-2.0),
    # served from this server so that /docs works without a network.
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        return None
    static = Path(spec.origin).parent / "static"
    return static if (static / "swagger-ui-bundle.js").is_file() else None


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(
    request: Request, status: int, message: str, details: list[str] | None = None, code: str | None = None
) -> Response:
    body: dict[str, Any] = {"error": message, "status": status}
    if code:
        body["code"] = code
    if details:
        body["details"] = details
    if _wants_json(request):
        return JSONResponse(body, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"error": body, "page": "error"}, status_code=status)


def _validation_messages(exc: RequestValidationError) -> list[str]:
    messages = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))
        given = error.get("input")
        shown = f" (got {given[:40]!r})" if isinstance(given, str) else ""
        messages.append(f"{where}: {error.get('msg', 'invalid value')}{shown}")
    return messages


def _add_error_handlers(app: FastAPI) -> None:
    async def on_validation(request: Request, exc: Exception) -> Response:
        # 400, not FastAPI's 422: a malformed parameter is a bad request like any other (issue 14).
        assert isinstance(exc, RequestValidationError)
        details = _validation_messages(exc)
        return _error(request, 400, "invalid parameter: " + "; ".join(details), details)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _error(request, exc.status_code, str(exc.detail))

    async def on_annales(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AnnalesError)
        return _error(request, 400, exc.message, code=exc.code)

    async def on_unavailable(request: Request, exc: Exception) -> Response:
        logger.warning("store unavailable: %s", exc)
        response = _error(request, 503, str(exc))
        response.headers["Retry-After"] = "5"
        return response

    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(AnnalesError, on_annales)
    app.add_exception_handler(StoreUnavailable, on_unavailable)


def _add_docs(app: FastAPI) -> None:
    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/static/swagger", StaticFiles(directory=swagger), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        templates: Jinja2Templates = request.app.state.templates
        response = templates.TemplateResponse(request, "docs.html", {"page": "docs", "swagger": swagger is not None})
        assert isinstance(response, HTMLResponse)
        return response


def create_app(settings: ServerSettings) -> FastAPI:
    """Build the explorer app for one store.

    Args:
        settings: the server settings (store path, timeouts, page size, allowed hosts, paths).

    Returns:
        The FastAPI application: HTML pages at /, /events, /dyad, ... and their JSON twins
        under /api/..., downloads at /api/export, OpenAPI at /openapi.json and an offline
        Swagger UI at /docs.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.db.close()

    app = FastAPI(
        title="Annales explorer",
        version=__version__,
        description=f"Read-only explorer of an Annales event store. Pages hold at most {MAX_PAGE_SIZE} events.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = Database(
        settings.db, mode=settings.connection, timeout=settings.query_timeout, cache_size=settings.cache_size
    )
    app.state.templates = setup_templates(Jinja2Templates(directory=WEB / "templates"))
    _add_docs(app)  # before /static: its /static/swagger mount must match first
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    _add_error_handlers(app)
    # Added innermost first: a request meets SecurityHeaders, HostGuard, CrashGuard, DropEmptyParams.
    app.add_middleware(DropEmptyParams)
    app.add_middleware(CrashGuard)
    app.add_middleware(HostGuard, policy=HostPolicy(settings.host, settings.allow_hosts))
    app.add_middleware(SecurityHeaders)
    app.include_router(downloads.router)
    app.include_router(router)
    return app
