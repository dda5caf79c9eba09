"""read_unit: every input format, bad inputs as error articles, stable ids."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from annales.pipeline.ingest import expand_inputs, read_unit
from annales.records import Article

BODY = b"<html><body><p>Russian Foreign Minister Sergei Lavrov met John Kerry in Geneva on Friday.</p></body></html>"


def _read(*paths: Path, max_bytes: int | None = None) -> list[Article]:
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    return [article for unit in expand_inputs([str(p) for p in paths]) for article in read_unit(unit, **kwargs)]


def _warc(records: list[tuple[str, bytes, str]], *, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for url, payload, content_type in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("a.txt", b"Kerry met Lavrov.", "text"),
        ("a.html", BODY, "html"),
        ("a.html.gz", gzip.compress(BODY), "html"),
        ("a.txt.gz", gzip.compress(b"Kerry met Lavrov."), "text"),
    ],
)
def test_read_unit_single_document_files(tmp_path: Path, name: str, data: bytes, fmt: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (article,) = _read(path)
    assert (article.status, article.format, article.uri) == ("ok", fmt, str(path))
    assert article.raw == (gzip.decompress(data) if name.endswith(".gz") else data)
    assert article.site == str(tmp_path)


def test_read_unit_same_content_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(BODY)
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(BODY))
    (tmp_path / "c.html").write_bytes(BODY + b" ")
    ids = [article.doc_id for article in _read(tmp_path)]
    assert ids[0] == ids[1] != ids[2]
    assert len(ids[0]) == 16


def test_read_unit_jsonl_records(tmp_path: Path) -> None:
    lines = [
        {"text": "Kerry met Lavrov.", "title": "Talks", "published": "2013-04-23T10:00:00Z", "source": "Wire"},
        {"html": "<p>Biden met Lavrov.</p>", "url": "https://www.example.org/a"},
        {"title": "no body"},
        "not an object",
        {"text": "Kerry met Lavrov.", "published": "someday"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n{broken\n", encoding="utf-8")
    articles = _read(path)
    assert [a.uri.rsplit("#", 1)[1] for a in articles] == [f"line={n}" for n in (1, 2, 3, 4, 5, 7)]
    assert [a.error for a in articles] == [None, None, "no_text", "bad_json", None, "bad_json"]
    first, second = articles[0], articles[1]
    assert (first.title, first.source, first.published, first.published_source) == (
        "Talks",
        "Wire",
        dt.date(2013, 4, 23),
        "metadata",
    )
    assert first.doc_id == articles[4].doc_id  # same text field, same id
    assert (second.meta["content_type"], second.url, second.site) == (
        "html",
        "https://www.example.org/a",
        "example.org",
    )
    assert articles[4].published is None and articles[4].meta["published_unparsed"] == "someday"


def test_read_unit_jsonl_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"text": "Kerry met Lavrov."}\n'))
    monkeypatch.setattr(sys, "stdin", stdin)
    (article,) = [a for unit in expand_inputs(["-"]) for a in read_unit(unit)]
    assert (article.uri, article.raw) == ("-#line=1", b"Kerry met Lavrov.")


def test_read_unit_jsonl_line_too_large(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    big = json.dumps({"text": "x" * 5000})
    path.write_text(big + "\n" + json.dumps({"text": "small"}) + "\n", encoding="utf-8")
    articles = _read(path, max_bytes=1000)
    assert [(a.error, a.uri.rsplit("#", 1)[1]) for a in articles] == [("too_large", "line=1"), (None, "line=2")]


@pytest.mark.parametrize("gz", [True, False])
def test_read_unit_warc_keeps_html_responses(tmp_path: Path, gz: bool) -> None:
    data = _warc(
        [
            ("https://news.example.com/1", BODY, "text/html; charset=utf-8"),
            ("https://news.example.com/logo.png", b"\x89PNG....", "image/png"),
            ("https://news.example.com/2", BODY.replace(b"Friday", b"Monday"), "text/html"),
        ],
        gz=gz,
    )
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(data)
    articles = _read(path)
    assert [a.uri.rsplit("#", 1)[1] for a in articles] == ["record=1", "record=3"]
    assert all(a.status == "ok" and a.format == "warc" and a.site == "news.example.com" for a in articles)
    assert articles[0].url == "https://news.example.com/1" and articles[0].raw == BODY
    assert "warc_date" in articles[0].meta and articles[0].published is None


@pytest.mark.parametrize("gz", [True, False])
def test_read_unit_truncated_warc_keeps_good_records(tmp_path: Path, gz: bool) -> None:
    records = [(f"https://news.example.com/{i}", BODY * 20 + str(i).encode(), "text/html") for i in range(3)]
    data = _warc(records, gz=gz)
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(data[: len(data) - 300])
    articles = _read(path)
    assert [a.status for a in articles] == ["ok", "ok", "error"]
    assert articles[-1].error == "truncated_warc"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"", "empty"),
        ("b.txt", b" \n\t\r\n ", "empty"),
        ("c.txt", b"%PDF-1.4\n%binary", "binary"),
        ("d.txt", b"PK\x03\x04zipped", "binary"),
        ("e.html", b"\x89PNG\r\n\x1a\nxxxx", "binary"),
        ("f.txt", gzip.compress(b"a gzip stream in a .txt file"), "binary"),
        ("g.txt", b"text\x00with\x00many\x00nuls\x00" * 10, "binary"),
        ("h.html.gz", gzip.compress(BODY * 50)[:-40], "truncated_gzip"),
        ("i.html.gz", b"\x1f\x8bnot really gzip at all", "bad_gzip"),
    ],
)
def test_read_unit_bad_inputs_become_error_articles(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (article,) = _read(path)
    assert (article.status, article.error, article.raw) == ("error", reason, b"")
    assert len(article.doc_id) == 16


def test_read_unit_error_ids_stable_and_distinct(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"")
    first = [a.doc_id for a in _read(tmp_path)]
    assert first == [a.doc_id for a in _read(tmp_path)]
    assert first[0] != first[1]


def test_read_unit_huge_sparse_file_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk or memory used
    (article,) = _read(path)
    assert (article.status, article.error) == ("error", "too_large")


def test_read_unit_gzip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (8 * 1024 * 1024), compresslevel=9))
    (article,) = _read(path, max_bytes=1024 * 1024)
    assert article.error == "gzip_bomb"


def test_read_unit_gzip_over_limit_not_bomb_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(os.urandom(300_000).hex().encode()))
    (article,) = _read(path, max_bytes=100_000)
    assert article.error == "too_large"


def test_read_unit_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes(b"Kerry met Lavrov.")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        (article,) = _read(path)
        assert (article.status, article.error) == ("error", "unreadable")
    finally:
        path.chmod(0o644)


def test_read_unit_file_vanished_after_listing(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_bytes(b"Kerry met Lavrov.")
    (unit,) = expand_inputs([str(path)])
    path.unlink()
    (article,) = read_unit(unit)
    assert article.error == "unreadable"


def test_read_unit_truncated_jsonl_gz_keeps_good_lines(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Record {i}: Kerry met Lavrov in Geneva."}) + "\n" for i in range(200))
    data = gzip.compress(lines.encode())
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    articles = _read(path)
    assert len(articles) > 2
    assert all(a.status == "ok" for a in articles[:-1])
    assert (articles[-1].status, articles[-1].error) == ("error", "truncated_gzip")


def test_read_unit_warc_record_too_large_keeps_others(tmp_path: Path) -> None:
    data = _warc(
        [("https://a.example/1", BODY * 100, "text/html"), ("https://a.example/2", BODY, "text/html")], gz=True
    )
    path = tmp_path / "a.warc.gz"
    path.write_bytes(data)
    articles = _read(path, max_bytes=len(BODY) * 10)
    assert [(a.status, a.error) for a in articles] == [("error", "too_large"), ("ok", None)]
