"""Throughput of `annales run`: documents/s, words/s and peak memory.

Corpora:
  pages   the 181 real HTML pages of ../shared/data/extraction/html
  large   >= 2,000 documents made by replicating those pages (each copy gets a distinct
          comment so its id differs; the text is the same, so this is also a dedup load)

Usage:
    python benchmarks/bench_throughput.py [--copies 11] [--workers 2] [--no-finalize]

Prints a Markdown table row per corpus; docs/benchmarks.md keeps the results.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import measure

SHARED = Path(__file__).resolve().parents[2] / "shared"
PAGES = SHARED / "data" / "extraction" / "html"


def make_corpus(out: Path, copies: int) -> int:
    """Write `copies` copies of each page (uncompressed, a comment making each unique)."""
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for page in sorted(PAGES.glob("*.html.gz")):
        html = gzip.decompress(page.read_bytes())
        for copy in range(copies):
            (out / f"{page.name[:-8]}-{copy}.html").write_bytes(html + f"<!-- copy {copy} -->".encode())
            n += 1
    return n


def run_one(name: str, corpus: Path, n_docs: int, workers: int, finalize: bool, work: Path) -> dict[str, object]:
    db = work / f"{name}.duckdb"
    cmd = [sys.executable, "-m", "annales.cli.main", "run", str(corpus), "--db", str(db), "--workers", str(workers),
           "--json"]  # fmt: skip
    if not finalize:
        cmd.append("--no-finalize")
    result = measure(cmd)
    if result.returncode:
        raise SystemExit(f"annales run failed on {name} (exit {result.returncode})")
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    con = duckdb.connect(str(db), read_only=True)
    words = con.execute("SELECT coalesce(sum(len(string_split(text, ' '))), 0) FROM documents").fetchone()
    con.close()
    n_words = int(words[0]) if words else 0
    return {
        "corpus": name,
        "documents": n_docs,
        "ok": summary["ok"],
        "sentences": summary["sentences"],
        "events": summary["events"],
        "workers": workers,
        "seconds": round(result.seconds, 1),
        "docs_per_s": round(n_docs / result.seconds, 1),
        "words_per_s": round(n_words / result.seconds),
        "peak_rss_tree_mb": round(result.peak_tree_rss_mb),
        "peak_rss_process_mb": round(result.peak_process_rss_mb),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=12, help="copies of each page in the large corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-finalize", action="store_true", help="measure ingest→coding only")
    parser.add_argument("--only", choices=["pages", "large"], default=None)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.only in (None, "pages"):
            rows.append(run_one("pages", PAGES, len(list(PAGES.glob("*.html.gz"))), args.workers,
                                not args.no_finalize, work))  # fmt: skip
        if args.only in (None, "large"):
            n = make_corpus(work / "large", args.copies)
            rows.append(run_one("large", work / "large", n, args.workers, not args.no_finalize, work))
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
