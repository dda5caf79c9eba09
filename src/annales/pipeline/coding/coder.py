"""The PLOVER event coder: predicates + dependency roles + our CAMEO/PLOVER tables -> `Event` records.

For each sentence: find predicates (`predicates.find_predicates`), then for each one find
the actor (subject, passive "by", possessor of an event noun, subject of a light verb)
and the recipients (object, "with", "against", "to", "on", passive subject, "between X
and Y"), read modality and negation off the parse, and emit one `Event` per
actor/recipient pair. See docs/events.md for the contract and the choices.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from annales.pipeline.base import Stage
from annales.pipeline.coding.predicates import OBLIGATION_LEMMA, Predicate, find_predicates, match_entry
from annales.pipeline.coding.syntax import PRONOUNS, RECIPIENT_PREPS, SAY_VERBS, ParsedSentence
from annales.pipeline.coding.tables import TABLES_VERSION, CodingTables
from annales.pipeline.coding.verbdict import VerbDictionary, load_verb_dictionary, merge_verb_dictionaries
from annales.records import Actor, Article, Event, Sentence

if TYPE_CHECKING:
    import datetime as dt

    from annales.pipeline.actors import ActorTable
    from annales.pipeline.nlp.parse import SpacyParser

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

# Participles whose passive subject is the one taking the stance ("is opposed to", "is committed to").
STATIVE_PASSIVES = frozenset(
    {"oppose", "commit", "prepare", "determine", "resolve", "dedicate", "opposed", "committed", "head", "headed"}
)

# Adjectives that make an event noun a future event ("the planned visit", "upcoming talks").
PLANNED_MODIFIERS = frozenset(
    {"planned", "upcoming", "proposed", "expected", "future", "scheduled", "forthcoming", "possible", "potential"}
)

# Nouns whose infinitive complement is a future act ("plans to fire missiles").
PLAN_NOUNS = frozenset(
    {"plan", "intention", "proposal", "bid", "attempt", "offer", "promise", "pledge", "threat", "readiness"}
)

# Nouns whose infinitive complement names an act not done ("refusal to talk", "abandoned efforts to stop").
UNDONE_NOUNS = frozenset(
    {"refusal", "failure", "reluctance", "unwillingness", "inability", "effort", "opposition", "objection", "right"}
)

# CAMEO 062 "cooperate militarily" (joint exercises, drills, war games) and 150 "demonstrate military power",
# what an exercise with no partner is.
JOINT_EXERCISE_CODE = "062"
SOLO_EXERCISE_CODE = "150"

# CAMEO 043 "host a visit" and 042 "make a visit".
HOST_CODE = "043"
VISIT_CODE = "042"

# Mutual types: joint actors with no other recipient ("Kerry and Lavrov agreed...") give one event per
# direction (A->B and B->A), as the PLOVER GSR marks such actors SRC/TAR.
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})

# Confidence model. Starting points were set by hand, then adjusted so that the share of correct
# (actor country, recipient country, type) triples per confidence bin matches the bin on the dev sets
# (PETR unit records with our lexicon, PLOVER GSR); re-run `python benchmarks/eval_coding.py` and
# check the calibration table after changing any of them.
CONF_VERB = 0.86  # verb predicate, actor is its grammatical subject, recipient found
CONF_NOUN = 0.72  # event noun ("talks", "sanctions")
CONF_AMBIGUOUS = 0.72  # factor for triggers flagged `amb` in the lexicon
CONF_CUED = 1.0  # factor when the lexicon row matched on cues; 1.06 made the >=0.9 bin worse on GSR, so neutral
CONF_NOT_OCCURRED = 0.9  # planned/hypothetical: modality adds a second way to be wrong
CONF_INHERITED_SUBJECT = 0.9  # actor taken from a coordinated/governing verb
CONF_PRONOUN = 0.75  # actor or recipient resolved from a pronoun
CONF_NO_RECIPIENT = 0.85  # no recipient found
CONF_SAME_ACTOR = 0.6  # actor and recipient have the same code (usually a resolution slip)
CONF_DEEP_RECIPIENT = 0.9  # recipient found deeper in the verb phrase ("welcomed a resumption of ties with X")
CONF_LONG_SENTENCE = 0.9  # sentences over LONG_SENTENCE tokens parse worse
LONG_SENTENCE = 45
CONF_MAX = 0.97


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
    """

    min_confidence: float = 0.0
    require_recipient_types: bool = True
    keep_negated: bool = True
    pronoun_fallback: bool = True
    keep_unmapped_codes: bool = False
    plover_future_rule: bool = False
    verb_dictionaries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError("min_confidence must be within 0..1")
        if isinstance(self.verb_dictionaries, str):
            raise ValueError("verb_dictionaries must be a list of paths, not one string")
        object.__setattr__(self, "verb_dictionaries", tuple(str(p) for p in self.verb_dictionaries))

    def __str__(self) -> str:
        return f"plover-v1-c{self.min_confidence:g}{'' if self.keep_negated else '-noneg'}"


