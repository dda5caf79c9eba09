"""The five real crawled seed pages (read from ../shared at run time): chrome out, dates right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from annales.pipeline.extract import Extractor, collect_line_stats
from annales.pipeline.ingest import expand_inputs, read_unit
from annales.records import Article

# Publication dates as the pages state them: 000 only has a date in a related link at the
# bottom; 001 only mentions "July 11" inside the body, which is not a publication line.
EXPECTED_PUBLISHED = {
    "000": None,
    "001": None,
    "002": dt.date(2013, 2, 2),
    "003": dt.date(2013, 4, 24),
    "004": dt.date(2013, 4, 23),
}
CHROME = ("Skip to", "Accessibility links", "Comments: 0", "Author:", "Image: Getty", "More In:", "XS\n", "LG")


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> dict[str, Article]:
    articles = [a for unit in expand_inputs([str(shared_dir / "seeds")]) for a in read_unit(unit)]
    stage = Extractor(line_stats=collect_line_stats(articles))
    stage.raise_errors = True
    return {Path(a.uri).name[:3]: a for a in stage.run(articles)}


@pytest.mark.parametrize(("seed", "published"), sorted(EXPECTED_PUBLISHED.items()))
def test_seeds_published_dates(seeds: dict[str, Article], seed: str, published: dt.date | None) -> None:
    article = seeds[seed]
    assert (article.status, article.language) == ("ok", "en")
    assert article.published == published
    assert (article.published_reason is None) == (published is not None)


@pytest.mark.parametrize("seed", sorted(EXPECTED_PUBLISHED))
def test_seeds_chrome_removed_and_counted(seeds: dict[str, Article], seed: str) -> None:
    article = seeds[seed]
    assert not [marker for marker in CHROME if marker in article.text + "\n"]
    assert "\n\n" in article.text and "\n\n\n" not in article.text
    assert sum(article.removed.values()) >= 2


def test_seeds_syndicated_body_kept_in_both_copies(seeds: dict[str, Article]) -> None:
    shared = set(seeds["003"].text.split("\n\n")) & set(seeds["004"].text.split("\n\n"))
    long_shared = [p for p in shared if len(p.split()) >= 10]
    assert len(long_shared) >= 5
