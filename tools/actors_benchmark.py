"""Measure the actor table and resolver: table size, load time, speed and resolution rate.

Parses every text file of a folder (default ../shared/seeds) with SpacyParser, then resolves
actors as of the date given (the seeds are 2013-2016 US-Russia diplomacy; pass --as-of).
Resolution rate = share of spaCy PERSON/GPE/NORP/ORG entities that overlap a resolved mention.

Run:
    python tools/actors_benchmark.py [--seeds ../shared/seeds] [--as-of 2013-02-05] [--show]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import time
from collections import Counter
from pathlib import Path

from annales.pipeline.actors import ActorResolver, ActorTable
from annales.pipeline.actors.table import _default_table
from annales.pipeline.nlp.parse import SpacyParser
from annales.records import Actor, Sentence

logger = logging.getLogger("actors_benchmark")
REPO = Path(__file__).resolve().parents[1]
LABELS = ("PERSON", "GPE", "NORP", "ORG")


def _entity_rate(sentences: list[Sentence], mentions: list[list[Actor]]) -> tuple[Counter[str], Counter[str]]:
    total: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    for sent, actors in zip(sentences, mentions, strict=True):
        spans = [(a.start, a.end) for a in actors if a.code]
        for ent in sent.entities:
            if ent.label not in LABELS:
                continue
            start, end = sent.tokens[ent.start].idx, sent.tokens[ent.end - 1].end
            total[ent.label] += 1
            if any(s < end and start < e for s, e in spans):
                resolved[ent.label] += 1
    return total, resolved


def main() -> None:
    """Command-line entry point."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--show", action="store_true", help="log every mention")
    parser.add_argument("--repeat", type=int, default=5, help="time load and resolution this many times, keep the best")
    args = parser.parse_args()

    walls, cpus = [], []
    for _ in range(args.repeat):
        _default_table.cache_clear()
        started, cpu = time.perf_counter(), time.process_time()
        table = _default_table()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    logger.info("load (best of %d): %.3f s wall, %.3f s cpu; table: %s", args.repeat, min(walls), min(cpus),
                table.counts())  # fmt: skip

    spacy = SpacyParser()
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.seeds.glob("*.txt"))]
    docs = [spacy.parse(text) for text in texts]
    resolver = ActorResolver(ActorTable.default())
    seconds, cpu_seconds = float("inf"), float("inf")
    for _ in range(args.repeat):
        started, cpu = time.perf_counter(), time.process_time()
        results = [
            resolver.resolve_article(sents, as_of=args.as_of, text=text)
            for sents, text in zip(docs, texts, strict=True)
        ]
        seconds = min(seconds, time.perf_counter() - started)
        cpu_seconds = min(cpu_seconds, time.process_time() - cpu)
    logger.info("resolution (best of %d): %.3f s wall, %.3f s cpu", args.repeat, seconds, cpu_seconds)

    mentions = [actor for doc in results for actors in doc for actor in actors]
    reasons = Counter(actor.reason or "resolved" for actor in mentions)
    tokens = sum(len(sent.tokens) for sents in docs for sent in sents)
    logger.info("docs %d, tokens %d, mentions %d in %.3f s: %.0f mentions/s, %.0f tokens/s",
                len(docs), tokens, len(mentions), seconds, len(mentions) / seconds, tokens / seconds)  # fmt: skip
    logger.info("mentions by outcome: %s", dict(reasons.most_common()))
    total: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    for sents, doc in zip(docs, results, strict=True):
        t, r = _entity_rate(sents, doc)
        total.update(t)
        resolved.update(r)
    for label in LABELS:
        logger.info("%s: %d/%d resolved (%.0f%%)", label, resolved[label], total[label],
                    100 * resolved[label] / max(total[label], 1))  # fmt: skip
    logger.info("all entities: %d/%d (%.1f%%)", sum(resolved.values()), sum(total.values()),
                100 * sum(resolved.values()) / max(sum(total.values()), 1))  # fmt: skip
    if args.show:
        for actor in mentions:
            logger.info("  %-45r %-10s %-28s %s", actor.text, actor.code, actor.name, actor.reason or "")


if __name__ == "__main__":
    main()
