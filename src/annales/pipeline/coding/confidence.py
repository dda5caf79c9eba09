"""Calibrated confidence: the probability that an event's (actor, recipient, type) is right.

The coder describes each event by a few numbers (`confidence_features`): the old multiplicative
prior (predicate kind, how the roles were found), the learned model's probability and whether it
agrees with the lexicon, how the actor and the recipient were found, the event's status and
negation, and two facts of its article: whether another sentence codes the same dyad and type, and
whether it is told in the lead. A logistic regression fitted on the dev split of the blind real-article set by
`tools/calibrate_coder.py` (seeded, numpy only) turns them into a probability; its weights ship as
`annales/data/coding/calibration.v2.json`. Without the file the prior is used as it is.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

CALIBRATION_FILE = "calibration.v2.json"
FEATURES = (
    "prior",  # the multiplicative prior of coder v1 (CONF_* constants)
    "model_prob",  # the learned model's probability of its best type for the trigger (0 when unscored)
    "model_only",  # no lexicon row: the model found the predicate
    "model_disagrees",  # a lexicon row whose type the model does not pick
    "noun",  # an event noun rather than a verb
    "no_recipient",
    "implicit_party",  # a party the text implies (agentless passive, "the country", a domestic patient)
    "context_party",  # a party from the story (plural subject, quotation speaker, pronoun)
    "not_occurred",  # planned or hypothetical
    "negated",
    "unresolved_actor",  # the actor's mention has no code
    "same_country",  # actor and recipient of one country (domestic)
    "proximity_party",  # the parties are the nearest of the clause, not linked by the parse
    "repeated",  # another sentence of the article codes the same (actor country, recipient country, type)
    "lead",  # the event is told in the article's first sentences (its news, not background)
    "context_recipient",  # the recipient is the party named last in the sentences before the event
    "context_actor",  # the actor is the party named last in the sentences before the event
)


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class Calibrator:
    """Logistic weights over `FEATURES` (the prior enters as its logit)."""

    bias: float
    weights: tuple[float, ...]
    meta: dict[str, object]

    @classmethod
    def default(cls) -> Calibrator | None:
        """The shipped calibration, or None when the package has none."""
        return _default_calibrator()

    @classmethod
    def load(cls, path: Path) -> Calibrator:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError(f"{path}: calibration features {names} differ from {FEATURES}; re-run calibration")
        return cls(float(data["bias"]), tuple(float(w) for w in data["weights"]), dict(data.get("meta", {})))

    def save(self, path: Path) -> None:
        data = {"features": list(FEATURES), "bias": self.bias, "weights": list(self.weights), "meta": self.meta}
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, transform(features), strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def transform(features: Sequence[float]) -> list[float]:
    """What the regression sees: the prior and the model's probability as logits, flags as 0/1."""
    out = list(features)
    out[0] = logit(out[0])
    out[1] = logit(out[1]) if out[1] > 0 else 0.0
    return out


@functools.lru_cache(maxsize=1)
def _default_calibrator() -> Calibrator | None:
    resource = resources.files("annales") / "data" / "coding" / CALIBRATION_FILE
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return Calibrator.load(path)


def fit_calibrator(
    rows: Sequence[Sequence[float]], labels: Sequence[bool], *, l2: float = 1.0, steps: int = 3000
) -> tuple[float, tuple[float, ...]]:
    """Logistic regression by gradient descent (deterministic); returns (bias, weights)."""
    import numpy as np

    x = np.asarray([transform(r) for r in rows], dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(x.shape[1])
    b = 0.0
    rate = 0.1
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / len(y) + l2 * w / len(y)
        grad_b = float(np.mean(p - y))
        w -= rate * grad_w
        b -= rate * grad_b
    return b, tuple(float(v) for v in w)
