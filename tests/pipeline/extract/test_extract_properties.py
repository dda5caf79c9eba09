"""Property tests: decoding and cleaning never raise, and cleaning only ever removes text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annales.pipeline.extract import clean_text, decode_bytes
from annales.pipeline.ingest import sniff_bytes

_LINES = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from(["Skip to content", "Comments: 3", "XS", "April 13, 2013", "More In: World | News", ""]),
    ),
    max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_and_sniff_any_bytes(data: bytes) -> None:
    assert sniff_bytes(data) in (None, "empty", "binary")
    decoded = decode_bytes(data, html=True)
    assert decoded is None or isinstance(decoded.text, str)


@settings(max_examples=80, deadline=None)
@given(_LINES)
def test_clean_text_only_removes(lines: list[str]) -> None:
    text = "\n".join(lines)
    cleaned = clean_text(text)
    source_words = re.findall(r"\S+", text)
    kept_words = re.findall(r"\S+", cleaned.text)
    assert len(kept_words) <= len(source_words)
    assert set(kept_words) <= set(source_words)
    assert "\n\n\n" not in cleaned.text and cleaned.text == cleaned.text.strip()
    assert all(count > 0 for count in cleaned.removed.values())
