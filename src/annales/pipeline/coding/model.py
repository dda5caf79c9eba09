"""The learned event model: which PLOVER type (or none) a candidate predicate carries.

A multinomial logistic regression over hashed sparse features (`features.candidate_features`) and
static word embeddings (WordLlama, MIT, shipped inside its wheel and loaded offline) of the
candidate's lemma, its object and its context. It is trained by `tools/train_coder.py` (seeded) and
shipped as `annales/data/coding/model.v2.npz` with its metadata; see docs/events.md.

The lexicon stays: its row is a feature of the model, and the coder uses the model to add events
the lexicon misses and to drop lexicon hits the model is sure are another sense.
"""

from __future__ import annotations

import functools
import json
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from annales.errors import require
from annales.pipeline.coding.features import Candidate

logger = logging.getLogger(__name__)

MODEL_VERSION = "annales.coder.model.v2"
MODEL_FILE = "model.v2.npz"
NONE = "NONE"
EMBED_DIM = 256
Array = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Static embeddings of words or short texts (rows L2-normalised)."""

    dim: int

    def embed(self, texts: Sequence[str]) -> Array: ...


class WordLlamaEmbedder:
    """WordLlama's 256-dimension static embeddings, loaded from the package folder (never downloaded)."""

    dim = EMBED_DIM

    def __init__(self) -> None:
        wordllama: Any = require("wordllama", "core")
        folder = Path(wordllama.__file__).resolve().parent
        self._model = wordllama.WordLlama.load(dim=EMBED_DIM, cache_dir=folder, disable_download=True)
        self._cache: dict[str, Array] = {}

    def embed(self, texts: Sequence[str]) -> Array:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vectors = np.asarray(self._model.embed(missing, norm=True), dtype=np.float32)
            if len(self._cache) > 200_000:  # a bounded cache: lemmas repeat, contexts rarely do
                self._cache.clear()
            self._cache.update(zip(missing, vectors, strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


@functools.lru_cache(maxsize=1)
def default_embedder() -> WordLlamaEmbedder:
    """One embedder per process (an lru_cache, not module state)."""
    return WordLlamaEmbedder()


def feature_hash(feature: str, bits: int) -> tuple[int, float]:
    """Bucket and sign of a feature string (CRC-32: stable across processes and platforms)."""
    value = zlib.crc32(feature.encode("utf-8"))
    return value & ((1 << bits) - 1), 1.0 if value >> 31 else -1.0


def sparse_matrix(candidates: Sequence[Candidate], bits: int) -> tuple[npt.NDArray[np.int64], Array, Array]:
    """(rows, buckets, signs) of the hashed features of `candidates`, for scatter-add products."""
    rows: list[int] = []
    cols: list[int] = []
    signs: list[float] = []
    for r, cand in enumerate(candidates):
        for feature in cand.features:
            col, sign = feature_hash(feature, bits)
            rows.append(r)
            cols.append(col)
            signs.append(sign)
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.float32), np.asarray(signs, dtype=np.float32)


def dense_matrix(candidates: Sequence[Candidate], embedder: Embedder) -> Array:
    """Embeddings of lemma, object and context, side by side (3 x dim columns)."""
    if not candidates:
        return np.zeros((0, 3 * embedder.dim), dtype=np.float32)
    lemmas = embedder.embed([c.lemma for c in candidates])
    objects = embedder.embed([c.object_lemma or c.lemma for c in candidates])
    has_object = np.asarray([[1.0] if c.object_lemma else [0.0] for c in candidates], dtype=np.float32)
    contexts = embedder.embed([c.context for c in candidates])
    return np.hstack([lemmas, objects * has_object, contexts]).astype(np.float32)


@dataclass(frozen=True, slots=True, eq=False)
class EventModel:
    """Weights of the candidate classifier and what it was trained with.

    Attributes:
        classes: NONE and the PLOVER types, in column order.
        bits: log2 of the number of hash buckets of the sparse features.
        sparse: (2**bits, classes) weights of the hashed features.
        dense: (3 * dim, classes) weights of the embeddings.
        bias: (classes,) intercepts.
        nouns: the event-noun vocabulary (nouns that may be candidates).
        meta: training provenance (corpora, sizes, seed, held-out figures).
    """

    classes: tuple[str, ...]
    bits: int
    sparse: Array
    dense: Array
    bias: Array
    nouns: frozenset[str]
    meta: dict[str, object]

    @classmethod
    def default(cls) -> EventModel:
        """The model shipped in `annales/data/coding/` (read once per process)."""
        return _default_model()

    @classmethod
    def load(cls, path: Path) -> EventModel:
        """Read a model written by `save`."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(
                classes=tuple(meta["classes"]),
                bits=int(meta["bits"]),
                sparse=data["sparse"].astype(np.float32),
                dense=data["dense"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                nouns=frozenset(meta["nouns"]),
                meta=meta,
            )

    def save(self, path: Path) -> None:
        """Write the weights (float16) and metadata to one compressed `.npz`."""
        meta = {**self.meta, "classes": list(self.classes), "bits": self.bits, "nouns": sorted(self.nouns)}
        np.savez_compressed(
            path,
            sparse=self.sparse.astype(np.float16),
            dense=self.dense.astype(np.float16),
            bias=self.bias.astype(np.float32),
            meta=np.asarray(json.dumps(meta, sort_keys=True)),
        )

    def logits(self, candidates: Sequence[Candidate], embedder: Embedder) -> Array:
        """Unnormalised class scores of each candidate."""
        out = np.zeros((len(candidates), len(self.classes)), dtype=np.float32)
        if not candidates:
            return out
        rows, cols, signs = sparse_matrix(candidates, self.bits)
        np.add.at(out, rows, self.sparse[cols.astype(np.int64)] * signs[:, None])
        out += dense_matrix(candidates, embedder) @ self.dense
        out += self.bias
        return out.astype(np.float32)

    def predict(self, candidates: Sequence[Candidate], embedder: Embedder) -> Array:
        """Class probabilities of each candidate (rows sum to 1)."""
        return softmax(self.logits(candidates, embedder))


def softmax(logits: Array) -> Array:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    probs: Array = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
    return probs


@functools.lru_cache(maxsize=1)
def _default_model() -> EventModel:
    with resources.as_file(resources.files("annales") / "data" / "coding" / MODEL_FILE) as path:
        return EventModel.load(path)


@dataclass(frozen=True, slots=True)
class FitOptions:
    """Training options of `fit`: epochs, learning rate, L2 penalties, class weights, seed."""

    epochs: int = 12
    learning_rate: float = 0.05
    l2_sparse: float = 1e-6
    l2_dense: float = 1e-4
    batch_size: int = 256
    seed: int = 13


def fit(
    candidates: Sequence[Candidate],
    labels: Sequence[str],
    weights: Sequence[float],
    *,
    classes: tuple[str, ...],
    embedder: Embedder,
    bits: int = 17,
    options: FitOptions | None = None,
) -> tuple[Array, Array, Array]:
    """Train the softmax regression with Adam on mini-batches (deterministic for a seed).

    Args:
        candidates: training candidates.
        labels: their class (NONE or a PLOVER type).
        weights: per-example weights (corpus trust, class balance).
        classes: the class order.
        embedder: the static embeddings.
        bits: log2 of the number of hash buckets.
        options: epochs, learning rate, penalties, seed.

    Returns:
        The sparse, dense and bias weights.
    """
    opts = options or FitOptions()
    rng = np.random.default_rng(opts.seed)
    index = {c: k for k, c in enumerate(classes)}
    y = np.asarray([index[label] for label in labels], dtype=np.int64)
    w = np.asarray(weights, dtype=np.float32)
    dense_x = dense_matrix(candidates, embedder)
    n_classes = len(classes)
    sparse_w = np.zeros((1 << bits, n_classes), dtype=np.float32)
    dense_w = np.zeros((dense_x.shape[1], n_classes), dtype=np.float32)
    bias = np.zeros(n_classes, dtype=np.float32)
    params = [sparse_w, dense_w, bias]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    step = 0
    for _ in range(opts.epochs):
        order = rng.permutation(len(candidates))
        for start in range(0, len(order), opts.batch_size):
            batch = order[start : start + opts.batch_size]
            grads = _gradients([candidates[k] for k in batch], dense_x[batch], y[batch], w[batch], params, bits, opts)
            step += 1
            _adam(params, grads, moments, step, opts.learning_rate)
    return sparse_w, dense_w, bias


def _gradients(
    batch: list[Candidate],
    dense_x: Array,
    y: npt.NDArray[np.int64],
    w: Array,
    params: list[Array],
    bits: int,
    opts: FitOptions,
) -> list[Array]:
    sparse_w, dense_w, bias = params
    rows, cols_f, signs = sparse_matrix(batch, bits)
    cols = cols_f.astype(np.int64)
    logits = np.zeros((len(batch), len(bias)), dtype=np.float32)
    np.add.at(logits, rows, sparse_w[cols] * signs[:, None])
    logits += dense_x @ dense_w + bias
    probs = softmax(logits)
    probs[np.arange(len(batch)), y] -= 1.0
    delta = probs * (w / max(float(w.sum()), 1e-9))[:, None]
    g_sparse = np.zeros_like(sparse_w)
    np.add.at(g_sparse, cols, delta[rows] * signs[:, None])
    touched = np.unique(cols)
    g_sparse[touched] += opts.l2_sparse * sparse_w[touched]
    g_dense = dense_x.T @ delta + opts.l2_dense * dense_w
    return [g_sparse, g_dense.astype(np.float32), delta.sum(axis=0)]


def _adam(params: list[Array], grads: list[Array], moments: list[tuple[Array, Array]], step: int, rate: float) -> None:
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for param, grad, (m, v) in zip(params, grads, moments, strict=True):
        m *= beta1
        m += (1 - beta1) * grad
        v *= beta2
        v += (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1**step)
        v_hat = v / (1 - beta2**step)
        param -= rate * m_hat / (np.sqrt(v_hat) + eps)
