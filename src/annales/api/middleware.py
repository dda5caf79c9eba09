"""ASGI middleware of the explorer: security headers, the Host allow-list, no crash reaches a client.

All three are plain ASGI (no BaseHTTPMiddleware), so they also wrap answers made by
other middleware and by exception handlers. Order, outermost first (see `create_app`):

    SecurityHeaders   every response, including 400s of HostGuard and 500s of CrashGuard
    HostGuard         Host header not one of the names the server answers to -> 400 (DNS rebinding)
    CrashGuard        an exception no handler knew -> logged once, JSON 500; the connection stays usable
    DropEmptyParams   `?min_sources=` (a blank form field) means no filter
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)

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
    "Cross-Origin-Resource-Policy": "same-origin",
}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARD_BINDS = ("0.0.0.0", "::", "")


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The headers every response carries (the CSP of /docs allows Swagger UI's inline styles)."""
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": DOCS_CSP if path == "/docs" else CSP}
    return [(name.lower().encode(), value.encode()) for name, value in headers.items()]


async def send_json(send: Send, status: int, body: dict[str, object], path: str) -> None:
    """Send a complete JSON response with the security headers."""
    payload = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + security_headers(path)})
    await send({"type": "http.response.body", "body": payload})


class SecurityHeaders:
    """Add the security headers to every HTTP response, replacing any the app set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope.get("path", ""))
        names = {name for name, _ in extra}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def split_host(header: str) -> str:
    """The host name of a Host header, lower-case, without port, brackets or a final dot."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    name, sep, port = value.rpartition(":")
    if sep and port.isdigit() and ":" not in name:
        value = name
    return value[:-1] if value.endswith(".") else value


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostPolicy:
    """Which Host headers the server answers: its bound names and `--allow-host` names.

    A page on another site can make a browser send requests to 127.0.0.1 by pointing one of
    its own names at it (DNS rebinding); the browser then sends that name as Host. Answering
    only our own names defeats this. An IP address is never a rebinding name, so when the
    server is bound to every interface (0.0.0.0 or ::) any IP literal is accepted.

    Args:
        bind: the interface the server is bound to (ServerSettings.host).
        allowed: more names; ".example.org" also allows every name below example.org.
    """

    def __init__(self, bind: str, allowed: Iterable[str] = ()) -> None:
        bind = split_host(bind)
        given = [name.strip().lower() for name in allowed if name.strip()]
        names = {bind, *(split_host(name) for name in given if not name.startswith("."))}
        self.any_ip = bind in WILDCARD_BINDS
        if bind in LOOPBACK_NAMES or self.any_ip or (_is_ip(bind) and ipaddress.ip_address(bind).is_loopback):
            names.update(LOOPBACK_NAMES)
        if self.any_ip:
            names.add(socket.gethostname().lower())
        self.names = frozenset(name for name in names if name)
        self.suffixes = tuple(sorted(name.rstrip(".") for name in given if name.startswith(".") and len(name) > 1))

    def allows(self, header: str | None) -> bool:
        """Whether a request with this Host header (None: none sent) is answered."""
        if not header:
            return False
        name = split_host(header)
        if name in self.names:
            return True
        if any(name.endswith(suffix) or name == suffix[1:] for suffix in self.suffixes):
            return True
        return self.any_ip and _is_ip(name)


class HostGuard:
    """Answer 400 to a request whose Host header the `HostPolicy` does not allow."""

    def __init__(self, app: ASGIApp, *, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers", [])).get(b"host")
        header = raw.decode("latin-1") if raw is not None else None
        if self.policy.allows(header):
            await self.app(scope, receive, send)
            return
        message = "the request has no Host header"
        if header:
            name = split_host(header)[:100] or "NAME"
            message = (
                f"host {header[:100]!r} is not a name this server answers to; "
                f"if it should be, start `annales serve` with --allow-host {name}"
            )
        await send_json(send, 400, {"error": message, "status": 400}, scope.get("path", ""))


class CrashGuard:
    """Turn an exception no handler knew into a logged, JSON 500 that keeps the connection usable.

    Starlette's outer error middleware answers such an exception but then re-raises it, and
    the server closes the connection (issue 14: the next request on it was reset). Every
    such exception is a bug: the log keeps its traceback.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            logger.exception("unhandled error on %s", scope.get("path", ""))
            if started:
                return  # the answer was already under way; the client sees it cut short
            body = {"error": "internal error; the server log has the details", "status": 500}
            await send_json(send, 500, body, scope.get("path", ""))


class DropEmptyParams:
    """Drop empty query parameters (`?min_sources=`), as an HTML form sends them.

    An empty field means "no filter"; without this a form left partly blank would be a 400.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            # latin-1 both ways keeps every byte as sent (UTF-8 text included).
            query = scope["query_string"].decode("latin-1")
            pairs = parse_qsl(query, keep_blank_values=True, encoding="latin-1")
            kept = [(name, value) for name, value in pairs if value != ""]
            if len(kept) < len(pairs):
                scope = {**scope, "query_string": urlencode(kept, encoding="latin-1").encode("ascii")}
        await self.app(scope, receive, send)
