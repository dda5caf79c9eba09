"""Keyset cursors: what encode_cursor makes decodes back; anything else is E014 (issue 14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annales.errors import ConfigError
from annales.store.cursors import decode_cursor, encode_cursor

values = st.one_of(
    st.tuples(st.just("date"), st.dates()),
    st.tuples(st.just("int"), st.integers(-(2**63) + 1, 2**63 - 1)),
    st.tuples(st.just("float"), st.floats(-1e9, 1e9, allow_nan=False)),
    st.tuples(st.just("str"), st.text(max_size=200)),
)


@given(pair=values, event_id=st.text(min_size=1, max_size=200))
def test_cursor_round_trip(pair: tuple[str, Any], event_id: str) -> None:
    kind, value = pair
    assert decode_cursor(encode_cursor(value, event_id), kind) == (value, event_id)


@given(cursor=st.text(max_size=300), kind=st.sampled_from(["date", "int", "float", "str"]))
def test_cursor_decode_returns_or_raises_config_error(cursor: str, kind: str) -> None:
    try:
        value, event_id = decode_cursor(cursor, kind)
    except ConfigError as exc:
        assert exc.code == "E014"
        return
    assert isinstance(event_id, str) and 0 < len(event_id) <= 200
    expected = {"date": dt.date, "int": int, "float": float, "str": str}[kind]
    assert isinstance(value, expected)


@pytest.mark.parametrize(
    ("value", "kind"),
    [(1e308, "int"), (float("inf"), "float"), (2**63, "int"), (True, "int"), (False, "float"), ("x", "date"),
     ([1], "str"), (None, "float")],
)  # fmt: skip
def test_cursor_out_of_range_is_e014(value: Any, kind: str) -> None:
    with pytest.raises(ConfigError, match="E014"):
        decode_cursor(encode_cursor(value, "e1"), kind)


def test_cursor_of_unknown_kind_is_e015() -> None:
    with pytest.raises(ConfigError, match="E015"):
        decode_cursor(encode_cursor(1, "e1"), "colour")
