"""Exceptions raised by Annales.

The tree:

    AnnalesError            base of everything we raise on purpose; has a stable `code`
    ├── ConfigError         a bad option or config file (E0xx)
    ├── InputError          an input path that cannot be read at all (E1xx)
    ├── DictionaryError     a user dictionary that cannot be parsed (E2xx)
    ├── StoreError          the DuckDB store cannot be opened or written (E3xx)
    └── DependencyError     an optional dependency is missing; names the pip extra (E4xx)

Per-document problems (binary, empty, mis-encoded input...) are not exceptions: they
are recorded on the article (`Article.fail`) and stored with their reason.
"""

from __future__ import annotations


class AnnalesError(Exception):
    """Base class; `code` is a stable identifier users can grep for, e.g. "E301"."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class ConfigError(AnnalesError):
    """A configuration option or file is invalid."""


class InputError(AnnalesError):
    """An input path given by the user cannot be used."""


class DictionaryError(AnnalesError):
    """A user actor or verb dictionary cannot be parsed."""


class StoreError(AnnalesError):
    """The store cannot be opened, migrated or written."""


class DependencyError(AnnalesError):
    """An optional dependency is missing."""


def require(module: str, extra: str) -> object:
    """Import a dependency or raise DependencyError naming what to install.

    Args:
        module: the module to import.
        extra: the pip extra that provides it, or "core" for a dependency of every install.
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        fix = "pip install --upgrade annales" if extra == "core" else f"pip install 'annales[{extra}]'"
        raise DependencyError("E401", f"cannot import {module} ({exc}). Did you forget `{fix}`?") from exc
