"""The year an undated article was written, read from its copyright line: an anchor for its relative dates.

An article without a publication date may still say when it was written, to the year: "Copyright 2018 by
CNN NewSource". With that year, "in February" and "last year" resolve (February of that year, the year
before); days counted from the day of writing ("on Saturday", "yesterday", "last week") still cannot, and
an event with no time of its own stays undated: the year is an anchor, never an event's date by itself.
The extract stage records the year (`meta["copyright_year"]`) because it removes the line itself as chrome
from plain text; the article's text is read when the stage did not run. The latest year the text tells was
tried as a second source and changed nothing measured, so it is not used (docs/benchmarks.md, fifteenth
session).
"""

from __future__ import annotations

from annales.pipeline.extract.dates import copyright_year
from annales.records import Article


def article_year(article: Article) -> int | None:
    """The year of `article`'s copyright line, as the extract stage recorded it or as its text says; None.

    Example:
        >>> from annales.records import Article
        >>> article_year(Article(doc_id="d", uri="d", format="text", text="They met. Copyright 2018 by CNN."))
        2018
    """
    recorded = article.meta.get("copyright_year", "")
    return int(recorded) if recorded.isdigit() else copyright_year(article.text)
