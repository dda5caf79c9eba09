"""Senses of event verbs that are no event: a warning that only forecasts, a request that asks nothing of
anyone, a promise not to act (issue 11, output that is wrong). `predicates.find_predicates` asks these before
it codes a control verb."""

from __future__ import annotations

from annales.pipeline.coding.matching import type_of
from annales.pipeline.coding.syntax import PRONOUNS, ParsedSentence
from annales.pipeline.coding.tables import CodingTables, LexEntry


def forecast(
    ps: ParsedSentence, i: int, entry: LexEntry, comp: int | None, matched: dict[int, LexEntry], tables: CodingTables
) -> bool:
    """A warning whose that-clause tells what will happen to no one in particular ("warned that the talks
    would be long", "the WHO warned that the outbreak could spread"): no act of the clause is an event and
    its subject is neither a party, a pronoun for one, nor a use of force ("warned that any attack would be
    met with force", "that there would be consequences" threaten). A forecast, not a threat (issue 11)."""
    if entry.control != "threaten" or entry.lemma not in _WARNING_VERBS or (comp is not None and comp in matched):
        return False
    clause = next(iter(ps.kids(i, "ccomp")), None)
    if clause is None or clause in matched:
        return False
    if _hazard(ps, clause):
        return True  # "warned that children would face serious health risks": what they risk, not a threat
    subj = ps.subject(clause)
    if subj is None or ps.actors_of(subj) or ps.lemma(subj) in PRONOUNS or ps.tokens[subj].dep == "expl":
        return False
    return subj not in matched or type_of(matched[subj], tables) not in _FORCE_TYPES


# What a warning says people risk: "would face serious health risks", "could face provocations", "at risk".
_HAZARDS = frozenset({"risk", "danger", "provocation", "illness", "disease", "hardship", "shortage", "harm"})
_HAZARDS |= {"hunger", "famine", "starvation", "death", "infection", "epidemic", "outbreak", "threat"}


def _hazard(ps: ParsedSentence, clause: int) -> bool:
    """The clause tells a hazard its subject faces: "face/risk/suffer <hazard>", or "be at risk"."""
    if ps.lemma(clause) in ("face", "risk", "suffer") and any(ps.lemma(o) in _HAZARDS for o in ps.objects(clause)):
        return True
    heads = [clause, *ps.kids(clause, "attr")]
    return any(
        ps.lemma(o) in ("risk", "danger") for h in heads for o in ps.prep_objects(h, "at") + ps.prep_objects(h, "in")
    )


def vowed_not_to(ps: ParsedSentence, i: int, comp: int | None) -> bool:
    """A promise whose complement is negated ("vowed not to resume negotiations", "pledged never to meet")."""
    verbs = [*ps.kids(i, "xcomp"), *([comp] if comp is not None else [])]
    return any(ps.lemma(n) in ("not", "never", "n't") for v in verbs for n in ps.kids(v, "neg"))


def no_request(ps: ParsedSentence, i: int) -> bool:
    """A request verb that asks nothing of anyone (issue 11's wrong senses): a source's wish not to be named
    ("an official who asked not to be named", "requested anonymity"); police summoned ("were called to the
    home for a report of a break-in"); a question ("'Why?' he asked", "asked about the Brotherhood"); a
    push that is no plea ("forces press into the enclave", "pressed his weapon into Bell's back", "press the
    reset button")."""
    if any(ps.lemma(o) in _ANONYMITY for o in ps.objects(i)):
        return True
    lemma, asked = ps.lemma(i), ps.kids(i, "xcomp", "ccomp") or ps.prep_objects(i, "for")
    if lemma == "call" and ps.kids(i, "auxpass"):
        return True
    if lemma == "ask" and not (asked or ps.objects(i) or ps.kids(i, "dative", "iobj")):
        return True
    if lemma == "press" and not (asked or any(ps.actors_of(o) for o in ps.objects(i))):
        return True
    for c in ps.kids(i, "xcomp", "ccomp"):
        passive = ps.kids(c, "auxpass") and ps.lemma(c) in _NAMING_VERBS
        if passive and any(ps.lemma(n) in ("not", "n't") for n in ps.kids(c, "neg")):
            return True
    return False


_ANONYMITY = frozenset({"anonymity"})
_NAMING_VERBS = frozenset({"name", "identify", "quote", "disclose"})


_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
_WARNING_VERBS = frozenset({"warn", "caution"})


# Talk and its nouns: what is discussed is the topic, never an act of those who discuss it.
# Verbs whose object is what is talked about, never whom they talk with ("discussed Syria with Lavrov").
TOPIC_VERBS = frozenset({"discuss", "debate", "talk", "negotiate"})
_TALK_LEMMAS = TOPIC_VERBS | {"talks", "discussion", "negotiation", "meeting", "conversation", "call", "summit"}
_TALK_LEMMAS |= {"consultation", "dialogue"}
_TOPIC_PREPS = frozenset({"about", "on", "over", "regarding", "concerning"})


def discussed(ps: ParsedSentence, i: int, matched: dict[int, LexEntry]) -> set[int]:
    """The act nouns a talk is about ("Merkel discussed the poisoning with Putin", "talks on the ceasefire
    violations"): topics, not acts of the parties who talk (they had been coded as Merkel's poisoning of
    Putin)."""
    if ps.lemma(i) not in _TALK_LEMMAS:
        return set()
    found = list(ps.objects(i)) if ps.tokens[i].pos == "VERB" else []
    found += [o for p in _TOPIC_PREPS for o in ps.prep_objects(i, p)]
    return {o for o in found if o in matched and ps.tokens[o].pos in ("NOUN", "PROPN")}


def joint_talk(ps: ParsedSentence, i: int, entry: LexEntry) -> bool:
    """ "Kerry and Lavrov discussed the crisis in Syria": a mutual verb with two parties for subject is their
    meeting, whatever the learned model reads in the word alone (it may not drop it)."""
    subj = ps.subject(i) if "sym" in entry.flags else None
    return subj is not None and len(ps.actors_of(subj)) >= 2


# A protest that is a note or a statement (ACCUSE when officials make it) rather than a march or a rally.
NOTE_VERBS = frozenset({"lodge", "file", "send", "deliver", "issue", "voice", "express", "register", "make", "hand"})
