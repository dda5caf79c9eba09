"""Seconds per stage: the 181 real pages through every stage in one process, timed stage by stage.

Each stage's own time (`Stage.seconds`, wall time inside the stage; in one process on an idle
machine that is its CPU time), the whole in-process CPU time, and what the entity stage did. The
models are loaded before the clock starts; the pages are read once, in batches of 16 as `annales
run` sends them. `--config FILE` runs another configuration (say `benchmarks/configs/parse_v2.toml`,
the parse with spaCy's entity recogniser in it).

Usage:
    python benchmarks/bench_stages.py [--config FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PAGES = REPO.parent / "shared" / "data" / "extraction" / "html"
BATCH = 16


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, help="a run configuration (TOML)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"bench_stages: skipped: {PAGES} is missing (needs ../shared)")
        return 0
    from annales.config import PipelineConfig
    from annales.executor.base import run_stages
    from annales.executor.local import learn_line_stats
    from annales.pipeline.ingest.readers import read_unit
    from annales.pipeline.ingest.units import expand_inputs
    from annales.pipeline.registry import StageContext, build_stages

    cfg = PipelineConfig.load(args.config)
    articles = [article for unit in expand_inputs([str(PAGES)]) for article in read_unit(unit)]
    stages = build_stages(cfg, context=StageContext(line_stats=learn_line_stats([str(PAGES)])))
    run_stages(stages, list(read_unit(next(expand_inputs([str(PAGES)])))))  # load every model (a page read anew)
    for stage in stages:
        stage.seconds = 0.0
        stage.stats.clear()
    started = time.process_time()
    events = 0
    for i in range(0, len(articles), BATCH):
        done, _ = run_stages(stages, articles[i : i + BATCH])
        events += sum(len(article.events) for article in done)
    entity_stats = next((s.stats for s in stages if s.name.startswith("annales.nlp.entities")), {})
    figures = {
        "config": args.config.name if args.config else "default",
        "documents": len(articles),
        "events": events,
        "cpu_seconds": round(time.process_time() - started, 2),
        "stages": {stage.name: round(stage.seconds, 2) for stage in stages},
        "entities": {k: v for k, v in sorted(entity_stats.items()) if k.startswith("sentences")},
    }
    print("| stage | seconds |\n|---|---|")
    for name, seconds in figures["stages"].items():
        print(f"| {name} | {seconds} |")
    print(f"| all, CPU of the process | {figures['cpu_seconds']} |")
    print(f"\n{figures['documents']} documents, {figures['events']} events; entity stage: {figures['entities']}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
