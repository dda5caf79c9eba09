"""Fuzz targets: one function per parser we own or wrap, each taking arbitrary bytes.

A target returns normally for every input, or raises one of the documented, user-facing
errors (listed in `EXPECTED`); anything else is a bug. The same targets drive the
coverage-guided fuzzer (`benchmarks/fuzz.py`, atheris) and the regression tests that
replay every crashing input found so far (`tests/reliability/crashes/<target>/`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annales.errors import DictionaryError

ANCHOR = dt.date(2016, 7, 11)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def fuzz_sniff(data: bytes) -> None:
    from annales.pipeline.ingest import sniff_bytes

    sniff_bytes(data)


def fuzz_decode(data: bytes) -> None:
    from annales.pipeline.extract import decode_bytes

    for html in (False, True):
        decoded = decode_bytes(data, html=html)
        if decoded is not None:
            assert isinstance(decoded.text, str)


def fuzz_boilerplate(data: bytes) -> None:
    from annales.pipeline.extract import clean_text

    result = clean_text(_text(data), site="fuzz")
    assert all(count >= 0 for count in result.removed.values())


def _read_as(data: bytes, suffix: str) -> list[Any]:
    from annales.pipeline.ingest import expand_inputs, read_unit

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        articles = [article for unit in expand_inputs([str(path)]) for article in read_unit(unit)]
    for article in articles:
        assert article.status in ("ok", "error", "skipped")
        assert article.status == "ok" or article.error
    return articles


def fuzz_jsonl_reader(data: bytes) -> None:
    _read_as(data, ".jsonl")


def fuzz_warc_reader(data: bytes) -> None:
    _read_as(data, ".warc")
    _read_as(data, ".warc.gz")


@functools.cache
def _extractor() -> Any:
    from annales.pipeline.extract import ExtractOptions, Extractor

    stage = Extractor(ExtractOptions())
    stage.raise_errors = True
    return stage


def fuzz_html_extract(data: bytes) -> None:
    from annales.pipeline.ingest import content_id
    from annales.records import Article

    article = Article(doc_id=content_id(data), uri="fuzz.html", format="html", raw=data)
    list(_extractor().run([article]))
    assert article.status == "ok" or article.error


def fuzz_text_extract(data: bytes) -> None:
    from annales.pipeline.ingest import content_id
    from annales.records import Article

    article = Article(doc_id=content_id(data), uri="fuzz.txt", format="text", raw=data)
    list(_extractor().run([article]))
    assert article.status == "ok" or article.error


def fuzz_dates(data: bytes) -> None:
    from annales.pipeline.resolve.dates_expressions import resolve_expressions

    text = _text(data)
    for tense in ("past", "present", "future"):
        for expr in resolve_expressions(text, anchor=ANCHOR, tense=tense):  # type: ignore[arg-type]
            # Years far from the anchor are legitimate ("the 1020s"); ranges must be ordered
            # and spans must point into the text.
            if expr.value is not None and expr.value_end is not None:
                assert expr.value_end >= expr.value
            assert 0 <= expr.start <= expr.end <= len(text)
    resolve_expressions(text, anchor=None)


def fuzz_actor_dictionary(data: bytes) -> None:
    from annales.pipeline.actors import load_dictionary

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "user.actors.txt"
        path.write_bytes(data)
        with contextlib.suppress(DictionaryError):
            load_dictionary(path)


def fuzz_gazetteer(data: bytes) -> None:
    from annales.pipeline.resolve.places import find_dateline
    from annales.pipeline.resolve.places_toponyms import PlaceContext, resolve_toponym

    text = _text(data)
    place = resolve_toponym(text[:200], context=PlaceContext())
    if place is not None and place.lat is not None and place.lon is not None:
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    find_dateline(text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "sniff": fuzz_sniff,
    "decode": fuzz_decode,
    "boilerplate": fuzz_boilerplate,
    "jsonl_reader": fuzz_jsonl_reader,
    "warc_reader": fuzz_warc_reader,
    "html_extract": fuzz_html_extract,
    "text_extract": fuzz_text_extract,
    "dates": fuzz_dates,
    "actor_dictionary": fuzz_actor_dictionary,
    "gazetteer": fuzz_gazetteer,
}