@dataclass(slots=True)
class _Roles:
    actors: list[Actor]
    recipients: list[Actor]
    confidence: float
    symmetric: bool


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

    name: ClassVar[str] = TABLES_VERSION
    requires: ClassVar[tuple[str, ...]] = ("article.sentences", "article.mentions")
    assigns: ClassVar[tuple[str, ...]] = ("article.events",)

    def __init__(
        self,
        options: CoderOptions | None = None,
        *,
        tables: CodingTables | None = None,
        verbs: VerbDictionary | None = None,
    ) -> None:
        super().__init__()
        self.options = options or CoderOptions()
        self.tables = tables or CodingTables.default()
        if verbs is None and self.options.verb_dictionaries:
            verbs = merge_verb_dictionaries([load_verb_dictionary(p) for p in self.options.verb_dictionaries])
        self.verbs = verbs
        self.sentences_coded = 0
        self.coding_seconds = 0.0

    def process(self, article: Article) -> Article:
        started = time.perf_counter()
        events: list[Event] = []
        previous: Actor | None = None
        for sent in article.sentences:
            if sent.dropped:
                self.count(f"sentence_skipped_{sent.dropped}")
                continue
            coded, previous = self.code_sentence(article, sent, previous=previous)
            events.extend(coded)
        article.events = events
        self.count("events", len(events))
        self.coding_seconds += time.perf_counter() - started
        return article

    def code_sentence(
        self, article: Article, sent: Sentence, *, previous: Actor | None = None
    ) -> tuple[list[Event], Actor | None]:
        """Code one sentence of `article`.

        Args:
            article: the article (for doc_id, text, mentions, publication date).
            sent: one of its sentences.
            previous: the last subject actor of the previous sentence (pronoun fallback).

        Returns:
            The events and the subject actor to carry to the next sentence.
        """
        self.sentences_coded += 1
        ps = ParsedSentence.build(sent, article.mentions)
        if not ps.mentions:
            self.count("sentence_no_actor")
            return [], previous
        topic = _main_subject(ps) or previous
        predicates = find_predicates(ps, self.tables, verbs=self.verbs, keep_untyped=self.options.keep_unmapped_codes)
        if not predicates:
            self.count("sentence_no_predicate")
            return [], topic
        events: list[Event] = []
        reasons: list[str] = []
        for pred in predicates:
            roles = self._roles(ps, pred, previous)
            if not roles.actors:
                reasons.append("no_actor")
                continue
            built = self._events(article, ps, pred, roles)
            if not built:
                reasons.append("no_recipient" if pred.type in RECIPIENT_REQUIRED else "filtered")
            events.extend(built)
        events = _merge_duplicates(events)
        if not events:
            self.count(f"sentence_{reasons[0] if reasons else 'no_predicate'}")
        return events, topic

    # roles -----------------------------------------------------------------------------------

    def _roles(self, ps: ParsedSentence, pred: Predicate, previous: Actor | None) -> _Roles:
        confidence = CONF_NOUN if pred.entry.pos == "N" else CONF_VERB
        if "amb" in pred.entry.flags:
            confidence *= CONF_AMBIGUOUS
        if pred.entry.cues:
            confidence *= CONF_CUED
        if len(ps.tokens) > LONG_SENTENCE:
            confidence *= CONF_LONG_SENTENCE
        if pred.entry.pos == "N":
            actors, recipients, factor = self._noun_roles(ps, pred, previous)
        else:
            actors, recipients, factor = self._verb_roles(ps, pred, previous)
        symmetric = "sym" in pred.entry.flags or pred.type in MUTUAL_TYPES
        return _Roles(actors=actors, recipients=recipients, confidence=confidence * factor, symmetric=symmetric)

    def _noun_owner(
        self, ps: ParsedSentence, noun: int, previous: Actor | None, depth: int
    ) -> tuple[list[Actor], float]:
        """Whose "vote to impose sanctions" or "plans to fire missiles": the noun's possessor or modifier, its
        "by"/"of"/"at" actor, else the subject of the verb it is the object of."""
        if ps.lemma(noun) in UNDONE_NOUNS or match_entry(ps, ps.head(noun), self.tables) is not None:
            return [], 1.0  # "praised Trump's decision to recognise...": the act is the content of another event
        actors = [a for c in ps.kids(noun, "poss", "compound", "nmod") for a in ps.actors_of(c)]
        for prep in ("by", "of", "at", "from"):
            actors = actors or [a for o in ps.prep_objects(noun, prep) for a in ps.actors_of(o)]
        if actors:
            return actors, CONF_INHERITED_SUBJECT
        if ps.tokens[noun].dep in ("dobj", "obj") and ps.tokens[ps.head(noun)].pos == "VERB":
            found, factor = self._subject_actors(ps, ps.head(noun), previous, depth + 1)
            return found, factor * CONF_INHERITED_SUBJECT
        return [], 1.0

    def _subject_actors(
        self, ps: ParsedSentence, i: int, previous: Actor | None, depth: int = 0
    ) -> tuple[list[Actor], float]:
        if ps.is_passive(i) and ps.tokens[i].pos == "VERB":
            agents = [a for o in ps.prep_objects(i, "by") for a in ps.actors_of(o)]
            if agents or ps.lemma(i) not in STATIVE_PASSIVES:
                return agents, 1.0
            # "Israel is opposed to...", "Vietnam is committed to...": the passive subject holds the stance
            patients = ps.kids(i, "nsubjpass")
            return (ps.actors_of(patients[0]) if patients else []), 1.0
        subj = ps.subject(i)
        if subj is None:
            if ps.tokens[i].dep == "acl" and ps.tokens[i].tag == "VB" and depth < 2:
                return self._noun_owner(ps, ps.head(i), previous, depth)
            return [], 1.0
        factor = 1.0 if subj in ps.kids(i, "nsubj", "csubj") else CONF_INHERITED_SUBJECT
        actors = ps.actors_of(subj)
        if not actors and factor < 1.0 and ps.lemma(subj) not in PRONOUNS:
            actors = _speaker_of_coordinated(ps, i)
        if not actors and ps.lemma(subj) in PRONOUNS and self.options.pronoun_fallback:
            actor = _antecedent(ps, subj, exclude=None) or previous
            return ([actor] if actor else []), factor * CONF_PRONOUN
        return actors, factor

    def _recipient_tokens(self, ps: ParsedSentence, i: int) -> list[int]:
        tokens = list(ps.objects(i)) + ps.kids(i, "dative", "iobj")
        for prep in RECIPIENT_PREPS:
            tokens.extend(ps.prep_objects(i, prep))
        return tokens

    def _recipients_at(self, ps: ParsedSentence, i: int, actors: list[Actor]) -> tuple[list[Actor], float]:
        factor = 1.0
        countries = {a.country for a in actors}
        deferred: list[Actor] = []
        for tok in self._recipient_tokens(ps, i):
            if _own_forces(ps, tok, actors):
                continue
            found = [a for a in ps.actors_of(tok) if all(a is not b for b in actors)]
            if not found and ps.lemma(tok) in PRONOUNS and self.options.pronoun_fallback:
                codes = {a.code for a in actors}
                antecedent = _antecedent(ps, tok, exclude=codes)
                found = [antecedent] if antecedent else []
                factor = CONF_PRONOUN
            if found and all(a.country in countries for a in found) and not deferred:
                # "sent troops to X": the actor's own people as object; a later "to X" is the recipient
                deferred = found
                continue
            if found:
                return found, factor
        return deferred, factor

    def _verb_roles(
        self, ps: ParsedSentence, pred: Predicate, previous: Actor | None
    ) -> tuple[list[Actor], list[Actor], float]:
        actors, factor = self._subject_actors(ps, pred.i, previous)
        recipients, rfactor = self._recipients_at(ps, pred.i, actors)
        comp = pred.complement
        if not recipients and comp is not None and _clause_with_subject(ps, comp):
            subj = ps.subject(comp)
            if subj is not None:
                recipients = [a for a in ps.actors_of(subj) if all(a is not b for b in actors)]
        joint = len(actors) > 1 and pred.type in MUTUAL_TYPES
        # a purpose clause names the person met ("travel to Moscow to meet Lavrov") unless the verb has its own object
        direct = any(ps.actors_of(o) for o in ps.objects(pred.i))
        # "vowed to degrade and destroy X": coordinated verbs of the complement share its recipient
        shared = ps.conjuncts(comp)[1:] if comp is not None else []
        for extra in (pred.purpose, pred.complement, *shared):
            if extra is not None and not joint:
                more, mfactor = self._recipients_at(ps, extra, actors)
                if more and (not recipients or (pred.purpose == extra and not direct)):
                    recipients, rfactor = more, mfactor
                    break
        for sibling in ps.kids(pred.i, "conj") if not recipients else ():
            # "donated and delivered goods to X": coordinated verbs share their recipient
            if ps.tokens[sibling].pos == "VERB" and not ps.kids(sibling, "nsubj", "nsubjpass"):
                recipients, rfactor = self._recipients_at(ps, sibling, actors)
                if recipients:
                    break
        if not recipients and pred.condition is not None:
            # "if Iran attacks, the US will respond with force": the threat is aimed at the condition's subject
            subj = ps.subject(pred.condition)
            found = ps.actors_of(subj) if subj is not None else []
            recipients = [a for a in found if all(a is not b for b in actors)]
        if not recipients:
            recipients = _phrase_recipients(ps, pred.i, actors)
            rfactor = CONF_DEEP_RECIPIENT
        return actors, recipients, factor * rfactor

    def _noun_roles(
        self, ps: ParsedSentence, pred: Predicate, previous: Actor | None
    ) -> tuple[list[Actor], list[Actor], float]:
        i = pred.i
        factor = 1.0
        actors: list[Actor] = []
        between = ps.prep_objects(i, "between") + ps.prep_objects(i, "among")
        if between:
            joint = ps.actors_of(between[0])
            if len(joint) > 1:
                return joint, [], 1.0
        # the noun's own possessor is the actor ("announced Kerry's visit"), before the light verb's subject
        for c in ps.kids(i, "poss"):
            found = ps.actors_of(c)
            if not found and ps.lemma(c) in PRONOUNS | {"its", "their", "his", "her"} and self.options.pronoun_fallback:
                antecedent = _antecedent(ps, c, exclude=None)
                found, factor = ([antecedent], CONF_PRONOUN) if antecedent else ([], factor)
            actors.extend(found)
        if not actors and pred.light is not None:
            actors, factor = self._subject_actors(ps, pred.light, previous)
        if not actors:
            for c in ps.kids(i, "compound", "amod", "nmod"):
                actors.extend(ps.actors_of(c))
        if not actors:
            for prep in ("by", "from", "of"):
                for o in ps.prep_objects(i, prep):
                    actors.extend(ps.actors_of(o))
        recipients, rfactor = self._recipients_at(ps, i, actors)
        if not recipients and pred.light is not None:
            recipients, rfactor = self._recipients_at(ps, pred.light, actors)
            recipients = [r for r in recipients if all(r is not a for a in actors)]
        return actors, recipients, factor * rfactor

    # events ----------------------------------------------------------------------------------

    def _events(self, article: Article, ps: ParsedSentence, pred: Predicate, roles: _Roles) -> list[Event]:
        status_at = pred.light if pred.light is not None else pred.i
        status = ps.status(status_at)
        if pred.entry.pos == "N" and any(ps.lemma(c) in PLANNED_MODIFIERS for c in ps.kids(pred.i, "amod")):
            status = "planned"
        if "planned" in pred.entry.flags and status == "occurred":
            status = "planned"
        if status == "occurred" and ps.tokens[status_at].dep == "acl" and ps.lemma(ps.head(status_at)) in PLAN_NOUNS:
            status = "planned"  # "examining plans to fire missiles", "a proposal to hold talks"
        if pred.condition is not None:
            # the conditional threat is made now ("would impose sanctions if..."); the act it announces is what waits
            status = "occurred"
        negated = ps.is_negated(status_at)
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
        if recipients:
            pairs = [(a, r) for a in roles.actors for r in recipients]
        elif roles.symmetric and len(roles.actors) > 1:
            pairs = [(a, b) for a in roles.actors for b in roles.actors if a is not b]
        elif pred.cameo == JOINT_EXERCISE_CODE and pred.entry.pos == "N" and not pred.user and not _joint(ps, pred.i):
            # PLOVER 3.14.1: joint exercises are COOPERATE, a single country's exercise is MOBILIZE
            pairs = [(a, None) for a in roles.actors]
            pred = replace(pred, cameo=SOLO_EXERCISE_CODE, type="MOBILIZE", mode=None)
        elif pred.type in RECIPIENT_REQUIRED and self.options.require_recipient_types:
            return []
        else:
            pairs = [(a, None) for a in roles.actors]
        if pred.entry.lemma == OBLIGATION_LEMMA:
            # "Russia should keep cooperating, Lavrov said" is no demand: the speaker's own side is not a recipient
            pairs = [(a, r) for a, r in pairs if r is not None and not _same_side(a, r)]
        if pred.cameo == HOST_CODE and not pred.user:
            # PLOVER 3.2.2: the visitor is the actor and the host the recipient, so "X hosted Y" is Y -> X visit
            pairs = [(r, a) if r is not None else (a, r) for a, r in pairs]
            coded = [(a, r, VISIT_CODE if r is not None else pred.cameo) for a, r in pairs]
        else:
            coded = [(a, r, pred.cameo) for a, r in pairs]
        if pred.reverse:
            coded += [(r, a, pred.reverse) for a, r in pairs if r is not None]
        events = []
        for actor, recipient, cameo in coded:
            if "protest" in pred.entry.flags and (actor.sector or "") in OFFICIAL_SECTORS:
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
            confidence = round(min(confidence, CONF_MAX), 3)
            if confidence < self.options.min_confidence:
                self.count("dropped_low_confidence")
                continue
            events.append(self._event(article, ps, pred, (actor, recipient, cameo), status, negated, confidence))
        return events

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
            event_id=event_id(article.doc_id, ps.sent.index, pred.i, actor.code or "", _code(recipient), ptype),
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
            goldstein=info.goldstein if info else 0.0,
            quad=info.quad if info else 0,
            status=status,  # type: ignore[arg-type]
            negated=negated,
            confidence=confidence,
            trigger=_trigger_text(ps, pred),
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


