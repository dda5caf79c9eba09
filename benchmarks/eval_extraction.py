"""Extraction quality on real pages: token-overlap precision, recall and F1 against gold article bodies.

Reads ../shared/data/extraction (181 pages `html/<id>.html.gz` and `ground-truth.json`, which maps
each id to {"articleBody": ..., "url": ...}), runs our `Extractor` and plain trafilatura on every
page, and prints mean precision, recall, F1 and documents per second for both.

    python benchmarks/eval_extraction.py                 # report
    python benchmarks/eval_extraction.py --gate          # exit 1 below the floors in floors/extraction.json
    python benchmarks/eval_extraction.py --update-floors # re-pin the floors (and the corpus hash)
    python benchmarks/eval_extraction.py --show ../shared/seeds   # cleaned start/end and date of each document

The floors are pinned with the sha256 of ground-truth.json; a changed corpus fails the gate until
the floors are re-pinned explicitly.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annales.pipeline.extract import ExtractOptions, Extractor
from annales.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import skip_missing

logger = logging.getLogger("eval_extraction")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "extraction"
FLOORS = REPO / "benchmarks" / "floors" / "extraction.json"
# Floors are pinned this far below the measured value, so that harmless library updates
# (trafilatura heuristics) do not fail the gate; a real regression moves F1 by more.
FLOOR_MARGIN = 0.01
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Scores:
    """Mean scores of one system over the pages."""

    precision: float
    recall: float
    f1: float
    docs_per_s: float


def tokens(text: str) -> Counter[str]:
    """Lower-cased word tokens of a text, as a bag."""
    return Counter(_TOKEN.findall(text.lower()))


def overlap_scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """Token-bag precision, recall and F1 of `predicted` against `gold` (1.0 when both are empty)."""
    pred, ref = tokens(predicted), tokens(gold)
    if not pred and not ref:
        return 1.0, 1.0, 1.0
    common = sum((pred & ref).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_pages(data: Path) -> list[tuple[str, bytes, str, str | None]]:
    """(id, html bytes, gold body, url) for every page with a gold body."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, gold in sorted(truth.items()):
        path = data / "html" / f"{page_id}.html.gz"
        pages.append((page_id, gzip.decompress(path.read_bytes()), gold.get("articleBody") or "", gold.get("url")))
    return pages


def evaluate(pages: list[tuple[str, bytes, str, str | None]], extract: Callable[[bytes, str | None], str]) -> Scores:
    """Run `extract` on every page and average the token-overlap scores."""
    totals = [0.0, 0.0, 0.0]
    started = time.perf_counter()
    for _page_id, html, gold, url in pages:
        for i, value in enumerate(overlap_scores(extract(html, url), gold)):
            totals[i] += value
    seconds = time.perf_counter() - started
    n = len(pages) or 1
    return Scores(totals[0] / n, totals[1] / n, totals[2] / n, len(pages) / seconds if seconds else 0.0)


def ours(options: ExtractOptions) -> Callable[[bytes, str | None], str]:
    """Our Extractor as a page -> text function (language filtering off, errors count as empty)."""
    stage = Extractor(options)

    def run(html: bytes, url: str | None) -> str:
        article = Article(doc_id="bench", uri=url or "", format="html", raw=html, url=url)
        stage.process(article)
        return article.text if article.status in ("ok", "skipped") else ""

    return run


def plain_trafilatura(html: bytes, url: str | None) -> str:
    """trafilatura.extract with its defaults."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gate(result: Scores, corpus_hash: str, floors_path: Path) -> list[str]:
    """Problems that fail the gate: a changed corpus or a score below its floor."""
    floors = json.loads(floors_path.read_text(encoding="utf-8"))
    if floors.get("ground_truth_sha256") != corpus_hash:
        return ["ground-truth.json changed: re-pin the floors with --update-floors after checking the scores"]
    return [
        f"{name} {getattr(result, name):.4f} is below the floor {floors[name]:.4f}"
        for name in ("precision", "recall", "f1")
        if getattr(result, name) < floors[name]
    ]


def show(paths: list[str], width: int = 110) -> None:
    """Print each document's status, date, removed lines and the start and end of its clean text."""
    from annales.pipeline.extract import collect_line_stats
    from annales.pipeline.ingest import expand_inputs, read_unit

    articles = [article for unit in expand_inputs(paths) for article in read_unit(unit)]
    stage = Extractor(line_stats=collect_line_stats(articles))
    for article in stage.run(articles):
        dated = f"{article.published} ({article.published_source or article.published_reason})"
        sys.stdout.write(f"{article.uri}: {article.status} {article.error or ''} published={dated}\n")
        sys.stdout.write(f"  title: {article.title}\n  removed: {article.removed}\n")
        sys.stdout.write(f"  start: {article.text[:width]!r}\n  end:   {article.text[-width:]!r}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with ground-truth.json and html/")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--gate", action="store_true", help="exit 1 below the floors")
    parser.add_argument("--update-floors", action="store_true", help="re-pin floors and corpus hash")
    parser.add_argument("--no-baseline", action="store_true", help="skip plain trafilatura")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--show", nargs="+", metavar="PATH", help="only show extraction of these inputs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.show:
        show(args.show)
        return 0
    if not (args.data / "ground-truth.json").is_file():
        return skip_missing(args.data / "ground-truth.json", "eval_extraction (pass --data for another folder)")
    pages = load_pages(args.data)
    if args.limit:
        pages = pages[: args.limit]
    results = {"annales": evaluate(pages, ours(ExtractOptions(timeout_s=30.0)))}
    if not args.no_baseline:
        results["trafilatura"] = evaluate(pages, plain_trafilatura)
    report = {name: {k: round(getattr(s, k), 4) for k in Scores.__slots__} for name, s in results.items()}
    report["pages"] = {"n": len(pages)}
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(f"pages: {len(pages)}\n")
        for name, s in results.items():
            sys.stdout.write(
                f"{name:12s} P={s.precision:.4f} R={s.recall:.4f} F1={s.f1:.4f} docs/s={s.docs_per_s:.1f}\n"
            )
    corpus_hash = sha256(args.data / "ground-truth.json")
    if args.update_floors:
        if args.limit:
            sys.stderr.write("--update-floors needs the full corpus (no --limit)\n")
            return 2
        ours_scores = results["annales"]
        floors = {
            "ground_truth_sha256": corpus_hash,
            "pages": len(pages),
            "margin": FLOOR_MARGIN,
            **{k: round(getattr(ours_scores, k) - FLOOR_MARGIN, 4) for k in ("precision", "recall", "f1")},
        }
        FLOORS.parent.mkdir(parents=True, exist_ok=True)
        FLOORS.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
        sys.stdout.write(f"floors written to {FLOORS}\n")
    if args.gate:
        problems = gate(results["annales"], corpus_hash, FLOORS)
        for problem in problems:
            sys.stderr.write(f"GATE FAILED: {problem}\n")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
