"""decode_bytes: BOMs, UTF-8, declared charsets, Western fallbacks, mojibake, garbage."""

from __future__ import annotations

import codecs

import pytest

from annales.pipeline.extract.decode import decode_bytes, looks_like_html

TEXT = "The minister said: “We will not accept this” — talks in Zürich and Genève resume."


@pytest.mark.parametrize(
    ("data", "how"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "bom"),
        (TEXT.encode("utf-16"), "bom"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_bytes_encodings(data: bytes, how: str) -> None:
    decoded = decode_bytes(data)
    assert decoded is not None
    assert (decoded.text.lstrip("\ufeff"), decoded.how) == (TEXT, how)


def test_decode_bytes_latin1_french_not_garbled() -> None:
    text = "Le ministre a déclaré à Genève que la France était prête à négocier."
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded is not None and decoded.text == text


def test_decode_bytes_declared_charset_in_html() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Министр заявил</p></body></html>'
    decoded = decode_bytes(html.encode("cp1251"), html=True)
    assert decoded is not None
    assert (decoded.how, "Министр" in decoded.text) == ("declared", True)


def test_decode_bytes_cyrillic_without_declaration_detected() -> None:
    text = "Министр иностранных дел России Сергей Лавров заявил о переговорах в Женеве."
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded is not None and decoded.text == text


def test_decode_bytes_fixes_mojibake() -> None:
    text = "Russia’s minister said ‘no’ to the café plan — again."
    broken = text.encode("utf-8").decode("cp1252").encode("utf-8")
    decoded = decode_bytes(broken)
    assert decoded is not None
    assert (decoded.text, decoded.mojibake_fixed) == (text, True)


def test_decode_bytes_control_garbage_is_none() -> None:
    assert decode_bytes(bytes(range(1, 9)) * 200) is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"<!DOCTYPE html><html>", True), (b"<div class='a'>x</div>", True), (b"Kerry <3 Lavrov", False)],
)
def test_looks_like_html(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected
