"""The reusable merge evaluation: pairwise scores and hard negatives (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.pipeline.aggregate._records import article, event

from annales.pipeline.aggregate.evaluate import evaluate_merge, score_merge
from annales.records import Place

DAY = dt.date(2013, 2, 2)


def test_score_merge_counts_pairs_and_hard_negatives() -> None:
    merged = {"a": "m1", "b": "m1", "c": "m1", "d": "m2"}
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    blocks = {"a": ("CONSULT", "RUS", "USA"), "b": ("CONSULT", "RUS", "USA"), "c": ("CONSULT", "RUS", "USA"),
              "d": ("ACCUSE", "USA", "RUS")}  # fmt: skip
    scores = score_merge(merged, gold, blocks)
    # predicted pairs ab ac bc, gold pairs ab cd: one right of three, one found of two
    assert (scores.precision, scores.recall) == (pytest.approx(1 / 3), 0.5)
    assert (scores.hard_negatives, scores.hard_negatives_merged) == (2, 2)  # ac and bc: same block, other gold
    assert (scores.mentions, scores.gold_events, scores.merged_events) == (4, 2, 2)


def test_evaluate_merge_on_records_keeps_hard_negatives_apart() -> None:
    munich = Place("Munich", "city", "DEU", 48.14, 11.58)
    geneva = Place("Geneva", "city", "CHE", 46.20, 6.14)
    docs = [
        article(doc_id, "Biden met Lavrov.", published=DAY, source=doc_id,
                events=[event(doc_id, 0, "Biden met Lavrov.", date=DAY, published=DAY, place=place)])
        for doc_id, place in [("dw", munich), ("rt", munich), ("sda", geneva)]
    ]  # fmt: skip
    scores = evaluate_merge(docs, {"dw-0": "munich", "rt-0": "munich", "sda-0": "geneva"})
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert (scores.hard_negatives, scores.hard_negatives_merged) == (2, 0)


def test_evaluate_merge_refuses_gold_without_mention() -> None:
    with pytest.raises(ValueError, match="no article holds"):
        evaluate_merge([], {"e1": "x"})
