"""pipeline/aggregate: the global finalize step (stories, story dates, event merge) and its queries."""

from annales.pipeline.aggregate.finalize import FinalizeOptions, finalize

__all__ = ["FinalizeOptions", "finalize"]
