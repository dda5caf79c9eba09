"""Near-duplicate documents: passage MinHash LSH for candidates, exact shingle containment to decide.

A document is cut into overlapping passages of `passage_words` words (step half a passage).
Each passage gets a MinHash signature over its word 5-shingles (datasketch's permutation
scheme, applied to the whole document at once with numpy) and `bands` LSH band keys. Two
documents become candidates when one of their passages falls in the same band bucket, so a
truncated copy (the first 40% of an article), an updated copy (a paragraph added or changed),
a page that merges two articles, or a page that shares a long passage with another all find
each other: Jaccard similarity of whole documents misses most of these. Candidates are then
checked exactly on their shingle sets:

    near duplicate  <=>  containment >= containment_min
                         or (shared >= shared_min and containment >= partial_containment_min)

where `containment` = |A ∩ B| / min(|A|, |B|) (the smaller document inside the larger) and
`shared` = |A ∩ B| (shingles shared verbatim: a passage of ~`shared_min` words).

Example:
    >>> sketcher = PassageSketcher(NearDupOptions())
    >>> a = " ".join(f"word{i}" for i in range(300))
    >>> bool(set(sketcher.band_keys(a)) & set(sketcher.band_keys(a[: len(a) // 2])))
    True
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

from annales.errors import ConfigError

# Calibrated on benchmarks/eval_dedup.py (syndicated/truncated/updated/merged copies of the 181
# extraction pages) and the seeds (003/004 share a ~300-word passage, containment 0.35; 000/002,
# same meeting in other words, share 17 shingles, containment 0.04). Re-run
# `python benchmarks/eval_dedup.py --gate` after changing any of them.
CONTAINMENT_MIN = 0.6  # short copies on other site chrome keep 0.65-0.8; distinct articles < 0.05
SHARED_MIN = 80  # a verbatim passage of ~80 words; quotes shared by distinct articles are shorter
# ...and that passage must be 30% of the smaller document: distinct pages of one site sharing an
# "About us" or venue block reach 0.2-0.3 in the extraction pages
PARTIAL_CONTAINMENT_MIN = 0.3
MAX_BUCKET = 500  # band buckets larger than this are boilerplate (site chrome) and give no candidates

_WORD = re.compile(r"\w+")
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True)
class NearDupOptions:
    """Options of near-duplicate detection.

    Args:
        shingle_words: words per shingle.
        passage_words: words per LSH passage (passages overlap by half).
        num_perm: MinHash permutations per passage.
        bands: LSH bands; `num_perm` must be a multiple of it.
        containment_min: containment that alone makes two documents near duplicates.
        shared_min: shared shingles that, with `partial_containment_min`, make a partial copy.
        partial_containment_min: the containment a partial copy needs.
        max_bucket: band buckets with more documents than this are ignored.
        seed: MinHash permutation seed (fixed: stored band keys depend on it).
    """

    shingle_words: int = 5
    passage_words: int = 100
    num_perm: int = 64
    bands: int = 16
    containment_min: float = CONTAINMENT_MIN
    shared_min: int = SHARED_MIN
    partial_containment_min: float = PARTIAL_CONTAINMENT_MIN
    max_bucket: int = MAX_BUCKET
    seed: int = 1

    def __post_init__(self) -> None:
        if self.shingle_words < 1 or self.passage_words < 2 * self.shingle_words:
            raise ConfigError("E020", "dedup: need shingle_words >= 1 and passage_words >= 2 * shingle_words")
        if self.bands < 1 or self.num_perm % self.bands:
            raise ConfigError("E021", f"dedup: num_perm={self.num_perm} must be a multiple of bands={self.bands}")
        if not 0.0 < self.partial_containment_min <= self.containment_min <= 1.0:
            raise ConfigError("E022", "dedup: need 0 < partial_containment_min <= containment_min <= 1")

    def __str__(self) -> str:
        return f"dedup-k{self.shingle_words}-p{self.passage_words}-{self.num_perm}x{self.bands}"


@dataclass(frozen=True, slots=True)
class Overlap:
    """The exact overlap of two documents' shingle sets."""

    shared: int
    containment: float  # shared / size of the smaller set
    jaccard: float


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a text."""
    return _WORD.findall(text.lower())


def shingle_hashes(tokens: list[str], k: int, *, cache: dict[str, int] | None = None) -> npt.NDArray[np.uint64]:
    """32-bit hashes of the word k-shingles of `tokens`, in text order (one per start position).

    A text shorter than `k` words has one shingle, itself. Hashes are deterministic (CRC32 of
    the words, mixed), never Python's salted `hash`.

    Args:
        tokens: the words.
        k: words per shingle.
        cache: word -> CRC32, reused across documents by the caller (a speed-up only).
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    known = {} if cache is None else cache
    for w in set(tokens).difference(known):
        known[w] = zlib.crc32(w.encode())
    word_hash = np.fromiter((known[w] for w in tokens), dtype=np.uint64, count=len(tokens))
    span = min(k, len(tokens))
    n = len(tokens) - span + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(span):
            acc = (acc ^ word_hash[j : j + n]) * _MIX
    return (acc >> np.uint64(32)) & _MAX_HASH


