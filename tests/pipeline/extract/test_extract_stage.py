"""The Extractor stage end to end, with real trafilatura, htmldate and py3langid."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
from pathlib import Path

import pytest

from annales.errors import ConfigError
from annales.pipeline.base import check_pipeline
from annales.pipeline.extract import ExtractOptions, Extractor, collect_line_stats
from annales.pipeline.ingest import expand_inputs, read_unit
from annales.records import Article

PARAGRAPHS = [
    "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Friday "
    "to discuss a ceasefire in Syria and humanitarian aid for the besieged city of Aleppo.",
    "Kerry said both sides had agreed to meet again in two weeks, while Lavrov accused Washington of "
    "failing to separate moderate rebels from militant groups around the city.",
    "The talks followed a telephone call between President Barack Obama and President Vladimir Putin "
    "last month in which both leaders pledged to work towards a political settlement.",
]
HTML = (
    "<html><head><title>Lavrov and Kerry meet in Geneva | Example News</title>"
    '<meta property="article:published_time" content="2016-09-09T10:00:00Z"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Lavrov and Kerry meet in Geneva</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Copyright Example News</footer></body></html>"
)
GERMAN = (
    "Der russische Außenminister Sergej Lawrow hat am Freitag in Genf seinen amerikanischen Amtskollegen "
    "John Kerry getroffen. Die beiden Politiker sprachen über eine Waffenruhe in Syrien und über humanitäre "
    "Hilfe für die belagerte Stadt Aleppo. Kerry sagte, beide Seiten wollten sich in zwei Wochen wieder treffen."
)


def _run(tmp_path: Path, files: dict[str, bytes], options: ExtractOptions | None = None) -> list[Article]:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    articles = [article for unit in expand_inputs([str(tmp_path)]) for article in read_unit(unit)]
    stage = Extractor(options, line_stats=collect_line_stats(articles))
    stage.raise_errors = True
    return list(stage.run(articles))


def test_extractor_declares_its_contract() -> None:
    stage = Extractor()
    assert stage.name == "annales.extract.v1"
    assert stage.requires == ("article.raw",)
    check_pipeline([stage])


def test_extractor_plain_text(tmp_path: Path) -> None:
    text = "\n\n".join(
        ["Skip to content", "Lavrov and Kerry meet in Geneva", "Published 09-09-2016, 10:00", *PARAGRAPHS]
    )
    (article,) = _run(tmp_path, {"a.txt": text.encode()})
    assert (article.status, article.language, article.title) == ("ok", "en", "Lavrov and Kerry meet in Geneva")
    assert (article.published, article.published_source) == (dt.date(2016, 9, 9), "line")
    assert article.text.split("\n\n") == PARAGRAPHS
    assert article.removed == {"date_line": 1, "navigation": 1}
    assert article.raw == b""


@pytest.mark.parametrize("name", ["a.html", "a.html.gz"])
def test_extractor_html(tmp_path: Path, name: str) -> None:
    data = HTML.encode()
    (article,) = _run(tmp_path, {name: gzip.compress(data) if name.endswith(".gz") else data})
    assert article.status == "ok"
    assert article.title is not None and "Lavrov and Kerry meet in Geneva" in article.title
    assert (article.published, article.published_source) == (dt.date(2016, 9, 9), "trafilatura")
    assert article.text.split("\n\n") == PARAGRAPHS


def test_extractor_html_without_date(tmp_path: Path) -> None:
    html = HTML.replace('<meta property="article:published_time" content="2016-09-09T10:00:00Z">', "")
    (article,) = _run(tmp_path, {"a.html": html.encode()})
    assert (article.status, article.published, article.published_reason) == ("ok", None, "not_found")


def test_extractor_jsonl_html_field_keeps_metadata_date(tmp_path: Path) -> None:
    records = [
        {"html": HTML, "published": "2016-09-10", "url": "https://example.com/geneva", "title": "Geneva talks"},
        {"text": "\n\n".join(PARAGRAPHS), "published": "2016-09-11"},
    ]
    data = "\n".join(json.dumps(r) for r in records).encode()
    html_article, text_article = _run(tmp_path, {"feed.jsonl": data})
    assert (html_article.published, html_article.published_source) == (dt.date(2016, 9, 10), "metadata")
    assert (html_article.title, html_article.url) == ("Geneva talks", "https://example.com/geneva")
    assert html_article.text.split("\n\n") == PARAGRAPHS
    assert (text_article.status, text_article.published) == ("ok", dt.date(2016, 9, 11))


def test_extractor_warc_records(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://www.example.com/geneva", "response", payload=io.BytesIO(HTML.encode()), http_headers=headers
    )
    writer.write_record(record)
    (article,) = _run(tmp_path, {"crawl.warc.gz": buffer.getvalue()})
    assert (article.status, article.site, article.format) == ("ok", "example.com", "warc")
    assert article.text.split("\n\n") == PARAGRAPHS


def test_extractor_skips_other_languages(tmp_path: Path) -> None:
    (article,) = _run(tmp_path, {"de.txt": GERMAN.encode()})
    assert (article.status, article.error, article.language) == ("skipped", "language=de", "de")


def test_extractor_short_text_language_uncertain(tmp_path: Path) -> None:
    articles = [Article(doc_id="s", uri="s", format="text", raw=b"Kerry met Lavrov.")]
    stage = Extractor()
    (article,) = list(stage.run(articles))
    assert (article.status, article.language) == ("ok", "en")
    assert stage.stats["language_uncertain"] == 1


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_extractor_single_byte_encodings(tmp_path: Path, encoding: str) -> None:
    text = PARAGRAPHS[0].replace("Geneva", "Genève") + "\n\n" + PARAGRAPHS[1]
    (article,) = _run(tmp_path, {"a.txt": text.encode(encoding)})
    assert article.status == "ok" and "Genève" in article.text


def test_extractor_invalid_utf8_does_not_fail(tmp_path: Path) -> None:
    data = PARAGRAPHS[0].encode() + b" \xff\xfe\x81 " + PARAGRAPHS[1].encode()
    (article,) = _run(tmp_path, {"a.txt": data})
    assert article.status == "ok" and "Aleppo" in article.text


@pytest.mark.parametrize(
    ("raw", "options", "reason"),
    [
        (b"%PDF-1.7 binary", ExtractOptions(), "binary"),
        (b"   \n ", ExtractOptions(), "empty"),
        (b"x" * 2000, ExtractOptions(max_bytes=1000), "too_large"),
        ("\u3000\u2003\n".encode(), ExtractOptions(), "no_text"),
    ],
)
def test_extractor_bad_raw_fails_with_reason(raw: bytes, options: ExtractOptions, reason: str) -> None:
    article = Article(doc_id="b", uri="b", format="text", raw=raw)
    stage = Extractor(options)
    (result,) = list(stage.run([article]))
    assert (result.status, result.error) == ("error", reason)
    assert stage.stats[f"dropped_{reason}"] == 1


def test_extractor_deeply_nested_html_does_not_crash() -> None:
    html = "<html><body>" + "<div>" * 100_000 + f"<p>{PARAGRAPHS[0]}</p>" + "</div>" * 100_000 + "</body></html>"
    article = Article(doc_id="d", uri="d", format="html", raw=html.encode())
    (result,) = list(Extractor().run([article]))
    assert (result.status, result.error) == ("error", "html_parse_error")


def test_extractor_timeout() -> None:
    html = (
        "<html><body>"
        + "".join(f"<div><p>{p} {i}</p></div>" for i in range(3000) for p in PARAGRAPHS)
        + "</body></html>"
    )
    article = Article(doc_id="t", uri="t", format="html", raw=html.encode())
    (result,) = list(Extractor(ExtractOptions(timeout_s=0.001)).run([article]))
    assert (result.status, result.error) == ("error", "extract_timeout")


def test_extractor_outside_main_thread_counts_missing_guard() -> None:
    stage = Extractor()
    article = Article(doc_id="m", uri="m", format="text", raw="\n\n".join(PARAGRAPHS).encode())
    worker = threading.Thread(target=lambda: list(stage.run([article])))
    worker.start()
    worker.join()
    assert article.status == "ok"
    assert stage.stats["no_timeout_guard"] == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_bytes": 0},
        {"timeout_s": -1.0},
        {"languages": ()},
        {"languages": ("english",)},
        {"favor": "speed"},
        {"latest_date": "next year"},
    ],
)
def test_extract_options_rejects_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        ExtractOptions(**kwargs)  # type: ignore[arg-type]


def test_extract_options_short_id_and_zero_timeout_warning() -> None:
    assert str(ExtractOptions()) == "extract-balanced-en-clean"
    with pytest.warns(UserWarning, match="timeout_s=0"):
        ExtractOptions(timeout_s=0)


def test_extract_options_accepts_config_file_values() -> None:
    options = ExtractOptions(languages=["en", "fr"], latest_date="2024-12-31")  # type: ignore[arg-type]
    assert (options.languages, options.latest_date) == (("en", "fr"), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("meta", "published", "source", "reason"),
    [
        ({"content_type": "text"}, None, None, "dateline_without_year"),
        ({"content_type": "text", "warc_date": "2013-05-02T10:00:00Z"}, dt.date(2013, 4, 23), "dateline_crawl", None),
        ({"content_type": "text", "warc_date": "2014-01-05T10:00:00Z"}, dt.date(2013, 4, 23), "dateline_crawl", None),
    ],
)
def test_extractor_yearless_dateline(
    meta: dict[str, str], published: dt.date | None, source: str | None, reason: str | None
) -> None:
    text = "MOSCOW, April 23 (Reuters) - " + PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1]
    article = Article(doc_id="y", uri="y", format="warc", raw=text.encode(), meta=dict(meta))
    (result,) = list(Extractor().run([article]))
    assert (result.published, result.published_source, result.published_reason) == (published, source, reason)
    assert (result.meta["dateline"], result.meta["dateline_date"]) == ("MOSCOW", "April 23")


def test_extractor_jsonl_html_field_without_tags_read_as_text(tmp_path: Path) -> None:
    data = json.dumps({"html": "\n\n".join(PARAGRAPHS)}).encode()
    (article,) = _run(tmp_path, {"feed.jsonl": data})
    assert (article.status, article.text.split("\n\n")) == ("ok", PARAGRAPHS)
