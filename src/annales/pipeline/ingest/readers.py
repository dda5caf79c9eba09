"""Read one input unit into articles: plain files, gzip files, JSONL lines and WARC records.

Readers never raise for bad content: each problem becomes an article with
`status="error"` and a short reason ("binary", "empty", "too_large", "truncated_gzip",
"gzip_bomb", "bad_gzip", "bad_json", "no_text", "truncated_warc", "unreadable",
"symlink_loop"). Sizes are checked before reading, and gzip is decompressed in chunks
with a cap, so a huge or malicious file costs neither the memory nor the time.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import re
import sys
import zlib
from collections.abc import Iterator
from typing import IO, Any
from urllib.parse import urlsplit

from annales.pipeline.ingest.sniff import content_id, error_id, sniff_bytes
from annales.pipeline.ingest.units import InputUnit
from annales.records import Article, InputFormat

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# A gzip member expanding more than this many times is a decompression bomb, not news:
# HTML compresses 5-15x, highly repetitive pages up to ~50x.
MAX_GZIP_RATIO = 200
_CHUNK = 1 << 20
_JSONL_TEXT_FIELDS = ("text", "body", "content")
_JSONL_META_FIELDS = ("title", "published", "source", "url", "id", "language")
_WARC_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


class _ReadFailure(Exception):
    """Internal: reading stopped for a countable reason (never leaves this module)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_unit(unit: InputUnit, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article]:
    """Read one input unit lazily into articles.

    Args:
        unit: from `expand_inputs`.
        max_bytes: largest document (after decompression) we accept; larger ones become
            "too_large" error articles without being read whole.

    Yields:
        Article with `raw` bytes, or with `status="error"` and a reason.

    Example:
        >>> for unit in expand_inputs(["examples/news"]):  # doctest: +SKIP
        ...     for article in read_unit(unit):
        ...         print(article.doc_id, article.uri)
    """
    if unit.kind == "ignored":
        return
    if unit.kind == "error":
        yield _error_article(unit.path, unit.format, unit.error or "unreadable", unit.site)
    elif unit.kind == "stdin":
        yield from _read_jsonl(sys.stdin.buffer, unit, max_bytes)
    elif unit.format == "warc":
        yield from _read_warc_file(unit, max_bytes)
    elif unit.format == "jsonl":
        yield from _read_jsonl_file(unit, max_bytes)
    else:
        yield _read_document_file(unit, max_bytes)


def _error_article(uri: str, fmt: InputFormat, reason: str, site: str | None = None) -> Article:
    article = Article(doc_id=error_id(uri, reason), uri=uri, format=fmt, site=site)
    article.fail(reason)
    return article


def _content_article(data: bytes, uri: str, fmt: InputFormat, site: str | None) -> Article:
    problem = sniff_bytes(data)
    if problem:
        return _error_article(uri, fmt, problem, site)
    return Article(doc_id=content_id(data), uri=uri, format=fmt, raw=data, site=site)


def _read_document_file(unit: InputUnit, max_bytes: int) -> Article:
    if not unit.compressed and unit.size > max_bytes:
        return _error_article(unit.path, unit.format, "too_large", unit.site)
    try:
        with open(unit.path, "rb") as handle:
            data = _read_gzip(handle, max_bytes) if unit.compressed else handle.read(max_bytes + 1)
    except _ReadFailure as failure:
        return _error_article(unit.path, unit.format, failure.reason, unit.site)
    except OSError:
        return _error_article(unit.path, unit.format, "unreadable", unit.site)
    if len(data) > max_bytes:  # the file grew after it was listed
        return _error_article(unit.path, unit.format, "too_large", unit.site)
    return _content_article(data, unit.path, unit.format, unit.site)