def shingle_set(text: str, k: int, *, cache: dict[str, int] | None = None) -> npt.NDArray[np.uint64]:
    """The sorted distinct shingle hashes of a text (for exact overlap)."""
    return np.unique(shingle_hashes(words(text), k, cache=cache))


def overlap(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> Overlap:
    """Exact overlap of two sorted distinct shingle arrays."""
    if not len(a) or not len(b):
        return Overlap(0, 0.0, 0.0)
    shared = int(np.intersect1d(a, b, assume_unique=True).size)
    return Overlap(shared, shared / min(len(a), len(b)), shared / (len(a) + len(b) - shared))


def is_near_duplicate(found: Overlap, cfg: NearDupOptions) -> bool:
    """Whether an exact overlap makes two documents near duplicates (see the module docstring)."""
    if found.containment >= cfg.containment_min:
        return True
    return found.shared >= cfg.shared_min and found.containment >= cfg.partial_containment_min


class PassageSketcher:
    """Computes the LSH band keys of a document's passages.

    Args:
        cfg: the options; the permutations come from `datasketch.MinHash(num_perm, seed)`.
    """

    def __init__(self, cfg: NearDupOptions) -> None:
        self.cfg = cfg
        perm_a, perm_b = MinHash(num_perm=cfg.num_perm, seed=cfg.seed).permutations
        self._a = np.asarray(perm_a, dtype=np.uint64)
        self._b = np.asarray(perm_b, dtype=np.uint64)
        self._rows = cfg.num_perm // cfg.bands
        self.word_cache: dict[str, int] = {}  # grows with the vocabulary of one finalize run

    def signatures(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
        """MinHash signatures (passages x num_perm) of overlapping passages of a shingle sequence."""
        step = self.cfg.passage_words // 2
        if not len(hashes):
            return np.zeros((0, self.cfg.num_perm), dtype=np.uint64)
        # datasketch's legacy scheme: (a * h + b) mod (2^61 - 1), kept to 32 bits
        permuted = ((hashes[:, None] * self._a + self._b) % _MERSENNE) & _MAX_HASH
        starts = np.arange(0, len(hashes), step)
        blocks = np.minimum.reduceat(permuted, starts, axis=0)
        if len(blocks) == 1:
            return blocks
        return np.minimum(blocks[:-1], blocks[1:])  # passage i = blocks i and i+1

    def keys_of_signatures(self, sigs: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
        """One 64-bit key per (passage, band): the band's rows and its number, mixed."""
        if not len(sigs):
            return np.zeros(0, dtype=np.int64)
        bands = sigs.reshape(len(sigs), self.cfg.bands, self._rows)
        key = np.broadcast_to(np.arange(1, self.cfg.bands + 1, dtype=np.uint64), bands.shape[:2]).copy()
        with np.errstate(over="ignore"):
            for r in range(self._rows):
                key = (key ^ bands[:, :, r]) * _MIX
                key ^= key >> np.uint64(29)
        return np.unique(key.ravel()).view(np.int64)

    def hashes(self, text: str) -> npt.NDArray[np.uint64]:
        """The shingle hashes of a text, in order."""
        return shingle_hashes(words(text), self.cfg.shingle_words, cache=self.word_cache)

    def band_keys(self, text: str) -> npt.NDArray[np.int64]:
        """The distinct band keys of all passages of a text."""
        return self.keys_of_signatures(self.signatures(self.hashes(text)))
