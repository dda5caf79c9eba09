"""Which time expressions of a sentence can date an event at all: the tokens an expression covers, a "date"
that is part of a name ("Theresa May", "the March 4 Movement"), and a bound ("until Saturday", "since 2011",
"a deadline of Tuesday") that limits an event rather than placing it. Used by `dates` and `dates_context`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from annales.pipeline.resolve.dates_lexicon import MONTHS

if TYPE_CHECKING:
    from annales.pipeline.resolve.dates_values import TimeExpr
    from annales.records import Sentence, Token

# A date after these words limits the event ("postponed until Saturday", "since 2011")
# rather than placing it.
_BOUND_WORDS = frozenset({"until", "till", "through", "since", "before", "after", "by"})
_WORD_BEFORE = re.compile(r"(\w+)\s*$")


def expr_tokens(sent: Sentence, expr: TimeExpr) -> list[Token]:
    """The tokens of `sent` that the expression covers (its offsets are relative to the sentence)."""
    start, end = sent.start + expr.start, sent.start + expr.end
    return [t for t in sent.tokens if t.idx < end and t.end > start]


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})


def inside_name(sent: Sentence, expr: TimeExpr) -> bool:
    """A "date" that is part of a name: "Theresa May", "the March 4 Movement", "June Street"; or a lone
    month word that is the subject or possessor of its clause ("May has received strong backing": the prime
    minister, whom the recogniser may well tag a DATE)."""
    tokens = expr_tokens(sent, expr)
    covered = {t.i for t in tokens}
    if (
        len(tokens) == 1
        and tokens[0].text.istitle()
        and tokens[0].dep in _NAME_DEPS
        and tokens[0].text.lower() in MONTHS
    ):
        return True
    return any(ent.label in _NAME_LABELS and covered & set(range(ent.start, ent.end)) for ent in sent.entities)


# A lone month word in these roles names someone ("May said", "May's government"), not a time.
_NAME_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "appos"})


def bounds_only(sent: Sentence, expr: TimeExpr, *, parsed: bool) -> bool:
    """Whether the expression is a bound ("until Saturday", "by the end of the year"), not a date.

    With a parse the preposition governing the expression decides ("before Friday's
    announcement" bounds nothing: Friday belongs to the announcement); without one, the
    word just before it.
    """
    covered = expr_tokens(sent, expr) if parsed else []
    if covered:
        inside = {t.i for t in covered}
        root = next((t for t in covered if t.head not in inside or t.head == t.i), covered[0])
        head = sent.tokens[root.head]
        if root.dep == "pobj" and head.text.lower() == "of" and sent.tokens[head.head].lemma.lower() in _LIMIT_NOUNS:
            return True  # "set a deadline of Tuesday"
        return root.dep == "pobj" and head.text.lower() in _BOUND_WORDS
    before = _WORD_BEFORE.search(sent.text, 0, expr.start)
    return before is not None and before[1].lower() in _BOUND_WORDS


# Nouns whose "of" date is a limit, not when anything happened: "a deadline of Tuesday".
_LIMIT_NOUNS = frozenset({"deadline", "ultimatum", "limit"})
