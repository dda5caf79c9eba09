"""Near-duplicate detection: passage MinHash LSH candidates and the containment check."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.errors import ConfigError
from annales.pipeline.dedup.clusters import assign_clusters
from annales.pipeline.dedup.minhash import (
    NearDupOptions,
    PassageSketcher,
    is_near_duplicate,
    overlap,
    shingle_set,
)
from annales.records import Article
from annales.store.store import Store

CFG = NearDupOptions()


def _text(seed: int, n_words: int = 600) -> str:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    words = [rng.choice(vocab) for _ in range(n_words)]
    return "\n".join(" ".join(words[i : i + 40]) + "." for i in range(0, n_words, 40))


def _near(a: str, b: str) -> bool:
    sketcher = PassageSketcher(CFG)
    candidates = bool(set(sketcher.band_keys(a).tolist()) & set(sketcher.band_keys(b).tolist()))
    return candidates and is_near_duplicate(overlap(shingle_set(a, 5), shingle_set(b, 5)), CFG)


@pytest.mark.parametrize("fraction", [0.4, 0.55, 0.7])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_near_duplicate_truncated_copy_with_other_chrome_found(fraction: float, seed: int) -> None:
    original = "Home | World | Politics\n" + _text(seed)
    cut = _text(seed)[: int(len(_text(seed)) * fraction)]
    copy = "Skip to content\nMenu\nSubscribe now\n" + cut + "\nRead more: related stories"
    assert _near(original, copy)


def test_near_duplicate_updated_copy_found() -> None:
    base = _text(7)
    updated = base + "\n" + _text(8, 60)
    assert _near(base, updated)


def test_near_duplicate_merged_page_contains_both_articles() -> None:
    first, second = _text(11), _text(12)
    merged = first + "\n" + second
    assert _near(first, merged) and _near(second, merged)
    assert not _near(first, second)


@pytest.mark.parametrize(("a", "b"), [(21, 22), (23, 24)])
def test_near_duplicate_distinct_texts_not_matched(a: int, b: int) -> None:
    assert not _near(_text(a), _text(b))


def test_near_duplicate_same_meeting_in_other_words_not_matched(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").iterdir())
    assert not _near(seeds[0].read_text(), seeds[2].read_text())


def _seed_store(shared_dir: Path) -> Store:
    store = Store(":memory:")
    articles = [
        Article(doc_id=f"d{path.name[:3]}", uri=str(path), format="text", text=path.read_text())
        for path in sorted((shared_dir / "seeds").iterdir())
    ]
    store.write(articles, run_id="r1")
    return store


def test_assign_clusters_seeds_sharing_long_passages_cluster(shared_dir: Path) -> None:
    store = _seed_store(shared_dir)
    assign_clusters(store.con, CFG)
    clusters = dict(store.con.execute("SELECT doc_id, cluster_id FROM documents").fetchall())
    assert clusters["d003"] == clusters["d004"]
    assert len({clusters[d] for d in ("d000", "d001", "d002", "d003")}) == 4
    pairs = store.con.execute("SELECT doc_id, other_id FROM near_duplicates").fetchall()
    assert {frozenset(p) for p in pairs} == {frozenset({"d003", "d004"})}


def test_assign_clusters_rerun_and_later_copy_keep_ids(shared_dir: Path) -> None:
    store = _seed_store(shared_dir)
    assign_clusters(store.con, CFG)
    before = store.con.execute("SELECT doc_id, cluster_id FROM documents ORDER BY 1").fetchall()
    assert assign_clusters(store.con, CFG) == {"clusters_new_documents": 0}
    text = (shared_dir / "seeds" / sorted(p.name for p in (shared_dir / "seeds").iterdir())[2]).read_text()
    store.write([Article(doc_id="a-copy", uri="copy", format="text", text=text[: len(text) // 2])], run_id="r2")
    stats = assign_clusters(store.con, CFG)
    after = dict(store.con.execute("SELECT doc_id, cluster_id FROM documents").fetchall())
    assert stats["clusters_joined"] == 1
    assert after.pop("a-copy") == after["d002"]
    assert sorted(after.items()) == before


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 10_000), st.floats(0.1, 1.0))
def test_overlap_is_symmetric(seed_a: int, seed_b: int, keep: float) -> None:
    a = _text(seed_a, 120)
    b = _text(seed_b, 120)[: int(600 * keep)] + a[: int(len(a) * keep)]
    forward, backward = overlap(shingle_set(a, 5), shingle_set(b, 5)), overlap(shingle_set(b, 5), shingle_set(a, 5))
    assert forward == backward
    assert is_near_duplicate(forward, CFG) == is_near_duplicate(backward, CFG)


@pytest.mark.parametrize(
    "kwargs", [{"num_perm": 64, "bands": 10}, {"shingle_words": 5, "passage_words": 6}, {"containment_min": 0.1}]
)
def test_near_dup_options_reject_inconsistent_values(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        NearDupOptions(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("merged_first", [True, False])
def test_assign_clusters_merged_page_does_not_chain_two_articles(merged_first: bool) -> None:
    first, second = _text(31), _text(32)
    day = dt.date(2020, 1, 1)
    merged_day = day - dt.timedelta(days=1) if merged_first else day + dt.timedelta(days=1)
    docs = [
        Article(doc_id="first", uri="1", format="text", text=first, published=day),
        Article(doc_id="second", uri="2", format="text", text=second, published=day),
        Article(doc_id="merged", uri="3", format="text", text=first + "\n" + second, published=merged_day),
    ]
    store = Store(":memory:")
    store.write(docs, run_id="r")
    assign_clusters(store.con, CFG)
    clusters = dict(store.con.execute("SELECT doc_id, cluster_id FROM documents").fetchall())
    assert clusters["first"] != clusters["second"]
    assert clusters["merged"] in (clusters["first"], clusters["second"])
    pairs = {frozenset(p) for p in store.con.execute("SELECT doc_id, other_id FROM near_duplicates").fetchall()}
    assert pairs == {frozenset({"first", "merged"}), frozenset({"second", "merged"})}
