"""Clean one plain-text document: drop chrome lines, find title and date, keep paragraphs.

The flow for one document: split into lines (blank lines separate blocks; the lines of a
hard-wrapped block are joined, and so is a line that ends mid-sentence with the line that continues
it, though other lines of its block are whole paragraphs), open the first body line with a wire
dateline written alone on the line above it ("KABUL (Reuters)"), classify every line with the general
patterns, find where the body starts, take the title and the date
line from the header above it (never from the footer), look for a wire dateline in the
first body paragraph, mark lines repeated across the site, mark in-document duplicates,
cut the footer after an end marker, and join what is left into paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from annales.pipeline.extract.boilerplate import (
    LineStats,
    classify_line,
    footer_start,
    is_sentence,
    keep_above_floor,
    repeated_reason,
    word_count,
)
from annales.pipeline.extract.dates import (
    Dateline,
    copyright_year,
    is_update_line,
    parse_date_line,
    parse_dateline,
    parse_signoff,
)

# The header (where a title and a publication date may be) holds at most this many lines
# that are not chrome (menus above it do not count), and always ends where the body starts.
HEADER_MAX_LINES = 15
# A body line is prose of at least this many words (or twice as many without end punctuation).
BODY_MIN_WORDS = 12
# A duplicate line is only dropped when it has this many words (short quotes may repeat).
DUPLICATE_MIN_WORDS = 4
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_NOT_REMOVED = frozenset({"title"})
_SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", ":")
# Line kinds kept in text an HTML extractor produced: there they are mostly real content
# (blog paragraphs ending in "…", copyright notes the gold bodies include). Calibrated with
# benchmarks/eval_extraction.py (F1 0.9615 with this exemption, 0.9602 without).
EXTRACTED_KEEP = frozenset({"teaser", "copyright"})


@dataclass(slots=True)
class CleanText:
    """The result of cleaning one document."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # "line" or "dateline"
    dateline: Dateline | None = None
    copyright_year: int | None = None  # of the document's copyright line, removed or kept
    removed: Counter[str] = field(default_factory=Counter)
    # lines that looked like chrome but were kept (site statistics below the floor, issue 14)
    kept: Counter[str] = field(default_factory=Counter)


def clean_text(
    text: str,
    *,
    site: str | None = None,
    stats: LineStats | None = None,
    title: str | None = None,
    extracted: bool = False,
) -> CleanText:
    """Remove chrome lines from a plain-text document and find its title and date.

    Args:
        text: the decoded document.
        site: the site key used in `stats` (URL host or input folder).
        stats: repeated-line statistics from `collect_line_stats`; None disables that signal.
        title: a title known from metadata; when None, a headline in the header is taken.
        extracted: the text comes from an HTML extractor that already dropped page chrome;
            lines ending in "…" and copyright notes are kept there.

    Returns:
        CleanText whose `text` has "\\n\\n" between paragraphs (each kept line or unwrapped
        block) and whose `removed` counts lines by reason.

    Example:
        >>> clean_text("Skip to content\\n\\nKerry meets Lavrov\\n\\nFebruary 2, 2013\\n\\n"
        ...            "Kerry met Lavrov in Munich on Saturday to discuss the war in Syria and Iran.").published
        datetime.date(2013, 2, 2)
    """
    lines = _glue_datelines(_split(text))
    reasons: list[str | None] = [classify_line(line) for line in lines]
    if extracted:
        reasons = [None if reason in EXTRACTED_KEEP else reason for reason in reasons]
    body = next((i for i, line in enumerate(lines) if reasons[i] is None and _is_body(line)), len(lines))
    header = _header_end(reasons, body)
    title_index = None if title else _find_title(lines, reasons, header, site, stats)
    if title_index is not None:
        title = lines[title_index]
    result = CleanText(text="", title=title, copyright_year=copyright_year(text))
    _take_header_date(lines, reasons, header, result)
    if body < len(lines):
        result.dateline = parse_dateline(lines[body])
        if result.published is None and result.dateline and result.dateline.date:
            result.published, result.published_source = result.dateline.date, "dateline"
    kept = _mark_repeats(lines, reasons, title_index, site, stats)
    if kept:
        result.kept["repeated"] = kept
    _mark_duplicates(lines, reasons, title)
    cut = footer_start(reasons, lines)
    for index in range(cut if cut is not None else len(lines), len(lines)):
        reasons[index] = reasons[index] or "footer"
    if title_index is not None:
        reasons[title_index] = "title"
    if result.published is None:
        last = next((line for line, reason in zip(lines[::-1], reasons[::-1], strict=True) if reason is None), "")
        signed = parse_signoff(last)
        if signed is not None:
            result.published, result.published_source = signed, "signoff"
    result.removed.update(reason for reason in reasons if reason and reason not in _NOT_REMOVED)
    result.text = "\n\n".join(line for line, reason in zip(lines, reasons, strict=True) if reason is None)
    return result


def _split(text: str) -> list[str]:
    """Non-blank stripped lines; the lines of a hard-wrapped block are joined into one."""
    lines: list[str] = []
    block: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = _SPACES.sub(" ", raw).strip()
        if line:
            block.append(line)
            continue
        lines.extend([" ".join(block)] if _is_wrapped(block) else _continued(block))
        block = []
    return lines


