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

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annales.pipeline.coding.predicates import Predicate, match_entry
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
# Prepositions of place and time: an actor mention after them is where or when, not who ("talks in Geneva").
LOCATIVE_PREPS = frozenset(
    {"in", "at", "during", "near", "inside", "outside", "across", "throughout", "around", "within"}
)
# Material acts done to a place: "shelled a city in northern Syria" targets Syria, it is no venue.
TARGETED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Types of acts done to someone, whose nouns name the patient with "of" ("the arrest of activists",
# "the condemnation of Israel by Turkey").
PATIENT_OF_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE"})
# Verbs whose object is an act received from someone else ("received backing from X").
RECEIVE_VERBS = frozenset({"receive", "get", "win", "gain", "secure", "obtain", "earn", "enjoy", "accept"})
# Types whose "at"-object is a target ("fired at", "aimed at"), not a venue.
_AT_TARGET_TYPES = frozenset({"ASSAULT", "THREATEN", "ACCUSE", "COERCE", "MOBILIZE", "PROTEST"})
# Types whose "that"-clause reports what is denied or alleged: a party inside it is the content, not the recipient
# ("denied that it had attacked Mordor" is not aimed at Mordor).
_CONTENT_CLAUSE_TYPES = frozenset({"REJECT", "ACCUSE"})
# Words naming a pair or group of the parties already in the story ("the two ministers", "both sides").
PLURAL_PRONOUNS = frozenset({"they", "them", "both"})
_PAIR_NUMBERS = frozenset({"two", "both"})
PAIR_NOUNS = frozenset(
    {"side", "sides", "country", "countries", "leader", "leaders", "minister", "ministers", "president", "presidents"}
    | {"nation", "nations", "government", "governments", "party", "parties", "delegation", "delegations", "men"}
    | {"diplomat", "diplomats", "envoy", "envoys", "neighbour", "neighbours", "neighbor", "neighbors", "rival"}
    | {"rivals", "foe", "foes", "capital", "capitals", "state", "states", "counterpart", "counterparts", "allies"}
)
FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
# Agentless passives whose agent the act itself names ("He was arrested on Friday": the police; "was
# sentenced": a court; "were expelled from X": X's government): the sector of the implicit agent.
IMPLICIT_AGENTS = {
    "arrest": "POL",
    "detain": "POL",
    "apprehend": "POL",
    "raid": "POL",
    "search": "POL",
    "seize": "POL",
    "jail": "JUD",
    "imprison": "JUD",
    "sentence": "JUD",
    "convict": "JUD",
    "charge": "JUD",
    "indict": "JUD",
    "prosecute": "JUD",
    "fine": "JUD",
    "expel": "GOV",
    "deport": "GOV",
    "ban": "GOV",
    "summon": "GOV",
}
# Definite descriptions of the story's country as a party ("invaded the country", "left the nation").
_COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic"})

# Confidence factors of the roles (see coder.py for the whole model and how it was calibrated).
CONF_INHERITED_SUBJECT = 0.9  # actor taken from a coordinated/governing verb
CONF_PRONOUN = 0.75  # actor or recipient resolved from a pronoun
CONF_DEEP_RECIPIENT = 0.9  # recipient found deeper in the verb phrase ("welcomed a resumption of ties with X")
CONF_CONTEXT = 0.8  # parties taken from the story ("the two ministers agreed", "they met")
CONF_IMPLICIT = 0.75  # the implicit agent of an agentless passive ("was arrested": the country's police)
CONF_PROXIMITY = 0.6  # parties taken from the clause around a predicate the parse links to none
CONF_CONTEXT_RECIPIENT = 0.5  # recipient taken from the sentences before (DocumentContext.last_party)
CONF_CONTEXT_ACTOR = 0.5  # actor taken from the sentences before (DocumentContext.last_party)
# Subjects that are forces of nature: what they do has no actor to look for in the story.
NATURAL_FORCES = frozenset(
    {"typhoon", "hurricane", "cyclone", "storm", "tornado", "earthquake", "quake", "tremor", "aftershock"}
    | {"flood", "flooding", "tsunami", "landslide", "mudslide", "avalanche", "drought", "wildfire", "blaze"}
    | {"eruption", "volcano", "heatwave", "rain", "rains", "snow", "wind", "winds", "lightning", "monsoon"}
)
# Types that take no recipient from context: a mobilization is often of the actor's own forces, and
# PLOVER codes SANCTION, AID and COOPERATE only with a recipient the text names (the coder drops them
# without one, coder.RECIPIENT_REQUIRED: "sanctions were lifted" must not find a target two sentences up).
_NO_CONTEXT_RECIPIENT_TYPES = frozenset({"MOBILIZE", "SANCTION", "AID", "COOPERATE"})


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
            venue = [a for a in actors + recipients if self._is_venue(ps, a, pred)]
            actors = [a for a in actors if all(a is not v for v in venue)]
            recipients = [a for a in recipients if all(a is not v for v in venue)]
        if self.v2 and not actors and _main_position(ps, pred.i):
            # the parse links no party to a predicate the lexicon or the model is sure of: the nearest
            # parties of its clause, at a confidence of their own (calibrated as `proximity_party`)
            actors = [a for a in _nearest_agent(ps, pred.i) if all(a is not r for r in recipients)]
            if actors:
                source, factor = "proximity", factor * CONF_PROXIMITY
                if not recipients:
                    recipients = _nearest_after(ps, pred.i, actors, skip_venues=pred.type not in TARGETED_TYPES)
        symmetric = "sym" in pred.entry.flags or pred.type in MUTUAL_TYPES
        if self.v2 and _reciprocal(ps, pred.i):
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
        if pred.type in _NO_CONTEXT_RECIPIENT_TYPES:
            return
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
                implicit = _implicit_agent(ps, i, context)
                if implicit is not None:
                    return [implicit], CONF_IMPLICIT, "implicit"
            if agents or ps.lemma(i) not in STATIVE_PASSIVES:
                return agents, 1.0, "by"
            # "Israel is opposed to...", "Vietnam is committed to...": the passive subject holds the stance
            patients = ps.kids(i, "nsubjpass")
            return (ps.actors_of(patients[0]) if patients else []), 1.0, "subject"
        subj = ps.subject(i)
        if subj is None:
            if ps.tokens[i].dep == "acl" and ps.tokens[i].tag == "VB" and depth < 2:
                found, factor = self._noun_owner(ps, ps.head(i), previous, depth, context)
                return found, factor, "owner"
            return [], 1.0, "none"
        factor = 1.0 if subj in ps.kids(i, "nsubj", "csubj") else CONF_INHERITED_SUBJECT
        if self.v2 and context is not None and _names_pair(ps, subj):
            # "the two ministers agreed": the story's pair, before any country a generic agent would guess
            pair = context.recent_pair(ps.sent.index, before=ps.tokens[subj].idx)
            if pair:
                return list(pair), factor * CONF_CONTEXT, "pair"
        actors = ps.actors_of(subj)
        if not actors and factor < 1.0 and ps.lemma(subj) not in PRONOUNS:
            actors = _speaker_of_coordinated(ps, i)
        if actors:
            return actors, factor, "subject"
        if self.v2 and context is not None:
            found, source = self._from_context(ps, subj, context)
            if found:
                return found, factor * CONF_CONTEXT, source
        if ps.lemma(subj) in PRONOUNS and self.pronoun_fallback:
            actor = _antecedent(ps, subj, exclude=None) or previous
            return ([actor] if actor else []), factor * CONF_PRONOUN, "pronoun"
        return [], factor, "none"

    def _from_context(self, ps: ParsedSentence, subj: int, context: DocumentContext) -> tuple[list[Actor], str]:
        """Plural subjects take the story's pair; "we" in a quotation takes the quote's speaker."""
        lemma = ps.lemma(subj)
        text = ps.tokens[subj].text.lower()
        if text in FIRST_PERSON or lemma in FIRST_PERSON:
            speaker = context.speaker(ps)
            return ([speaker], "speaker") if speaker is not None else ([], "none")
        if text in PLURAL_PRONOUNS or lemma in PLURAL_PRONOUNS or _names_pair(ps, subj):
            pair = context.recent_pair(ps.sent.index, before=ps.tokens[subj].idx)
            return (list(pair), "pair") if pair else ([], "none")
        return [], "none"

    # recipients --------------------------------------------------------------------------------

    def _recipient_tokens(self, ps: ParsedSentence, i: int) -> list[int]:
        tokens = list(ps.objects(i)) + ps.kids(i, "dative", "iobj")
        for prep in RECIPIENT_PREPS:
            tokens.extend(ps.prep_objects(i, prep))
        return tokens

    def _recipients_at(
        self, ps: ParsedSentence, i: int, actors: list[Actor], context: DocumentContext | None = None
    ) -> tuple[list[Actor], float]:
        factor = 1.0
        countries = {a.country for a in actors}
        deferred: list[Actor] = []
        person_object = self.v2 and _person_object(ps, i)
        for tok in self._recipient_tokens(ps, i):
            if _own_forces(ps, tok, actors):
                continue
            found = [a for a in ps.actors_of(tok) if all(a is not b for b in actors)]
            if not found and self.v2:
                # "rejected the allegations made by Britain", "lifted sanctions imposed by the EU"
                found = [a for a in _participle_agents(ps, tok) if all(a is not b for b in actors)]
            if person_object:
                # "detained Orujov at a cafe in Baku", "arrested him in Baku": the person is the target and
                # a place is where it happened
                found = [a for a in found if not a.is_place]
            if not found and self.v2 and context is not None and _names_the_country(ps, tok):
                main = context.main_country()
                found = [_implicit(main, "")] if main and main not in countries else []
                factor = CONF_CONTEXT
            if not found and self.v2 and ps.tokens[tok].tag in _RELATIVE_TAGS:
                # "the attack, which Russia denied": "which" is the attack, not the last party named
                continue
            if not found and ps.lemma(tok) in PRONOUNS and self.pronoun_fallback:
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
        self, ps: ParsedSentence, pred: Predicate, previous: Actor | None, context: DocumentContext | None
    ) -> tuple[list[Actor], list[Actor], float, str]:
        actors, factor, source = self._subject_actors(ps, pred.i, previous, context)
        recipients, rfactor = self._recipients_at(ps, pred.i, actors, context)
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
            # "shelled a town in Idlib" targets the place; "arrested Orujov in Baku" targets Orujov, in Baku
            targeted = pred.type in TARGETED_TYPES and not _person_object(ps, pred.i)
            recipients = _phrase_recipients(ps, pred.i, actors, skip_venues=self.v2 and not targeted)
            rfactor = CONF_DEEP_RECIPIENT
        if not recipients and self.v2 and not joint:
            recipients = self._complement_recipients(ps, pred, actors, context)
            rfactor = CONF_DEEP_RECIPIENT if recipients else rfactor
        if not recipients and self.v2 and pred.type in _ANSWER_TYPES:
            recipients = _claimant(ps, pred.i, actors)
            rfactor = CONF_DEEP_RECIPIENT if recipients else rfactor
        if not recipients and self.v2:
            recipients = _domestic_patient(ps, pred, actors)
            rfactor = CONF_IMPLICIT if recipients else rfactor
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
            found = found or _phrase_recipients(ps, comp, actors, skip_venues=pred.type not in TARGETED_TYPES)
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
            joint = _joint_parties(ps, between[0]) if self.v2 else ps.actors_of(between[0])
            if len(joint) > 1:
                return joint, [], 1.0, "between"
        if self.v2:
            received = self._receipt(ps, i, previous, context)
            if received is not None:
                return received
        # the noun's own possessor is the actor ("announced Kerry's visit"), before the light verb's subject
        for c in ps.kids(i, "poss"):
            found = ps.actors_of(c)
            if not found and ps.lemma(c) in PRONOUNS | {"its", "their", "his", "her"} and self.pronoun_fallback:
                antecedent = _antecedent(ps, c, exclude=None)
                found, factor = ([antecedent], CONF_PRONOUN) if antecedent else ([], factor)
            actors.extend(found)
        if not actors and pred.light is not None:
            actors, factor, source = self._subject_actors(ps, pred.light, previous, context)
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
        if patient_of:
            patients = [a for o in ps.prep_objects(i, "of") for a in ps.actors_of(o)]
            recipients += [p for p in patients if all(p is not x for x in actors + recipients)]
            implicit = _implicit_agent(ps, i, context) if patients and not actors else None
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

    # venues ------------------------------------------------------------------------------------

    def _is_venue(self, ps: ParsedSentence, actor: Actor, pred: Predicate) -> bool:
        """A place named after "in/at/during..." is where the event happened, not a party ("met in Brussels").

        Visits are the exception: "arrived in Moscow" makes Moscow the host (its lexicon row asks for "in").
        "at" names a target for conflictual acts ("fired at X").
        """
        if not actor.is_place:
            return False
        prep = _governing_prep(ps, actor)
        if prep is None or prep not in LOCATIVE_PREPS:
            return False
        if any(cue.kind == "p" and cue.prep == prep for cue in pred.entry.cues):
            return False
        return not (prep == "at" and pred.type in _AT_TARGET_TYPES)


