"""Time and peak memory of the finalize step (near duplicates, stories, story dates, event merge).

Builds a synthetic corpus at run time: stories (a dyad, an event type, a date, three invented
names) reported by one to five documents in different words, plus near-duplicate copies
(truncated to 40-70%, updated with a paragraph, or wrapped in other site chrome) from other
sources; two events per document; 5% of documents undated. Writes it into a DuckDB file, runs
`finalize`, then adds 10% more documents and runs it again (the incremental path).

Usage:
    python benchmarks/bench_dedup.py                    # 50,000 documents
    python benchmarks/bench_dedup.py --docs 5000 --db /tmp/bench.duckdb

Prints the times, the peak RSS of this process during each finalize, and the quality on the
synthetic truth (near-duplicate pairs, story pairs, merged events).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import logging
import random
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from annales.pipeline.aggregate import finalize
from annales.records import Actor, Article, Event, Sentence
from annales.store.store import Store

COUNTRIES = [f"C{i:02d}" for i in range(40)]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "THREATEN", "ASSAULT", "AID", "PROTEST", "SANCTION"]
SYLLABLES = ["ka", "lo", "mir", "ten", "vo", "ra", "shi", "gan", "del", "pu", "zor", "an", "el", "is", "tu"]
CHROME = ["Home | World | Politics", "Skip to content", "Subscribe to our newsletter", "Share this article"]


@dataclass(slots=True)
class Truth:
    """What the generator knows: the story and original of each document, the event of each story."""

    story: dict[str, int]
    original: dict[str, str]  # copy doc_id -> the doc it copies


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _sentences(rng: random.Random, vocab: list[str], names: list[str], n_words: int) -> list[str]:
    words = rng.choices(vocab, k=n_words)
    for i in range(0, n_words, 15):
        words[min(i + rng.randrange(15), n_words - 1)] = rng.choice(names)
    chunks = [words[i : i + 20] for i in range(0, n_words, 20)]
    return [" ".join([chunk[0].capitalize(), *chunk[1:]]) + "." for chunk in chunks]


def _article(doc_id: str, sentences: list[str], published: dt.date | None, source: str, story: tuple) -> Article:  # type: ignore[type-arg]
    text = "\n".join(sentences)
    sents, start = [], 0
    for i, line in enumerate(sentences):
        sents.append(Sentence(i, start, start + len(line), line))
        start += len(line) + 1
    kind, actor, recipient, day = story
    events = []
    for n, sent in enumerate(sents[1:3]):
        events.append(
            Event(
                event_id=f"{doc_id}-{n}", doc_id=doc_id, sentence_index=sent.index, sentence=sent.text,
                span=(sent.start, sent.end), actor=Actor(actor, actor, actor, None, actor),
                recipient=Actor(recipient, recipient, recipient, None, recipient), type=kind, mode=None,
                contexts=(), cameo="040", goldstein=1.0, quad=1, status="occurred", negated=False, confidence=0.7,
                published=published, date=day, date_source="text", granularity="day",
            )
        )  # fmt: skip
    return Article(doc_id=doc_id, uri=f"synthetic://{doc_id}", format="text", text=text, title=sentences[0][:80],
                   source=source, published=published, sentences=sents, events=events)  # fmt: skip


def generate(n_docs: int, *, seed: int, prefix: str) -> tuple[list[Article], Truth]:
    """About `n_docs` synthetic articles (20% near-duplicate copies) and their truth."""
    rng = random.Random(seed)
    vocab = [_name(rng).lower() + str(i) for i in range(20_000)]
    articles: list[Article] = []
    truth = Truth({}, {})
    for story_no in itertools.count():
        if len(articles) >= n_docs:
            break
        names = [_name(rng) for _ in range(3)]
        actor, recipient = rng.sample(COUNTRIES, 2)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(730))
        story = (rng.choice(TYPES), actor, recipient, day)
        originals = []
        for k in range(rng.randint(1, 4)):
            doc_id = f"{prefix}{story_no}-{k}"
            published = None if rng.random() < 0.05 else day + dt.timedelta(days=rng.randrange(3))
            sentences = _sentences(rng, vocab, names, rng.randint(200, 450))
            articles.append(_article(doc_id, sentences, published, f"outlet{rng.randrange(300)}", story))
            truth.story[doc_id] = story_no
            originals.append((doc_id, sentences, published))
        for k, (orig_id, sentences, published) in enumerate(originals):
            if rng.random() >= 0.25:
                continue
            copy_id = f"{orig_id}-copy{k}"
            kind = rng.choice(["truncated", "updated", "chrome"])
            if kind == "truncated":
                copy = sentences[: max(2, int(len(sentences) * rng.uniform(0.4, 0.7)))]
            elif kind == "updated":
                copy = [*sentences, *_sentences(rng, vocab, names, 40)]
            else:
                copy = [rng.choice(CHROME), *sentences, rng.choice(CHROME)]
            articles.append(_article(copy_id, copy, published, f"outlet{rng.randrange(300)}", story))
            truth.story[copy_id] = story_no
            truth.original[copy_id] = orig_id
    return articles, truth


class PeakRss:
    """Samples this process's RSS in a thread while in the `with` block."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._done = threading.Event()

    @staticmethod
    def now_mb() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak_mb = max(self.peak_mb, self.now_mb())
            self._done.wait(0.05)

    def __enter__(self) -> PeakRss:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def _pairs(groups: dict[str, object]) -> set[frozenset[str]]:
    members: dict[object, list[str]] = defaultdict(list)
    for doc_id, group in groups.items():
        members[group].append(doc_id)
    return {frozenset(p) for m in members.values() if len(m) < 200 for p in itertools.combinations(m, 2)}


