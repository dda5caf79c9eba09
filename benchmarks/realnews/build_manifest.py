"""Build `benchmarks/realnews/manifest.jsonl`: the articles of the blind set, their publication date and split.

The articles were picked by hand from the titles and first lines of the real news in ../shared
(ScrapingHub extraction pages, GeoWebNews, LGL, TR-News): politics, conflict, diplomacy, protest and
justice, 100-1,100 words, English. The coder was not run on any of them before their gold was written.
The split is fixed once, by a hash of the key within each corpus: one article in three is `test`
(only its aggregate figures are ever read), the rest `dev`.

Usage: python benchmarks/realnews/build_manifest.py  (needs ../shared; rewrites the manifest)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.realnews.sources import load_article, read_html

MANIFEST = Path(__file__).resolve().parent / "manifest.jsonl"
VAL_MANIFEST = Path(__file__).resolve().parent / "val_manifest.jsonl"
DEV2_MANIFEST = Path(__file__).resolve().parent / "dev2_manifest.jsonl"
DEV3_MANIFEST = Path(__file__).resolve().parent / "dev3_manifest.jsonl"
DEV4_MANIFEST = Path(__file__).resolve().parent / "dev4_manifest.jsonl"
DEV5_MANIFEST = Path(__file__).resolve().parent / "dev5_manifest.jsonl"

KEYS = (
    # ScrapingHub extraction pages (2018-2019)
    "ext-a1fca19b884e", "ext-624fcd903d56", "ext-e7301133baab", "ext-7916ecca969f", "ext-39d5c43beb60",
    "ext-d90bda7ed14d", "ext-1ee91d1fce65", "ext-82b6d780c792", "ext-4a44ab3e4c41", "ext-5a822960e9a2",
    "ext-c90731f051d0", "ext-db6b0816c612", "ext-833caf3bdba5", "ext-dc7ccccc1f34", "ext-e7994d550087",
    "ext-c7e39ac49fa1", "ext-0dd135704572", "ext-5f9c5ed5d64d", "ext-7a457a4f7173", "ext-7de5241947a5",
    "ext-7a664e40d256", "ext-2c46804d9db4",
    # TR-News (2016-2017)
    "tr-1040001", "tr-1050002", "tr-1310001", "tr-1160001", "tr-1020010", "tr-1020015", "tr-1020006",
    "tr-1020011", "tr-1020003", "tr-1020004", "tr-1060003", "tr-1030016", "tr-1010010", "tr-1110001",
    "tr-1030008", "tr-1060006", "tr-1020012", "tr-1030012",
    # GeoWebNews (2018)
    "gwn-1", "gwn-20", "gwn-121", "gwn-252", "gwn-201", "gwn-193", "gwn-128", "gwn-277", "gwn-25", "gwn-257",
    "gwn-301", "gwn-255", "gwn-13", "gwn-147", "gwn-209", "gwn-133", "gwn-152", "gwn-269", "gwn-282", "gwn-246",
    # LGL (2008-2009 local and regional news)
    "lgl-42573072", "lgl-39086057", "lgl-44176373", "lgl-43340250", "lgl-41447397", "lgl-43786121",
    "lgl-41028454", "lgl-38543871", "lgl-42573065", "lgl-39255113", "lgl-38543491", "lgl-43790134",
    "lgl-38754831", "lgl-40062880", "lgl-40648857", "lgl-31767483",
)  # fmt: skip

# A validation split picked later the same way and annotated blind in one pass (docs/annotation.md): only
# its aggregate figures are read, to check that a change made while reading dev errors holds on articles
# nobody tuned on. Kept apart from the blind set, whose split never changes.
VAL_KEYS = (
    "ext-5fa3154ec031", "ext-e4c6a3b48240", "ext-d605bdef2cde", "ext-6ebac05f637e", "ext-5caf91b8a442",
    "ext-aec5deeaada8", "ext-ef4e67b66d63", "ext-9e8c9f082a8d", "ext-961bd85ca85a", "ext-04a6711caa7c",
    "ext-374ac9a59a85", "ext-8380689f358c",
    "gwn-247", "gwn-208", "gwn-235", "gwn-210", "gwn-103", "gwn-261", "gwn-313", "gwn-297", "gwn-283",
    "gwn-254", "gwn-237", "gwn-141", "gwn-286", "gwn-280", "gwn-263", "gwn-131", "gwn-130", "gwn-123",
    "gwn-180", "gwn-135",
    "lgl-38576503", "lgl-43045768", "lgl-41397243", "lgl-38576530", "lgl-42050290", "lgl-34605959",
    "lgl-42388700", "lgl-39423136", "lgl-42323934", "lgl-43972783", "lgl-38572301", "lgl-40818148",
    "tr-1030005", "tr-1360003", "tr-1030014", "tr-1010013", "tr-1130003", "tr-1030011", "tr-1020009",
    "tr-1010003", "tr-1060005", "tr-1020002", "tr-1090002", "tr-1170005",
)  # fmt: skip

# A third set picked in the tenth session from what was left (political and justice news of GeoWebNews,
# LGL and TR-News, and the political documents of the TempEval-3 platinum set), annotated blind in one
# pass: its first figures were the current coder's on articles nobody had tuned on; it is read freely
# afterwards, as a second dev split (`--split dev2`).
DEV2_KEYS = (
    "te3-CNN_20130322_314", "te3-WSJ_20130322_159", "te3-bbc_20130322_1353", "te3-bbc_20130322_721",
    "te3-nyt_20130321_sarcozy", "te3-CNN_20130322_1003",
    "gwn-291", "gwn-24", "gwn-212", "gwn-311", "gwn-172", "gwn-170", "gwn-161", "gwn-232", "gwn-275", "gwn-312",
    "gwn-279",
    "lgl-41028479", "lgl-42573074", "lgl-38576514", "lgl-38543582", "lgl-41694033", "lgl-44148901",
    "lgl-44102988", "lgl-43228123", "lgl-38650725", "lgl-41521710", "lgl-44095695",
    "tr-1090001", "tr-1010005", "tr-1130001",
)  # fmt: skip

# A fourth set picked at the end of the tenth session from what was left (local crime, justice and police news
# of LGL, GeoWebNews and TR-News, the corpora where the blind splits are weakest), annotated blind in one
# pass: its first figures measured the coder after the tenth session's changes (`--split dev3`).
DEV3_KEYS = (
    "lgl-41662233", "lgl-43764962", "lgl-38991174", "lgl-44145248", "lgl-44145252", "lgl-40113609",
    "lgl-44112064", "lgl-38575334", "lgl-42638641", "lgl-42982555", "lgl-40531532", "lgl-44006860",
    "lgl-44256185", "lgl-44014228", "lgl-40345589",
    "gwn-29", "gwn-224", "gwn-256", "gwn-222", "gwn-192",
    "tr-1030001", "tr-1350001", "tr-1080005", "tr-1110003",
)  # fmt: skip

# A fifth set picked at the start of the eleventh session from what was left (the political, diplomatic,
# protest and justice news of GeoWebNews, TR-News and the extraction pages), annotated blind in one pass
# by helper sessions: its first figures are the coder's at that session's start on articles nobody had
# read (`--split dev4`); read freely afterwards.
DEV4_KEYS = (
    "gwn-136", "gwn-272", "gwn-2", "gwn-23", "gwn-264", "gwn-195", "gwn-182", "gwn-242", "gwn-260", "gwn-216",
    "gwn-249", "gwn-304", "gwn-241", "gwn-302", "gwn-267", "gwn-196", "gwn-159", "gwn-299", "gwn-188", "gwn-116",
    "tr-1020001", "tr-1010001", "tr-1070001", "tr-1080003", "tr-1080004", "tr-1030017", "tr-1030009",
    "tr-1230001",
    "ext-b6906ca016bb", "ext-06e5123e4ef7", "ext-abd9d6291b6b", "ext-1f765c487806",
)  # fmt: skip

# A sixth set picked in the fifteenth session from the little political, diplomatic and justice news the corpora
# had left (LGL, GeoWebNews, TempEval-3 platinum, the extraction pages), annotated blind in one pass by helper
# sessions: its first figures are the coder's at that session's commit on articles nobody had read
# (`--split dev5`); read freely afterwards.
DEV5_KEYS = (
    "lgl-38543581", "lgl-40520550", "lgl-40980020", "lgl-38551854", "lgl-41126645", "lgl-40792323",
    "lgl-42577801", "lgl-43147271", "lgl-42267097",
    "gwn-239", "gwn-187", "gwn-149", "gwn-250", "gwn-285", "gwn-167",
    "te3-nyt_20130321_cyprus", "te3-CNN_20130322_248", "te3-nyt_20130321_women_senate",
    "ext-c58aa507c4de", "ext-87bf60570e6e", "ext-156770d676ce", "ext-1ace8c85aaee", "ext-70cb2d5bca75",
    "ext-a6968f427cdb", "ext-702d1da63b8e",
)  # fmt: skip

_URL_DATE = re.compile(
    r"/(20\d\d)[/-](\d\d)[/-](\d\d)/|/(20\d\d)/(\d\d)(\d\d)/|(20\d\d)(\d\d)(\d\d)|/(20\d\d)-(\d\d)-(\d\d)-"
)
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}


def _url_date(url: str) -> dt.date | None:
    for match in _URL_DATE.finditer(url):
        y, m, d = (int(g) for g in match.groups() if g is not None)
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    return None


def _dltime_date(text: str) -> dt.date | None:
    iso = re.search(r"(\d{4})-(\d\d)-(\d\d)", text)
    if iso:
        return dt.date(*(int(g) for g in iso.groups()))
    words = re.search(r"([A-Za-z]{3})[a-z.]*\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    if words and words.group(1).lower() in _MONTHS:
        return dt.date(int(words.group(3)), _MONTHS[words.group(1).lower()], int(words.group(2)))
    euro = re.search(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})", text)
    if euro and euro.group(2).lower() in _MONTHS:
        return dt.date(int(euro.group(3)), _MONTHS[euro.group(2).lower()], int(euro.group(1)))
    return None


def _published(key: str) -> tuple[dt.date | None, str]:
    article = load_article(key)
    found = _dltime_date(article.dltime) if article.dltime else None
    if found:
        return found, "corpus"
    found = _url_date(article.url)
    if found:
        return found, "url"
    if article.html_path is not None:
        from htmldate import find_date

        value = find_date(read_html(article).decode("utf-8", "replace"), original_date=True)
        if value:
            return dt.date.fromisoformat(value), "htmldate"
    return None, "unknown"


def split_of(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()
    return "test" if int(digest[:8], 16) % 3 == 0 else "dev"


def _rows(keys: tuple[str, ...], split: str | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for key in keys:
        article = load_article(key)
        published, source = _published(key)
        rows.append(
            {
                "key": key,
                "corpus": key.split("-")[0],
                "published": published.isoformat() if published else None,
                "published_source": source,
                "words": len(article.text.split()),
                "split": split or split_of(key),
            }
        )
    return rows


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def main() -> int:
    rows = _rows(KEYS, None)
    _write(MANIFEST, rows)
    _write(VAL_MANIFEST, _rows(VAL_KEYS, "val"))
    _write(DEV2_MANIFEST, _rows(DEV2_KEYS, "dev2"))
    _write(DEV3_MANIFEST, _rows(DEV3_KEYS, "dev3"))
    _write(DEV4_MANIFEST, _rows(DEV4_KEYS, "dev4"))
    _write(DEV5_MANIFEST, _rows(DEV5_KEYS, "dev5"))
    n_test = sum(r["split"] == "test" for r in rows)
    print(f"{len(rows)} articles ({len(rows) - n_test} dev, {n_test} test) -> {MANIFEST}")
    print(f"{len(VAL_KEYS)} validation articles -> {VAL_MANIFEST}")
    print(f"{len(DEV2_KEYS)} second-dev articles -> {DEV2_MANIFEST}")
    print(f"{len(DEV3_KEYS)} third-dev articles -> {DEV3_MANIFEST}")
    print(f"{len(DEV4_KEYS)} fourth-dev articles -> {DEV4_MANIFEST}")
    print(f"{len(DEV5_KEYS)} fifth-dev articles -> {DEV5_MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
