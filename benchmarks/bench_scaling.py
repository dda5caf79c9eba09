"""Scaling: the local executor against the Ray executor, with 1, 2, 4, 8, 16... workers.

Measures, on the same corpus, documents/s, wall time, the peak RSS of each worker
process (local: the process-pool children; Ray: the stage-group actors) and of the whole
process tree, the CPU time the driver process spends per document (the one writer: its
time per document bounds the rate any number of workers can reach), the Ray overhead as a
ratio of wall times, and the hours 100,000 articles would take at the measured rate.

Corpus: the real HTML pages of ../shared/data/extraction/html, copied until there are
`--docs` documents; each copy gets a small perturbation (a copy number in an HTML
comment and in a hidden element's id) so document ids differ while the text, and so the
work per document, stays that of a real page.

Each configuration runs `annales run` in a fresh process (Ray starts its own local
runtime with `--workers` CPUs, which is counted: that is what a user pays).

Usage:
    python benchmarks/bench_scaling.py --docs 5000 [--workers 1 2] [--executors local ray] [--finalize]
    python benchmarks/bench_scaling.py --corpus wire --docs 3000 --rows $OUT/scaling.jsonl   # 16 cores

`--workers` defaults to 1, 2, 4, 8... up to the cores of the machine. The 16-core series of issue 13
(`--corpus wire --docs 3000`, local and Ray, 1 to 16 workers) took 8.5 minutes there; `--rows`
appends each row as JSON the moment it is measured, so a run cut short keeps what it measured.
Prints one Markdown table (and JSON with --json), with the machine's cores and load.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import _children, _rss_mb

SHARED = Path(__file__).resolve().parents[2] / "shared"
PAGES = SHARED / "data" / "extraction" / "html"
PROJECTED_DOCS = 100_000


def make_corpus(out: Path, n_docs: int) -> int:
    """Write `n_docs` perturbed copies of the shared HTML pages into `out`; return the count."""
    pages = [gzip.decompress(page.read_bytes()) for page in sorted(PAGES.glob("*.html.gz"))]
    if not pages:
        raise SystemExit(f"no pages in {PAGES}")
    out.mkdir(parents=True, exist_ok=True)
    for number in range(n_docs):
        html = pages[number % len(pages)]
        mark = f'<!-- copy {number} --><span id="c{number}" hidden></span>'.encode()
        (out / f"doc-{number:06d}.html").write_bytes(html.replace(b"</body>", mark + b"</body>", 1) + mark)
    return n_docs


@dataclass(slots=True)
class Sampled:
    """Peak memory seen while a command ran."""

    tree_mb: float = 0.0
    per_worker_mb: dict[int, float] = field(default_factory=dict)
    parent_cpu_s: float = 0.0  # CPU time of the `annales run` process itself (the one writer)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _is_worker(pid: int, root: int, executor: str) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return False
    if executor == "ray":
        return cmdline.startswith("ray::MapWorker")
    return parent == root and "resource_tracker" not in cmdline


def run_one(executor: str, workers: int, corpus: Path, work: Path, *, finalize: bool) -> dict[str, object]:
    """Run `annales run` once and measure it."""
    db = work / f"{executor}-{workers}.duckdb"
    cmd = [sys.executable, "-m", "annales.cli.main", "run", str(corpus), "--db", str(db), "--workers", str(workers),
           "--json", "--executor", executor]  # fmt: skip
    if executor == "ray":
        cmd += ["--out", str(work / f"parts-{workers}")]
    if not finalize:
        cmd.append("--no-finalize")
    sampled = Sampled()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sampled.parent_cpu_s = max(sampled.parent_cpu_s, _cpu_seconds(proc.pid))
            pids = _children(proc.pid)
            sizes = {pid: _rss_mb(pid) for pid in pids}
            sampled.tree_mb = max(sampled.tree_mb, sum(sizes.values()))
            for pid, size in sizes.items():
                if _is_worker(pid, proc.pid, executor):
                    sampled.per_worker_mb[pid] = max(sampled.per_worker_mb.get(pid, 0.0), size)
            done.wait(0.25)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stdout, _ = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    thread.join()
    if proc.returncode:
        raise SystemExit(f"annales run --executor {executor} --workers {workers} failed (exit {proc.returncode})")
    summary = json.loads(stdout.strip().splitlines()[-1])
    n_docs = int(summary["read"])
    worker_peaks = sorted(sampled.per_worker_mb.values(), reverse=True)[: max(workers, 1)]
    return {
        "executor": executor,
        "workers": workers,
        "documents": n_docs,
        "ok": summary["ok"],
        "events": summary["events"],
        "seconds": round(seconds, 1),
        "docs_per_s": round(n_docs / seconds, 2),
        "peak_rss_per_worker_mb": round(max(worker_peaks, default=0.0)),
        "peak_rss_tree_mb": round(sampled.tree_mb),
        "hours_100k": round(PROJECTED_DOCS / (n_docs / seconds) / 3600, 2),
        # The parent reads, hands out and writes every document: its CPU time per document
        # bounds what any number of workers can reach (1000 / this = documents/s at most).
        "parent_ms_per_doc": round(1000 * sampled.parent_cpu_s / max(n_docs, 1), 2),
    }


def _powers_of_two(limit: int) -> list[int]:
    counts = [1]
    while counts[-1] * 2 <= limit:
        counts.append(counts[-1] * 2)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000, help="documents in the corpus (default 5000)")
    parser.add_argument("--workers", type=int, nargs="+", default=_powers_of_two(os.cpu_count() or 1),
                        help="worker counts (default: 1, 2, 4... up to the number of cores)")  # fmt: skip
    parser.add_argument("--executors", nargs="+", choices=["local", "ray"], default=["local", "ray"])
    parser.add_argument("--finalize", action="store_true", help="include the global steps (same code for both)")
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    parser.add_argument("--rows", type=Path, help="append each row to this JSONL file as soon as it is measured")
    parser.add_argument("--corpus", choices=["pages", "wire"], default="pages",
                        help="pages: replicated real HTML pages (long); wire: short synthetic wire texts")  # fmt: skip
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="annales-scaling-") as tmp:
        work = Path(tmp)
        if args.corpus == "wire":
            from bench_kill_resume import make_corpus as make_wire_corpus

            make_wire_corpus(work / "corpus", args.docs, seed=1)
        else:
            make_corpus(work / "corpus", args.docs)
        load = round(os.getloadavg()[0], 1)
        for workers in args.workers:
            for executor in args.executors:
                row = run_one(executor, workers, work / "corpus", work, finalize=args.finalize)
                row["load_before"] = load
                load = round(os.getloadavg()[0], 1)
                print(json.dumps(row), file=sys.stderr, flush=True)
                if args.rows:
                    with open(args.rows, "a", encoding="utf-8") as out:
                        out.write(json.dumps(row) + "\n")
                rows.append(row)
    local = {row["workers"]: row for row in rows if row["executor"] == "local"}
    for row in rows:
        base = local.get(row["workers"])
        row["time_vs_local"] = round(float(row["seconds"]) / float(base["seconds"]), 2) if base else "-"  # type: ignore[arg-type]
    print(f"machine: {os.cpu_count()} cores; corpus {args.corpus}, {args.docs} documents")
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[key]) for key in keys) + " |")
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
