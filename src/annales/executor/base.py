"""What every executor shares: shards, the per-batch stage runner and the run summary."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from annales.pipeline.base import Stage
from annales.records import Article

T = TypeVar("T")
# Which stored documents `annales run --reprocess` processes again: those stored with status
# "error" (an older pipeline, config or crash failed them), or every one read from the inputs.
Reprocess = Literal["failed", "all"]


# thinc, spaCy's machine-learning library, imports PyTorch and CuPy whenever they are installed,
# to offer them as backends; the CNN pipelines (our pinned en_core_web_sm) use neither. In a
# worker process that only runs our stages that import costs each worker 230 MB with a CPU
# build of torch (measured, docs/benchmarks.md) and more with CUDA builds and CuPy.
TENSOR_STACKS = ("torch", "cupy", "cupyx")


def keep_tensor_stacks_out(sections: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """In a worker process of ours, make `import torch` / `import cupy` fail unless they are needed.

    Only for processes that run nothing but our stages (the local pool, `annales code --workers`):
    never in a user's process, nor in Ray's worker processes (Ray's own code may look for torch).
    Nothing is blocked when a transformer pipeline (a spaCy model whose name ends in `_trf`) is
    configured, or when the module is imported already.

    Returns:
        The names blocked.
    """
    model = str(sections.get("nlp", {}).get("model", ""))
    if model.endswith("_trf"):
        return []
    blocked = [name for name in TENSOR_STACKS if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # the import system's "not available"
    return blocked


def get_shard(items: Sequence[T], rank: int, world_size: int) -> list[T]:
    """The items of shard `rank` out of `world_size`: deterministic, disjoint, complete.

    Example:
        >>> get_shard(["a", "b", "c", "d", "e"], 1, 2)
        ['b', 'd']
    """
    if world_size < 1 or not 0 <= rank < world_size:
        raise ValueError(f"need 0 <= rank < world_size, got rank={rank}, world_size={world_size}")
    return list(items[rank::world_size])


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of `size` items (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_stages(stages: Sequence[Stage], articles: list[Article]) -> tuple[list[Article], Counter[str]]:
    """Run one batch through every stage; return the articles and the stats it added."""
    before = {stage.name: Counter(stage.stats) for stage in stages}
    stream: Iterable[Article] = articles
    for stage in stages:
        stream = stage.run(stream, batch_size=max(1, len(articles)))
    done = list(stream)
    for article in done:
        article.raw = b""
    delta: Counter[str] = Counter()
    for stage in stages:
        for key, value in (stage.stats - before[stage.name]).items():
            delta[f"{stage.name.split('.')[1]}.{key}"] += value
    return done, delta


def drop_parses(articles: Iterable[Article]) -> None:
    """Forget the tokens and entities of every sentence (the store keeps neither).

    A worker process calls it before sending its batch back: pickling the parses to the parent
    and back cost more than a tenth of a run's CPU time on long pages (issue 13).
    """
    for article in articles:
        for sent in article.sentences:
            sent.tokens = []
            sent.entities = []


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the closing summary and the `runs` table."""

    run_id: str = ""
    read: int = 0
    already_stored: int = 0  # read, and in the store before this run
    copies: int = 0  # read, and the same content as a document read before in this run
    reprocessed: int = 0  # stored documents processed again and replaced (--reprocess)
    repaired: int = 0  # of those, failed before and ok now
    ignored: Counter[str] = field(default_factory=Counter)  # files in folders that are not news formats
    stored: int = 0
    ok: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    events: int = 0
    stats: Counter[str] = field(default_factory=Counter)
    finalize: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def add(self, articles: Sequence[Article]) -> None:
        """Count a processed batch."""
        for article in articles:
            if article.status == "ok":
                self.ok += 1
            elif article.status == "skipped":
                self.skipped[error_reason(article.error)] += 1
            else:
                self.errors[error_reason(article.error)] += 1
            self.sentences += len(article.sentences)
            self.events += len(article.events)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "already_stored": self.already_stored,
            "copies": self.copies,
            "reprocessed": self.reprocessed,
            "repaired": self.repaired,
            "ignored_files": dict(self.ignored),
            "stored": self.stored,
            "ok": self.ok,
            "skipped": dict(self.skipped),
            "errors": dict(self.errors),
            "sentences": self.sentences,
            "events": self.events,
            "stats": dict(self.stats),
            "finalize": self.finalize,
            "seconds": round(self.seconds, 3),
        }


def error_reason(error: str | None) -> str:
    """The countable part of an error: "language=fr" stays, "extract: ValueError: x" -> "extract"."""
    if not error:
        return "unknown"
    head = error.split(":", 1)[0].strip()
    return head or "unknown"


def redo(status: str, reprocess: Reprocess | None) -> bool:
    """Whether a document stored with `status` is processed again under `--reprocess`.

    Example:
        >>> redo("error", "failed"), redo("skipped", "failed"), redo("ok", "all"), redo("error", None)
        (True, False, True, False)
    """
    if reprocess == "all":
        return True
    return reprocess == "failed" and status == "error"
