"""Blame without an accusing verb: "Cerar said Russia was responsible for the attack", "Britain holds Russia
responsible for the poisoning", "Washington says Iran was behind the strike". The speaker accuses the party
it names of the act (CAMEO 112, PLOVER ACCUSE); the act itself is what the accusation is about, not an
event the sentence reports (issue 11: such sentences had been coded as the accused's attack on the speaker).
`predicates.find_predicates` turns each blame found here into an ACCUSE predicate."""

from __future__ import annotations

from dataclasses import dataclass

from annales.pipeline.coding.learned import MODEL_FLAG
from annales.pipeline.coding.matching import type_of
from annales.pipeline.coding.syntax import NEGATIONS, PRONOUNS, SAY_VERBS, ParsedSentence
from annales.pipeline.coding.tables import CodingTables, LexEntry

# Acts one is blamed for: force, coercion and threats ("responsible for the attack", "behind the arrests"); and
# harm named without a doer (`_HARMS`).
BLAMED_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})
# Verbs that tell a finding as well as saying: "the investigation concluded that Russia was behind it".
_FINDING_VERBS = SAY_VERBS | {"conclude", "find", "show", "determine", "accept", "think"}


@dataclass(frozen=True, slots=True)
class Blame:
    """One blame in a sentence.

    Attributes:
        verb: the token whose subject blames: the verb of saying, or "hold" ("holds Russia responsible").
        clause: the clause whose subject is blamed ("Russia was responsible"), None for "hold", whose
            object is.
        act: the act noun blamed on them ("the attack").
        denial: the speaker says it is not responsible ("Russia said it was not responsible"): a denial of
            responsibility (CAMEO 016), not an accusation.
    """

    verb: int
    clause: int | None
    act: int
    denial: bool = False


def blames(ps: ParsedSentence, matched: dict[int, LexEntry], tables: CodingTables) -> list[Blame]:
    """The blames of the sentence: a party said (or held) responsible for, or behind, an act of force."""
    found = []
    for tok in ps.tokens:
        lemma = ps.lemma(tok.i)
        if lemma == "hold" and tok.pos == "VERB" and tok.i not in matched:
            # "holds Russia responsible for the attack": Russia is the object, or the subject of "responsible"
            small = ps.kids(tok.i, "oprd", "acomp", "ccomp", "xcomp")
            for c in [*small, *(a for o in ps.objects(tok.i) for a in ps.kids(o, "amod"))]:
                act = _blamed_act(ps, c, matched, tables)
                subj = ps.subject(c) if ps.kids(c, "nsubj") else None
                if act is not None and subj is not None and ps.actors_of(subj):
                    found.append(Blame(tok.i, c, act))
                elif act is not None and any(ps.actors_of(o) for o in ps.objects(tok.i)):
                    found.append(Blame(tok.i, None, act))
                else:
                    continue
                break  # one blame per verb
            continue
        if lemma not in _FINDING_VERBS or (tok.i in matched and MODEL_FLAG not in matched[tok.i].flags):
            continue  # a verb a lexicon row codes keeps its own reading; one the model guessed yields
        for clause in _clauses(ps, tok.i):
            act = _clause_blame(ps, clause, matched, tables)
            if act is None:
                continue
            subj = ps.subject(clause)
            if act == subj:
                found.append(Blame(tok.i, clause, act))  # an act called wrong: its owner is accused
            elif _negated(ps, clause):
                # "Russia said it was not responsible for the attack": the speaker denies it
                if subj is not None and (ps.lemma(subj) in PRONOUNS or ps.actors_of(subj)):
                    found.append(Blame(tok.i, None, act, denial=True))
            elif subj is not None and ps.actors_of(subj):
                found.append(Blame(tok.i, clause, act))
            break
    return found


def _clauses(ps: ParsedSentence, verb: int) -> list[int]:
    """The reported clauses of a verb of saying, one level down ("it was likely that Russia was ...")."""
    out = []
    for c in ps.kids(verb, "ccomp"):
        out.append(c)
        out.extend(ps.kids(c, "ccomp"))
        out.extend(cc for a in ps.kids(c, "acomp") for cc in ps.kids(a, "ccomp"))  # "it was likely that ..."
    return out


