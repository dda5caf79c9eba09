"""What the counts of a merged event count: mentions, articles and sources (like GDELT's).

One definition, used where the counts are stored (`merge.refresh_merged_rows`) and where the
mentions are listed beside them (`store.queries.event_detail`), so that a count always matches
its list (issue 14):

* a mention counts once per (near-duplicate cluster, sentence text): a syndicated copy that
  repeats a sentence verbatim is listed, marked as a repeat, and not counted again;
* an article is a document;
* a source is the outlet (documents.source), else the site, else the URL host; a document
  with none of these (a local file: its site is a folder, which names no outlet) counts as its
  near-duplicate cluster, so copies of one file count once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from annales.pipeline.dedup.sentences import sentence_key

_LOCAL_PATH = re.compile(r"^(?:/|\\|\.{1,2}(?:/|$)|~|file:|[A-Za-z]:[\\/])")
# Prefix of the source key of a document without a named source: its near-duplicate cluster.
UNNAMED = "cluster:"


def source_name(source: str | None, site: str | None, url: str | None) -> str | None:
    """The name of a document's source as given: its outlet, else its site, else its URL host; None if unnamed.

    A `site` that is a local folder (local files get their folder as site) names no outlet and
    is skipped.

    Example:
        >>> source_name("DW", None, None), source_name(None, "/data/news", "https://www.dw.com/a")
        ('DW', 'dw.com')
    """
    for value in (source, site):
        if value and value.strip() and not _LOCAL_PATH.match(value.strip()):
            return value.strip()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def source_key(source: str | None, site: str | None, url: str | None, cluster_id: str) -> str:
    """The source a document counts as: its source name, lower case, else its near-duplicate cluster.

    Example:
        >>> source_key("DW", None, None, "c1"), source_key(None, "/data/news", None, "c1")
        ('dw', 'cluster:c1')
    """
    name = source_name(source, site, url)
    return name.lower() if name else f"{UNNAMED}{cluster_id}"


def mention_key(cluster_id: str, sentence: str) -> tuple[str, str]:
    """The key under which a mention counts once: its document's cluster and its sentence text."""
    return cluster_id, sentence_key(sentence)


@dataclass(frozen=True, slots=True)
class Counted:
    """One listed mention as the counts see it."""

    doc_id: str
    cluster_id: str
    sentence: str
    source: str | None
    site: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Counts:
    """The counts of a merged event (see the module docstring)."""

    n_mentions: int
    n_articles: int
    n_sources: int


def count_mentions(mentions: Iterable[Counted]) -> Counts:
    """Count listed mentions: distinct mention keys, documents and source keys.

    Example:
        >>> a = Counted("d1", "d1", "Kerry met Lavrov.", "AP", None, None)
        >>> count_mentions([a, Counted("d2", "d1", "Kerry met Lavrov.", "AFP", None, None)])
        Counts(n_mentions=1, n_articles=2, n_sources=2)
    """
    keys, docs, sources = set(), set(), set()
    for mention in mentions:
        keys.add(mention_key(mention.cluster_id, mention.sentence))
        docs.add(mention.doc_id)
        sources.add(source_key(mention.source, mention.site, mention.url, mention.cluster_id))
    return Counts(n_mentions=len(keys), n_articles=len(docs), n_sources=len(sources))
