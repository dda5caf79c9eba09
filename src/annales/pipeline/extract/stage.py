"""The extraction stage: raw bytes in, clean text, title, publication date and language out."""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from dataclasses import dataclass
from typing import ClassVar, Literal

from annales.errors import ConfigError
from annales.pipeline.base import Stage
from annales.pipeline.extract.boilerplate import LineStats, is_html_input
from annales.pipeline.extract.dates import resolve_month_day
from annales.pipeline.extract.decode import decode_bytes
from annales.pipeline.extract.html import ExtractFailure, ExtractTimeout, extract_html, time_limit
from annales.pipeline.extract.language import LanguageGuesser
from annales.pipeline.extract.text import CleanText, clean_text
from annales.pipeline.ingest.readers import DEFAULT_MAX_BYTES
from annales.pipeline.ingest.sniff import sniff_bytes
from annales.records import Article

logger = logging.getLogger(__name__)

Favor = Literal["balanced", "precision", "recall"]
# Latest plausible publication date when none is given: a fixed date, never "today", so
# that the same input gives the same output on any day.
DEFAULT_LATEST_DATE = dt.date(2099, 12, 31)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Options of `Extractor`, checked when created.

    Attributes:
        max_bytes: largest raw document accepted ("too_large" above).
        timeout_s: time limit per document (0 disables it; needs the main thread).
        languages: languages kept; others are skipped with reason "language=xx".
        latest_date: latest plausible publication date for HTML date search.
        favor: trafilatura's precision/recall trade-off.
        clean_html: also drop chrome lines (captions, credits, tags) from trafilatura's text.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float = 10.0
    languages: tuple[str, ...] = ("en",)
    latest_date: dt.date = DEFAULT_LATEST_DATE
    favor: Favor = "balanced"
    clean_html: bool = True

    def __post_init__(self) -> None:
        self._coerce_config_values()
        if self.max_bytes <= 0:
            raise ConfigError("E010", f"max_bytes must be positive, got {self.max_bytes}.")
        if self.timeout_s < 0:
            raise ConfigError("E010", f"timeout_s must be >= 0 (0 disables it), got {self.timeout_s}.")
        if not self.languages or any(len(code) != 2 or not code.islower() for code in self.languages):
            raise ConfigError("E010", f"languages must be ISO 639-1 codes like ('en',), got {self.languages!r}.")
        if self.favor not in ("balanced", "precision", "recall"):
            raise ConfigError("E010", f"favor must be balanced, precision or recall, got {self.favor!r}.")
        if self.timeout_s == 0:
            warnings.warn("timeout_s=0: hostile HTML can stall extraction", stacklevel=2)

    def _coerce_config_values(self) -> None:
        """Accept what config files give: a list of languages, an ISO date string."""
        if isinstance(self.languages, list):
            object.__setattr__(self, "languages", tuple(self.languages))
        if isinstance(self.latest_date, str):
            try:
                object.__setattr__(self, "latest_date", dt.date.fromisoformat(self.latest_date))
            except ValueError as exc:
                raise ConfigError("E010", f"latest_date must be YYYY-MM-DD, got {self.latest_date!r}.") from exc

    def __str__(self) -> str:
        return f"extract-{self.favor}-{'+'.join(self.languages)}{'-clean' if self.clean_html else ''}"


