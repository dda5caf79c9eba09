"""What the parse says about an act, for the coder: whether it is joint, verbal, fought by both sides, a
self-dyad, negated by its noun; the sentence's main subject and the trigger's words. Helpers of
`coder.PloverCoder`, kept apart from the stage that builds events."""

from __future__ import annotations

from annales.pipeline.coding.predicates import Predicate
from annales.pipeline.coding.senses import NOTE_VERBS
from annales.pipeline.coding.syntax import ParsedSentence
from annales.records import Actor

_JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})


def joint(ps: ParsedSentence, i: int) -> bool:
    """ "joint military exercises": a partner is meant even when the parse does not name it."""
    return any(ps.lemma(c) in _JOINT_WORDS for c in ps.children[i])


_STREET_NOUNS = frozenset({"march", "rally", "demonstration", "strike", "sit", "vigil", "walkout", "movement"})


def verbal_protest(ps: ParsedSentence, pred: Predicate) -> bool:
    """ "Russia protested the move", "lodged a protest": verbal; "led a protest march": in the street."""
    if pred.entry.pos == "V":
        return not _in_the_street(ps, pred.i)
    head = ps.head(pred.i)
    if ps.tokens[pred.i].dep == "compound" and ps.lemma(head) in _STREET_NOUNS:
        return False
    return pred.light is not None and ps.lemma(pred.light) in NOTE_VERBS


# Where a crowd protests ("outside the embassy", "in front of parliament"), and words that count one.
_STREET_PREPS = frozenset({"outside", "near", "through", "along", "across", "front"})
_CROWD_WORDS = frozenset({"hundred", "thousand", "dozen", "score", "ten", "crowd", "throng", "group"})


def _in_the_street(ps: ParsedSentence, verb: int) -> bool:
    """ "Hundreds of Palestinians protested outside the Israeli embassy": a crowd in the street, not a state's
    note, though a demonym names it."""
    if any(ps.lemma(p) in _STREET_PREPS for p in ps.kids(verb, "prep")):
        return True
    subj = ps.subject(verb)
    if subj is None:
        return False
    return ps.lemma(subj) in _CROWD_WORDS or any(ps.tokens[c].dep in ("nummod", "quantmod") for c in ps.kids(subj))


def fought_with(ps: ParsedSentence, pred: Predicate) -> bool:
    """ "A war with Russia", "clashes with the police": fighting named by a noun with a "with" party is
    done by both sides, one event per direction (an attack by a verb, "X attacked Y", is one-sided)."""
    if pred.type != "ASSAULT" or pred.entry.pos != "N":
        return False
    return any(ps.actors_of(o) for o in ps.prep_objects(pred.i, "with"))


def self_dyad(actor: Actor, other: Actor) -> bool:
    """The same code on both sides (never an event) or the same mention. Two different mentions of people
    ("a man killed 10 people") are two parties although both code as the country's people."""
    if actor is not other and actor.kind == other.kind == "agent" and actor.sector in _PEOPLE_SECTORS:
        return False
    return actor is other or (actor.code is not None and actor.code == other.code)


# Sectors of unnamed people: one group of them may act on another.
_PEOPLE_SECTORS = frozenset({"PPL", "CVL"})


def subtree(ps: ParsedSentence, i: int, limit: int = 40) -> list[int]:
    out: list[int] = []
    stack = [i]
    while stack and len(out) < limit:
        j = stack.pop()
        out.append(j)
        stack.extend(ps.children[j])
    return out


def has_pronoun_subject(ps: ParsedSentence) -> bool:
    """A sentence whose parties are all pronouns or descriptions ("They met on Monday"), or whose passive
    subject is a name the table does not know ("O'Connor was arrested": by the police), may still be coded."""
    return any(
        (tok.dep in ("nsubj", "nsubjpass") and tok.pos in ("PRON", "NOUN"))
        or (tok.dep == "nsubjpass" and tok.pos == "PROPN")
        for tok in ps.tokens
    )


def main_subject(ps: ParsedSentence) -> Actor | None:
    """The actor of the sentence's root subject: what a pronoun in the next sentence most likely means."""
    for tok in ps.tokens:
        if tok.dep == "ROOT":
            subj = ps.subject(tok.i)
            found = ps.actors_of(subj) if subj is not None else []
            return found[0] if found else None
    return None


def trigger_text(ps: ParsedSentence, pred: Predicate) -> str:
    words = [ps.tokens[pred.i].text]
    words.extend(ps.tokens[c].text for c in ps.kids(pred.i, "prt"))
    return " ".join(words)


def no_object(ps: ParsedSentence, pred: Predicate) -> bool:
    """A verb whose object is "no ..." did not do it ("held no talks", "reached no agreement")."""
    if pred.entry.pos != "V":
        return False
    return any(ps.lemma(d) == "no" for o in ps.objects(pred.i) for d in ps.kids(o, "det"))