def _speaker_of_coordinated(ps: ParsedSentence, i: int) -> list[Actor]:
    """The speaker of "X said the sale violated the principle and urged Washington to...": a verb coordinated
    with the reported clause, whose borrowed subject names no actor, is the speaker's second act (the parser
    attaches it to the reported clause)."""
    if ps.tokens[i].dep != "conj":
        return []
    clause = ps.head(i)
    if ps.tokens[clause].dep not in ("ccomp", "parataxis") or ps.lemma(ps.head(clause)) not in SAY_VERBS:
        return []
    speaker = ps.subject(ps.head(clause))
    return ps.actors_of(speaker) if speaker is not None else []


_JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})


def _joint(ps: ParsedSentence, i: int) -> bool:
    """ "joint military exercises": a partner is meant even when the parse does not name it."""
    return any(ps.lemma(c) in _JOINT_WORDS for c in ps.children[i])


def _clause_with_subject(ps: ParsedSentence, comp: int) -> bool:
    """A "that"-clause or "for X to" clause: its own subject is the one asked, refused or threatened."""
    dep = ps.tokens[comp].dep
    return dep == "ccomp" or (dep == "advcl" and any(ps.lemma(m) == "for" for m in ps.kids(comp, "mark")))


def _same_side(actor: Actor, other: Actor) -> bool:
    """Same country, and one of them is the country as a whole or both share a sector."""
    if actor.country != other.country:
        return False
    return not actor.sector or not other.sector or actor.sector == other.sector


def _main_subject(ps: ParsedSentence) -> Actor | None:
    """The actor of the sentence's root subject: what a pronoun in the next sentence most likely means."""
    for tok in ps.tokens:
        if tok.dep == "ROOT":
            subj = ps.subject(tok.i)
            found = ps.actors_of(subj) if subj is not None else []
            return found[0] if found else None
    return None


def _code(actor: Actor | None) -> str:
    return actor.code or "" if actor is not None else ""


def _trigger_text(ps: ParsedSentence, pred: Predicate) -> str:
    words = [ps.tokens[pred.i].text]
    words.extend(ps.tokens[c].text for c in ps.kids(pred.i, "prt"))
    return " ".join(words)


_CLAUSE_DEPS = frozenset(
    {"advcl", "ccomp", "xcomp", "relcl", "parataxis", "conj", "csubj", "acl", "nsubj", "nsubjpass"}
)


def _phrase_recipients(ps: ParsedSentence, i: int, actors: list[Actor]) -> list[Actor]:
    """The first actor in the verb phrase after the verb, outside embedded clauses (PETRARCH's target rule)."""
    codes = {a.code for a in actors}
    stack = [c for c in reversed(ps.children[i]) if c > i and ps.tokens[c].dep not in _CLAUSE_DEPS]
    while stack:
        j = stack.pop()
        actor = ps.actor_at.get(j)
        if actor is not None and actor.code and actor.code not in codes and not _own_forces(ps, j, actors):
            found = [actor]
            head = j
            while ps.tokens[head].dep != "pobj" and ps.actor_at.get(ps.head(head)) is actor and ps.head(head) != head:
                head = ps.head(head)
            for k in ps.conjuncts(head)[1:]:
                more = ps.find_actor(k)
                if more is not None and all(more is not a for a in found):
                    found.append(more)
            return found
        stack.extend(c for c in reversed(ps.children[j]) if ps.tokens[c].dep not in _CLAUSE_DEPS - {"conj"})
    return []


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my"})


