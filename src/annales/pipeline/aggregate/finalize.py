"""The global step after all batches: near-duplicate clusters, stories, story dates, event merge.

`finalize` runs over the documents with status "ok" and only touches what is new: documents
without a cluster or story, events without a merged event. Re-running it changes nothing, and
documents added by a later run join the clusters, stories and merged events already stored
(ids never change; see each module for its id rule).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from annales.pipeline.aggregate.dates import SentenceReparser, StoryDateResolver, lend_story_dates
from annales.pipeline.aggregate.merge import PLACE_KM, SLACK_DAYS, UNDATED_DAYS, MergeOptions, merge_events
from annales.pipeline.aggregate.stories import (
    LEAD_CHARS,
    LINK_MIN,
    MAX_BLOCK,
    MIN_SHARED,
    WINDOW_DAYS,
    StoryOptions,
    assign_stories,
    refresh_story_rows,
)
from annales.pipeline.dedup.clusters import assign_clusters
from annales.pipeline.dedup.minhash import (
    CONTAINMENT_MIN,
    MAX_BUCKET,
    PARTIAL_CONTAINMENT_MIN,
    SHARED_MIN,
    NearDupOptions,
)
from annales.store.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FinalizeOptions:
    """Options of the finalize step: the `[finalize]` section of a run config, flat.

    Args:
        shingle_words, passage_words, num_perm, bands, containment_min, shared_min,
            partial_containment_min, max_bucket: near-duplicate detection (`NearDupOptions`).
        link_min, min_shared, window_days, lead_chars, max_block: story grouping (`StoryOptions`).
        slack_days, place_km, undated_days: event deduplication (`MergeOptions`).
        lend_dates: re-date events of undated documents with their story's anchor.
        reparse_dates: parse those events' sentences again with spaCy (better tense and
            attachment than the resolver's clause heuristic; loads the model).

    Raises:
        ConfigError: when a value is out of range.
    """

    shingle_words: int = 5
    passage_words: int = 100
    num_perm: int = 64
    bands: int = 16
    containment_min: float = CONTAINMENT_MIN
    shared_min: int = SHARED_MIN
    partial_containment_min: float = PARTIAL_CONTAINMENT_MIN
    max_bucket: int = MAX_BUCKET
    link_min: float = LINK_MIN
    min_shared: int = MIN_SHARED
    window_days: int = WINDOW_DAYS
    lead_chars: int = LEAD_CHARS
    max_block: int = MAX_BLOCK
    slack_days: int = SLACK_DAYS
    place_km: float = PLACE_KM
    undated_days: int = UNDATED_DAYS
    lend_dates: bool = True
    reparse_dates: bool = False

    def __post_init__(self) -> None:
        self.near_dup, self.stories, self.merge  # noqa: B018 - each checks its values

    @property
    def near_dup(self) -> NearDupOptions:
        return NearDupOptions(
            shingle_words=self.shingle_words, passage_words=self.passage_words, num_perm=self.num_perm,
            bands=self.bands, containment_min=self.containment_min, shared_min=self.shared_min,
            partial_containment_min=self.partial_containment_min, max_bucket=self.max_bucket,
        )  # fmt: skip

    @property
    def stories(self) -> StoryOptions:
        return StoryOptions(
            link_min=self.link_min, min_shared=self.min_shared, window_days=self.window_days,
            lead_chars=self.lead_chars, max_block=self.max_block,
        )  # fmt: skip

    @property
    def merge(self) -> MergeOptions:
        return MergeOptions(slack_days=self.slack_days, place_km=self.place_km, undated_days=self.undated_days)

    def __str__(self) -> str:
        return f"finalize-{self.near_dup}-l{self.link_min}-w{self.window_days}-s{self.slack_days}"


def finalize(
    store: Store, cfg: FinalizeOptions | None = None, *, run_id: str, resolver: StoryDateResolver | None = None
) -> dict[str, int]:
    """Cluster near duplicates, group stories, lend story dates and merge events, in one transaction.

    Args:
        store: the store the batches were written to.
        cfg: options; defaults when None.
        run_id: the run doing it (logged).
        resolver: the date resolver for story dates (tests inject one); the pipeline's own when None.

    Returns:
        Counts of each pass, e.g. {"clusters_joined": 3, "stories_joined": 5, "dates_lent": 1, ...}.

    Example:
        >>> store = Store(":memory:")
        >>> finalize(store, run_id="r1")["clusters_new_documents"]
        0
    """
    cfg = cfg or FinalizeOptions()
    con = store.con
    stats: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        stats.update(assign_clusters(con, cfg.near_dup))
        story_stats, touched = assign_stories(con, cfg.stories)
        stats.update(story_stats)
        stale: set[str] = set()
        if cfg.lend_dates and touched:
            if resolver is None and cfg.reparse_dates:
                resolver = SentenceReparser()
            date_stats, stale = lend_story_dates(con, touched, resolver=resolver)
            stats.update(date_stats)
        stats.update(merge_events(con, cfg.merge, stale=stale))
        refresh_story_rows(con, touched)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    logger.info("finalize %s: %s", run_id, stats)
    return stats
