"""Score the event merge against gold real-world events (benchmarks, and any labelled set).

`evaluate_merge` takes documents carrying their event mentions (the pipeline's output on a
labelled set, or hand-built records) and the gold event of each mention to score, merges the
mentions as a run does (`finalize` on an in-memory store), and scores the merged events:

* precision / recall / F1 over pairs of scored mentions: a pair is predicted when both
  mentions land in one merged event, gold when both report one gold event;
* hard negatives: pairs of the same type and dyad (either order for symmetric types) in
  different gold events, the pairs a careless merge joins; the score says how many were merged.

Example:
    >>> scores = evaluate_merge(articles, {"e1": "munich", "e2": "munich", "e3": "moscow"})  # doctest: +SKIP
    >>> scores.precision, scores.recall, scores.hard_negatives_merged  # doctest: +SKIP
    (1.0, 1.0, 0)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from annales.pipeline.aggregate.finalize import FinalizeOptions, finalize
from annales.pipeline.aggregate.merge import SYMMETRIC_TYPES
from annales.records import Article, Event
from annales.store.store import Store


@dataclass(frozen=True, slots=True)
class MergeScores:
    """Pairwise scores of a merge against gold events."""

    precision: float
    recall: float
    f1: float
    mentions: int  # scored mentions
    gold_events: int
    merged_events: int  # distinct merged events holding scored mentions
    hard_negatives: int  # pairs of one type and dyad in different gold events
    hard_negatives_merged: int  # of those, pairs the merge joined

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def event_block(event: Event) -> tuple[str, str, str]:
    """(type, actor, recipient) as the merge blocks mentions: countries, else codes; symmetric types unordered."""
    actor = (event.actor.country or event.actor.code) if event.actor else None
    recipient = (event.recipient.country or event.recipient.code) if event.recipient else None
    pair = (actor or "-", recipient or "-")
    if event.type in SYMMETRIC_TYPES:
        pair = (min(pair), max(pair))
    return (event.type, *pair)


def score_merge(
    merged: Mapping[str, str], gold: Mapping[str, str], blocks: Mapping[str, tuple[str, ...]]
) -> MergeScores:
    """Pairwise precision/recall/F1 and hard negatives of `merged` against `gold`.

    Args:
        merged: event_id -> merged event id (every scored mention must have one).
        gold: event_id -> gold event id, for the mentions to score.
        blocks: event_id -> block (`event_block`), for the hard negatives.
    """
    ids = sorted(gold)
    found = wanted = both = hard = hard_merged = 0
    for a, b in itertools.combinations(ids, 2):
        same_merged, same_gold = merged[a] == merged[b], gold[a] == gold[b]
        found += same_merged
        wanted += same_gold
        both += same_merged and same_gold
        if not same_gold and blocks.get(a) == blocks.get(b):
            hard += 1
            hard_merged += same_merged
    precision = both / found if found else 1.0
    recall = both / wanted if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return MergeScores(
        precision=precision, recall=recall, f1=f1, mentions=len(ids), gold_events=len(set(gold.values())),
        merged_events=len({merged[e] for e in ids}), hard_negatives=hard, hard_negatives_merged=hard_merged,
    )  # fmt: skip


def evaluate_merge(
    articles: Sequence[Article],
    gold: Mapping[str, str],
    *,
    stories: Mapping[str, str] | None = None,
    options: FinalizeOptions | None = None,
) -> MergeScores:
    """Merge the events of `articles` as a run would, and score the merged events against `gold`.

    Args:
        articles: documents with their sentences and event mentions (`Article.events`).
        gold: event_id -> gold event id for the mentions to score; other mentions are merged
            (they may attract scored ones) but not scored.
        stories: doc_id -> story id to impose instead of the learned stories (undated mentions
            merge only within a story); None keeps what finalize learns.
        options: finalize options; the defaults when None.

    Raises:
        ValueError: when a gold event id names no mention of `articles`.
    """
    events = {event.event_id: event for article in articles for event in article.events}
    missing = sorted(set(gold) - set(events))
    if missing:
        raise ValueError(f"gold names mentions that no article holds: {missing[:5]}")
    with Store(":memory:") as store:
        store.write(list(articles), run_id="evaluate")
        finalize(store, options, run_id="evaluate")
        if stories is not None:
            _merge_again_within(store, stories, options)
        merged = dict(store.con.execute("SELECT event_id, merged_id FROM events").fetchall())
    return score_merge(merged, gold, {event_id: event_block(events[event_id]) for event_id in gold})


def _merge_again_within(store: Store, stories: Mapping[str, str], options: FinalizeOptions | None) -> None:
    store.con.execute("UPDATE events SET merged_id = NULL")
    store.con.execute("DELETE FROM merged_events")
    for doc_id, story in sorted(stories.items()):
        store.con.execute("UPDATE events SET story_id = ? WHERE doc_id = ?", [story, doc_id])
    finalize(store, options, run_id="evaluate-stories")
