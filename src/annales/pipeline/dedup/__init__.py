"""pipeline/dedup: near-duplicate documents (passage MinHash LSH + containment) and verbatim sentences."""

from annales.pipeline.dedup.minhash import NearDupOptions
from annales.pipeline.dedup.sentences import SentenceCache, rebase_events, sentence_key

__all__ = ["NearDupOptions", "SentenceCache", "rebase_events", "sentence_key"]
