"""`annales serve`: the web explorer and JSON API over a store, read-only."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from annales.api.settings import SETTINGS, ServerSettings
from annales.cli.options import db_option, verbosity_option
from annales.errors import StoreError, require

logger = logging.getLogger(__name__)
_HELP = {setting.name: setting.help for setting in SETTINGS}


def serve(settings: ServerSettings) -> None:
    """Run the explorer until interrupted.

    Args:
        settings: store path, interface, port and limits.

    Raises:
        StoreError: when the store file does not exist (E301).
        DependencyError: when the `web` extra is not installed.
    """
    require("fastapi", "web")
    uvicorn = require("uvicorn", "web")
    from annales.api.app import create_app

    if not Path(settings.db).is_file():
        raise StoreError("E301", f"no store at {settings.db}. Did you run `annales run ... --db {settings.db}` first?")
    if not settings.is_loopback:
        message = (
            f"serving on {settings.host}, not loopback: anyone who can reach this machine can read the store. "
            "Use --host 127.0.0.1 unless that is what you want."
        )
        logger.warning(message)
        click.echo(f"Warning: {message}", err=True)
    logger.info("serving %s at http://%s:%d", settings.db, settings.host, settings.port)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")  # type: ignore[attr-defined]


@click.command(name="serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help=_HELP["host"])
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help=_HELP["port"])
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help=_HELP["query_timeout"])  # fmt: skip
@click.option("--max-page-size", type=click.IntRange(1, 500), default=500, show_default=True,
              help=_HELP["max_page_size"])  # fmt: skip
@click.option("--cache-size", type=click.IntRange(min=0), default=256, show_default=True, help=_HELP["cache_size"])
@click.option("--connection", type=click.Choice(["shared", "per_request"]), default="shared", show_default=True,
              help=_HELP["connection"])  # fmt: skip
@click.option("--allow-host", "allow_hosts", metavar="NAME", multiple=True, help=_HELP["allow_host"])
@click.option("--full-paths", is_flag=True, help=_HELP["full_paths"])
@verbosity_option
def command(
    db: str,
    host: str,
    port: int,
    query_timeout: float,
    max_page_size: int,
    cache_size: int,
    connection: str,
    allow_hosts: tuple[str, ...],
    full_paths: bool,
) -> None:
    """Browse a store in the web explorer (read-only); JSON API under /api, docs at /docs.

    \b
    Example:
        annales serve --db news.duckdb
        # then open http://127.0.0.1:8000/dyad?actor=USA&recipient=RUS
        annales serve --db news.duckdb --host 0.0.0.0 --allow-host explorer.example.org
    """
    settings = ServerSettings(
        db=db,
        host=host,
        port=port,
        query_timeout=query_timeout,
        max_page_size=max_page_size,
        cache_size=cache_size,
        connection="per_request" if connection == "per_request" else "shared",
        allow_hosts=allow_hosts,
        full_paths=full_paths,
    )
    serve(settings)