def _read_gzip(handle: IO[bytes], max_bytes: int) -> bytes:
    """Decompress a gzip stream in chunks, stopping at `max_bytes` of output."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=handle) as unzipped:
            while chunk := unzipped.read(_CHUNK):
                out += chunk
                if len(out) > max_bytes:
                    ratio = len(out) / max(handle.tell(), 1)
                    raise _ReadFailure("gzip_bomb" if ratio > MAX_GZIP_RATIO else "too_large")
    except EOFError as exc:
        raise _ReadFailure("truncated_gzip") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise _ReadFailure("bad_gzip") from exc
    return bytes(out)


# ---------------------------------------------------------------- JSONL


def _read_jsonl_file(unit: InputUnit, max_bytes: int) -> Iterator[Article]:
    try:
        handle = open(unit.path, "rb")  # noqa: SIM115 - closed below, stream stays lazy
    except OSError:
        yield _error_article(unit.path, "jsonl", "unreadable", unit.site)
        return
    with handle:
        stream: IO[bytes] = gzip.GzipFile(fileobj=handle) if unit.compressed else handle  # type: ignore[assignment]
        yield from _read_jsonl(stream, unit, max_bytes)


def _read_jsonl(stream: IO[bytes], unit: InputUnit, max_bytes: int) -> Iterator[Article]:
    number = 0
    try:
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            uri = f"{unit.path}#line={number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                _skip_rest_of_line(stream)
                yield _error_article(uri, "jsonl", "too_large", unit.site)
            elif line.strip():
                yield _jsonl_article(line, uri, unit.site)
    except EOFError:
        yield _error_article(f"{unit.path}#line={number + 1}", "jsonl", "truncated_gzip", unit.site)
    except (gzip.BadGzipFile, zlib.error):
        yield _error_article(f"{unit.path}#line={number + 1}", "jsonl", "bad_gzip", unit.site)
    except OSError:
        yield _error_article(f"{unit.path}#line={number + 1}", "jsonl", "unreadable", unit.site)


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while chunk := stream.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _jsonl_article(line: bytes, uri: str, folder: str | None) -> Article:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _error_article(uri, "jsonl", "bad_json", folder)
    if not isinstance(record, dict):
        return _error_article(uri, "jsonl", "bad_json", folder)
    body, content_type = _jsonl_body(record)
    if body is None:
        return _error_article(uri, "jsonl", "no_text", folder)
    meta = {key: str(record[key]) for key in _JSONL_META_FIELDS if record.get(key) not in (None, "")}
    meta["content_type"] = content_type
    site = _host(meta.get("url")) or meta.get("source") or folder
    article = _content_article(body.encode("utf-8", "surrogatepass"), uri, "jsonl", site)
    article.meta = meta
    article.url = meta.get("url")
    article.source = meta.get("source")
    article.title = meta.get("title")
    _set_metadata_date(article, meta.get("published"))
    return article


def _jsonl_body(record: dict[str, Any]) -> tuple[str | None, str]:
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        return html, "html"
    for key in _JSONL_TEXT_FIELDS:
        value = record.get(key)
        if isinstance(value, str):
            return value, "text"
    return (html, "html") if isinstance(html, str) else (None, "text")


def _set_metadata_date(article: Article, value: str | None) -> None:
    """Use a user-given ISO date ("2013-04-23", "2013-04-23T10:00:00Z") as the publication date."""
    if not value:
        return
    match = _ISO_DATE.match(value)
    try:
        published = dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        published = None
    if published is None:
        article.meta["published_unparsed"] = value
        return
    article.published = published
    article.published_source = "metadata"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


# ---------------------------------------------------------------- WARC


def _read_warc_file(unit: InputUnit, max_bytes: int) -> Iterator[Article]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = open(unit.path, "rb")  # noqa: SIM115 - closed below, stream stays lazy
    except OSError:
        yield _error_article(unit.path, "warc", "unreadable", unit.site)
        return
    number = 0
    end = 0
    with handle:
        try:
            records = ArchiveIterator(handle)
            for record in records:
                number += 1
                article = _warc_article(record, f"{unit.path}#record={number}", unit.site, max_bytes)
                records.read_to_end(record)
                end = records.get_record_offset() + records.get_record_length()
                if article is not None:
                    yield article
            complete = end >= unit.size or _blank_after(handle, end)
        except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError, KeyError, IndexError):
            complete = False  # warcio raises all of these on damaged records
        if not complete:  # the good records are kept; one error article records the truncation
            yield _error_article(f"{unit.path}#record={number + 1}", "warc", "truncated_warc", unit.site)


def _blank_after(handle: IO[bytes], offset: int) -> bool:
    """True when only whitespace follows `offset` (uncompressed WARC ends records with CRLF CRLF)."""
    handle.seek(offset)
    return not handle.read(_CHUNK).strip()


def _warc_article(record: Any, uri: str, folder: str | None, max_bytes: int) -> Article | None:
    """One article from a response/resource WARC record with HTML or text, else None."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    content_type = ((headers.get_header("Content-Type") if headers else None) or "").lower()
    if not content_type.startswith(_WARC_CONTENT_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(max_bytes + 1)
    site = _host(url) or folder
    if len(data) > max_bytes:
        return _error_article(uri, "warc", "too_large", site)
    if record.raw_stream.limit > 0:  # the file ended inside this record's content
        return _error_article(uri, "warc", "truncated_warc", site)
    article = _content_article(data, uri, "warc", site)
    article.url = url
    article.meta = {"content_type": "text" if content_type.startswith("text/plain") else "html"}
    if url:
        article.meta["url"] = url
    warc_date = record.rec_headers.get_header("WARC-Date")
    if warc_date:
        article.meta["warc_date"] = warc_date  # the crawl date, not the publication date
    return article
