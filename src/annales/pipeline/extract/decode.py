"""Turn raw document bytes into text: BOM, UTF-8, declared charset, detection, fallbacks.

The order matters: a BOM is certain; bytes that decode as strict UTF-8 are UTF-8 (other
encodings almost never produce valid multi-byte sequences); then the charset an HTML page
declares; then charset-normalizer's guess; then cp1252, which covers most Western
"latin-1" text including curly quotes; latin-1 finally accepts any byte.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_SNIFF = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|p|div|article|section|header|nav|main|meta|title|table|span|a|br|"
    rb"h[1-6]|ul|ol|li|script|style|font|b|i|em|strong)[\s>/]",
    re.IGNORECASE,
)
# UTF-8 text decoded once as cp1252 and re-encoded ("â€™" for "’", "Ã©" for "é").
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u0161]")
# Share of C0 control characters (other than tab, newline, form feed, CR) above which the
# decoded text is garbage, e.g. UTF-16 without a BOM that slipped past the binary sniff.
MAX_CONTROL_SHARE = 0.05
# Share of non-ASCII letters above which cp1252 is not trusted (French/German news: 2-6%).
MAX_NON_ASCII_LETTER_SHARE = 0.3
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how we got it ("bom", "utf-8", "declared", "detected", "cp1252", "latin-1")."""

    text: str
    encoding: str
    how: str
    mojibake_fixed: bool = False


def looks_like_html(data: bytes) -> bool:
    """True when the first 4 KB contain an HTML tag we recognise."""
    return _HTML_SNIFF.search(data[:4096]) is not None


def decode_bytes(data: bytes, *, html: bool = False) -> Decoded | None:
    """Decode document bytes to text.

    Args:
        data: raw bytes of one document.
        html: look for a declared charset in a `<meta>` tag.

    Returns:
        Decoded, or None when the result is mostly control characters ("decode_error").
    """
    decoded = _decode(data, html=html)
    sample = decoded.text[:20000]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        return None
    return decoded


def _decode(data: bytes, *, html: bool) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding, "bom")
    try:
        return _fix_mojibake(Decoded(data.decode("utf-8"), "utf-8", "utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if html else None
    if declared:
        try:
            return Decoded(data.decode(declared), declared, "declared")
        except (UnicodeDecodeError, LookupError):
            pass
    western = _western(data)
    if western is not None:
        return western
    detected = _detect(data)
    if detected is not None:
        return detected
    return Decoded(data.decode("latin-1"), "latin-1", "latin-1")


def _western(data: bytes) -> Decoded | None:
    """cp1252 when it decodes and reads like a Western language (few non-ASCII letters).

    charset-normalizer often names cp1250 for short French or English text with accents,
    which garbles it; text in Cyrillic or Greek single-byte encodings decoded as cp1252 is
    made almost entirely of accented letters, which this check rejects.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:50000]
    letters = sum(1 for char in sample if char.isalpha())
    foreign = sum(1 for char in sample if char.isalpha() and not char.isascii())
    if letters and foreign > MAX_NON_ASCII_LETTER_SHARE * letters:
        return None
    return Decoded(text, "cp1252", "cp1252")


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match[1].decode("ascii", "ignore").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return None if name in ("utf-8", "utf8") else name


def _detect(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: the cp1252/latin-1 fallbacks still work
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    try:
        return Decoded(data.decode(best.encoding), best.encoding, "detected")
    except (UnicodeDecodeError, LookupError):
        return None


def _fix_mojibake(decoded: Decoded) -> Decoded:
    """Undo one round of UTF-8-read-as-cp1252 when the text shows its typical pairs."""
    text = decoded.text
    if len(_MOJIBAKE.findall(text[:50000])) < 2:
        return decoded
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return decoded
    return Decoded(repaired, decoded.encoding, decoded.how, mojibake_fixed=True)
