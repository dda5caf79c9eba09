"""The PLOVER event coder: predicates + argument frames + our CAMEO/PLOVER tables -> `Event` records.

For each sentence: find predicates (`predicates.find_predicates`: the lexicon, and in v2 the learned
model of `learned.py` that adds what the lexicon misses and drops senses it gets wrong), fill each
one's argument frame (`frames.FrameBuilder`: agent, recipients, co-participants, venue, with the
document context of `context.py`), read modality and negation off the parse, and emit one `Event` per
actor/recipient pair. See docs/events.md for the contract and the choices.

Two registered versions: `annales.coder.plover.v1` (lexicon and the v1 frames, kept as it was) and
`annales.coder.plover.v2` (the default: learned model, v2 frames, document context, no self-dyads,
events kept with an unresolved actor at low confidence, negated events with no Goldstein weight).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from annales.pipeline.base import Stage
from annales.pipeline.coding.acts import (
    fought_with,
    has_pronoun_subject,
    joint,
    main_subject,
    no_object,
    self_dyad,
    subtree,
    trigger_text,
    verbal_protest,
)
from annales.pipeline.coding.calibration_inputs import features as calibration_features
from annales.pipeline.coding.calibration_inputs import mark_repeated, party_source
from annales.pipeline.coding.confidence import Calibrator
from annales.pipeline.coding.context import DocumentContext, same_side
from annales.pipeline.coding.dyads import code_of, merge_duplicates, no_own_target
from annales.pipeline.coding.frames import Frame, FrameBuilder
from annales.pipeline.coding.learned import MODEL_FLAG, Decision, LearnedScorer
from annales.pipeline.coding.predicates import OBLIGATION_LEMMA, Predicate, find_predicates, lexicon_matches
from annales.pipeline.coding.roles import sentenced_to_jail
from annales.pipeline.coding.syntax import ParsedSentence
from annales.pipeline.coding.tables import CodingTables, LexEntry
from annales.pipeline.coding.verbdict import VerbDictionary, load_verb_dictionary, merge_verb_dictionaries
from annales.pipeline.nlp.happening import scheduled
from annales.records import Actor, Article, Event, Sentence

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)

# Types PLOVER codes only with a recipient (manual sections 3.5.2, 3.6.2, 3.13.1).
RECIPIENT_REQUIRED = frozenset({"COOPERATE", "AID", "SANCTION"})
# Sectors that "protest" verbally (a government protest is ACCUSE, CAMEO 114), not in the street.
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "IGO", "NGO", "JUD", "LEG", "MED", "SPY", "POL", ""})
PROTEST_AS_COMPLAINT = "114"

# PLOVER manual 3.1, 3.4, 3.11: how announced (future) acts are typed when `plover_future_rule` is on.
FUTURE_TYPES = {
    "CONSULT": ("AGREE", "036"),
    "SUPPORT": ("AGREE", "032"),
    "COOPERATE": ("AGREE", "031"),
    "AID": ("AGREE", "033"),
    "RETREAT": ("CONCEDE", "080"),
    "SANCTION": ("THREATEN", "131"),
    "COERCE": ("THREATEN", "130"),
    "ASSAULT": ("THREATEN", "138"),
    "MOBILIZE": ("THREATEN", "138"),
    "PROTEST": ("THREATEN", "133"),
}

# Adjectives that make an event noun a future event ("the planned visit", "upcoming talks").
PLANNED_MODIFIERS = frozenset(
    {"planned", "upcoming", "proposed", "expected", "future", "scheduled", "forthcoming", "possible", "potential"}
)

# Nouns whose infinitive complement is a future act ("plans to fire missiles").
PLAN_NOUNS = frozenset(
    {"plan", "intention", "proposal", "bid", "attempt", "offer", "promise", "pledge", "threat", "readiness"}
)

# CAMEO 062 "cooperate militarily" (joint exercises, drills, war games) and 150 "demonstrate military power",
# what an exercise with no partner is.
JOINT_EXERCISE_CODE = "062"
SOLO_EXERCISE_CODE = "150"

# CAMEO 043 "host a visit" and 042 "make a visit".
HOST_CODE = "043"
VISIT_CODE = "042"
# CAMEO 116 "find guilty" (a conviction or sentence) and 173 "arrest, detain": a prison sentence is both.
CONVICT_CODE = "116"
JAIL_CODE = "173"

# Confidence model. Starting points were set by hand, then adjusted so that the share of correct
# (actor country, recipient country, type) triples per confidence bin matches the bin on the dev sets
# (PETR unit records with our lexicon, PLOVER GSR); re-run `python benchmarks/eval_coding.py` and
# check the calibration table after changing any of them.
CONF_VERB = 0.86  # verb predicate, actor is its grammatical subject, recipient found
CONF_NOUN = 0.72  # event noun ("talks", "sanctions")
CONF_AMBIGUOUS = 0.72  # factor for triggers flagged `amb` in the lexicon
CONF_CUED = 1.0  # factor when the lexicon row matched on cues; 1.06 made the >=0.9 bin worse on GSR, so neutral
CONF_NOT_OCCURRED = 0.9  # planned/hypothetical: modality adds a second way to be wrong
CONF_NO_RECIPIENT = 0.85  # no recipient found
CONF_SAME_ACTOR = 0.6  # actor and recipient have the same code (usually a resolution slip)
CONF_LONG_SENTENCE = 0.9  # sentences over LONG_SENTENCE tokens parse worse
LONG_SENTENCE = 45
CONF_MAX = 0.97
CONF_UNRESOLVED = 0.45  # v2: the actor's mention names someone the table does not know (code empty)
CONF_MODEL_DISAGREES = 0.8  # v2: the learned model gives a lexicon hit another type
CONF_MODEL_ONLY = 0.85  # v2: a predicate only the learned model found, times its probability
CODER_V1 = "annales.coder.plover.v1"
CODER_V2 = "annales.coder.plover.v2"
# Kinds of unresolved mentions that still name an actor (an unknown person or organisation, an agent
# with no country): v2 keeps their events with the text and no code. Places and datelines are not actors.
_UNRESOLVED_ACTOR_KINDS = frozenset({"person", "name", "agent", "org", "group"})
# A sentence made ready before coding: its parse with the article's mentions, lexicon hits, learned decision.
_Prepared = tuple[ParsedSentence, dict[int, LexEntry], Decision]
_UNRESOLVED_REASONS = frozenset({"unknown_name", "no_country_context", "no_code", "regional_modifier"})


@dataclass(frozen=True, slots=True)
class CoderOptions:
    """Options of the PLOVER coder.

    Args:
        min_confidence: events below this confidence are not emitted (counted as `low_confidence`).
        require_recipient_types: drop events of PLOVER types that need a recipient when none is found.
        keep_negated: emit negated events (with `negated=True`); when False they are counted and dropped.
        pronoun_fallback: resolve pronoun subjects to the nearest earlier actor (this or previous sentence).
        keep_unmapped_codes: keep events whose user-dictionary code has no PLOVER type (their `type` is "").
        plover_future_rule: apply the PLOVER manual's tense rules to planned events: cooperative acts
            (CONSULT, SUPPORT, COOPERATE, AID) become AGREE, RETREAT becomes CONCEDE, and conflictual
            acts (SANCTION, COERCE, ASSAULT, MOBILIZE, PROTEST) become THREATEN. Off by default: the
            event keeps its own type with `status="planned"`, which loses nothing.
        verb_dictionaries: PETRARCH-format verb dictionary files whose codes take precedence over our
            lexicon (later files win); ignored when a `verbs` object is passed to the coder.
        version: 2 (default) codes with the learned model, the v2 frames and the document context;
            1 is the lexicon-only coder of `annales.coder.plover.v1`.
        keep_unresolved: (v2) keep events whose actor mention names someone the actor table does not
            know, with the mention's text, an empty code and a low confidence.
        learned_model: (v2) use the learned event model next to the lexicon; off codes with the lexicon
            and the v2 frames alone.
        context_recipients: (v2) an act whose sentence names no one it is aimed at takes the party the
            article named last in the sentences before as its recipient (`recipient_source="context"`,
            a lower confidence); off leaves such events without a recipient.
        context_actors: (v2) an act whose sentence names no one who does it takes the party the article
            named last in the sentences before as its actor (`actor_source="context"`, a lower confidence).
        calibrated: (v2, with the learned model) turn the rule-based prior into the calibrated
            probability of `calibration.v2.json`; off emits the prior (what `tools/calibrate_coder.py`
            fits from).
    """

    min_confidence: float = 0.0
    require_recipient_types: bool = True
    keep_negated: bool = True
    pronoun_fallback: bool = True
    keep_unmapped_codes: bool = False
    plover_future_rule: bool = False
    verb_dictionaries: tuple[str, ...] = ()
    verb_dictionary_fallback: bool = False
    version: int = 2
    keep_unresolved: bool = True
    learned_model: bool = True
    context_recipients: bool = True
    context_actors: bool = True
    calibrated: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError("min_confidence must be within 0..1")
        if isinstance(self.verb_dictionaries, str):
            raise ValueError("verb_dictionaries must be a list of paths, not one string")
        object.__setattr__(self, "verb_dictionaries", tuple(str(p) for p in self.verb_dictionaries))
        if self.version not in (1, 2):
            raise ValueError("version must be 1 or 2")

    def __str__(self) -> str:
        return f"plover-v{self.version}-c{self.min_confidence:g}{'' if self.keep_negated else '-noneg'}"


def event_id(doc_id: str, sentence_index: int, trigger: int, actor: str, recipient: str, ptype: str) -> str:
    """Deterministic event id: a hash of where the event is and what it is."""
    key = f"{doc_id}|{sentence_index}|{trigger}|{actor}|{recipient}|{ptype}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class PloverCoder(Stage):
    """Code PLOVER events from parsed sentences and resolved actor mentions.

    Example:
        >>> coder = PloverCoder()
        >>> article = coder.process(article)  # article.sentences and article.mentions filled
        >>> [(e.actor.code, e.type, e.recipient and e.recipient.code) for e in article.events]
    """

    name: ClassVar[str] = CODER_V2
    requires: ClassVar[tuple[str, ...]] = ("article.sentences", "article.mentions")
    assigns: ClassVar[tuple[str, ...]] = ("article.events",)

    def __init__(
        self,
        options: CoderOptions | None = None,
        *,
        tables: CodingTables | None = None,
        verbs: VerbDictionary | None = None,
        scorer: LearnedScorer | None = None,
    ) -> None:
        super().__init__()
        self.options = options or CoderOptions()
        self.tables = tables or CodingTables.default()
        if verbs is None and self.options.verb_dictionaries:
            verbs = merge_verb_dictionaries([load_verb_dictionary(p) for p in self.options.verb_dictionaries])
        self.verbs = verbs
        self.v2 = self.options.version == 2
        use_model = self.v2 and self.options.learned_model
        self.scorer = scorer if scorer is not None or not use_model else LearnedScorer()
        # the calibration was fitted with the learned model on: without it the prior stands
        calibrate = use_model and scorer is None and self.options.calibrated
        self.calibrator = Calibrator.default() if calibrate else None
        self.frames = FrameBuilder(
            self.tables,
            pronoun_fallback=self.options.pronoun_fallback,
            v2=self.v2,
            context_recipients=self.options.context_recipients,
            context_actors=self.options.context_actors,
        )
        self.sentences_coded = 0
        self.coding_seconds = 0.0
        self._ready: dict[int, dict[int, _Prepared]] = {}  # the batch being coded: article id -> prepared

    def process(self, article: Article) -> Article:
        started = time.perf_counter()
        events: list[Event] = []
        previous: Actor | None = None
        context = (
            DocumentContext(mentions=article.mentions, sentence_starts=[s.start for s in article.sentences])
            if self.v2
            else None
        )
        prepared = self._prepare(article)
        for sent in article.sentences:
            if sent.dropped:
                self.count(f"sentence_skipped_{sent.dropped}")
                continue
            coded, previous = self.code_sentence(
                article, sent, previous=previous, context=context, prepared=prepared.get(sent.index)
            )
            events.extend(coded)
        mark_repeated(events, self.calibrator, cap=CONF_MAX)
        if self.options.min_confidence > 0:
            kept = [e for e in events if e.confidence >= self.options.min_confidence]
            self.count("dropped_low_confidence", len(events) - len(kept))
            events = kept
        article.events = events
        self.count("events", len(events))
        self.coding_seconds += time.perf_counter() - started
        return article

    def process_batch(self, articles: list[Article]) -> list[Article]:
        """Code each article, the learned model run once for the whole batch (see `_prepare`)."""
        try:
            self._ready = self._prepare_many(articles)
        except Exception:  # an article the preparation cannot read fails alone, in `process`
            self._ready = {}
        try:
            return super().process_batch(articles)
        finally:
            self._ready = {}

    def _prepare(self, article: Article) -> dict[int, _Prepared]:
        ready = self._ready.pop(id(article), None)
        return ready if ready is not None else self._prepare_many([article])[id(article)]

    def _prepare_many(self, articles: list[Article]) -> dict[int, dict[int, _Prepared]]:
        """Per article (by `id`), the parsed sentences, lexicon hits and learned decisions of every sentence
        that can hold an event, the model run once for all of them (one batch of embeddings instead of
        one per sentence; a decision depends on its sentence alone, never on what was coded before it)."""
        if self.scorer is None:
            return {id(article): {} for article in articles}
        keys: list[tuple[int, int]] = []
        items: list[tuple[ParsedSentence, dict[int, LexEntry]]] = []
        for article in articles:
            for sent in article.sentences:
                if sent.dropped:
                    continue
                ps = ParsedSentence.build(sent, article.mentions)
                if ps.mentions or (self.v2 and has_pronoun_subject(ps)):
                    keys.append((id(article), sent.index))
                    items.append((ps, lexicon_matches(ps, self.tables)))
        ready: dict[int, dict[int, _Prepared]] = {id(article): {} for article in articles}
        for (key, index), (ps, matched), decision in zip(keys, items, self.scorer.decide_many(items), strict=True):
            ready[key][index] = (ps, matched, decision)
        return ready

    def code_sentence(
        self,
        article: Article,
        sent: Sentence,
        *,
        previous: Actor | None = None,
        context: DocumentContext | None = None,
        prepared: _Prepared | None = None,
    ) -> tuple[list[Event], Actor | None]:
        """Code one sentence of `article`.

        Args:
            article: the article (for doc_id, text, mentions, publication date).
            sent: one of its sentences.
            previous: the last subject actor of the previous sentence (pronoun fallback).
            context: what the coder has seen of the article so far (v2).
            prepared: its parse, lexicon hits and learned decision, when `_prepare` took them.

        Returns:
            The events and the subject actor to carry to the next sentence.
        """
        self.sentences_coded += 1
        ps = prepared[0] if prepared is not None else ParsedSentence.build(sent, article.mentions)
        if context is not None:
            context.note_sentence(ps)
        if not ps.mentions and not (self.v2 and has_pronoun_subject(ps)):
            self.count("sentence_no_actor")
            return [], previous
        topic = main_subject(ps) or previous
        predicates = find_predicates(
            ps,
            self.tables,
            verbs=self.verbs,
            keep_untyped=self.options.keep_unmapped_codes,
            scorer=self.scorer,
            verbs_fallback=self.options.verb_dictionary_fallback,
            matched=prepared[1] if prepared is not None else None,
            decision=prepared[2] if prepared is not None else None,
        )
        if not predicates:
            self.count("sentence_no_predicate")
            return [], topic
        events: list[Event] = []
        reasons: list[str] = []
        for pred in predicates:
            frame = self._frame(ps, pred, previous, context)
            if not frame.actors:
                reasons.append("no_actor")
                continue
            built = self._events(article, ps, pred, frame)
            if not built:
                reasons.append("no_recipient" if pred.type in RECIPIENT_REQUIRED else "filtered")
            events.extend(built)
        events = merge_duplicates(events)
        if context is not None:
            context.note_events(sent.index, events)
        if not events:
            self.count(f"sentence_{reasons[0] if reasons else 'no_predicate'}")
        return events, topic

    def _frame(
        self, ps: ParsedSentence, pred: Predicate, previous: Actor | None, context: DocumentContext | None
    ) -> Frame:
        """The predicate's argument frame, with the confidence of the predicate itself folded in."""
        frame = self.frames.frame(ps, pred, previous, context)
        confidence = CONF_NOUN if pred.entry.pos == "N" else CONF_VERB
        if "amb" in pred.entry.flags:
            confidence *= CONF_AMBIGUOUS
        if pred.entry.cues:
            confidence *= CONF_CUED
        if len(ps.tokens) > LONG_SENTENCE:
            confidence *= CONF_LONG_SENTENCE
        if MODEL_FLAG in pred.entry.flags:
            confidence *= CONF_MODEL_ONLY * pred.model_prob
        elif pred.model_type is not None and pred.model_type != pred.type:
            confidence *= CONF_MODEL_DISAGREES
        if self.v2 and not frame.actors and self.options.keep_unresolved:
            frame.actors = self._unresolved_subject(ps, pred)
            confidence *= CONF_UNRESOLVED if frame.actors else 1.0
        if self.v2:
            self.frames.complete_from_context(ps, pred, frame, context)
        frame.confidence *= confidence
        return frame

    def _unresolved_subject(self, ps: ParsedSentence, pred: Predicate) -> list[Actor]:
        """The subject's mention when it names an actor the table does not know ("Mevlut Altintas fired...")."""
        head = pred.light if pred.light is not None else pred.i
        subj = ps.subject(head)
        if subj is None:
            return []
        for j in (subj, *ps.children[subj]):
            mention = ps.actor_at.get(j)
            if (
                mention is not None
                and mention.code is None
                and mention.kind in _UNRESOLVED_ACTOR_KINDS
                and mention.reason in _UNRESOLVED_REASONS
            ):
                return [mention]
        return []

    # events ----------------------------------------------------------------------------------

    def _events(self, article: Article, ps: ParsedSentence, pred: Predicate, roles: Frame) -> list[Event]:
        status_at = pred.light if pred.light is not None else pred.i
        status = ps.status(status_at)
        if pred.entry.pos == "N" and any(ps.lemma(c) in PLANNED_MODIFIERS for c in ps.kids(pred.i, "amod")):
            status = "planned"
        if "planned" in pred.entry.flags and status == "occurred":
            status = "planned"
        if status == "occurred" and status_at != pred.i and scheduled(ps.tokens, status_at):
            status = "planned"  # "the summit is scheduled for Monday"
        if status == "occurred" and ps.tokens[status_at].dep == "acl" and ps.lemma(ps.head(status_at)) in PLAN_NOUNS:
            status = "planned"  # "examining plans to fire missiles", "a proposal to hold talks"
        if pred.condition is not None:
            # the conditional threat is made now ("would impose sanctions if..."); the act it announces is what waits
            status = "occurred"
        # "made no apology", "held no talks", "reached no agreement": the noun carries the negation
        negated = ps.is_negated(status_at) or (status_at != pred.i and ps.is_negated(pred.i)) or no_object(ps, pred)
        if negated and not self.options.keep_negated:
            self.count("dropped_negated")
            return []
        pairs: list[tuple[Actor, Actor | None]] = []
        recipients = roles.recipients
        own_forces = False
        if pred.type == "MOBILIZE":
            # "called up 300,000 reservists": the actor's own forces are what it mobilizes, not a recipient
            recipients = [r for r in recipients if all(r.country != a.country for a in roles.actors)]
            own_forces = len(recipients) < len(roles.recipients)
        if self.v2 and pred.mode == "resign" and not pred.user:
            recipients = []  # a resignation is to no one (our guideline): not the critics of an "after" clause
        if self.v2:
            recipients = self._other_parties(ps, pred, roles.actors, recipients)
        if recipients:
            pairs = [(a, r) for a in roles.actors for r in recipients]
        elif roles.symmetric and len(roles.actors) > 1:
            pairs = [(a, b) for a in roles.actors for b in roles.actors if a is not b]
            if self.v2:
                # "the Trump administration and the United States" are one side, not each other's partners; "the
                # two sides" of an earlier event are two ("Montana and CoreCivic ... the two sides agreed")
                pairs = [
                    (a, b)
                    for a, b in pairs
                    if b is not None and not self_dyad(a, b) and (roles.source == "pair" or not same_side(a, b))
                ]
        elif pred.cameo == JOINT_EXERCISE_CODE and pred.entry.pos == "N" and not pred.user and not joint(ps, pred.i):
            # PLOVER 3.14.1: joint exercises are COOPERATE, a single country's exercise is MOBILIZE
            pairs = [(a, None) for a in roles.actors]
            pred = replace(pred, cameo=SOLO_EXERCISE_CODE, type="MOBILIZE", mode=None)
        elif pred.type in RECIPIENT_REQUIRED and self.options.require_recipient_types:
            return []
        else:
            pairs = [(a, None) for a in roles.actors]
        if self.v2 and not pred.user:
            pairs = no_own_target(pred, pairs)
        if pred.entry.lemma == OBLIGATION_LEMMA:
            # "Russia should keep cooperating, Lavrov said" is no demand: the speaker's own side is not a recipient
            pairs = [(a, r) for a, r in pairs if r is not None and not same_side(a, r)]
        if pred.cameo == HOST_CODE and not pred.user:
            # PLOVER 3.2.2: the visitor is the actor and the host the recipient, so "X hosted Y" is Y -> X visit
            pairs = [(r, a) if r is not None else (a, r) for a, r in pairs]
            coded = [(a, r, VISIT_CODE if r is not None else pred.cameo) for a, r in pairs]
        else:
            coded = [(a, r, pred.cameo) for a, r in pairs]
        if self.v2 and pred.cameo == CONVICT_CODE and sentenced_to_jail(ps, pred.i):
            coded += [(a, r, JAIL_CODE) for a, r, c in list(coded) if c == CONVICT_CODE]  # "to 20 years in prison"
        if pred.reverse:
            coded += [(r, a, pred.reverse) for a, r in pairs if r is not None]
        elif self.v2 and (_mutual(pred, roles) or fought_with(ps, pred)):
            # "X met Y", "talks with Y", "a phone call with Y": one event per direction, as for joint actors
            seen = {(id(a), id(r)) for a, r, _ in coded}
            coded += [(r, a, c) for a, r, c in list(coded) if r is not None and (id(r), id(a)) not in seen]
        events = []
        for actor, recipient, cameo in coded:
            if "protest" in pred.entry.flags and (actor.sector or "") in OFFICIAL_SECTORS and verbal_protest(ps, pred):
                cameo = PROTEST_AS_COMPLAINT
            if self.options.plover_future_rule and status in ("planned", "hypothetical") and not negated:
                cameo = FUTURE_TYPES.get(pred.type, ("", cameo))[1]
            confidence = roles.confidence
            if status != "occurred":
                confidence *= CONF_NOT_OCCURRED
            if recipient is None:
                confidence *= 1.0 if own_forces else CONF_NO_RECIPIENT
            elif recipient.code == actor.code:
                confidence *= CONF_SAME_ACTOR
            lead = ps.sent.index < LEAD_SENTENCES
            features = calibration_features(
                pred, roles, (actor, recipient), min(confidence, CONF_MAX), (status, negated, lead)
            )
            if self.calibrator is not None:
                confidence = self.calibrator.probability(features)
            confidence = round(min(confidence, CONF_MAX), 3)
            event = self._event(article, ps, pred, (actor, recipient, cameo), status, negated, confidence)
            event.recipient_source = party_source(recipient, roles.recipients, roles.recipient_source)
            event.actor_source = party_source(actor, roles.actors, roles.source) or "sentence"
            event.features = features
            events.append(event)
        return events

    def _other_parties(
        self, ps: ParsedSentence, pred: Predicate, actors: list[Actor], recipients: list[Actor]
    ) -> list[Actor]:
        """No self-dyads: a recipient with an actor's own code is dropped, and then a topic "between X and Y"
        ("urged cooperation between Moscow and Beijing") makes its other party the recipient."""
        kept = [r for r in recipients if not any(self_dyad(a, r) for a in actors)]
        if kept and all(any(a.country == r.country for a in actors) for r in kept):
            # "restore ties between Israel and Turkey", "Russia urged cooperation between Moscow and Washington"
            kept = self._between(ps, pred, actors) or kept
        if kept or not recipients:
            return kept
        self.count("dropped_self_dyad")
        return self._between(ps, pred, actors)

    def _between(self, ps: ParsedSentence, pred: Predicate, actors: list[Actor]) -> list[Actor]:
        """The other party of a topic "between X and Y" in the predicate's phrase."""
        for tok in subtree(ps, pred.i):
            for other in ps.prep_objects(tok, "between"):
                found = [r for r in ps.actors_of(other) if not any(a.country == r.country for a in actors)]
                if found:
                    return found
        return []

    def _event(
        self,
        article: Article,
        ps: ParsedSentence,
        pred: Predicate,
        dyad: tuple[Actor, Actor | None, str],
        status: str,
        negated: bool,
        confidence: float,
    ) -> Event:
        actor, recipient, cameo = dyad
        info = self.tables.cameo.get(cameo) if cameo.isdigit() else None
        ptype, mode = pred.type, pred.mode
        if cameo != pred.cameo and info is not None and info.plover_type:
            ptype, mode = info.plover_type, info.mode
        trigger_tok = ps.tokens[pred.i]
        inside = [m for m in (actor, recipient) if m is not None and ps.sent.start <= m.start < ps.sent.end]
        start = min([trigger_tok.idx, *(m.start for m in inside)])
        end = max([trigger_tok.end, *(m.end for m in inside)])
        if pred.purpose is not None:
            end = max(end, ps.tokens[pred.purpose].end)
        contexts = info.contexts if info else ()
        event = Event(
            event_id=event_id(article.doc_id, ps.sent.index, pred.i, actor.code or "", code_of(recipient), ptype),
            doc_id=article.doc_id,
            sentence_index=ps.sent.index,
            sentence=ps.sent.text,
            span=(start, end),
            actor=actor,
            recipient=recipient,
            type=ptype,
            mode=mode,
            contexts=contexts,
            cameo=cameo,
            goldstein=info.goldstein if info and not (negated and self.v2) else 0.0,
            quad=info.quad if info and not (negated and self.v2) else 0,
            status=status,  # type: ignore[arg-type]
            negated=negated,
            confidence=confidence,
            trigger=trigger_text(ps, pred),
            published=article.published,
            doc_uri=article.uri,
        )
        if article.published is not None:
            event.date = article.published
            event.date_source = "published"
        else:
            event.date_reason = "no_publication_date"
        event.place_reason = "not_resolved"
        return event


# The article's lead: its first sentences (a headline run into the body counts as one).
LEAD_SENTENCES = 2


def _mutual(pred: Predicate, frame: Frame) -> bool:
    """Acts done together (meetings, talks, calls, joint cooperation), not visits or one-sided acts."""
    if pred.user or pred.cameo in (HOST_CODE, VISIT_CODE) or pred.mode == "visit":
        return False
    return "sym" in pred.entry.flags or pred.type in ("CONSULT", "COOPERATE")
