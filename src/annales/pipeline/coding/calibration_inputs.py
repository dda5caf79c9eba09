"""The inputs of the coder's calibrated confidence (`confidence.FEATURES`), taken from a predicate, its frame
and the dyad of one event, and the article-level one ("repeated": another sentence codes the same country
triple), set once the whole article is coded. Helpers of `coder.PloverCoder`."""

from __future__ import annotations

from annales.codes import PartySource
from annales.pipeline.coding.confidence import FEATURES, Calibrator
from annales.pipeline.coding.frames import Frame
from annales.pipeline.coding.learned import MODEL_FLAG
from annales.pipeline.coding.predicates import Predicate
from annales.records import Actor, Event


def features(
    pred: Predicate,
    frame: Frame,
    dyad: tuple[Actor, Actor | None],
    prior: float,
    told: tuple[str, bool, bool],
) -> tuple[float, ...]:
    """The inputs of the calibrated confidence, in `confidence.FEATURES` order; `told` is (status, negated,
    in the lead). `repeated` is left 0: `mark_repeated` sets it once the whole article is coded."""
    actor, recipient = dyad
    status, negated, lead = told
    model_only = MODEL_FLAG in pred.entry.flags
    implicit = actor.kind == "implicit" or (recipient is not None and recipient.kind == "implicit")
    return (
        prior,
        pred.model_prob if pred.model_type is not None else 0.0,
        float(model_only),
        float(pred.model_type is not None and pred.model_type != pred.type and not model_only),
        float(pred.entry.pos == "N"),
        float(recipient is None),
        float(implicit),
        float(frame.source in ("pair", "speaker", "pronoun")),
        float(status != "occurred"),
        float(negated),
        float(actor.code is None),
        float(recipient is not None and recipient.country == actor.country),
        float(frame.source == "proximity"),
        0.0,
        float(lead),
        float(party_source(recipient, frame.recipients, frame.recipient_source) == "context"),
        float(party_source(actor, frame.actors, frame.source) == "context"),
    )


def party_source(party: Actor | None, slot: list[Actor], source: str) -> PartySource | None:
    """ "context" for a party of the frame's `slot` that was taken from before its sentence (`source`),
    "sentence" for any other party (a pair's reverse direction, a host swapped in), None for no party."""
    if party is None:
        return None
    return "context" if source == "context" and any(party is p for p in slot) else "sentence"


_REPEATED = FEATURES.index("repeated")


def mark_repeated(events: list[Event], calibrator: Calibrator | None, *, cap: float) -> None:
    """Mark events whose (actor country, recipient country, type) another sentence of the article also codes,
    and recompute their calibrated confidence: a story tells its news more than once."""
    sentences: dict[tuple[str | None, str | None, str], set[int]] = {}
    for event in events:
        sentences.setdefault(country_triple(event), set()).add(event.sentence_index)
    for event in events:
        if len(sentences[country_triple(event)]) > 1 and event.actor.code and len(event.features) == len(FEATURES):
            features = list(event.features)
            features[_REPEATED] = 1.0
            event.features = tuple(features)
            if calibrator is not None:
                event.confidence = round(min(calibrator.probability(event.features), cap), 3)


def country_triple(event: Event) -> tuple[str | None, str | None, str]:
    return event.actor.country, event.recipient.country if event.recipient else None, event.type