def _clause_blame(ps: ParsedSentence, clause: int, matched: dict[int, LexEntry], tables: CodingTables) -> int | None:
    """The act a clause ties to its subject: "X was (not) responsible for <act>", "X was behind <act>", "X is
    to blame for <act>", "X bears (much of the) responsibility for <act>"."""
    if ps.subject(clause) is None:
        return None
    lemma = ps.lemma(clause)
    if lemma in _BEARING_VERBS:
        nouns = [n for o in ps.objects(clause) for n in (o, *ps.prep_objects(o, "of"))]
        return next((a for n in nouns if ps.lemma(n) in _BLAME_NOUNS for a in _for_act(ps, n, matched, tables)), None)
    if lemma != "be":
        return None
    subj = ps.subject(clause)
    if subj is not None and _condemned(ps, clause, subj):
        return subj  # "the Syrian army's attacks on Idlib were unacceptable": the act is its owner's
    for c in ps.kids(clause, "acomp"):
        act = _blamed_act(ps, c, matched, tables)
        if act is not None:
            return act
    for c in ps.kids(clause, "xcomp"):
        if ps.lemma(c) == "blame":
            return next(iter(_for_act(ps, c, matched, tables)), None)
    for noun in ps.prep_objects(clause, "behind"):
        if _is_blamed(ps, noun, matched, tables):
            return noun
    return None


def _condemned(ps: ParsedSentence, clause: int, subj: int) -> bool:
    """ "Russian interference in American elections was unacceptable", "the Syrian army's attacks were a
    crime": a party's act (the subject names the act, and its owner) called wrong; not when negated."""
    if ps.actor_at.get(subj) is not None or not ps.actors_of(subj) or _negated(ps, clause):
        return False
    words = [*ps.kids(clause, "acomp"), *ps.kids(clause, "attr")]
    return any(ps.lemma(w) in _CONDEMNATIONS for w in words)


# What calls an act wrong: "was unacceptable", "was illegal", "was a crime", "a violation of".
_CONDEMNATIONS = frozenset({"unacceptable", "illegal", "unlawful", "illegitimate", "criminal", "outrageous"})
_CONDEMNATIONS |= {"unjustified", "unjustifiable", "provocative", "irresponsible", "reckless", "barbaric"}
_CONDEMNATIONS |= {"inhumane", "intolerable", "deplorable", "shameful", "disgraceful", "crime", "violation"}
_CONDEMNATIONS |= {"provocation", "aggression", "breach", "blunder", "destabilizing", "destabilising"}


# "bears the responsibility", "shoulders much of the blame".
_BEARING_VERBS = frozenset({"bear", "shoulder", "carry"})
_BLAME_NOUNS = frozenset({"blame", "responsibility"})


def _negated(ps: ParsedSentence, clause: int) -> bool:
    """ "was not responsible", "was never behind"."""
    heads = [clause, *ps.kids(clause, "acomp")]
    return any(ps.lemma(n) in NEGATIONS for h in heads for n in ps.kids(h, "neg"))


def _blamed_act(ps: ParsedSentence, adj: int, matched: dict[int, LexEntry], tables: CodingTables) -> int | None:
    """The act of "responsible for <act>"."""
    if ps.lemma(adj) != "responsible":
        return None
    return next(iter(_for_act(ps, adj, matched, tables)), None)


def _for_act(ps: ParsedSentence, i: int, matched: dict[int, LexEntry], tables: CodingTables) -> list[int]:
    return [n for n in ps.prep_objects(i, "for") if _is_blamed(ps, n, matched, tables)]


def _is_blamed(ps: ParsedSentence, i: int, matched: dict[int, LexEntry], tables: CodingTables) -> bool:
    return (i in matched and type_of(matched[i], tables) in BLAMED_TYPES) or ps.lemma(i) in _HARMS


# Harm with no doer of its own that one is blamed for: "shoulders much of the blame for the violence".
_HARMS = frozenset({"violence", "bloodshed", "death", "killing", "casualty", "fighting", "clash", "escalation"})
_HARMS |= {"unrest", "crisis", "tension", "destruction", "suffering"}