def _implicit(country: str, sector: str) -> Actor:
    """A party the text implies but does not name (no span: it is not a mention)."""
    code = f"{country}.{sector}" if sector else country
    return Actor("", code, country, sector or None, None, -1, -1, None, "implicit")


def _implicit_agent(ps: ParsedSentence, i: int, context: DocumentContext | None) -> Actor | None:
    """The implied agent of an agentless passive: "was arrested" -> the police of the country it happens in."""
    sector = IMPLICIT_AGENTS.get(ps.lemma(i))
    if sector is None:
        return None
    country = None
    if sector == "GOV":  # "were expelled from the United States"
        country = next((a.country for o in ps.prep_objects(i, "from") for a in ps.actors_of(o) if a.is_place), None)
    for o in ps.prep_objects(i, "in"):  # "arrested in Dubai"
        country = country or next((a.country for a in ps.actors_of(o) if a.is_place), None)
    if country is None and context is not None:
        country = context.main_country()
    if country is None and sector != "GOV":  # a national arrested at home; expelled diplomats are foreigners
        for p in ps.kids(i, "nsubjpass"):
            country = country or next((a.country for a in ps.actors_of(p) if a.sector not in (None, "IGO")), None)
    return _implicit(country, sector) if country and len(country) == 3 else None


# Justice and policing done to people the table does not know ("arrested two men", "charged him",
# "Abdulkader was sentenced"): they are of the country that acts on them (country-level recipient).
DOMESTIC_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE"})
_PEOPLE_NOUNS = frozenset(
    {"man", "men", "woman", "women", "people", "person", "persons", "suspect", "suspects", "protester", "protesters"}
    | {"demonstrator", "demonstrators", "activist", "activists", "student", "students", "journalist", "journalists"}
    | {"resident", "residents", "civilian", "civilians", "member", "members", "supporter", "supporters", "boy"}
    | {"girl", "teenager", "teenagers", "youth", "youths", "worker", "workers", "migrant", "migrants", "defendant"}
    | {"citizen", "citizens", "individual", "individuals", "organizer", "organizers", "organiser", "organisers"}
)
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})


