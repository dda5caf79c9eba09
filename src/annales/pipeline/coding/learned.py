"""The learned component next to the lexicon: add events the lexicon misses, drop senses it gets wrong.

`LearnedScorer.decide` scores every candidate predicate of a sentence with the event model and
returns what the coder should change: tokens the model codes that no lexicon row matched (a
synthetic row of the predicted type, flagged `model`), lexicon hits whose sense the model rejects,
and the model's probability of each candidate's type (a confidence feature).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from annales.pipeline.coding.features import Candidate, sentence_candidates
from annales.pipeline.coding.model import NONE, Array, Embedder, EventModel, default_embedder
from annales.pipeline.coding.syntax import ParsedSentence
from annales.pipeline.coding.tables import LexEntry

# CAMEO code of an event the model finds without a lexicon row: the type's general code (cameo.tsv facts).
DEFAULT_CAMEO = MappingProxyType(
    {
        "AGREE": "030",
        "CONSULT": "040",
        "SUPPORT": "051",
        "CONCEDE": "080",
        "COOPERATE": "060",
        "AID": "070",
        "RETREAT": "084",
        "REQUEST": "020",
        "ACCUSE": "112",
        "REJECT": "120",
        "THREATEN": "130",
        "PROTEST": "140",
        "SANCTION": "160",
        "MOBILIZE": "150",
        "COERCE": "170",
        "ASSAULT": "190",
    }
)
MODEL_FLAG = "model"

# Thresholds, calibrated on the dev split of the blind real-article set (benchmarks/eval_realnews.py):
# re-run it after retraining the model or changing them.
ADD_THRESHOLD = 0.5  # a token no lexicon row matched becomes a predicate when its best type has at least this
DROP_THRESHOLD = 0.9  # a lexicon hit is dropped when the model gives NONE at least this


@dataclass(frozen=True, slots=True)
class Decision:
    """What the model changes in one sentence.

    Attributes:
        add: token -> synthetic lexicon row of the model's type, for tokens no lexicon row matched.
        drop: lexicon hits the model is sure carry no event.
        scores: token -> (best type, its probability) for every candidate.
    """

    add: dict[int, LexEntry] = field(default_factory=dict)
    drop: frozenset[int] = frozenset()
    scores: dict[int, tuple[str, float]] = field(default_factory=dict)


class LearnedScorer:
    """The event model with the thresholds the coder applies.

    Args:
        model: the event model (default: the shipped one).
        embedder: static embeddings (default: WordLlama, loaded offline once per process).
        add_threshold: see ADD_THRESHOLD.
        drop_threshold: see DROP_THRESHOLD.
    """

    def __init__(
        self,
        model: EventModel | None = None,
        embedder: Embedder | None = None,
        *,
        add_threshold: float = ADD_THRESHOLD,
        drop_threshold: float = DROP_THRESHOLD,
    ) -> None:
        self.model = model or EventModel.default()
        self.embedder = embedder or default_embedder()
        self.add_threshold = add_threshold
        self.drop_threshold = drop_threshold
        self.candidates_scored = 0

    def decide(self, ps: ParsedSentence, matched: dict[int, LexEntry]) -> Decision:
        """Score the sentence's candidates and say which to add and which lexicon hits to drop."""
        return self.decide_many([(ps, matched)])[0]

    def decide_many(self, sentences: Sequence[tuple[ParsedSentence, dict[int, LexEntry]]]) -> list[Decision]:
        """`decide` for each (sentence, lexicon hits), with one call of the model for all of them: an
        article's sentences at once, since the embeddings cost less by the batch than one by one."""
        per_sentence = [sentence_candidates(ps, self.model.nouns, matched) for ps, matched in sentences]
        flat = [cand for candidates in per_sentence for cand in candidates]
        if not flat:
            return [Decision() for _ in sentences]
        probs = self.model.predict(flat, self.embedder)
        self.candidates_scored += len(flat)
        decisions = []
        start = 0
        for (ps, matched), candidates in zip(sentences, per_sentence, strict=True):
            rows = probs[start : start + len(candidates)]
            start += len(candidates)
            decisions.append(self._decision(ps, matched, candidates, rows) if candidates else Decision())
        return decisions

    def _decision(
        self, ps: ParsedSentence, matched: dict[int, LexEntry], candidates: list[Candidate], probs: Array
    ) -> Decision:
        add: dict[int, LexEntry] = {}
        drop: set[int] = set()
        scores: dict[int, tuple[str, float]] = {}
        none_col = self.model.classes.index(NONE)
        for cand, row in zip(candidates, probs, strict=True):
            best = int(row.argmax())
            label = self.model.classes[best]
            scores[cand.i] = (label, float(row[best]))
            if cand.i in matched:
                if float(row[none_col]) >= self.drop_threshold and _droppable(matched[cand.i]):
                    drop.add(cand.i)
            elif label != NONE and float(row[best]) >= self.add_threshold:
                add[cand.i] = _synthetic_row(ps, cand.i, label)
        return Decision(add=add, drop=frozenset(drop), scores=scores)


def _droppable(entry: LexEntry) -> bool:
    """Only a bare row the lexicon itself flags as ambiguous ("support", "strike", "free") can be another
    sense: rows with cues ("impose" + "sanctions"), control verbs ("urged X to") and unambiguous words
    are kept whatever the model says of the word in context."""
    return not entry.cues and entry.control is None and "amb" in entry.flags


def _synthetic_row(ps: ParsedSentence, i: int, ptype: str) -> LexEntry:
    return LexEntry(
        pos="N" if ps.tokens[i].pos in ("NOUN", "PROPN") else "V",
        lemma=ps.lemma(i),
        cues=(),
        cameo=DEFAULT_CAMEO[ptype],
        type=ptype,
        mode="",
        flags=frozenset({MODEL_FLAG}),
        line=0,
    )
