"""Sentences shared verbatim are coded once.

Two mechanisms, both keyed on `sentence_key` (a hash of the sentence's words, so spacing and
case do not matter):

* `SentenceCache` lets the coder reuse the events of a sentence it has already coded in this
  worker: `cache.get(sent.text)` returns the cached events re-targeted at the new article and
  sentence (`rebase_events`), or None; after coding, `cache.put(sent.text, events)`.
* The merge step (pipeline/aggregate/merge.py) counts the mentions of a merged event once per
  (near-duplicate cluster, sentence_key): a syndicated copy repeating a sentence verbatim adds an
  article (and maybe a source) but not a mention. Every event row is still stored and linked.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict

from annales.pipeline.dedup.minhash import words
from annales.records import Article, Event, Sentence


def sentence_key(text: str) -> str:
    """A 16-hex-digit hash of the lower-cased words of a sentence."""
    return hashlib.blake2b(" ".join(words(text)).encode(), digest_size=8).hexdigest()


def rebase_events(events: list[Event], article: Article, sent: Sentence, *, old_start: int) -> list[Event]:
    """Copies of events coded in another sentence with the same text, moved onto `sent` of `article`.

    Args:
        events: events coded from a sentence that started at `old_start` in its article.
        article: the article that repeats the sentence.
        sent: the repeated sentence in `article`.
        old_start: where the original sentence started.

    Returns:
        New events: spans (event, actor, recipient) shifted by `sent.start - old_start`, ids,
        document, sentence index and publication date taken from `article` and `sent`.
    """
    shift = sent.start - old_start
    return [
        dataclasses.replace(
            _shift_actors(event, shift),
            event_id=f"{article.doc_id}-{sent.index}-{n}",
            doc_id=article.doc_id,
            sentence_index=sent.index,
            sentence=sent.text,
            span=(event.span[0] + shift, event.span[1] + shift),
            published=article.published,
            doc_uri=article.uri,
        )
        for n, event in enumerate(events)
    ]


def _moved(offset: int, shift: int) -> int:
    return offset if offset < 0 else offset + shift


def _shift_actors(event: Event, shift: int) -> Event:
    actor = dataclasses.replace(event.actor, start=_moved(event.actor.start, shift), end=_moved(event.actor.end, shift))
    recipient = event.recipient
    if recipient is not None:
        recipient = dataclasses.replace(
            recipient, start=_moved(recipient.start, shift), end=_moved(recipient.end, shift)
        )
    return dataclasses.replace(event, actor=actor, recipient=recipient)


class SentenceCache:
    """A bounded LRU cache: sentence words -> the events coded from them.

    Event ids of cached copies follow `<doc_id>-<sent_index>-<n>`; coders with another id
    scheme can rename them.

    Args:
        max_size: sentences kept; the least recently used goes first.

    Example:
        >>> cache = SentenceCache(max_size=1000)
        >>> cache.get(Article("d1", "u", "text"), Sentence(0, 0, 17, "Kerry met Lavrov.")) is None
        True
    """

    def __init__(self, max_size: int = 100_000) -> None:
        self.max_size = max_size
        self._items: OrderedDict[str, tuple[int, list[Event]]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def put(self, sent: Sentence, events: list[Event]) -> None:
        """Remember the events coded from `sent`."""
        key = sentence_key(sent.text)
        self._items[key] = (sent.start, list(events))
        self._items.move_to_end(key)
        while len(self._items) > self.max_size:
            self._items.popitem(last=False)

    def get(self, article: Article, sent: Sentence) -> list[Event] | None:
        """The cached events of a sentence with the same words, moved onto `sent`; None when unseen."""
        key = sentence_key(sent.text)
        item = self._items.get(key)
        if item is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        old_start, events = item
        return rebase_events(events, article, sent, old_start=old_start)
