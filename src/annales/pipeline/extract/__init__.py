"""Extraction: raw bytes to clean text, title, publication date and language.

Example:
    >>> from annales.pipeline.extract import Extractor, ExtractOptions, collect_line_stats
    >>> stats = collect_line_stats(articles)  # doctest: +SKIP
    >>> stage = Extractor(ExtractOptions(), line_stats=stats)  # doctest: +SKIP
"""

from annales.pipeline.extract.boilerplate import LineStats, SiteLines, classify_line, collect_line_stats
from annales.pipeline.extract.decode import Decoded, decode_bytes
from annales.pipeline.extract.stage import ExtractOptions, Extractor
from annales.pipeline.extract.text import CleanText, clean_text

__all__ = [
    "CleanText",
    "Decoded",
    "ExtractOptions",
    "Extractor",
    "LineStats",
    "SiteLines",
    "classify_line",
    "clean_text",
    "collect_line_stats",
    "decode_bytes",
]
