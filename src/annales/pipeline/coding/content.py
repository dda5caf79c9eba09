"""What a predicate reports: the events inside the content of an accusation, a demand, a refusal or a threat.

"Accused X of shelling Y", "denied that it attacked Y", "the Russian request to meet Skripal": the shelling,
the attack and the meeting are what is said, asked or refused, not events of their own, so `find_predicates`
consumes them. A visit told before the subject, an answer in a relative clause and a trailing participle are
the actor's own acts and stay.
"""

from __future__ import annotations

from annales.pipeline.coding.syntax import ParsedSentence
from annales.pipeline.coding.tables import LexEntry

# Types whose clause complement is reported content, not a second event ("accused X of shelling Y",
# "denied that it attacked Y"): predicates inside that complement are not coded.
CONTENT_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST"})
_CONTENT_DEPS = frozenset({"ccomp", "prep", "pcomp", "xcomp", "advcl", "dobj", "obj"})


def content_predicates(ps: ParsedSentence, i: int, matched: dict[int, LexEntry]) -> set[int]:
    """The matched predicates inside what predicate `i` says, asks, refuses or threatens."""
    found: set[int] = set()
    # a visit told before the subject ("During a visit to Tunis, Macron criticised NATO") is not the content
    stack = [
        c
        for c in ps.children[i]
        if ps.tokens[c].dep in _CONTENT_DEPS and not _fronted_prep(ps, c, i) and not _own_clause(ps, c, i)
    ]
    stack += infinitives(ps, i)  # what a noun asks, threatens or refuses ("the Russian request to meet Skripal")
    while stack:
        j = stack.pop()
        if j in matched:
            found.add(j)
        stack.extend(
            c
            for c in ps.children[j]
            if (ps.tokens[c].dep not in ("nsubj",) or j not in matched)
            and not _answer_clause(ps, c)
            and not _trailing_participle(ps, c)
        )
    return found


def _own_clause(ps: ParsedSentence, c: int, verb: int) -> bool:
    """A clause set off from the verb by a semicolon is a sentence of its own, whatever the parser hangs it on:
    "O'Connor was placed under arrest; he was charged with breach of peace" (the arrest is no content of the
    charge)."""
    low, high = sorted((c, verb))
    return any(ps.tokens[k].text == ";" and ps.head(k) == verb for k in range(low + 1, high))


def _trailing_participle(ps: ParsedSentence, j: int) -> bool:
    """ "called on Israel to stop the demolitions, describing this policy as ethnic cleansing": a participle set
    off by a comma after the clause it hangs on, with no subject of its own, is the main actor's own act."""
    tok = ps.tokens[j]
    if tok.dep != "advcl" or tok.tag != "VBG" or ps.kids(j, "nsubj", "mark"):
        return False
    return tok.i > 0 and ps.tokens[tok.i - 1].text == "," and tok.i > ps.head(j)


def _fronted_prep(ps: ParsedSentence, c: int, verb: int) -> bool:
    """A visit told before the verb's subject ("During a visit to Tunis, Macron criticised NATO"): where and
    when the act was done, an event of its own, not what the act is about."""
    if ps.tokens[c].dep != "prep" or not any(ps.lemma(o) in _VISIT_NOUNS for o in ps.kids(c, "pobj")):
        return False
    subjects = ps.kids(verb, "nsubj", "nsubjpass")
    return bool(subjects) and c < min(subjects)


_VISIT_NOUNS = frozenset({"visit", "trip", "tour", "stopover"})


def _answer_clause(ps: ParsedSentence, j: int) -> bool:
    """A relative clause with a subject of its own says something else about the content: "blamed Moscow for
    the attack, which Russia denied" (Russia's denial is no part of the blame; "the attack which killed
    five" is)."""
    if ps.tokens[j].dep != "relcl":
        return False
    return any(ps.tokens[s].tag not in ("WDT", "WP", "WP$") for s in ps.kids(j, "nsubj", "nsubjpass"))


def infinitives(ps: ParsedSentence, i: int) -> list[int]:
    """The to-infinitive clauses modifying noun `i` ("a request to meet", "the threat to strike")."""
    if ps.tokens[i].pos not in ("NOUN", "PROPN"):
        return []
    return [c for c in ps.kids(i, "acl") if any(ps.lemma(a) == "to" for a in ps.kids(c, "aux"))]
