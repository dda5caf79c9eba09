"""Read the real news articles of the blind set from ../shared (never copied into the repository).

An article is named by a key: `ext-<first 12 hex of the page hash>` (ScrapingHub extraction pages,
text = the benchmark's gold article body), `gwn-<file>`, `lgl-<docid>`, `tr-<docid>` (the
geoparsing corpora, text = the corpus' article text).
"""

from __future__ import annotations

import functools
import gzip
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
GEO_FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml", "tr": "TR-News.xml"}


@dataclass(frozen=True, slots=True)
class SourceArticle:
    key: str
    title: str
    text: str
    url: str
    dltime: str
    html_path: Path | None  # the raw page for `ext-` keys


def shared_available() -> bool:
    return (SHARED / "data" / "extraction" / "ground-truth.json").is_file()


@functools.lru_cache(maxsize=1)
def _extraction() -> dict[str, dict[str, str]]:
    with open(SHARED / "data" / "extraction" / "ground-truth.json", encoding="utf-8") as fh:
        data: dict[str, dict[str, str]] = json.load(fh)
    return data


@functools.lru_cache(maxsize=3)
def _geo(corpus: str) -> dict[str, SourceArticle]:
    root = ET.parse(SHARED / "data" / "geo" / GEO_FILES[corpus]).getroot()
    found = {}
    for node in root.iter("article"):
        ident = node.get("docid") or node.get("file") or ""
        key = f"{corpus}-{ident}"
        found[key] = SourceArticle(
            key=key,
            title=(node.findtext("title") or "").strip(),
            text=node.findtext("text") or "",
            url=(node.findtext("url") or node.findtext("link") or "").strip(),
            dltime=(node.findtext("dltime") or "").strip(),
            html_path=None,
        )
    return found


def load_article(key: str) -> SourceArticle:
    """The article named by `key`; raises KeyError when ../shared lacks it."""
    corpus, _, ident = key.partition("-")
    if corpus == "ext":
        matches = [h for h in _extraction() if h.startswith(ident)]
        if len(matches) != 1:
            raise KeyError(key)
        record = _extraction()[matches[0]]
        return SourceArticle(
            key=key,
            title="",
            text=record["articleBody"],
            url=record.get("url", ""),
            dltime="",
            html_path=SHARED / "data" / "extraction" / "html" / f"{matches[0]}.html.gz",
        )
    return _geo(corpus)[key]


def read_html(article: SourceArticle) -> bytes:
    assert article.html_path is not None
    with gzip.open(article.html_path, "rb") as fh:
        return fh.read()
