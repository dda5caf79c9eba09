"""Sentences shared verbatim are coded once: the sentence cache and its keys."""

from __future__ import annotations

import pytest

from annales.pipeline.dedup.sentences import SentenceCache, sentence_key
from annales.records import Actor, Article, Event, Sentence


def _event(doc_id: str, start: int) -> Event:
    kerry = Actor("Kerry", "USA.GOV", "USA", "GOV", "John Kerry", start=start, end=start + 5)
    lavrov = Actor("Lavrov", "RUS.GOV", "RUS", "GOV", "Sergei Lavrov", start=start + 10, end=start + 16)
    return Event(
        event_id=f"{doc_id}-0-0", doc_id=doc_id, sentence_index=0, sentence="Kerry met Lavrov.",
        span=(start, start + 16), actor=kerry, recipient=lavrov, type="CONSULT", mode=None, contexts=(),
        cameo="040", goldstein=1.0, quad=1, status="occurred", negated=False, confidence=0.9,
    )  # fmt: skip


@pytest.mark.parametrize(("a", "b"), [("Kerry met Lavrov.", "kerry  met LAVROV"), ("A b.", "a, b")])
def test_sentence_key_ignores_case_spacing_and_punctuation(a: str, b: str) -> None:
    assert sentence_key(a) == sentence_key(b)


def test_sentence_key_differs_for_other_words() -> None:
    assert sentence_key("Kerry met Lavrov.") != sentence_key("Lavrov met Kerry.")


def test_sentence_cache_moves_cached_events_onto_the_copy() -> None:
    cache = SentenceCache(max_size=10)
    first = Sentence(2, 40, 57, "Kerry met Lavrov.")
    cache.put(first, [_event("d1", 40)])
    copy = Article("d2", "u2", "text", text="x" * 100)
    found = cache.get(copy, Sentence(5, 70, 87, "Kerry met Lavrov."))
    assert found is not None and len(found) == 1
    moved = found[0]
    assert (moved.doc_id, moved.sentence_index, moved.span) == ("d2", 5, (70, 86))
    assert (moved.actor.start, moved.recipient.start if moved.recipient else None) == (70, 80)
    assert cache.hits == 1


def test_sentence_cache_forgets_least_recently_used() -> None:
    cache = SentenceCache(max_size=1)
    cache.put(Sentence(0, 0, 3, "One."), [])
    cache.put(Sentence(1, 4, 8, "Two."), [])
    article = Article("d", "u", "text")
    assert cache.get(article, Sentence(0, 0, 3, "One.")) is None
    assert cache.get(article, Sentence(1, 4, 8, "Two.")) == []
