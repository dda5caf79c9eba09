"""Speed of the event coder alone: candidates/s of the learned model, sentences/s of the coding step.

Usage:
    python benchmarks/bench_coder.py                  # the bundled sample corpus, examples/news
    python benchmarks/bench_coder.py --repeat 20 PATH  # any input, coded 20 times over

The inputs go through ingest, extraction, the spaCy parse and actor resolution once (not timed);
then the coder stage codes them `--repeat` times. The learned part is timed on its own (the
candidates' features, their embeddings and the model's scores, `LearnedScorer.decide`), so its
rate can be compared with issue 11's goal of at least 2,000 candidates/s. Needs no ../shared.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from annales.config import PipelineConfig  # noqa: E402
from annales.executor.local import learn_line_stats  # noqa: E402
from annales.pipeline.coding.coder import PloverCoder  # noqa: E402
from annales.pipeline.coding.learned import Decision, LearnedScorer  # noqa: E402
from annales.pipeline.coding.syntax import ParsedSentence  # noqa: E402
from annales.pipeline.coding.tables import LexEntry  # noqa: E402
from annales.pipeline.ingest import expand_inputs, read_unit  # noqa: E402
from annales.pipeline.registry import StageContext, build_stages  # noqa: E402
from annales.records import Article  # noqa: E402


class TimedScorer(LearnedScorer):
    """The shipped scorer, timing each call of `decide`."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds = 0.0

    def decide(self, ps: ParsedSentence, matched: dict[int, LexEntry]) -> Decision:
        started = time.perf_counter()
        try:
            return super().decide(ps, matched)
        finally:
            self.seconds += time.perf_counter() - started


def prepare(paths: list[str]) -> tuple[list[Article], PloverCoder]:
    """The inputs parsed and their actors resolved, and a coder with a timed scorer."""
    context = StageContext(line_stats=learn_line_stats(paths))
    stages = build_stages(PipelineConfig.load(None), context=context)
    coder_at = next(i for i, stage in enumerate(stages) if isinstance(stage, PloverCoder))
    articles = [article for unit in expand_inputs(paths) for article in read_unit(unit)]
    for stage in stages[:coder_at]:
        articles = list(stage.run(articles, batch_size=16))
    coder = stages[coder_at]
    assert isinstance(coder, PloverCoder)
    coder.scorer = TimedScorer()
    return articles, coder


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(REPO / "examples" / "news")])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    articles, coder = prepare(args.paths)
    scorer = coder.scorer
    assert isinstance(scorer, TimedScorer)
    events = 0
    for _ in range(args.repeat):
        for article in articles:
            article.events = []
            events += len(coder.process(article).events)
    figures = {
        "articles": len(articles) * args.repeat,
        "sentences": coder.sentences_coded,
        "events": events,
        "candidates": scorer.candidates_scored,
        "learned_seconds": round(scorer.seconds, 3),
        "candidates_per_s": round(scorer.candidates_scored / scorer.seconds) if scorer.seconds else None,
        "coding_seconds": round(coder.coding_seconds, 3),
        "sentences_per_s": round(coder.sentences_coded / coder.coding_seconds) if coder.coding_seconds else None,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
