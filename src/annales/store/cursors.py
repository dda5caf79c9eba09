"""Keyset page cursors: opaque to users, checked to the last field when they come back.

A cursor is the base64 of a JSON pair `[sort value, event_id]`: the row after which the
next page starts (or before which the previous one ends). It travels through URLs, so it
is user input: `decode_cursor` accepts only what `encode_cursor` can make for the sort key
(issue 14: a cursor holding 1e308 used to reach DuckDB and end in a 500; NaN was accepted).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
from typing import Any, Literal

from annales.errors import ConfigError

CursorKind = Literal["date", "int", "float", "str"]

# Counts are compared as SQL BIGINT; scores (Goldstein, confidence) are small numbers; ids
# and type names are short. Anything outside these bounds cannot come from `encode_cursor`.
INT_LIMIT = 2**63
FLOAT_LIMIT = 1e9
TEXT_LIMIT = 200


def encode_cursor(value: Any, event_id: str) -> str:
    """An opaque keyset cursor for the row after which the next page starts."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    raw = json.dumps([value, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _bad_cursor(why: str) -> ConfigError:
    return ConfigError("E014", f"bad page cursor: {why}; start again from the first page")


def _no_constants(name: str) -> Any:
    # json.loads would turn NaN and Infinity into floats that no sort order can place.
    raise ValueError(f"{name} is not a number")


def _date_value(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise _bad_cursor("its date is not a YYYY-MM-DD text")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _bad_cursor("its date is not a YYYY-MM-DD date") from exc


def _int_value(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -INT_LIMIT < value < INT_LIMIT:
        raise _bad_cursor("its count is not a whole number within range")
    return value


def _float_value(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad_cursor("its value is not a number")
    if not math.isfinite(value) or abs(value) > FLOAT_LIMIT:
        raise _bad_cursor("its value is not a finite number within range")
    return float(value)


def _text_value(value: Any) -> str:
    if not isinstance(value, str) or len(value) > TEXT_LIMIT:
        raise _bad_cursor("its value is not a short text")
    return value


_PARSERS = {"date": _date_value, "int": _int_value, "float": _float_value, "str": _text_value}


def decode_cursor(cursor: str, kind: CursorKind | str) -> tuple[Any, str]:
    """The (sort value, event_id) of a cursor made by `encode_cursor` for a sort key of `kind`.

    Every part is checked: base64 of a JSON pair, no NaN or infinity, a value of the sort
    key's type and range (a date, a count within BIGINT, a finite score, a short text), and
    a non-empty event id of at most 200 characters.

    Args:
        cursor: the cursor from the URL.
        kind: the kind of the sort key's value: "date", "int", "float" or "str".

    Raises:
        ConfigError: when the cursor is malformed or out of range (E014).

    Example:
        >>> decode_cursor(encode_cursor(3, "m-e1"), "int")
        (3, 'm-e1')
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        pair = json.loads(raw, parse_constant=_no_constants)
    except (ValueError, TypeError, RecursionError, binascii.Error) as exc:
        raise _bad_cursor("it is not one this server made") from exc
    if not isinstance(pair, list) or len(pair) != 2:
        raise _bad_cursor("it is not one this server made")
    value, event_id = pair
    if not isinstance(event_id, str) or not 0 < len(event_id) <= TEXT_LIMIT:
        raise _bad_cursor("its event id is not a short text")
    parse = _PARSERS.get(kind)
    if parse is None:
        raise ConfigError("E015", f"no cursor kind {kind!r}; use one of {', '.join(_PARSERS)}")
    return parse(value), event_id
