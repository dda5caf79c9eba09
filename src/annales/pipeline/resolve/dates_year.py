"""The year an undated article was written, read from its copyright line: an anchor for its relative dates.

An article without a publication date may still say when it was written, to the year: "Copyright 2018 by
CNN NewSource". With that year, "in February" and "last year" resolve (February of that year, the year
before); days counted from the day of writing ("on Saturday", "yesterday", "last week") still cannot, and
an event with no time of its own stays undated: the year is an anchor, never an event's date by itself.
The latest year the text tells was tried as a second source and changed nothing measured, so it is not
used (docs/benchmarks.md, fifteenth session).
"""

from __future__ import annotations

import re

from annales.records import Article

# "Copyright 2018", "© 2018", "(c) 2016", "Copyright © 2017": the year of the text's own copyright line.
_COPYRIGHT = re.compile(r"(?:\bcopyright\b|©|\(c\))\s*(?:©\s*)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


def article_year(article: Article) -> int | None:
    """The year of `article`'s last copyright line, or None.

    Example:
        >>> from annales.records import Article
        >>> article_year(Article(doc_id="d", uri="d", format="text", text="They met. Copyright 2018 by CNN."))
        2018
    """
    years = [int(match["year"]) for match in _COPYRIGHT.finditer(article.text)]
    return years[-1] if years else None