# A line at least this long that ends mid-sentence, followed by one starting in lower case, wraps into it.
WRAPPED_MIN_CHARS = 40


def _continued(block_lines: list[str]) -> list[str]:
    """Join the lines of a block that a hard wrap split mid-sentence: a long line with no sentence end whose
    next line starts in lower case ("... months after the politician was" / "elected promising to clean up")
    is one line, though other lines of the block are whole paragraphs; so is a line ending on a word no
    sentence ends on ("... from the French and" / "Spanish governments' side")."""
    out: list[str] = []
    for line in block_lines:
        previous = out[-1] if out else ""
        open_ended = len(previous) >= WRAPPED_MIN_CHARS and not previous.endswith(_SENTENCE_ENDS)
        if open_ended and (line[:1].islower() or previous.rsplit(" ", 1)[-1].lower() in _FUNCTION_WORDS):
            out[-1] = f"{previous} {line}"  # "... from the French and" / "Spanish governments' side"
        else:
            out.append(line)
    return out


# Words a sentence never ends on: a line ending on one continues on the next, whatever its case.
_FUNCTION_WORDS = frozenset(
    {"and", "or", "but", "of", "the", "a", "an", "to", "in", "on", "for", "with", "by", "from", "at", "as", "that"}
)


def _glue_datelines(lines: list[str]) -> list[str]:
    """A wire dateline alone on its line ("KABUL (Reuters)") opens the paragraph after it, where the body's
    dateline is read; alone it would pass for a credit line or a headline and be dropped."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else None
        if previous is not None and len(previous) <= DATELINE_MAX_CHARS and _whole_dateline(previous):
            out[-1] = f"{previous} - {line}"
        else:
            out.append(line)
    return out


def _whole_dateline(line: str) -> bool:
    """The line is a wire dateline and nothing else: "MOSCOW, April 23 (Reuters)", "WASHINGTON (AP)"."""
    found = parse_dateline(f"{line} - .")
    return found is not None and found.agency is not None


# A dateline alone on its line is at most this long.
DATELINE_MAX_CHARS = 60


def _header_end(reasons: list[str | None], body: int) -> int:
    """Index where the header ends: the body start, or after HEADER_MAX_LINES non-chrome lines."""
    content = 0
    for index in range(body):
        if reasons[index] is None or reasons[index] == "date_line":
            content += 1
            if content > HEADER_MAX_LINES:
                return index
    return body


def _is_body(line: str) -> bool:
    words = word_count(line)
    return (words >= BODY_MIN_WORDS and is_sentence(line)) or words >= 2 * BODY_MIN_WORDS


def _is_headline(line: str) -> bool:
    return 2 <= word_count(line) <= 25 and not line.endswith(".") and parse_date_line(line) is None


def _find_title(
    lines: list[str], reasons: list[str | None], header: int, site: str | None, stats: LineStats | None
) -> int | None:
    for index in range(header):
        if reasons[index] is None and _is_headline(lines[index]):
            if stats is not None and _is_site_wide(stats, site, lines[index]):
                continue
            return index
    return None


def _is_site_wide(stats: LineStats, site: str | None, line: str) -> bool:
    found, docs = stats.repeats(site, line)
    return found >= 3 and found >= 0.5 * docs


def _take_header_date(lines: list[str], reasons: list[str | None], header: int, result: CleanText) -> None:
    """Use the first date-only header line as the publication date and drop all of them."""
    updated: dt.date | None = None
    for index in range(header):
        if reasons[index] not in (None, "date_line"):
            continue
        found = parse_date_line(lines[index])
        if found is None:
            continue
        reasons[index] = "date_line"
        if is_update_line(lines[index]):
            updated = updated or found
        elif result.published is None:
            result.published, result.published_source = found, "line"
    if result.published is None and updated is not None:
        result.published, result.published_source = updated, "line"


def _mark_repeats(
    lines: list[str], reasons: list[str | None], title_index: int | None, site: str | None, stats: LineStats | None
) -> int:
    """Mark lines site statistics call chrome, above the floor; return how many were kept below it."""
    if stats is None:
        return 0
    candidates = [i for i, reason in enumerate(reasons) if reason is None and i != title_index]
    marked = [i for i in candidates if repeated_reason(stats, site, lines[i])]
    kept = set(keep_above_floor(lines, candidates, marked))
    for index in marked:
        if index not in kept:
            reasons[index] = "repeated"
    return len(kept)


def _mark_duplicates(lines: list[str], reasons: list[str | None], title: str | None) -> None:
    """Drop copies of the title (moved, not counted) and repeats of earlier lines."""
    title_key = title.casefold() if title else None
    seen: set[str] = set()
    for index, line in enumerate(lines):
        key = line.casefold()
        if reasons[index] is None and key == title_key:
            reasons[index] = "title"
        elif reasons[index] is None and key in seen and word_count(line) >= DUPLICATE_MIN_WORDS:
            reasons[index] = "duplicate_line"
        seen.add(key)


def _is_wrapped(block_lines: list[str]) -> bool:
    """True for fixed-width text: every line but the last 40-100 characters, most not ending a sentence."""
    if len(block_lines) < 3:
        return False
    inner = block_lines[:-1]
    open_ended = sum(1 for line in inner if not line.endswith(_SENTENCE_ENDS))
    return open_ended >= 0.6 * len(inner) and all(40 <= len(line) <= 100 for line in inner)