def _pr(found: set[frozenset[str]], wanted: set[frozenset[str]]) -> tuple[float, float]:
    hit = len(found & wanted)
    return hit / len(found) if found else 1.0, hit / len(wanted) if wanted else 1.0


def quality(store: Store, truth: Truth) -> dict[str, float]:
    """Near-duplicate and story pair precision/recall against the generator's truth."""
    rows = store.con.execute("SELECT doc_id, cluster_id, story_id FROM documents").fetchall()
    clusters = {d: c for d, c, _ in rows}
    stories = {d: s for d, _, s in rows}
    root = {d: truth.original.get(d, d) for d in truth.story}
    dup_p, dup_r = _pr(_pairs(clusters), _pairs(root))
    story_p, story_r = _pr(_pairs(stories), _pairs(truth.story))
    n_stories_true = len(set(truth.story.values()))
    merged = store.count("merged_events")
    return {"near_dup_precision": dup_p, "near_dup_recall": dup_r, "story_precision": story_p,
            "story_recall": story_r, "merged_events": merged, "true_story_events": n_stories_true}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--db", default=None, help="DuckDB file (a temporary one by default).")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        articles, truth = generate(args.docs, seed=args.seed, prefix="d")
        extra, _ = generate(args.docs // 10, seed=args.seed + 1, prefix="x")
        print(f"generated {len(articles):,} + {len(extra):,} documents in {time.perf_counter() - started:.1f} s")
        with Store(db) as store:
            started = time.perf_counter()
            for i in range(0, len(articles), 2000):
                store.write(articles[i : i + 2000], run_id="bench1")
            print(f"wrote them in {time.perf_counter() - started:.1f} s (not part of finalize)")
            del articles
            base = PeakRss.now_mb()
            with PeakRss() as rss:
                started, cpu = time.perf_counter(), time.process_time()
                stats = finalize(store, run_id="bench1")
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            n = stats["clusters_new_documents"]
            print(f"finalize {n:,} documents: {seconds:.1f} s wall, {cpu:.1f} s CPU ({n / seconds:,.0f} docs/s), "
                  f"peak RSS {rss.peak_mb:,.0f} MB (before: {base:,.0f} MB)")  # fmt: skip
            print("  counts:", stats)
            print("  quality:", {k: round(v, 4) for k, v in quality(store, truth).items()})
            for i in range(0, len(extra), 2000):
                store.write(extra[i : i + 2000], run_id="bench2")
            with PeakRss() as rss:
                started, cpu = time.perf_counter(), time.process_time()
                stats = finalize(store, run_id="bench2")
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            print(f"incremental finalize of {stats['clusters_new_documents']:,} more documents: {seconds:.1f} s wall, "
                  f"{cpu:.1f} s CPU, "
                  f"peak RSS {rss.peak_mb:,.0f} MB")  # fmt: skip
            print("  counts:", stats)
            started = time.perf_counter()
            stats = finalize(store, run_id="bench3")
            print(f"re-run with nothing new: {time.perf_counter() - started:.2f} s, counts {stats}")


if __name__ == "__main__":
    main()
