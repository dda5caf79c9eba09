"""Remove site chrome from plain text: general line patterns plus per-site line statistics.

Text crawled from news sites keeps navigation ("Skip to content"), widgets ("XS SM MD
LG"), captions, credits, tags and related-link lists. Two signals find them:

* patterns that describe chrome on any site (`classify_line`), and
* `LineStats`: in how many documents of the same site a short line occurs, learnt in a
  cheap pre-pass (`collect_line_stats`). A line repeated in many documents of a site is
  chrome; a long sentence shared by two copies of a syndicated story is not, so sentence
  lines need a much higher share before they count as chrome.

Every removed line is counted under its reason.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from annales.pipeline.extract.dates import parse_date_line, parse_signoff
from annales.pipeline.extract.decode import decode_bytes, looks_like_html
from annales.pipeline.ingest.sniff import sniff_bytes
from annales.records import Article

# Lines longer than this are not counted in the pre-pass: chrome lines are short, and the
# cap bounds the pre-pass memory to 8-byte hashes of short lines.
MAX_STAT_LINE_CHARS = 300
# A short non-sentence line is chrome when it occurs in at least MIN_REPEAT_DOCS documents
# of the site and in at least MIN_SHARE_SHORT of them. A sentence-like line needs
# MIN_REPEAT_DOCS_SENTENCE documents and MIN_SHARE_SENTENCE: syndicated copies share body
# sentences, but rarely across half of a site. Calibrated on the seeds and the sample
# corpus; re-run tests/pipeline/extract and benchmarks/eval_extraction.py after changing.
MIN_REPEAT_DOCS = 3
MIN_SHARE_SHORT = 0.05
MIN_REPEAT_DOCS_SENTENCE = 5
MIN_SHARE_SENTENCE = 0.5
# Distinct line hashes kept per site; past it, lines seen once are dropped (deterministic).
MAX_HASHES_PER_SITE = 200_000
# Site statistics never cut a document to less than this share of the characters the general
# patterns left: past it the statistics are wrong about this document (edited copies of one
# story that the copy key below misses, issue 14), so its lines are kept and counted as kept.
# Chosen so that chrome (short lines, a few percent of a page) is always removed and no body
# goes; the seeds and the sample corpus never reach it. Re-run tests/pipeline/extract after
# changing it.
MIN_KEPT_SHARE = 0.5

_LIST_PREFIX = re.compile(r"^(?:\d{1,2}[.)]|[•·*▪►»\-–])\s+")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”]$")

_AGENCIES = (
    r"(?:AFP|AP|dpa|DPA|Reuters|Interfax|TASS|Tass|RIA|Xinhua|AA|ANSA|EFE|Kyodo|Yonhap|UPI|IANS|PTI|KNA|epd|RFE/RL)"
)
_CRUMB = r"[\w'’.&-]+(?: [\w'’.&-]+){0,3}"  # a menu item: one to four words
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "navigation",
        re.compile(
            r"^(?:skip to .{1,40}|jump to .{1,40}|accessibility links|main menu|menu|navigation|toggle navigation|"
            r"search|home|sign in|sign up|log ?in|log ?out|register|subscribe.{0,40}|newsletters?|"
            r"share(?: this)?(?: article| story| page)?|share on \w+|print(?: this)?|e-?mail|tweet|facebook|twitter|"
            r"whatsapp|telegram|linkedin|reddit|follow us.{0,40}|advertisement|advertising|sponsored|"
            r"breaking news|back to top|top of page|accept(?: all)? cookies|cookie (?:policy|settings)|"
            r"read more|read next|see also|show more|load more|more stories|related(?: articles| stories| news| content"
            r"| topics| coverage)?|most (?:read|popular|viewed|shared)|popular(?: in .{1,30})?|top stories|"
            r"latest(?: news| stories)?|more from .{1,30}|next article|previous article|close|open|"
            r"listen(?: to this article)?|font size|text size|watch|video|photos?|gallery|experts' panel)$",
            re.IGNORECASE,
        ),
    ),
    (
        "comments",
        re.compile(r"^(?:\d+\s+)?comments?(?:\s*[:(]?\s*\d+\)?)?$|^(?:leave|add|post|show) (?:a )?comments?$", re.I),
    ),
    ("author", re.compile(r"^(?:author|posted by|written by|reporter|editor|by)\s*[:|]\s*\S.{0,60}$", re.IGNORECASE)),
    (
        "byline",
        re.compile(
            r"^[Bb]y\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s+and\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})?$"
        ),
    ),
    ("copyright", re.compile(r"^(?:copyright|\(c\)|©|all rights reserved).{0,120}$|all rights reserved\.?$", re.I)),
    (
        "image_credit",
        re.compile(
            r"^(?:images?|photos?|pictures?|photograph|credit|caption|file photo|source)\s*[:|©]\s*.{0,100}$|"
            r"\((?:photo|picture|image)(?: by|:)[^)]{0,80}\)\s*$|^\d+x\d+ image$|"
            r"(?:getty images|afp photo|ap photo|reuters/|/afp|/reuters|/ap)\s*\)?$",
            re.IGNORECASE,
        ),
    ),
    ("url", re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)),
    (
        "credit",
        re.compile(
            r"^(?:\(?(?:with )?(?:additional )?reporting by|\(?(?:writing|editing|compiled|edited) by)\b.{0,200}$|"
            rf"^[\w ,/&.-]{{0,40}}\((?:{_AGENCIES}(?:\s*(?:,|/|and)\s*)?)+\)\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "tags",
        re.compile(r"^(?:more in|more on|filed under|tags?|topics?|categories|keywords|section)\s*:.{0,200}$", re.I),
    ),
    ("breadcrumb", re.compile(rf"^{_CRUMB}(?:\s+[|>»]\s+{_CRUMB})+$")),
)
# End-of-article markers: past one of these, in the last part of a document, the rest is footer.
END_MARKERS = frozenset({"credit", "comments", "tags", "copyright"})
# The footer cut only applies when the marker starts in the last FOOTER_ZONE of the characters and
# what follows is less than MAX_FOOTER_SHARE of the characters (a comment count at the top
# of a page must not cut the article).
FOOTER_ZONE = 0.5
MAX_FOOTER_SHARE = 0.4
_DATE_AT_END = re.compile(
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-3]?\d,?\s+(?:19|20)\d\d|"
    r"[0-3]?\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d|"
    r"(?:19|20)\d\d-\d\d-\d\d|[0-3]?\d[./-][01]?\d[./-](?:19|20)\d\d)\s*$",
    re.IGNORECASE,
)
_TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")


def line_key(line: str) -> int:
    """The hash under which a line is counted: case, digits, spaces and list marks ignored."""
    norm = _DIGITS.sub("0", _SPACE.sub(" ", _LIST_PREFIX.sub("", line.strip())).lower())
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


def word_count(line: str) -> int:
    """Number of words (letters only) in a line."""
    return len(_WORD.findall(line))


def is_sentence(line: str) -> bool:
    """True when a line reads like prose: six or more words ending in sentence punctuation."""
    return word_count(line) >= 6 and _SENTENCE_END.search(line) is not None


@dataclass(frozen=True, slots=True)
class SiteLines:
    """Line counts of one site: how many documents, and in how many of them each line occurs."""

    docs: int
    counts: Mapping[int, int]


@dataclass(frozen=True, slots=True)
class LineStats:
    """Per-site repeated-line statistics, immutable once collected.

    Attributes:
        sites: site -> SiteLines; a site is the URL host when known, else the input folder.
    """

    sites: Mapping[str, SiteLines] = field(default_factory=lambda: MappingProxyType({}))

    def repeats(self, site: str | None, line: str) -> tuple[int, int]:
        """(documents of the site containing the line, documents of the site)."""
        lines = self.sites.get(site or "")
        if lines is None:
            return 0, 0
        return lines.counts.get(line_key(line), 0), lines.docs


def copy_key(lines: list[str]) -> int:
    """The key under which copies of one article count once in the line statistics (issue 14).

    A hash of the article's prose lines (`is_sentence`), in order, with case, spaces and list
    marks ignored: copies that differ in chrome, timestamps, case or spacing share it, while
    distinct articles, even ones differing only in their figures, do not. A document without
    prose lines is keyed on all its lines.
    """
    prose = [line for line in lines if is_sentence(line)] or lines
    digest = hashlib.blake2b(digest_size=8)
    for line in prose:
        digest.update(_SPACE.sub(" ", _LIST_PREFIX.sub("", line)).lower().encode("utf-8", "surrogatepass") + b"\n")
    return int.from_bytes(digest.digest(), "big")


def collect_line_stats(articles: Iterable[Article]) -> LineStats:
    """Count, per site, in how many distinct plain-text documents each short line occurs.

    Only documents with `status="ok"` whose raw bytes are plain text (not HTML) are
    counted, and copies of one article (same `copy_key`: a feed repeating a wire story)
    count once, so that their body does not look like site chrome (issue 14). Memory stays
    bounded by the corpus: an 8-byte hash and a count per distinct short line, at most
    MAX_HASHES_PER_SITE per site, and one copy key per distinct document.

    Args:
        articles: articles from `read_unit` (their `raw` bytes are read, not changed).

    Returns:
        LineStats for `Extractor(..., line_stats=...)`.
    """
    docs: Counter[str] = Counter()
    counts: dict[str, Counter[int]] = {}
    seen: set[tuple[str, int]] = set()
    for article in articles:
        if article.status != "ok" or is_html_input(article):
            continue
        if sniff_bytes(article.raw):
            continue
        decoded = decode_bytes(article.raw)
        if decoded is None:
            continue
        site = article.site or ""
        lines = [line.strip() for line in decoded.text.splitlines() if line.strip()]
        copy = (site, copy_key(lines))
        if copy in seen:
            continue
        seen.add(copy)
        docs[site] += 1
        site_counts = counts.setdefault(site, Counter())
        site_counts.update({line_key(line) for line in lines if len(line) <= MAX_STAT_LINE_CHARS})
        if len(site_counts) > MAX_HASHES_PER_SITE:
            counts[site] = Counter({key: n for key, n in site_counts.items() if n > 1})
    sites = {site: SiteLines(docs=docs[site], counts=MappingProxyType(dict(c))) for site, c in counts.items()}
    return LineStats(sites=MappingProxyType(sites))


def is_html_input(article: Article) -> bool:
    """HTML unless the input says plain text; declared HTML without a single tag is read as text."""
    if article.meta.get("content_type") == "text":
        return False
    return looks_like_html(article.raw)  # .html files, JSONL "html" fields, WARC records, .txt files holding HTML


# A line this long that ends with a photo credit is a paragraph with the credit glued on ("... said on
# Monday. (Photo: Reuters)"): its words are kept, not dropped with the credit.
CREDITED_PARAGRAPH_WORDS = 30
_TRAILING_REASONS = frozenset({"image_credit"})
# A line this long whose date closes an agency's sign-off after a sentence is a paragraph, not a related link.
SIGNED_PARAGRAPH_WORDS = 8


def classify_line(line: str) -> str | None:
    """The chrome reason of one stripped line on any site, or None when it may be content.

    Example:
        >>> classify_line("1. Skip to main menu")
        'navigation'
        >>> classify_line("Kerry met Lavrov in Moscow on Tuesday.") is None
        True
    """
    bare = _LIST_PREFIX.sub("", line).strip()
    if not bare:
        return "symbols"
    words = word_count(bare)
    for reason, pattern in _PATTERNS:
        if pattern.search(bare) and not (reason in _TRAILING_REASONS and words > CREDITED_PARAGRAPH_WORDS):
            return reason
    if words == 0:
        return "symbols"
    if words == 1 and len(bare) <= 3 and not _SENTENCE_END.search(bare):
        return "short_token"
    if words <= 20 and not _SENTENCE_END.search(bare) and _DATE_AT_END.search(bare):
        if words >= SIGNED_PARAGRAPH_WORDS and parse_signoff(bare):
            return None  # "The meeting was a chance to discuss... . MAP 05 April 2018": a paragraph and its sign-off
        return "date_line" if parse_date_line(bare) else "related_link"
    if words <= 60 and _TEASER_END.search(bare):
        return "teaser"
    return None


def repeated_reason(stats: LineStats, site: str | None, line: str) -> str | None:
    """ "repeated" when site statistics say the line is chrome, else None."""
    found, docs = stats.repeats(site, line)
    if found < MIN_REPEAT_DOCS or not docs:
        return None
    share = found / docs
    if is_sentence(line):
        return "repeated" if found >= MIN_REPEAT_DOCS_SENTENCE and share >= MIN_SHARE_SENTENCE else None
    return "repeated" if share >= MIN_SHARE_SHORT else None


def keep_above_floor(lines: list[str], content: list[int], marked: list[int]) -> list[int]:
    """The lines of `marked` (site statistics call them chrome) that must stay, by MIN_KEPT_SHARE.

    Prose lines are given back first; when the rest still cuts too deep, every marked line.

    Args:
        lines: the document's lines.
        content: indexes of the lines the general patterns kept.
        marked: indexes of those lines site statistics call "repeated".

    Example:
        >>> keep_above_floor(["Menu", "A long sentence of the article body, kept here."], [0, 1], [0, 1])
        [1]
    """
    before = sum(len(lines[i]) for i in content)
    floor = MIN_KEPT_SHARE * before
    if before - sum(len(lines[i]) for i in marked) >= floor:
        return []
    prose = [i for i in marked if is_sentence(lines[i])]
    short = [i for i in marked if i not in prose]
    if prose and before - sum(len(lines[i]) for i in short) >= floor:
        return prose
    return list(marked)


def footer_start(reasons: list[str | None], lines: list[str]) -> int | None:
    """Index of the first line after an end marker in the last part of a document, or None.

    Args:
        reasons: the reason of each line so far (None = kept).
        lines: the lines.
    """
    total = sum(len(line) for line in lines) or 1
    before = 0
    for index, line in enumerate(lines):
        in_zone = before >= (1 - FOOTER_ZONE) * total
        if reasons[index] in END_MARKERS and in_zone and total - before - len(line) <= MAX_FOOTER_SHARE * total:
            return index + 1
        before += len(line)
    return None