class Extractor(Stage):
    """Decode, extract and clean each article's raw bytes; set title, date and language.

    Args:
        options: ExtractOptions; defaults when None.
        line_stats: per-site repeated-line statistics from `collect_line_stats`.

    Example:
        >>> stage = Extractor(ExtractOptions(), line_stats=collect_line_stats(articles))  # doctest: +SKIP
        >>> for article in stage.run(articles): ...  # doctest: +SKIP
    """

    name: ClassVar[str] = "annales.extract.v1"
    requires: ClassVar[tuple[str, ...]] = ("article.raw",)
    assigns: ClassVar[tuple[str, ...]] = ("article.text", "article.title", "article.published", "article.language")

    def __init__(self, options: ExtractOptions | None = None, *, line_stats: LineStats | None = None) -> None:
        super().__init__()
        self.options = options or ExtractOptions()
        self.line_stats = line_stats or LineStats()
        self._languages = LanguageGuesser()

    def process(self, article: Article) -> Article:
        """Extract one article in place; bad documents are failed with a reason, never raised."""
        raw = article.raw
        problem = "too_large" if len(raw) > self.options.max_bytes else sniff_bytes(raw)
        if problem:
            article.fail(problem)
            return article
        try:
            with time_limit(self.options.timeout_s) as guarded:
                self._extract(article, raw)
        except ExtractFailure as failure:
            article.fail(failure.reason)
            return article
        except ExtractTimeout:
            article.fail("extract_timeout")
            return article
        if not guarded and self.options.timeout_s > 0:
            if not self.stats["no_timeout_guard"]:
                logger.info("%s runs outside the main thread: no per-document time limit", self.name)
            self.count("no_timeout_guard")
        if article.status == "ok":
            self._set_language(article)
        article.raw = b""
        return article

    def _extract(self, article: Article, raw: bytes) -> None:
        is_html = is_html_input(article)
        decoded = decode_bytes(raw, html=is_html)
        if decoded is None:
            article.fail("decode_error")
            return
        self.count(f"decoded_{decoded.how}")
        if decoded.mojibake_fixed:
            self.count("mojibake_fixed")
        if is_html:
            cleaned = self._extract_html(article, decoded.text)
        else:
            cleaned = clean_text(decoded.text, site=article.site, stats=self.line_stats, title=article.title)
        self._apply(article, cleaned)
        if not article.text.strip():
            article.fail("no_text")

    def _extract_html(self, article: Article, html: str) -> CleanText:
        page = extract_html(html, url=article.url, latest_date=self.options.latest_date, favor=self.options.favor)
        title = page.title or article.title  # the page's own headline, to drop its copy in the text
        if self.options.clean_html:
            cleaned = clean_text(page.text, title=title, extracted=True)
        else:
            cleaned = CleanText(text=page.text.replace("\n", "\n\n"), title=title)
        if page.sitename:
            article.meta.setdefault("sitename", page.sitename)
            article.source = article.source or page.sitename
        if page.published is not None:
            cleaned.published, cleaned.published_source = page.published, page.published_source
        return cleaned

    def _apply(self, article: Article, cleaned: CleanText) -> None:
        article.text = cleaned.text
        article.title = article.title or cleaned.title
        article.removed = dict(sorted(cleaned.removed.items()))
        article.kept = dict(sorted(cleaned.kept.items()))
        for reason, n in cleaned.removed.items():
            self.count(f"removed_{reason}", n)
        for reason, n in cleaned.kept.items():
            self.count(f"kept_{reason}", n)
        if cleaned.dateline is not None:
            article.meta["dateline"] = cleaned.dateline.place
        if cleaned.copyright_year is not None:  # the line itself is often removed as chrome: its year is kept
            article.meta["copyright_year"] = str(cleaned.copyright_year)
        if article.published is None and cleaned.published is not None:
            article.published, article.published_source = cleaned.published, cleaned.published_source
        if article.published is None and cleaned.dateline is not None and cleaned.dateline.month_day:
            self._date_from_crawl(article, cleaned.dateline.month_day)
        if article.published is None:
            no_year = cleaned.dateline is not None and cleaned.dateline.month_day is not None
            article.published_reason = "dateline_without_year" if no_year else "not_found"
        self.count(f"published_{article.published_source or 'none'}")

    def _date_from_crawl(self, article: Article, month_day: str) -> None:
        """Give a yearless dateline ("MOSCOW, April 23 (Reuters) -") the year from the WARC crawl date."""
        article.meta["dateline_date"] = month_day
        crawled = article.meta.get("warc_date", "")[:10]
        try:
            anchor = dt.date.fromisoformat(crawled)
        except ValueError:
            return
        published = resolve_month_day(month_day, anchor)
        if published is not None:
            article.published, article.published_source = published, "dateline_crawl"

    def _set_language(self, article: Article) -> None:
        guess = self._languages.guess(article.text, default=self.options.languages[0])
        article.language = guess.language
        if not guess.certain:
            self.count("language_uncertain")
        if guess.language not in self.options.languages:
            article.fail(f"language={guess.language}", status="skipped")