def _own_forces(ps: ParsedSentence, tok: int, actors: list[Actor]) -> bool:
    """True for "its troops", "their ambassador": the actor's own people are not the recipient."""
    if not any(
        ps.lemma(c) in _POSSESSIVE_PRONOUNS or ps.tokens[c].text.lower() in _POSSESSIVE_PRONOUNS
        for c in ps.kids(tok, "poss")
    ):
        return False
    found = ps.find_actor(tok, depth=0)
    countries = {a.country for a in actors}
    return found is None or found.country in countries


def _antecedent(ps: ParsedSentence, tok: int, *, exclude: set[str | None] | None) -> Actor | None:
    """The nearest actor mention before token `tok` in the sentence, skipping codes in `exclude`."""
    position = ps.tokens[tok].idx
    best: Actor | None = None
    for mention in ps.mentions:
        usable = mention.code and mention.end <= position and (exclude is None or mention.code not in exclude)
        if usable and (best is None or mention.start > best.start):
            best = mention
    return best


def _merge_duplicates(events: list[Event]) -> list[Event]:
    """Keep one event per (actor, recipient, type, status) in a sentence: with a mode first, then most confident."""
    best: dict[tuple[str, str, str, str, bool], Event] = {}
    for event in events:
        key = (event.actor.code or "", _code(event.recipient), event.type, event.status, event.negated)
        kept = best.get(key)
        if kept is None or (event.mode is not None, event.confidence) > (kept.mode is not None, kept.confidence):
            best[key] = event
    keep = {id(e) for e in best.values()}
    return [e for e in events if id(e) in keep]


