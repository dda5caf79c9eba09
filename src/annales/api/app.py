"""The explorer application: FastAPI app factory, security headers, errors and offline docs.

Safe by default: the store is opened read-only, every query is parameterised and time
limited, pages are bounded, and every response carries a strict Content-Security-Policy.

Example:
    >>> from annales.api.app import create_app
    >>> from annales.api.settings import ServerSettings
    >>> app = create_app(ServerSettings(db="news.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from annales import __version__
from annales.api.db import Database, StoreUnavailable
from annales.api.routes import router
from annales.api.settings import ServerSettings
from annales.errors import AnnalesError
from annales.store.queries import MAX_PAGE_SIZE

logger = logging.getLogger(__name__)

WEB = Path(str(files("annales.web")))
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI sets inline styles on its elements; only /docs allows them.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


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


def _error(request: Request, status: int, message: str, details: list[str] | None = None) -> Response:
    body: dict[str, Any] = {"error": message, "status": status}
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
        messages.append(f"{where}: {error.get('msg', 'invalid value')}")
    return messages


def _add_error_handlers(app: FastAPI) -> None:
    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = _validation_messages(exc)
        return _error(request, 422, "invalid parameter: " + "; ".join(details), details)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _error(request, exc.status_code, str(exc.detail))

    async def on_annales(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AnnalesError)
        return _error(request, 400, exc.message)

    async def on_unavailable(request: Request, exc: Exception) -> Response:
        logger.warning("store unavailable: %s", exc)
        response = _error(request, 503, str(exc))
        response.headers["Retry-After"] = "5"
        return response

    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(AnnalesError, on_annales)
    app.add_exception_handler(StoreUnavailable, on_unavailable)


def _add_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = DOCS_CSP if request.url.path == "/docs" else CSP
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        return response


class DropEmptyParams:
    """ASGI middleware: drop empty query parameters (`?min_sources=`), as an HTML form sends them.

    An empty field means "no filter"; without this a form left partly blank would be a 422.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(name, value) for name, value in pairs if value != ""]
            if len(kept) < len(pairs):
                scope = {**scope, "query_string": urlencode(kept).encode("ascii")}
        await self.app(scope, receive, send)


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
        settings: the server settings (store path, timeouts, page size).

    Returns:
        The FastAPI application: HTML pages at /, /events, /dyad, ... and their JSON twins
        under /api/..., OpenAPI at /openapi.json and an offline Swagger UI at /docs.
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
    templates = Jinja2Templates(directory=WEB / "templates")
    templates.env.globals["version"] = __version__
    app.state.templates = templates
    _add_docs(app)  # before /static: its /static/swagger mount must match first
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    _add_error_handlers(app)
    _add_security_headers(app)
    app.add_middleware(DropEmptyParams)
    app.include_router(router)
    return app
