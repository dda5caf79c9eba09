"""What a request needs from the app: the store and how local paths are shown."""

from __future__ import annotations

from fastapi import Request

from annales.api.db import Database
from annales.store.paths import PathDisplay


def database(request: Request) -> Database:
    """The app's read-only store."""
    db = request.app.state.db
    assert isinstance(db, Database)
    return db


def path_display(request: Request) -> PathDisplay:
    """How this request shows local paths: relative to each run's inputs, or in full (--full-paths)."""
    if request.app.state.settings.full_paths:
        return PathDisplay(full=True)
    roots = database(request).cached("path_roots", lambda con: {"roots": PathDisplay.from_store(con).roots})["roots"]
    return PathDisplay(roots=tuple(roots))