def _joint_parties(ps: ParsedSentence, tok: int) -> list[Actor]:
    """The parties of "between A and B", coordinated adjectives included ("between French and Spanish police")."""
    found = ps.actors_of(tok)
    for c in ps.kids(tok, "amod", "compound"):
        coordinated = ps.conjuncts(c)
        for k in coordinated if len(coordinated) > 1 else ():
            actor = ps.actor_at.get(k)
            if actor is not None and actor.code and all(actor is not a for a in found):
                found.append(actor)
    return found


def _names_a_person(ps: ParsedSentence, tok: int) -> bool:
    """A person the table does not know: an unresolved name, a personal pronoun, "two men", "protesters"."""
    mention = ps.actor_at.get(tok)
    unknown_person = (
        mention is not None and mention.code is None and mention.kind in ("person", "name", "proper_noun", "pronoun")
    )
    if mention is None and ps.tokens[tok].pos == "PROPN" and not ps.find_actor(tok, depth=1):
        unknown_person = True  # a name neither the table nor the tagger knows ("arrested Orujov")
    word = ps.tokens[tok].text.lower()
    return unknown_person or word in _PERSON_PRONOUNS or ps.lemma(tok) in _PEOPLE_NOUNS or word in _PEOPLE_NOUNS


def _person_object(ps: ParsedSentence, i: int) -> bool:
    return any(_names_a_person(ps, tok) for tok in ps.objects(i))


def _domestic_patient(ps: ParsedSentence, pred: Predicate, actors: list[Actor]) -> list[Actor]:
    countries = {a.country for a in actors if a.country and len(a.country) == 3 and a.sector != "IGO"}
    if pred.type not in DOMESTIC_TYPES or len(countries) != 1:
        return []
    if _person_object(ps, pred.i):
        return [_implicit(countries.pop(), "CVL")]
    return []


def _names_the_country(ps: ParsedSentence, tok: int) -> bool:
    """ "the country", "the nation": the story's country as a party."""
    return ps.lemma(tok) in _COUNTRY_NOUNS and any(ps.lemma(c) == "the" for c in ps.kids(tok, "det"))


def _nearest_agent(ps: ParsedSentence, i: int) -> list[Actor]:
    """The subject of the nearest governing verb that has an actor, else the closest actor before the trigger."""
    j = i
    for _ in range(4):
        if ps.head(j) == j:
            break
        j = ps.head(j)
        if ps.tokens[j].pos in ("VERB", "AUX"):
            subj = ps.subject(j)
            found = ps.actors_of(subj) if subj is not None else []
            if found:
                return found
    at = ps.tokens[i].idx
    objects = {id(a) for o in ps.objects(i) for a in ps.actors_of(o)}
    before = [m for m in ps.mentions if m.code and m.end <= at and m.kind != "implicit" and id(m) not in objects]
    return [max(before, key=lambda m: m.start)] if before else []


# Embedded clauses whose missing subject is deliberate (a purpose, a topic, an act refused or planned by
# someone else, a relative clause about a non-actor); a clause reported by a verb of saying is news.
_EMBEDDED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "csubj", "csubjpass", "parataxis"})


def _main_position(ps: ParsedSentence, i: int) -> bool:
    dep = ps.tokens[i].dep
    if dep not in _EMBEDDED_DEPS:
        return True
    return dep in ("ccomp", "parataxis") and ps.lemma(ps.head(i)) in SAY_VERBS


def _nearest_after(ps: ParsedSentence, i: int, actors: list[Actor], *, skip_venues: bool) -> list[Actor]:
    """The closest actor after the trigger that is not the actor's own code nor a venue."""
    at = ps.tokens[i].end
    codes = {a.code for a in actors}
    for mention in sorted(ps.mentions, key=lambda m: m.start):
        if mention.start < at or not mention.code or mention.code in codes:
            continue
        if skip_venues and mention.is_place and _governing_prep(ps, mention) in LOCATIVE_PREPS:
            continue
        return [mention]
    return []


_RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Answers to what someone else said or did: in a relative clause, aimed at whoever said or did it.
_ANSWER_TYPES = frozenset({"REJECT"})


def _claimant(ps: ParsedSentence, i: int, actors: list[Actor]) -> list[Actor]:
    """Who made the claim a relative clause answers: "Britain blamed Moscow for the attack, which Russia
    denied", "the US accused Iran, a charge Tehran rejected", "Israel said the rockets came from Gaza, a claim
    Hamas rejected": the subject of the nearest clause above the noun the relative clause modifies."""
    if ps.tokens[i].dep != "relcl":
        return []
    countries = {a.country for a in actors}
    j = ps.head(i)
    for _ in range(5):
        if ps.head(j) == j:
            break
        j = ps.head(j)
        if ps.tokens[j].pos not in ("VERB", "AUX"):
            continue
        subj = ps.subject(j)
        found = [a for a in ps.actors_of(subj) if a.country not in countries] if subj is not None else []
        if found:
            return found
    return []


def _participle_agents(ps: ParsedSentence, noun: int) -> list[Actor]:
    """The "by" agents of a passive participle modifying `noun` ("the allegations made by Britain")."""
    found: list[Actor] = []
    for part in ps.kids(noun, "acl"):
        if ps.tokens[part].tag != "VBN":
            continue
        for agent in ps.kids(part, "agent"):
            for o in ps.kids(agent, "pobj"):
                found.extend(ps.actors_of(o))
    return found


def _reciprocal(ps: ParsedSentence, i: int) -> bool:
    """The predicate's object or "with"-object is "each other" / "one another"."""
    for o in ps.objects(i) + ps.prep_objects(i, "with") + ps.prep_objects(i, "on"):
        # the object itself, or its possessor ("attacked each other's policies")
        for head in (o, *ps.kids(o, "poss")):
            words = {ps.lemma(head), *(ps.lemma(c) for c in ps.kids(head, "det", "nummod", "amod"))}
            if {"other", "each"} <= words or {"another", "one"} <= words:
                return True
    return False


def _governing_prep(ps: ParsedSentence, actor: Actor) -> str | None:
    """The preposition whose object is the mention ("in Geneva" -> "in"), or None."""
    heads = [i for i, a in ps.actor_at.items() if a is actor]
    for i in heads:
        j = i
        for _ in range(3):
            if ps.tokens[j].dep == "pobj":
                return ps.lemma(ps.head(j))
            if ps.tokens[j].dep not in ("compound", "amod", "nmod", "poss", "appos", "conj") or ps.head(j) == j:
                break
            j = ps.head(j)
    return None


def _names_pair(ps: ParsedSentence, i: int) -> bool:
    """ "the two ministers", "both sides", "the two countries": a description of the story's pair."""
    if ps.lemma(i) not in PAIR_NOUNS and ps.tokens[i].text.lower() not in PAIR_NOUNS:
        return False
    return any(ps.tokens[c].text.lower() in _PAIR_NUMBERS for c in ps.kids(i, "nummod", "det", "predet", "amod"))


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


def _clause_with_subject(ps: ParsedSentence, comp: int) -> bool:
    """A "that"-clause or "for X to" clause: its own subject is the one asked, refused or threatened."""
    dep = ps.tokens[comp].dep
    return dep == "ccomp" or (dep == "advcl" and any(ps.lemma(m) == "for" for m in ps.kids(comp, "mark")))


_CLAUSE_DEPS = frozenset(
    {"advcl", "ccomp", "xcomp", "relcl", "parataxis", "conj", "csubj", "acl", "nsubj", "nsubjpass"}
)


def _phrase_recipients(ps: ParsedSentence, i: int, actors: list[Actor], *, skip_venues: bool) -> list[Actor]:
    """The first actor in the verb phrase after the verb, outside embedded clauses (PETRARCH's target rule);
    with `skip_venues`, places after "in/at/during..." are passed over ("talks in Geneva")."""
    codes = {a.code for a in actors}
    stack = [c for c in reversed(ps.children[i]) if c > i and ps.tokens[c].dep not in _CLAUSE_DEPS]
    while stack:
        j = stack.pop()
        if skip_venues and ps.tokens[j].dep == "prep" and ps.lemma(j) in LOCATIVE_PREPS:
            continue
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