def code_article(article: Article, *, coder: PloverCoder | None = None) -> list[Event]:
    """Code an article whose sentences and mentions are filled; returns its events."""
    stage = coder or PloverCoder()
    stage.process(article)
    return article.events


def code_text(
    text: str,
    *,
    published: dt.date | None = None,
    table: ActorTable | None = None,
    parser: SpacyParser | None = None,
    coder: PloverCoder | None = None,
    doc_id: str = "text",
) -> list[Event]:
    """Parse, resolve actors and code one text; the function behind `annales code`.

    Args:
        text: plain text.
        published: publication date, anchors dates and actor roles.
        table: an `ActorTable` (default: `ActorTable.default()`).
        parser: a `SpacyParser` (default: a new one; pass one to reuse the loaded model).
        coder: a `PloverCoder` (default: a new one with default options).
        doc_id: the id events carry.

    Returns:
        The events, in sentence order.

    Example:
        >>> code_text("Kerry will travel to Moscow on July 14 to meet Lavrov.", published=dt.date(2016, 7, 11))
    """
    from annales.pipeline.actors import ActorStage, ActorTable
    from annales.pipeline.nlp.parse import SpacyParser

    spacy_stage = parser or SpacyParser()
    actor_table = table or ActorTable.default()
    article = Article(doc_id=doc_id, uri=doc_id, format="text", text=text, published=published)
    article.sentences = spacy_stage.parse(text)
    ActorStage(table=actor_table).process(article)
    return code_article(article, coder=coder)
