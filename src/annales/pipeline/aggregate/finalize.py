"""The global step after all batches: near-duplicate clusters, stories, story dates, event merge.

`finalize` runs over the documents with status "ok" and only touches what is new: documents
without a cluster or story, events without a merged event. Re-running it changes nothing, and
documents added by a later run join the clusters, stories and merged events already stored
(ids never change; see each module for its id rule).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from annales.pipeline.aggregate.dates import StoryDateResolver, lend_story_dates
from annales.pipeline.aggregate.merge import MergeOptions, merge_events
from annales.pipeline.aggregate.stories import StoryOptions, assign_stories, refresh_story_rows
from annales.pipeline.dedup.clusters import assign_clusters
from annales.pipeline.dedup.minhash import NearDupOptions
from annales.store.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FinalizeOptions:
    """Options of the finalize step, one frozen section per pass.

    Args:
        near_dup: near-duplicate detection.
        stories: story grouping.
        merge: event deduplication.
        lend_dates: re-date events of undated documents with their story's anchor.
    """

    near_dup: NearDupOptions = field(default_factory=NearDupOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    merge: MergeOptions = field(default_factory=MergeOptions)
    lend_dates: bool = True

    def __str__(self) -> str:
        return f"finalize-{self.near_dup}-l{self.stories.link_min}-w{self.stories.window_days}"


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
