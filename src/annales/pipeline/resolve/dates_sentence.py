"""The one old date an event's sentence writes out, for an act told in the past with no time of its own.

"The provisions were first implemented after a series of attacks left 130 people dead on November 13, 2015":
the act's clause has no date, but its sentence writes out one, a year before publication, which is a better
date for it than the publication day (`dates_context.assign_dates` asks here before giving the publication
day or no date). Never a date naming a noun's act ("has apologised for the 2010 commando raid"), a present
perfect (the day's news), a bound ("since 2011") or a date inside a name.
"""

from __future__ import annotations

import datetime as dt

from annales.pipeline.resolve.dates import EventDate, find_trigger, head_verb, sentence_tense
from annales.pipeline.resolve.dates_expressions import resolve_expressions
from annales.pipeline.resolve.dates_spans import bounds_only, expr_tokens, inside_name
from annales.pipeline.resolve.dates_values import TimeExpr
from annales.records import Event, Sentence

# Days before publication from which a date the sentence writes out is old (not the day's news).
OLD_AFTER_DAYS = 30


def sentence_past(sent: Sentence | None, event: Event, published: dt.date | None) -> EventDate | None:
    """The one date, weeks or more before publication, that the event's sentence writes out, for an act
    told in the past; None when there is none, several, or the act is not told in the past."""
    if sent is None or published is None or not sent.tokens:
        return None
    trigger = find_trigger(sent, event)
    if trigger is None or sentence_tense(sent, trigger) != "past" or _perfect(sent, trigger):
        return None  # "has apologised for the 2010 raid": the news of the day
    exprs = [
        e
        for e in resolve_expressions(sent.text, anchor=published)
        if e.value is not None
        and not e.relative
        and e.reason is None
        and (published - e.value).days > OLD_AFTER_DAYS
        and not _modifies_noun(sent, e)
        and not bounds_only(sent, e, parsed=True)  # "fought since 2011": where a span begins
        and not inside_name(sent, e)
    ]
    if len({(e.value, e.granularity) for e in exprs}) != 1:
        return None
    e = exprs[0]
    return EventDate(e.value, e.value_end, "context", e.granularity, None, e)


_NOUN_MODIFIER_DEPS = frozenset({"compound", "nummod", "amod", "poss", "nmod"})


def _modifies_noun(sent: Sentence, expr: TimeExpr) -> bool:
    """The expression names the time of a noun's act, not of a clause ("the 2010 commando raid")."""
    tokens = expr_tokens(sent, expr)
    inside = {t.i for t in tokens}
    return any(t.head not in inside and t.dep in _NOUN_MODIFIER_DEPS for t in tokens)


def _perfect(sent: Sentence, trigger: int) -> bool:
    """The clause is in the present perfect ("has apologised")."""
    verb = head_verb(sent, trigger)
    return verb is not None and any(
        t.head == verb and t.dep == "aux" and t.text.lower() in ("has", "have") for t in sent.tokens
    )
