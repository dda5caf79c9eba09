"""The stage base class: a stage maps a stream of articles to a stream of articles.

Subclasses write `process(article)`; the base class handles iteration, sharding,
timing, error isolation and counting. Nothing disappears silently: an article that
fails inside a stage is marked `status="error"` with a reason and passed on, so it
reaches the store; `stats` counts `dropped_<reason>` and everything else a stage notes.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from annales.errors import ConfigError
from annales.records import Article

logger = logging.getLogger(__name__)


class Stage:
    """Base class of every pipeline stage.

    Attributes:
        name: a stable registered name, e.g. "annales.extract.v1".
        requires: the article fields this stage reads, e.g. ("article.text",).
        assigns: the article fields this stage fills, e.g. ("article.sentences",).
        raise_errors: re-raise exceptions instead of recording them (tests set it).
    """

    name: ClassVar[str] = "annales.stage"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.stats: Counter[str] = Counter()
        self.seconds = 0.0
        self.raise_errors = False

    def process(self, article: Article) -> Article:
        """Process one article in place or return a replacement. Subclasses override."""
        raise NotImplementedError

    def process_batch(self, articles: list[Article]) -> list[Article]:
        """Process a batch; stages that gain from batching (spaCy) override this."""
        return [self._guarded(article) for article in articles]

    def run(
        self, articles: Iterable[Article], *, rank: int = 0, world_size: int = 1, batch_size: int = 32
    ) -> Iterator[Article]:
        """Yield every article, processed when its status is "ok", passed on otherwise."""
        del rank, world_size  # sharding happens before the first stage; kept for the protocol
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def count(self, key: str, n: int = 1) -> None:
        """Add `n` to the counter `key` of this stage's stats."""
        self.stats[key] += n

    def _run_batch(self, batch: list[Article]) -> list[Article]:
        live = [article for article in batch if article.status == "ok"]
        started = time.perf_counter()
        if live:
            done = {id(a) for a in self.process_batch(live)}
            assert len(done) == len(live), f"{self.name} must return every article it is given"
        self.seconds += time.perf_counter() - started
        self.count("articles_in", len(batch))
        return batch

    def _guarded(self, article: Article) -> Article:
        try:
            result = self.process(article)
        except Exception as exc:  # a record that fails is counted, logged once, skipped
            if self.raise_errors:
                raise
            self._record_failure(article, exc)
            return article
        if result is not article:
            raise TypeError(f"{self.name}.process must update the article in place and return it")
        if article.status != "ok" and article.error:
            self.count(f"dropped_{article.error.split(':')[0].split('=')[0]}")
        return article

    def _record_failure(self, article: Article, exc: Exception) -> None:
        key = f"error_{type(exc).__name__}"
        if not self.stats[key]:
            logger.warning("%s failed on %s: %s (further %s errors are only counted)", self.name, article.uri, exc, key)
        self.count(key)
        article.fail(f"{self.name}: {type(exc).__name__}: {str(exc)[:200]}")


def check_pipeline(stages: Sequence[Stage], *, provided: Iterable[str] = ("article.raw",)) -> None:
    """Check that every stage's `requires` is assigned by an earlier stage.

    Raises:
        ConfigError: naming the stage and the missing field.
    """
    available = set(provided)
    for stage in stages:
        missing = [field for field in stage.requires if field not in available]
        if missing:
            raise ConfigError(
                "E002",
                f"stage {stage.name} requires {', '.join(missing)}, which no earlier stage assigns. "
                "Did you forget a stage or put them in the wrong order?",
            )
        available.update(stage.assigns)
