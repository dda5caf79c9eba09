"""Find wire datelines ("GENEVA, Sept. 10 (Reuters) -", "KIEV —") at the start of paragraphs.

A dateline names where the reporter filed from, not who acted: mentions inside it are kept with
code None and reason "dateline", and its place only votes for the article's country when
nothing else does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annales.records import Sentence

# place [, qualifier or date] [(Agency)] dash; the dash must be followed by a space or the end.
_DATELINE_RE = re.compile(
    r"^(?P<head>[^\n()\-\u2013\u2014]{3,60}?)\s*(?P<agency>\([^()\n]{1,40}\))?\s*(?:--|[-\u2013\u2014])(?=\s|$)"
)
_DATE_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{4}\b", re.IGNORECASE
)
# Wire agencies that state-agency datelines name after the comma without parentheses
# ("Damascus, SANA -", "Tehran, IRNA -", "New Delhi, PTI:"); the place stage reads them too.
WIRE_AGENCIES = frozenset((
    "AFP", "AP", "UPI", "AA", "ANI", "APA", "APP", "BNA", "BSS", "DPA", "EFE", "ANSA", "IANS", "IRNA", "ISNA", "KCNA",
    "KUNA", "MENA", "NNA", "PTI", "QNA", "SANA", "SPA", "SUNA", "TASS", "UNI", "WAFA", "WAM", "XINHUA", "YONHAP",
    "PAP", "BTA", "MTI", "CTK", "ATS", "NAN", "ONA", "PNA", "TAP", "MAP", "APS", "ENA",
))  # fmt: skip
_MAX_PLACE_WORDS = 4
# A first sentence this short may be a headline glued before the dateline.
_HEADLINE_WORDS = 15
_MIN_CAPS_LETTERS = 3


def dateline_end(text: str) -> int | None:
    """The offset just after the dash of a dateline that opens `text`, if there is one.

    A dateline is a place in capitals ("BAKU -", "KIEV, Ukraine -"), or a capitalised place
    followed by a date or an agency ("Geneva, Sept. 10 (Reuters) -", "Damascus, SANA -").

    Args:
        text: the text of a paragraph (or sentence) from its first character.

    Returns:
        The end offset of the dateline in `text`, or None.
    """
    match = _DATELINE_RE.match(text)
    if match is None:
        return None
    place, _, rest = match.group("head").strip().partition(",")
    words = place.split()
    if not words or len(words) > _MAX_PLACE_WORDS or not all(word[:1].isupper() for word in words):
        return None
    letters = [ch for ch in place if ch.isalpha()]
    capitals = len(letters) >= _MIN_CAPS_LETTERS and all(ch.isupper() for ch in letters)
    agency = match.group("agency") is not None or rest.strip().upper() in WIRE_AGENCIES
    dated = agency or bool(_DATE_RE.search(rest))
    qualifier = all(word[:1].isupper() or word[:1].isdigit() for word in rest.split())
    if (capitals and (dated or qualifier)) or dated:
        return match.end()
    return None


def find_datelines(sentences: Sequence[Sentence], text: str | None = None) -> list[tuple[int, int]]:
    """Character spans (article coordinates) of the datelines of an article.

    Args:
        sentences: the article's sentences (offsets in article coordinates).
        text: the article text; None looks only at the start of the first sentence.

    Returns:
        [start, end) spans, one per paragraph that opens with a dateline.
    """
    if text is None:
        if not sentences:
            return []
        first = sentences[0]
        end = dateline_end(first.text)
        return [] if end is None else [(first.start, first.start + end)]
    spans = []
    for start in _paragraph_starts(text):
        end = dateline_end(text[start : start + 200])
        if end is not None:
            spans.append((start, start + end))
    return spans


def _paragraph_starts(text: str) -> list[int]:
    starts = [0] + [match.end() for match in re.finditer(r"\n[ \t]*", text)]
    return [start + len(text[start:]) - len(text[start:].lstrip(" \t")) for start in starts if start < len(text)]


def glued_dateline(sentences: Sequence[Sentence]) -> tuple[int, int] | None:
    """A dateline in capitals that opens the second sentence after a short first one ("Loud music complaint
    leads to threatening. CROMWELL — Police thought..."): LGL glues its headline before the dateline.
    The article's country falls back on it, and its mentions name no party ("ISLAMABAD, Pakistan — Pakistan
    agreed"); they still vote for the article's country (`main_country` counts them as before: treating them
    as a dateline there too was measured worse on val)."""
    if len(sentences) < 2 or len(sentences[0].text.split()) > _HEADLINE_WORDS:
        return None
    second = sentences[1]
    end = dateline_end(second.text)
    head = second.text[: end or 0].split(",")[0].strip(" -\u2013\u2014")
    return (second.start, second.start + end) if end is not None and head.isupper() else None
