"""Read the real news articles of the blind set from ../shared (never copied into the repository).

An article is named by a key: `ext-<first 12 hex of the page hash>` (ScrapingHub extraction pages,
text = the benchmark's gold article body), `gwn-<file>`, `lgl-<docid>`, `tr-<docid>` (the
geoparsing corpora, text = the corpus' article text), `te3-<document id>` (the TempEval-3 platinum
news, text = the document's TEXT without its markup, dltime = its creation time).
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


@functools.lru_cache(maxsize=64)
def _tempeval(ident: str) -> SourceArticle:
    path = SHARED / "data" / "tempeval3" / "platinum" / f"{ident}.tml"
    if not path.is_file():
        raise KeyError(f"te3-{ident}")
    root = ET.parse(path).getroot()
    body = root.find("TEXT")
    dct = root.find("DCT/TIMEX3")
    return SourceArticle(
        key=f"te3-{ident}",
        title=(root.findtext("TITLE") or "").strip(),
        text="".join(body.itertext()).strip() if body is not None else "",
        url="",
        dltime=dct.get("value", "") if dct is not None else "",
        html_path=None,
    )


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
    if corpus == "te3":
        return _tempeval(ident)
    return _geo(corpus)[key]


def read_html(article: SourceArticle) -> bytes:
    assert article.html_path is not None
    with gzip.open(article.html_path, "rb") as fh:
        return fh.read()
