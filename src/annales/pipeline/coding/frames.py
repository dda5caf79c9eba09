"""Argument frames: who acts, on whom, with whom, where and about what, for one predicate.

`FrameBuilder.frame(ps, pred, context)` fills a `Frame` from the dependency parse and the semantic
type of each mention (actor, place, pronoun): the agent (subject, passive "by", possessor or
modifier of an event noun, subject of a light verb, inherited from a governing or coordinated verb),
the recipients (object, indirect object, "with/against/to/on..." objects, the subject of a "that"
clause of a control verb, PETRARCH's first actor after the verb), co-participants ("A and B met",
"talks between A and B"), the venue (a place after "in/at/during..."), and the topic ("cooperation
between X and Y" asked for). General rules, not per-verb rows; the `v2` rules fix the error classes of
issue 11: venues are never parties, plural and descriptive subjects ("they", "the two ministers")
take the pair the story is about, "we" in a quotation is the speaker's side.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from annales.pipeline.coding.matching import match_entry
from annales.pipeline.coding.predicates import Predicate, condition_clause
from annales.pipeline.coding.roles import (
    ANSWER_TYPES,
    CONF_IMPLICIT,
    RELATIVE_TAGS,
    accord_parties,
    antecedent_of,
    before_the_court,
    beyond_venue,
    circumstance,
    claimant,
    complement_subject,
    court_seat,
    domestic_patient,
    employer,
    enacts,
    has_person_object,
    host_parties,
    implicit_agent,
    implicit_party,
    instrument_owners,
    is_venue,
    joint_parties,
    main_position,
    names_pair,
    names_the_country,
    nearest_after,
    nearest_agent,
    own_forces,
    participle_agents,
    phrase_recipients,
    reciprocal,
    speaker_of_coordinated,
    to_the_court,
)
from annales.pipeline.coding.senses import TOPIC_VERBS
from annales.pipeline.coding.syntax import PRONOUNS, RECIPIENT_PREPS, SAY_VERBS, ParsedSentence
from annales.records import Actor

if TYPE_CHECKING:
    from annales.pipeline.coding.context import DocumentContext
    from annales.pipeline.coding.tables import CodingTables

# Participles whose passive subject is the one taking the stance ("is opposed to", "is committed to").
STATIVE_PASSIVES = frozenset(
    {"oppose", "commit", "prepare", "determine", "resolve", "dedicate", "opposed", "committed", "head", "headed"}
)
# Nouns whose infinitive complement names an act not done ("refusal to talk", "abandoned efforts to stop").
UNDONE_NOUNS = frozenset(
    {"refusal", "failure", "reluctance", "unwillingness", "inability", "effort", "opposition", "objection", "right"}
)
# Mutual types: joint actors with no other recipient ("Kerry and Lavrov agreed...") give one event per
# direction (A->B and B->A), as the PLOVER GSR marks such actors SRC/TAR.
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Material acts done to a place: "shelled a city in northern Syria" targets Syria, it is no venue.
TARGETED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Types of acts done to someone, whose nouns name the patient with "of" ("the arrest of activists",
# "the condemnation of Israel by Turkey").
PATIENT_OF_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "REJECT"})
# Verbs whose object is an act received from someone else ("received backing from X").
RECEIVE_VERBS = frozenset(
    {"receive", "get", "win", "gain", "secure", "obtain", "earn", "enjoy", "accept"}
    | {"face", "draw", "attract", "incur", "suffer", "endure"}  # "faced criticism from Germany"
)
# Types whose "at"-object is a target ("fired at", "aimed at"), not a venue.
# Types whose "that"-clause reports what is denied or alleged: a party inside it is the content, not the recipient
# ("denied that it had attacked Mordor" is not aimed at Mordor).
_CONTENT_CLAUSE_TYPES = frozenset({"REJECT", "ACCUSE"})
# Words naming a pair or group of the parties already in the story ("the two ministers", "both sides").
PLURAL_PRONOUNS = frozenset({"they", "them", "both"})
FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})

# Confidence factors of the roles (see coder.py for the whole model and how it was calibrated).
CONF_INHERITED_SUBJECT = 0.9  # actor taken from a coordinated/governing verb
CONF_PRONOUN = 0.75  # actor or recipient resolved from a pronoun
CONF_DEEP_RECIPIENT = 0.9  # recipient found deeper in the verb phrase ("welcomed a resumption of ties with X")
CONF_CONTEXT = 0.8  # parties taken from the story ("the two ministers agreed", "they met")
CONF_PROXIMITY = 0.6  # parties taken from the clause around a predicate the parse links to none
CONF_CONTEXT_RECIPIENT = 0.5  # recipient taken from the sentences before (DocumentContext.last_party)
CONF_CONTEXT_ACTOR = 0.5  # actor taken from the sentences before (DocumentContext.last_party)
# Subjects that are forces of nature: what they do has no actor to look for in the story.
NATURAL_FORCES = frozenset(
    {"typhoon", "hurricane", "cyclone", "storm", "tornado", "earthquake", "quake", "tremor", "aftershock"}
    | {"flood", "flooding", "tsunami", "landslide", "mudslide", "avalanche", "drought", "wildfire", "blaze"}
    | {"eruption", "volcano", "heatwave", "rain", "rains", "snow", "wind", "winds", "lightning", "monsoon"}
)
# Meetings and the prepositions that tell their topic ("met with Lavrov on Syria", "talks over Ukraine").
_MEETING_WORDS = TOPIC_VERBS | {"meet", "confer", "consult", "speak", "talks", "meeting", "negotiation", "summit"}
_MEETING_WORDS |= {"consultation", "conversation", "dialogue"}
_TOPIC_PREPS = frozenset({"on", "over", "about"})
# Weapons whose owner is the one who fires them ("Houthi drones were launched at a tanker").
ARMS = frozenset({"drone", "missile", "rocket", "jet", "warplane", "bomber", "bomb", "shell", "mortar", "artillery"})
# Types that take no recipient from context: a mobilization is often of the actor's own forces, and
# PLOVER codes SANCTION, AID and COOPERATE only with a recipient the text names (the coder drops them
# without one, coder.RECIPIENT_REQUIRED: "sanctions were lifted" must not find a target two sentences up).
_NO_CONTEXT_RECIPIENT_TYPES = frozenset({"MOBILIZE", "SANCTION", "AID", "COOPERATE"})
# Nor acts done to no one in particular: a resignation, a state of emergency or a curfew declared.
_NO_CONTEXT_RECIPIENT_MODES = frozenset({("RETREAT", "resign"), ("COERCE", "martial-law"), ("COERCE", "curfew")})
# A legislature that meets or convenes with no one named sits as a house, it meets no one.
_SITTING_VERBS = frozenset({"meet", "convene", "gather", "assemble", "sit"})


@dataclass(slots=True)
class Frame:
    """The filled slots of one predicate.

    Attributes:
        actors: who acts (several for joint actors).
        recipients: who is acted upon.
        confidence: product of the role factors (how each slot was found).
        symmetric: joint actors give one event per direction (mutual types, rows flagged `sym`).
        venue: actor mentions that only say where the event happened ("talks in Geneva").
        source: how the actor was found ("subject", "by", "owner", "light", "pronoun", "pair", "speaker"...).
        recipient_source: how the recipients were found: "sentence" (the parse of the predicate's own
            sentence) or "context" (no party in the sentence; the one named last in the sentences before).
        Actors found in the sentences before have source "context".
    """

    actors: list[Actor]
    recipients: list[Actor]
    confidence: float
    symmetric: bool
    venue: list[Actor] = field(default_factory=list)
    source: str = "subject"
    recipient_source: str = "sentence"


class FrameBuilder:
    """Fill argument frames for the coder.

    Args:
        tables: the coding tables (an event noun's governing verb is checked against the lexicon).
        pronoun_fallback: resolve pronoun subjects and objects to earlier actors.
        v2: the rules of coder v2 (venues, plural and descriptive subjects, speakers of quotes).
        context_recipients: (v2) an act with no recipient in its sentence takes the party named last
            in the sentences before it.
        context_actors: (v2) an act with no actor in its sentence takes the party named last in the
            sentences before it.
    """

    def __init__(
        self,
        tables: CodingTables,
        *,
        pronoun_fallback: bool = True,
        v2: bool = False,
        context_recipients: bool = True,
        context_actors: bool = True,
    ) -> None:
        self.tables = tables
        self.pronoun_fallback = pronoun_fallback
        self.v2 = v2
        self.context_recipients = v2 and context_recipients
        self.context_actors = v2 and context_actors

    def frame(
        self, ps: ParsedSentence, pred: Predicate, previous: Actor | None, context: DocumentContext | None
    ) -> Frame:
        """Fill the frame of `pred`; `previous` is the last subject actor of the previous sentence."""
        if pred.entry.pos == "N":
            actors, recipients, factor, source = self._noun_roles(ps, pred, previous, context)
        else:
            actors, recipients, factor, source = self._verb_roles(ps, pred, previous, context)
        venue: list[Actor] = []
        if self.v2 and pred.type not in TARGETED_TYPES:
            # "talks in Geneva", "a deal at the summit in Peru": a venue is no party on either side
            venue = [a for a in actors + recipients if is_venue(ps, a, pred)]
            actors = [a for a in actors if all(a is not v for v in venue)]
            recipients = [a for a in recipients if all(a is not v for v in venue)]
            if not recipients:
                recipients = beyond_venue(ps, pred.i, pred.type, pred.complement, actors, bool(venue))
        if self.v2 and not actors and main_position(ps, pred.i) and not circumstance(ps, pred.i, pred.type):
            # the parse links no party to a predicate the lexicon or the model is sure of: the nearest
            # parties of its clause, at a confidence of their own (calibrated as `proximity_party`)
            actors = [a for a in nearest_agent(ps, pred.i) if all(a is not r for r in recipients)]
            if actors:
                source, factor = "proximity", factor * CONF_PROXIMITY
                if not recipients:
                    recipients = nearest_after(ps, pred.i, actors, skip_venues=pred.type not in TARGETED_TYPES)
        if self.v2 and pred.type == "PROTEST" and actors and not recipients:
            recipients = employer(ps, pred.light if pred.light is not None else pred.i, actors)
        symmetric = "sym" in pred.entry.flags or pred.type in MUTUAL_TYPES
        if self.v2 and reciprocal(ps, pred.i):
            symmetric = True  # "Johnson and Corbyn attacked each other": one event per direction
        return Frame(actors, recipients, factor, symmetric, venue, source)

    def complete_from_context(
        self, ps: ParsedSentence, pred: Predicate, frame: Frame, context: DocumentContext | None
    ) -> None:
        """Fill the parties the sentence does not name from the sentences before: the actor, then the
        recipient (the coder calls this once the sentence's own unknown names have had their turn)."""
        if context is None:
            return
        if self.context_actors and not frame.actors:
            self._actor_from_context(ps, pred, frame, context)
        joint = frame.symmetric and len(frame.actors) > 1  # joint actors are each other's recipients
        if self.context_recipients and frame.actors and not frame.recipients and not joint:
            self._recipient_from_context(ps, pred, frame, context)

    def _actor_from_context(self, ps: ParsedSentence, pred: Predicate, frame: Frame, context: DocumentContext) -> None:
        """An act whose sentence names no one who does it (no subject, agent, owner or party near it) is
        done by the party the story named last before that sentence ("Ukraine's parliament debated the
        treaty. A day later, the treaty was rejected"), any party but its recipients' side. Not when a
        force of nature does it ("the typhoon struck"): PLOVER codes no acts of nature."""
        head = pred.light if pred.light is not None else pred.i
        subj = ps.subject(head)
        if subj is not None and ps.lemma(subj) in NATURAL_FORCES:
            return
        found = context.last_party(ps, actors=frame.recipients)
        if found is not None:
            frame.actors = [found]
            frame.source = "context"
            frame.confidence *= CONF_CONTEXT_ACTOR

    def _recipient_from_context(
        self, ps: ParsedSentence, pred: Predicate, frame: Frame, context: DocumentContext
    ) -> None:
        """An act whose sentence names no one it is aimed at is aimed at the party the story named last
        before that sentence ("The police had invited the lawmakers ... The lawmakers, however, failed to
        answer the invitation": REJECT aimed at the police), any party but the actor's own side. Parties of
        the act's own sentence are left out: there they are the parties of its other predicates (on
        PETRARCH's unit records they gave 141 wrong dyads)."""
        if pred.type in _NO_CONTEXT_RECIPIENT_TYPES or (pred.type, pred.mode) in _NO_CONTEXT_RECIPIENT_MODES:
            return
        if ps.lemma(pred.i) in _SITTING_VERBS and all(a.sector == "LEG" for a in frame.actors):
            return  # "lawmakers don't meet on Fridays", "will convene rare Friday sessions": the house sits
        found = context.last_party(ps, actors=frame.actors)
        if found is not None:
            frame.recipients = [found]
            frame.recipient_source = "context"
            frame.confidence *= CONF_CONTEXT_RECIPIENT

    # agents ------------------------------------------------------------------------------------

    def _noun_owner(
        self, ps: ParsedSentence, noun: int, previous: Actor | None, depth: int, context: DocumentContext | None
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
            found, factor, _ = self._subject_actors(ps, ps.head(noun), previous, context, depth + 1)
            return found, factor * CONF_INHERITED_SUBJECT
        return [], 1.0

    def _subject_actors(
        self, ps: ParsedSentence, i: int, previous: Actor | None, context: DocumentContext | None, depth: int = 0
    ) -> tuple[list[Actor], float, str]:
        if ps.is_passive(i) and ps.tokens[i].pos == "VERB":
            agents = [a for o in ps.prep_objects(i, "by") for a in ps.actors_of(o)]
            if not agents and self.v2 and not ps.prep_objects(i, "by"):
                wielders = instrument_owners(ps, i)
                if wielders:
                    return wielders, CONF_INHERITED_SUBJECT, "owner"
                # "Houthi drones were launched at a tanker": whose weapons were fired fired them
                owners = [a for s in ps.kids(i, "nsubjpass") if ps.lemma(s) in ARMS for a in ps.actors_of(s)]
                if owners:
                    return owners, CONF_INHERITED_SUBJECT, "owner"
                implicit = implicit_agent(ps, i, context)
                if implicit is not None:
                    return [implicit], CONF_IMPLICIT, "implicit"
            if agents or ps.lemma(i) not in STATIVE_PASSIVES:
                return agents, 1.0, "by"
            # "Israel is opposed to...", "Vietnam is committed to...": the passive subject holds the stance
            patients = ps.kids(i, "nsubjpass")
            return (ps.actors_of(patients[0]) if patients else []), 1.0, "subject"
        if self.v2 and ps.tokens[i].dep == "acl" and depth < 2 and enacts(ps, i):
            # "passed a law imposing sanctions on Russia": the law's issuer imposes them
            found, factor = self._noun_owner(ps, ps.head(i), previous, depth, context)
            return found, factor, "owner"
        subj = ps.subject(i)
        if subj is None:
            if ps.tokens[i].dep == "acl" and ps.tokens[i].tag == "VB" and depth < 2:
                found, factor = self._noun_owner(ps, ps.head(i), previous, depth, context)
                return found, factor, "owner"
            return [], 1.0, "none"
        factor = 1.0 if subj in ps.kids(i, "nsubj", "csubj") else CONF_INHERITED_SUBJECT
        if self.v2 and context is not None and names_pair(ps, subj):
            # "the two ministers agreed": the story's pair, before any country a generic agent would guess
            pair = context.recent_pair(ps.sent.index, before=ps.tokens[subj].idx)
            if pair:
                return list(pair), factor * CONF_CONTEXT, "pair"
        actors = joint_parties(ps, subj) if self.v2 else ps.actors_of(subj)  # "Indian and Chinese officials"
        if not actors and factor < 1.0 and ps.lemma(subj) not in PRONOUNS:
            actors = speaker_of_coordinated(ps, i)
        if actors:
            return actors, factor, "subject"
        if self.v2 and context is not None:
            found, source = self._from_context(ps, subj, context)
            if found:
                return found, factor * CONF_CONTEXT, source
        if ps.lemma(subj) in PRONOUNS and self.pronoun_fallback:
            actor = antecedent_of(ps, subj, exclude=None) or previous
            return ([actor] if actor else []), factor * CONF_PRONOUN, "pronoun"
        return [], factor, "none"

    def _from_context(self, ps: ParsedSentence, subj: int, context: DocumentContext) -> tuple[list[Actor], str]:
        """Plural subjects take the story's pair; "we" in a quotation takes the quote's speaker."""
        lemma = ps.lemma(subj)
        text = ps.tokens[subj].text.lower()
        if text in FIRST_PERSON or lemma in FIRST_PERSON:
            speaker = context.speaker(ps)
            return ([speaker], "speaker") if speaker is not None else ([], "none")
        if text in PLURAL_PRONOUNS or lemma in PLURAL_PRONOUNS or names_pair(ps, subj):
            pair = context.recent_pair(ps.sent.index, before=ps.tokens[subj].idx)
            return (list(pair), "pair") if pair else ([], "none")
        return [], "none"

    # recipients --------------------------------------------------------------------------------

    def _recipient_tokens(self, ps: ParsedSentence, i: int) -> list[int]:
        # "discussed Syria with Lavrov", "Syria was discussed": what is talked about is the topic, no party
        topic = self.v2 and ps.lemma(i) in TOPIC_VERBS
        tokens = ([] if topic else list(ps.objects(i))) + ps.kids(i, "dative", "iobj")
        # "met with Lavrov on Syria", "talks on Ukraine": what a meeting is about is no party to it
        meeting = self.v2 and ps.lemma(i) in _MEETING_WORDS
        for prep in RECIPIENT_PREPS:
            if not (meeting and prep in _TOPIC_PREPS):
                tokens.extend(ps.prep_objects(i, prep))
        if self.v2 and not topic:
            # "pledged 50 million euros in aid to Ukraine": the "to" of what is given, or of what it is given as
            for o in ps.objects(i):
                tokens.extend(ps.prep_objects(o, "to"))
                tokens.extend(t for n in ps.prep_objects(o, "in") for t in ps.prep_objects(n, "to"))
        return tokens

    def _recipients_at(
        self, ps: ParsedSentence, i: int, actors: list[Actor], context: DocumentContext | None = None
    ) -> tuple[list[Actor], float]:
        factor = 1.0
        countries = {a.country for a in actors}
        deferred: list[Actor] = []
        person_object = self.v2 and has_person_object(ps, i)
        for tok in self._recipient_tokens(ps, i):
            if own_forces(ps, tok, actors):
                continue
            found = [a for a in accord_parties(ps, tok) if all(a is not b for b in actors)]
            if not found and self.v2:
                # "rejected the allegations made by Britain", "lifted sanctions imposed by the EU"
                found = [a for a in participle_agents(ps, tok) if all(a is not b for b in actors)]
            if person_object:
                # "detained Orujov at a cafe in Baku", "arrested him in Baku": the person is the target and
                # a place is where it happened
                found = [a for a in found if not a.is_place]
            if not found and self.v2 and context is not None and names_the_country(ps, tok):
                main = context.main_country()
                found = [implicit_party(main, "")] if main and main not in countries else []
                factor = CONF_CONTEXT
            if not found and self.v2 and ps.tokens[tok].tag in RELATIVE_TAGS:
                # "the attack, which Russia denied": "which" is the attack, not the last party named
                continue
            if not found and ps.lemma(tok) in PRONOUNS and self.pronoun_fallback:
                codes = {a.code for a in actors}
                antecedent = antecedent_of(ps, tok, exclude=codes)
                found = [antecedent] if antecedent else []
                factor = CONF_PRONOUN
            if found and all(a.country in countries for a in found):
                # "sent troops to X": the actor's own people as object; a later foreign "to X" is the recipient.
                # A later one of the same country replaces a place ("traveled to Nashville for talks with
                # CoreCivic") but not a person ("sentenced Orujov to six years in prison")
                if not deferred or all(a.is_place for a in deferred):
                    deferred = found
                continue
            if found:
                return found, factor
        return deferred, factor

    def _verb_roles(
        self, ps: ParsedSentence, pred: Predicate, previous: Actor | None, context: DocumentContext | None
    ) -> tuple[list[Actor], list[Actor], float, str]:
        actors, factor, source = self._subject_actors(ps, pred.i, previous, context)
        recipients, rfactor = self._recipients_at(ps, pred.i, actors, context)
        if not recipients and self.v2:
            recipients = host_parties(ps, pred, actors)
        comp = pred.complement
        recipients = recipients or complement_subject(ps, pred.complement, actors)
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
        condition = pred.condition if not recipients else None
        if not recipients and condition is None and self.v2:
            # "threatened to close the strait if the United States attacked": the complement's condition
            scope = comp if comp is not None else next(iter(ps.kids(pred.i, "xcomp")), None)
            condition = condition_clause(ps, scope) if scope is not None else None
        if condition is not None:
            # "if Iran attacks, the US will respond with force": the threat is aimed at the condition's subject
            subj = ps.subject(condition)
            found = ps.actors_of(subj) if subj is not None else []
            recipients = [a for a in found if all(a is not b for b in actors)]
        if not recipients and not (self.v2 and joint and not pred.user):
            # "shelled a town in Idlib" targets the place; "arrested Orujov in Baku" targets Orujov, in Baku;
            # joint parties of a mutual act are each other's ("Kerry and Lavrov discussed Syria"; a user's
            # PETRARCH dictionary keeps PETRARCH's reading: both act on the first party after the verb)
            targeted = pred.type in TARGETED_TYPES and not has_person_object(ps, pred.i)
            recipients = phrase_recipients(ps, pred.i, actors, skip_venues=self.v2 and not targeted)
            rfactor = CONF_DEEP_RECIPIENT
        if not recipients and self.v2 and not joint:
            recipients = self._complement_recipients(ps, pred, actors, context)
            rfactor = CONF_DEEP_RECIPIENT if recipients else rfactor
        if not recipients and self.v2 and ps.tokens[pred.i].dep == "advcl" and ps.tokens[pred.i].tag == "VBG":
            # "stopped selling arms to the Saudis, demanding better targeting": a trailing participle is aimed at
            # whom its clause was; a party of the actor's own country yields to one further up ("called on Israel
            # to stop the destruction of Palestinian homes, describing this policy as ethnic cleansing")
            head = ps.head(pred.i)
            countries = {a.country for a in actors}
            own: list[Actor] = []
            for _ in range(2):
                recipients, _ = self._recipients_at(ps, head, actors)
                if recipients and all(r.country in countries for r in recipients):
                    own, recipients = own or recipients, []
                if recipients or ps.head(head) == head:
                    break
                head = ps.head(head)
            recipients = recipients or own
            rfactor = CONF_DEEP_RECIPIENT if recipients else rfactor
        if not recipients and self.v2 and pred.type in ANSWER_TYPES:
            recipients = claimant(ps, pred.i, actors)
            rfactor = CONF_DEEP_RECIPIENT if recipients else rfactor
        if not recipients and self.v2:
            recipients = domestic_patient(ps, pred, actors)
            rfactor = CONF_IMPLICIT if recipients else rfactor
        if "court" in pred.entry.flags and self.v2:
            pleaders = actors if source == "subject" else []
            return before_the_court(pleaders, context, factor * rfactor, court_seat(ps, pred.i))
        if "appeal" in pred.entry.flags and self.v2:
            recipients = to_the_court(actors, recipients, context)
        if source == "implicit":
            # "diplomats were expelled from Russia": Russia expels, and is not also whom it expels; "an American
            # diplomat was charged" (a person of that country, sector GOV) is whom it charges
            recipients = [r for r in recipients if not (r.is_place and not r.sector and r.country == actors[0].country)]
        return actors, recipients, factor * rfactor, source

    def _complement_recipients(
        self, ps: ParsedSentence, pred: Predicate, actors: list[Actor], context: DocumentContext | None
    ) -> list[Actor]:
        """A recipient inside the predicate's clause complement: its own subject ("wants Britain to answer"),
        else its objects and phrase ("agreed to resume contacts with Moscow")."""
        codes = {a.code for a in actors}
        content = pred.type in _CONTENT_CLAUSE_TYPES or ps.lemma(pred.i) in SAY_VERBS
        labels = ("xcomp",) if content else ("xcomp", "ccomp")
        for comp in ps.kids(pred.i, *labels):
            own = [a for s in ps.kids(comp, "nsubj", "nsubjpass") for a in ps.actors_of(s) if a.code not in codes]
            if own:
                return own
            found, _ = self._recipients_at(ps, comp, actors, context)
            found = found or phrase_recipients(ps, comp, actors, skip_venues=pred.type not in TARGETED_TYPES)
            found = [a for a in found if a.code not in codes]
            if found:
                return found
        return []

    def _noun_roles(
        self, ps: ParsedSentence, pred: Predicate, previous: Actor | None, context: DocumentContext | None
    ) -> tuple[list[Actor], list[Actor], float, str]:
        i = pred.i
        factor = 1.0
        source = "owner"
        actors: list[Actor] = []
        between = ps.prep_objects(i, "between") + ps.prep_objects(i, "among")
        if not between and self.v2 and ps.tokens[i].dep in ("nsubj", "nsubjpass"):
            # "clashes erupted between A and B", "talks resumed between A and B": the parser hangs the pair on the verb
            head = ps.head(i)
            between = ps.prep_objects(head, "between") + ps.prep_objects(head, "among")
        if between:
            joint = joint_parties(ps, between[0]) if self.v2 else ps.actors_of(between[0])
            if len(joint) > 1:
                return joint, [], 1.0, "between"
        if self.v2:
            received = self._receipt(ps, i, previous, context)
            if received is not None:
                return received
        if self.v2:
            # "Georgia's defeat by Russia", "the city's capture by rebels": with a "by" agent, the possessor is
            # the one it is done to
            agents = [a for o in ps.prep_objects(i, "by") for a in ps.actors_of(o)]
            owners = [a for c in ps.kids(i, "poss") for a in ps.actors_of(c)]
            if agents and owners:
                return agents, [o for o in owners if all(o is not a for a in agents)], factor, "by"
        # the noun's own possessor is the actor ("announced Kerry's visit"), before the light verb's subject
        for c in ps.kids(i, "poss"):
            found = ps.actors_of(c)
            if not found and ps.lemma(c) in PRONOUNS | {"its", "their", "his", "her"} and self.pronoun_fallback:
                antecedent = antecedent_of(ps, c, exclude=None)
                found, factor = ([antecedent], CONF_PRONOUN) if antecedent else ([], factor)
            actors.extend(found)
        if not actors and pred.light is not None:
            actors, factor, source = self._subject_actors(ps, pred.light, previous, context)
            if not actors and self.v2 and ps.is_passive(pred.light) and not ps.prep_objects(pred.light, "by"):
                implicit = implicit_agent(ps, i, context)  # "was placed under arrest": by the police
                if implicit is not None:
                    actors, factor, source = [implicit], CONF_IMPLICIT, "implicit"
        if not actors:
            for c in ps.kids(i, "compound", "amod", "nmod"):
                actors.extend(ps.actors_of(c))
        # "the arrest of activists", "the killing of civilians by troops": for an act done to someone, "of"
        # names who it is done to, never who does it
        patient_of = self.v2 and pred.type in PATIENT_OF_TYPES
        if not actors:
            for prep in ("by", "from") if patient_of else ("by", "from", "of"):
                for o in ps.prep_objects(i, prep):
                    actors.extend(ps.actors_of(o))
                if actors and self.v2:
                    break  # "by government forces" is the doer; "of Syrian civilians" is not a second one
        recipients, rfactor = self._recipients_at(ps, i, actors)
        if not recipients and pred.light is not None:
            recipients, rfactor = self._recipients_at(ps, pred.light, actors)
            recipients = [r for r in recipients if all(r is not a for a in actors)]
            if not recipients and self.v2:  # "placed the man under arrest": a person the table does not know
                recipients = domestic_patient(ps, replace(pred, i=pred.light), actors)
                rfactor = CONF_IMPLICIT if recipients else rfactor
        if not recipients and pred.complement is not None:  # "Russia's threat to attack Ukrainian ports"
            recipients, rfactor = self._recipients_at(ps, pred.complement, actors)
        if patient_of:
            patients = [a for o in ps.prep_objects(i, "of") for a in ps.actors_of(o)]
            recipients += [p for p in patients if all(p is not x for x in actors + recipients)]
            implicit = implicit_agent(ps, i, context) if patients and not actors else None
            if implicit is not None:  # "the arrest of opposition leaders": by the police of the country
                actors, source, factor = [implicit], "implicit", factor * CONF_IMPLICIT
        return actors, recipients, factor * rfactor, source

    def _receipt(
        self, ps: ParsedSentence, i: int, previous: Actor | None, context: DocumentContext | None
    ) -> tuple[list[Actor], list[Actor], float, str] | None:
        """An event noun received from someone ("May received strong backing from the United States", "won
        support from Paris"): the giver is the actor, the receiver the recipient."""
        head = ps.head(i)
        if ps.tokens[i].dep not in ("dobj", "obj") or ps.lemma(head) not in RECEIVE_VERBS:
            return None
        givers = [a for o in ps.prep_objects(i, "from") + ps.prep_objects(head, "from") for a in ps.actors_of(o)]
        if not givers:
            return None
        takers, factor, _ = self._subject_actors(ps, head, previous, context)
        codes = {g.code for g in givers}
        return givers, [t for t in takers if t.code not in codes], factor, "receipt"
