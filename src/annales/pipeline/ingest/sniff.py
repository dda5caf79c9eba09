"""Cheap checks on raw bytes: empty, binary, and content ids.

Both the readers and the extraction stage use these, so an input is judged the same way
whether it came from a file, a JSONL record or a WARC record.
"""

from __future__ import annotations

import hashlib

# Leading bytes of formats that are never news text: PDF, ZIP (docx, xlsx, epub), PNG, GIF,
# JPEG, gzip (inside a file not named .gz), ELF, Ogg, MP3, bzip2, xz, RAR, 7z, WebP/WAV (RIFF).
BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"\x7fELF",
    b"OggS",
    b"ID3",
    b"BZh",
    b"\xfd7zXZ",
    b"Rar!",
    b"7z\xbc\xaf",
    b"RIFF",
)
_TEXT_BOMS: tuple[bytes, ...] = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
SNIFF_BYTES = 8192
# Share of NUL bytes, or of other control bytes, in the first SNIFF_BYTES above which we call
# the input binary. Real text in a single-byte or UTF-8 encoding has none; UTF-16 text
# without a BOM has ~50% NULs and is rejected too (rare for news; counted as "binary").
MAX_NUL_SHARE = 0.01
MAX_CONTROL_SHARE = 0.10
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}


def content_id(data: bytes) -> str:
    """The stable document id of some content: first 16 hex digits of its sha256."""
    return hashlib.sha256(data).hexdigest()[:16]


def error_id(uri: str, reason: str) -> str:
    """The stable id of an error article, derived from where it came from and why it failed."""
    return hashlib.sha256(f"{uri}\0{reason}".encode()).hexdigest()[:16]


def sniff_bytes(data: bytes) -> str | None:
    """Say why raw bytes cannot be a text document, or None when they may be one.

    Args:
        data: the raw (decompressed) bytes of one document.

    Returns:
        "empty" for nothing or only ASCII whitespace, "binary" for known binary formats or
        many NUL/control bytes, else None.
    """
    if not data or data.isspace():
        return "empty"
    head = data[:SNIFF_BYTES]
    if head.startswith(_TEXT_BOMS):
        return None
    if head.startswith(BINARY_MAGIC):
        return "binary"
    if head.count(0) > MAX_NUL_SHARE * len(head):
        return "binary"
    controls = sum(1 for byte in head if byte in _CONTROL)
    if controls > MAX_CONTROL_SHARE * len(head):
        return "binary"
    return None
