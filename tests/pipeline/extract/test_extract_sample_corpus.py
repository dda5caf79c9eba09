"""The bundled sample corpus (examples/news) goes through ingest and extraction as documented."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from annales.pipeline.extract import Extractor, collect_line_stats
from annales.pipeline.ingest import expand_inputs, read_unit
from annales.records import Article

SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "news"


@pytest.fixture(scope="module")
def sample() -> dict[str, Article]:
    articles = [a for unit in expand_inputs([str(SAMPLE)]) for a in read_unit(unit)]
    stage = Extractor(line_stats=collect_line_stats(articles))
    stage.raise_errors = True
    return {Path(a.uri).name: a for a in stage.run(articles)}


def test_sample_corpus_formats_and_statuses(sample: dict[str, Article]) -> None:
    assert len(sample) == 20
    assert Counter(a.format for a in sample.values()) == {"text": 8, "html": 4, "jsonl": 5, "warc": 3}
    assert Counter((a.status, a.error) for a in sample.values()) == {("ok", None): 19, ("skipped", "language=de"): 1}
    assert all(a.title for a in sample.values())


def test_sample_corpus_syndicated_copy_keeps_shared_body(sample: dict[str, Article]) -> None:
    original = sample["2016-09-kerry-lavrov-geneva.txt"].text.split("\n\n")
    copy = sample["geneva-syria-truce-wire.txt"].text.split("\n\n")
    assert copy == original[:3]


def test_sample_corpus_site_chrome_removed(sample: dict[str, Article]) -> None:
    texts = "\n".join(a.text for a in sample.values())
    for chrome in ("Steppe Wire on Telegram", "Harbour Post\n", "Read more", "More In:", "Share", "©", "Comments:"):
        assert chrome not in texts
    assert sum(a.removed.get("repeated", 0) for a in sample.values()) >= 8


def test_sample_corpus_dates(sample: dict[str, Article]) -> None:
    sources = {name: a.published_source for name, a in sample.items()}
    assert sources["iran-iaea-analysis.txt"] is None
    assert sample["iran-iaea-analysis.txt"].published_reason == "not_found"
    assert {sources["2014-07-eu-sanctions-russia.txt"], sources["2016-09-kerry-lavrov-geneva.txt"]} == {
        "line",
        "dateline",
    }
    assert sources["feed.jsonl#line=1"] == "metadata"
    assert sources["turkey-jet-ankara-moscow.html"] == "trafilatura"
