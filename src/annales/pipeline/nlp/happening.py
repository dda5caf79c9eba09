"""Acts named by the subject of a verb that says they happen: "talks will take place in Minsk on Monday",
"the summit is scheduled for Monday", "the meeting did not happen".

The verb carries what the noun cannot: tense and modality (the coder's status), negation, and the place
phrase ("in Minsk" hangs on "take place", not on "talks"). The coder and the place stage read it here.
"""

from __future__ import annotations

from collections.abc import Sequence

from annales.records import Token

# Verbs whose subject, an act, happens ("occurred"), or in the passive is set to happen ("was scheduled").
HAPPEN_VERBS = frozenset({"happen", "occur"})
SCHEDULE_VERBS = frozenset({"schedule", "slate", "set", "plan"})


def happening_verb(tokens: Sequence[Token], i: int) -> int | None:
    """The verb saying that act `i`, its subject, happens ("take place", "happen", "be scheduled"), or None."""
    tok = tokens[i]
    if tok.dep not in ("nsubj", "nsubjpass") or tok.head == i:
        return None
    verb = tokens[tok.head]
    lemma = verb.lemma.lower()
    if lemma == "take":
        place = any(t.head == verb.i and t.dep in ("dobj", "obj") and t.lemma.lower() == "place" for t in tokens)
        return verb.i if place else None
    if lemma in HAPPEN_VERBS or (lemma in SCHEDULE_VERBS and tok.dep == "nsubjpass"):
        return verb.i
    return None


def scheduled(tokens: Sequence[Token], verb: int) -> bool:
    """Verb `verb` is a passive that sets its subject to happen later ("is scheduled for Monday", "was set for
    March")."""
    if tokens[verb].lemma.lower() not in SCHEDULE_VERBS:
        return False
    return any(t.head == verb and t.i != verb and t.dep == "auxpass" for t in tokens)
