"""Server settings, declared once with their default and help (like datasette's SETTINGS).

`annales serve` builds its options from `SETTINGS`; a test checks each is documented.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Literal

from annales.errors import ConfigError

ConnectionMode = Literal["shared", "per_request"]
# A host name, IPv4 or bracketed IPv6 address; a leading dot allows every name below it.
_HOST_NAME = re.compile(r"\.?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")


@dataclass(frozen=True, slots=True)
class Setting:
    """One server setting: its name, default and one-line help."""

    name: str
    default: str | int | float | bool
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", "Interface to bind; anything but loopback exposes the store to the network."),
    Setting("port", 8000, "TCP port."),
    Setting("query_timeout", 10.0, "Seconds before a query is interrupted and answered with 503."),
    Setting("max_page_size", 500, "Largest page of events one request may ask for."),
    Setting("cache_size", 256, "Aggregate answers (overview, dyad, network, map) kept in memory; 0 turns it off."),
    Setting(
        "connection",
        "shared",
        "shared: one read-only DuckDB handle, a cursor per request (fast; writers wait until the server stops). "
        "per_request: open and close the file on every request (writers can run between requests).",
    ),
    Setting(
        "allow_host",
        "",
        "Another host name the server answers to (repeatable; .example.org allows its subdomains). "
        "By default only the bound names are answered (localhost, 127.0.0.1, ::1 on loopback); any "
        "other Host header gets 400, which stops DNS-rebinding pages from reading the store.",
    ),
    Setting(
        "full_paths",
        False,
        "Show documents' local paths in full in pages, API answers and downloads; by default they are "
        "shown relative to the folder each run read (no home folders or mount points).",
    ),
)
_DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Options of the explorer server.

    Args:
        db: path of the DuckDB store, opened read-only.
        host: interface to bind.
        port: TCP port.
        query_timeout: seconds before a query is interrupted (503).
        max_page_size: largest page of events per request.
        cache_size: aggregate answers kept in memory (shared mode only).
        connection: "shared" or "per_request" (see SETTINGS).
        allow_hosts: more host names the server answers to (see `HostPolicy`).
        full_paths: show local paths in full instead of relative to each run's inputs.

    Raises:
        ConfigError: on a non-positive timeout or page size, an unknown connection mode, or
            an allowed host name with spaces, slashes or an empty label.
    """

    db: str
    host: str = str(_DEFAULTS["host"])
    port: int = int(_DEFAULTS["port"])
    query_timeout: float = float(_DEFAULTS["query_timeout"])
    max_page_size: int = int(_DEFAULTS["max_page_size"])
    cache_size: int = int(_DEFAULTS["cache_size"])
    connection: ConnectionMode = "shared"
    allow_hosts: tuple[str, ...] = ()
    full_paths: bool = False

    def __post_init__(self) -> None:
        if self.query_timeout <= 0:
            raise ConfigError("E040", f"query_timeout must be positive, got {self.query_timeout}")
        if not 1 <= self.max_page_size <= 500:
            raise ConfigError("E041", f"max_page_size must be in 1..500, got {self.max_page_size}")
        if self.cache_size < 0:
            raise ConfigError("E043", f"cache_size must be 0 or more, got {self.cache_size}")
        if self.connection not in ("shared", "per_request"):
            raise ConfigError("E042", f"connection must be shared or per_request, got {self.connection!r}")
        for name in self.allow_hosts:
            if not _HOST_NAME.fullmatch(name):
                raise ConfigError("E044", f"--allow-host {name!r} is not a host name, e.g. explorer.example.org")

    @property
    def is_loopback(self) -> bool:
        """True when the server only listens on this machine."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def __str__(self) -> str:
        return f"{self.host}:{self.port}-{self.connection}-t{self.query_timeout:g}"
