"""The real date of each event: when it happened, not when the article appeared.

For each event we find the temporal expressions of its sentence (`resolve_expressions`),
keep the one that belongs to the event (attached to its trigger in the dependency parse,
without crossing another verb), resolve it against the publication date in the tense of
the event's clause, and fall back to the publication date when the sentence gives none.
An article without a publication date keeps absolute dates only; relative ones stay None
with reason "relative_without_anchor" until a later stage lends an anchor from another
article of the same story (`resolve_event_date(..., source="story")`).

Example:
    >>> import datetime as dt
    >>> [e.value for e in resolve_expressions("They met on Monday.", anchor=dt.date(2013, 7, 10))]
    [datetime.date(2013, 7, 8)]
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from annales.codes import DateSource, Granularity
from annales.pipeline.base import Stage
from annales.pipeline.nlp.happening import scheduled
from annales.pipeline.resolve.dates_calendar import Tense
from annales.pipeline.resolve.dates_expressions import (
    DURATION,
    NO_ANCHOR,
    OUT_OF_RANGE,
    VAGUE,
    TimeExpr,
    resolve_expressions,
)
from annales.pipeline.resolve.dates_spans import bounds_only, expr_tokens, inside_name
from annales.records import Article, Event, Sentence, Token

__all__ = [
    "NO_ANCHOR",
    "DateOptions",
    "EventDate",
    "EventDateStage",
    "TimeExpr",
    "choose_expression",
    "find_trigger",
    "head_verb",
    "resolve_event_date",
    "resolve_expressions",
    "sentence_tense",
    "text_tense",
]

logger = logging.getLogger(__name__)

_FUTURE_AUX = frozenset({"will", "'ll", "ll", "shall", "wo", "’ll"})
# "would"/"could" are as often the past's future ("said he would visit on Monday") as
# conditionals, so they pick the nearest date rather than a forward one.
_NEAR_AUX = frozenset({"would", "could", "'d", "’d"})
# Verbs whose infinitive complement is ahead in time: "plans to visit", "is going to sign".
_PLAN_VERBS = frozenset(
    [
        "plan",
        "intend",
        "expect",
        "schedule",
        "set",
        "due",
        "aim",
        "hope",
        "want",
        "prepare",
        "promise",
        "pledge",
        "vow",
        "threaten",
        "go",
        "be",
        "seek",
        "propose",
        "agree",
        "decide",
    ]
)
# Sentences (headline, dateline, lead) whose weekdays may be a day ahead of a lagging publication date.
LAGGING_SENTENCES = 3


def in_lead(sent: Sentence) -> bool:
    """The sentence is among the headline, dateline and lead, whose weekdays may be a day ahead of a
    publication date that lags behind the story's (`resolve_expressions(lagging=...)`)."""
    return sent.index < LAGGING_SENTENCES


_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})
_TEXT_FUTURE = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|am)\s+(?:going|due|set|expected|scheduled)\s+to|plans?\s+to|"
    r"intends?\s+to|(?:is|are)\s+to)\b|\w'll\b",
    re.IGNORECASE,
)
_TEXT_NEAR = re.compile(r"\b(?:would|could)\b", re.IGNORECASE)
# Words between a date and a trigger that start another clause when no parse is at hand.
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:that|which|who|when|after|before|because|while|since|but)\b", re.IGNORECASE)
_UNDATING = frozenset({VAGUE, DURATION, OUT_OF_RANGE})
# "MOSCOW, July 13 (Reuters) - ": the dateline's date is the publication's, not an event's.
_DATELINE = re.compile(r"\s*[A-Z][A-Z.'’ /-]{2,}(?:,|\s\()[^\n]{0,60}?\s[-–—]{1,2}\s")
# Verbs of saying: a fronted clause they report keeps its own date, and their past tense backshifts the tense
# of what they report ("said he had accepted": he has accepted; `dates_context`).
REPORTING_VERBS = frozenset(
    {"say", "announce", "report", "tell", "confirm", "state", "add", "claim", "write", "declare", "note"}
)
# Subordinators of a time clause that happens on the day of its main clause.
_SAME_TIME_MARKS = frozenset({"when", "as", "after", "while", "once"})
# Marks of a clause that happens at the very time of its main verb (not "after": that is another day).
_WHILE_MARKS = frozenset({"when", "as", "while"})


@dataclass(frozen=True, slots=True)
class DateOptions:
    """Options of `EventDateStage`.

    Args:
        fall_back_to_published: date events whose sentence has no date of their own with the
            publication date (granularity "day", date_source "published").
        document_context: (v2) the article-level cascade of `dates_context.assign_dates`: the
            clause, the same event elsewhere in the article, no date for background told in the
            past, the lead's date for its follow-ups, then the publication date.
    """

    fall_back_to_published: bool = True
    document_context: bool = True

    def __str__(self) -> str:
        mode = "fallback" if self.fall_back_to_published else "text-only"
        return f"{mode}-context" if self.document_context else mode


@dataclass(frozen=True, slots=True)
class EventDate:
    """The date chosen for one event.

    Attributes:
        date, date_end: first and last day (date_end only for ranges such as "July 14-15").
        source: "text" (the sentence said it), "published" (the article's own date) or
            "story" (a date borrowed from another article of the same story).
        granularity: day, week, month or year.
        reason: why `date` is None, e.g. "relative_without_anchor".
        expr: the expression that dated the event, if any.
    """

    date: dt.date | None
    date_end: dt.date | None = None
    source: DateSource | None = None
    granularity: Granularity | None = None
    reason: str | None = None
    expr: TimeExpr | None = None

    def apply(self, event: Event) -> Event:
        """Copy this date onto `event` (in place) and return it."""
        event.date, event.date_end, event.date_source = self.date, self.date_end, self.source
        event.granularity, event.date_reason = self.granularity, self.reason
        return event


def well_formed(sent: Sentence) -> bool:
    """Whether the sentence has a usable parse: token i at position i, heads inside the sentence."""
    size = len(sent.tokens)
    return size > 0 and all(t.i == n and 0 <= t.head < size for n, t in enumerate(sent.tokens))


def head_verb(sent: Sentence, index: int) -> int | None:
    """The nearest verb at or above token `index` in the parse, or None."""
    seen: set[int] = set()
    while 0 <= index < len(sent.tokens) and index not in seen:
        token = sent.tokens[index]
        if token.pos in ("VERB", "AUX"):
            return index
        seen.add(index)
        index = token.head
    return None


def _aux_children(sent: Sentence, index: int) -> list[Token]:
    return [t for t in sent.tokens if t.head == index and t.i != index and t.dep in ("aux", "auxpass")]


def _is_past(token: Token) -> bool:
    return token.tag == "VBD" or ("Tense=Past" in token.morph and token.tag != "VBN")


def _verb_tense(sent: Sentence, index: int) -> Tense:
    verb = sent.tokens[index]
    auxes = _aux_children(sent, index)
    words = {t.text.lower() for t in auxes}
    if words & _FUTURE_AUX:
        return "future"
    modals = [t for t in auxes if t.tag == "MD"]
    if modals:
        if words & _PERFECT_AUX:  # "could have met"
            return "past"
        return "present" if words & _NEAR_AUX else "future"
    if verb.dep == "acl" and verb.tag == "VB" and sent.tokens[verb.head].pos in ("NOUN", "PROPN"):
        # "followed a vote on Saturday to impose sanctions": the infinitive of a noun has the tense of its clause
        clause_verb = head_verb(sent, sent.tokens[verb.head].head)
        if clause_verb is not None and clause_verb != index:
            return _verb_tense(sent, clause_verb)
    if verb.tag == "VBG" and not auxes and verb.dep in ("pcomp", "xcomp", "advcl") and verb.head != index:
        # "pleaded guilty to threatening him in March": a bare gerund has the tense of the verb it hangs on
        governing = head_verb(sent, verb.head)
        if governing is not None and governing != index:
            return _verb_tense(sent, governing)
    if verb.dep == "xcomp" and verb.head != index:
        governor = sent.tokens[verb.head]
        if governor.lemma.lower() in _PLAN_VERBS:
            past_plan = _is_past(governor) or any(_is_past(t) for t in _aux_children(sent, governor.i))
            return "present" if past_plan else "future"
        if verb.tag == "VB" and not modals and governor.pos in ("VERB", "AUX"):
            # "will be allowed to play at the awards on Sunday": a to-infinitive has the tense of its verb
            return _verb_tense(sent, governor.i)
    if any(_is_past(t) for t in auxes) or words & _PERFECT_AUX or _is_past(verb):
        return "past"
    if scheduled(sent.tokens, index):
        return "future"  # "the summit is scheduled for Monday": set to happen later
    plans_ahead = verb.lemma.lower() in _PLAN_VERBS and verb.lemma.lower() != "be"
    if plans_ahead and any(t.head == index and t.dep == "xcomp" for t in sent.tokens):
        return "future"
    if verb.tag in ("VBZ", "VBP", "VBG") or "Tense=Pres" in verb.morph or auxes:
        return "present"
    return "past"


def sentence_tense(sent: Sentence, trigger_index: int) -> Tense:
    """The tense of the clause of token `trigger_index`, from the dependency parse.

    will/'ll/shall and "plans to"/"is going to"/"is expected to" make it future; other
    modals before a bare verb make it future ("would"/"could": present, i.e. nearest);
    a past-tense verb or auxiliary, or a perfect, makes it past; a present verb present.
    A noun trigger ("talks") takes the tense of the verb above it. Default: past.

    Args:
        sent: a parsed sentence.
        trigger_index: index of the event trigger within the sentence.

    Returns:
        "past", "present" or "future".
    """
    verb = head_verb(sent, trigger_index) if well_formed(sent) else None
    if verb is None:
        return text_tense(sent.text)
    return _verb_tense(sent, verb)


def text_tense(text: str) -> Tense:
    """A rough tense from the words alone, for sentences without a parse.

    will/shall/"plans to"/"is going to" make it future, would/could present (the nearest
    date: "said he would visit on Monday"); anything else past.
    """
    if _TEXT_FUTURE.search(text):
        return "future"
    if _TEXT_NEAR.search(text):
        return "present"
    return "past"


def find_trigger(sent: Sentence, event: Event) -> int | None:
    """The index of the event's trigger token: the trigger word inside the event span first."""
    trigger = event.trigger.lower()
    inside = [t for t in sent.tokens if event.span[0] <= t.idx < max(event.span[1], event.span[0] + 1)]
    for pool in (inside, sent.tokens):
        for token in pool:
            if trigger and token.text.lower() == trigger:
                return token.i
    if trigger:
        first = trigger.split()[0]
        for token in inside or sent.tokens:
            if token.text.lower() == first or token.lemma.lower() == first:
                return token.i
    verbs = [t.i for t in inside if t.pos == "VERB"]
    return verbs[0] if verbs else None


def _attachment(sent: Sentence, expr: TimeExpr, trigger: int) -> int | None:
    """Steps from the expression up to the trigger, or None when another verb comes first."""
    covered = expr_tokens(sent, expr)
    if not covered:
        return None
    inside = {t.i for t in covered}
    if trigger in inside:
        return 0
    roots = [t for t in covered if t.head not in inside or t.head == t.i]
    index, steps = roots[0].i, 0
    owner = sent.tokens[roots[0].head]
    frame = (
        owner.dep == "pobj"
        and sent.tokens[owner.head].text.lower() in _FRAME_PREPS
        and owner.lemma.lower() in _SETTING_NOUNS
    )
    if roots[0].dep in _NOUN_MODIFIER_DEPS and owner.pos in ("NOUN", "PROPN") and owner.i != roots[0].i and not frame:
        # "grilled X on Trump's July 25 phone call": the date is the call's, not the grilling's
        compound = sent.tokens[trigger].head == owner.i and sent.tokens[trigger].dep in ("compound", "amod")
        return 1 if owner.i == trigger or compound else None
    while steps <= len(sent.tokens):
        token = sent.tokens[index]
        if token.head == index:
            return None
        index, steps = token.head, steps + 1
        if index == trigger:
            return steps
        head = sent.tokens[index]
        if head.pos in ("VERB", "AUX") and head.dep not in _CROSSED_DEPS:
            return None
        if head.dep == "prep" and head.text.lower() == "since":
            return None  # "stepped up pressure since the defeat in a war last August": where the span begins
    return None


# A date that modifies a noun ("Trump's July 25 phone call", "last week's summit") dates that noun's event,
# unless the noun frames the act itself: "in a Nov. 5 letter, the doctors pleaded", "at Monday's meeting".
_NOUN_MODIFIER_DEPS = frozenset({"compound", "nmod", "poss", "amod", "nummod"})
_FRAME_PREPS = frozenset({"in", "at", "during"})
# Nouns that can frame an act (where or through what it was done), unlike an event the act is about: "in a
# March 5 letter, the doctors urged" is dated March 5; "denied any role in the March 4 poisoning" is not.
_SETTING_NOUNS = frozenset(
    {"letter", "statement", "meeting", "speech", "interview", "address", "conference", "summit", "session"}
    | {"hearing", "call", "talk", "briefing", "report", "tweet", "post", "broadcast", "message", "note"}
    | {"ceremony", "rally", "visit", "trip", "communique", "declaration", "appearance", "article", "column"}
    | {"editorial", "remark", "comment", "vote", "debate", "sitting", "gathering", "event", "forum"}
    | {"discussion", "op", "memo", "filing", "ruling", "decision", "announcement", "appeal", "video", "op-ed"}
    | {"proceeding", "trial", "testimony", "deposition", "negotiation", "round", "exchange", "show", "program"}
    | {"programme", "podcast", "book", "paper", "study", "document", "resolution", "telephone", "phone"}
)
# Dependencies the walk from a date to its trigger crosses although the head is tagged a verb: infinitive
# complements, auxiliaries, and nominal roles a tagger mistook for verbs ("Trump on April 5 threatened").
_CROSSED_DEPS = frozenset({"xcomp", "aux", "auxpass", "nsubj", "nsubjpass", "dobj", "pobj", "appos", "compound"})


def _clause_distance(sent: Sentence, expr: TimeExpr, trigger_start: int) -> int | None:
    """Without a parse: characters to the trigger, None across a clause boundary."""
    lo, hi = sorted((expr.start, trigger_start))
    if _CLAUSE_BREAK.search(sent.text, lo, hi) and not expr.start <= trigger_start < expr.end:
        return None
    return abs(expr.start - trigger_start)


def choose_expression(
    sent: Sentence, exprs: list[TimeExpr], *, trigger_index: int | None, trigger_char: int | None = None
) -> TimeExpr | None:
    """The expression that dates the event whose trigger is `trigger_index`.

    With a parse, the expression must reach the trigger by its head chain before reaching
    another verb (infinitive complements are crossed: "plans to visit on Monday"); when the
    trigger is conjoined to a verb or heads a when/after clause under it, a date of that
    verb is shared ("met on Monday and signed"). Without a parse, the nearest expression not
    across a clause boundary wins. Vague expressions, durations, bounds ("until
    Saturday", "since 2011") and datelines ("MOSCOW, July 13 (Reuters) -") never date an event.

    Args:
        sent: the event's sentence; expression offsets are relative to `sent.text`.
        exprs: the sentence's expressions (`resolve_expressions(sent.text, ...)`).
        trigger_index: the trigger token index, None when unknown.
        trigger_char: the trigger's offset in `sent.text`, used when there is no parse.

    Returns:
        The chosen expression, or None.
    """
    parsed = well_formed(sent)
    dateline = _DATELINE.match(sent.text)
    skip_to = dateline.end() if dateline else 0
    usable = [
        e
        for e in exprs
        if e.reason not in _UNDATING
        and e.start >= skip_to
        and not bounds_only(sent, e, parsed=parsed)
        and not inside_name(sent, e)
    ]
    if not usable:
        return None
    if parsed and trigger_index is not None and 0 <= trigger_index < len(sent.tokens):
        return _choose_by_parse(sent, usable, trigger_index, owned=exprs)
    if trigger_char is None:
        return None
    ranked = [(d, e) for e in usable if (d := _clause_distance(sent, e, trigger_char)) is not None]
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


def _choose_by_parse(sent: Sentence, exprs: list[TimeExpr], trigger: int, *, owned: list[TimeExpr]) -> TimeExpr | None:
    """`exprs` may date the event; any of `owned` attached to the trigger (a bound such as
    "by the end of the year" included) stops it from borrowing another verb's date."""
    trigger_at = sent.tokens[trigger].idx - sent.start
    targets: list[tuple[int, tuple[int, int] | None]] = [(trigger, None)]
    if all(_attachment(sent, e, trigger) is None for e in owned):
        targets.extend(_shared_time_heads(sent, trigger))
    for target, between in targets:
        ranked = [
            (steps, abs(e.start - trigger_at), e)
            for e in exprs
            if (steps := _attachment(sent, e, target)) is not None
            and (between is None or between[0] <= e.start < between[1])
        ]
        if ranked:
            return min(ranked, key=lambda r: (r[0], r[1]))[2]
    return None


def _shared_time_heads(sent: Sentence, trigger: int) -> list[tuple[int, tuple[int, int] | None]]:
    """Verbs whose date the trigger shares, each with the text range the date must lie in.

    - a noun trigger shares the date of a participle that describes it ("protests beginning on April 9"),
      else its governing verb's ("underwent surgery in early 2011");
    - a conjoined verb shares the first verb's ("met on Monday and signed"), a complement its
      verb's ("was reported missing last July"), an infinitive of a noun the noun's ("a vote on
      Saturday to impose sanctions");
    - a when/after clause shares its main clause's ("talks stalled on Saturday after Biden met"), a "when"
      relative clause the time it describes ("in 2014, when Russia annexed Crimea"), a "where" relative clause
      the time of the act at the place it describes ("appeared in court on November 18, where they pleaded");
    - a fronted reported clause keeps a date written inside it even when the parser hangs the
      date on the reporting verb ("X pleaded guilty Thursday, the attorney announced").
    """
    token = sent.tokens[trigger]
    if token.head == trigger:
        return _while_clauses(sent, trigger)  # the sentence's main verb: only a "when" clause of its own
    if token.pos in ("NOUN", "PROPN"):
        verb = head_verb(sent, token.head)
        heads: list[tuple[int, tuple[int, int] | None]] = [] if verb is None else [(verb, None)]
        # "protests beginning on April 9", "sanctions imposed in 2014": the participle that describes the
        # act tells its time, before the verb the noun hangs on
        heads[:0] = [
            (t.i, None) for t in sent.tokens if t.head == trigger and t.dep == "acl" and t.tag in ("VBG", "VBN")
        ]
        prep = sent.tokens[token.head]
        noun = sent.tokens[prep.head]
        if token.dep == "pobj" and prep.dep == "prep" and noun.pos == "NOUN" and noun.i != verb:
            # "the call for rallies on April 9": the parser hangs the date on the noun the trigger completes
            heads.insert(0, (noun.i, None))
        return heads
    if token.dep in ("conj", "xcomp"):
        chain: list[tuple[int, tuple[int, int] | None]] = [(token.head, None)]
        first = sent.tokens[token.head]
        while token.dep == "conj" and first.dep == "conj" and first.head != first.i and len(chain) < 4:
            # "tried to enter on May 16 but was caught and deported": the date of the first verb of the chain
            chain.append((first.head, None))
            first = sent.tokens[first.head]
        return chain
    if token.dep == "acl" and sent.tokens[token.head].pos in ("NOUN", "PROPN"):
        return [(token.head, None)]  # "a vote on Saturday to impose sanctions": the infinitive shares the noun's date
    marks = {t.text.lower() for t in sent.tokens if t.head == trigger and t.dep in ("mark", "advmod")}
    if token.dep == "advcl" and marks & _SAME_TIME_MARKS:
        return [(token.head, None)]
    if token.dep == "advcl" and token.tag == "VBG" and not marks:
        return [(token.head, None)]  # "went on a rampage on Sunday, killing seven": the participle is that day
    heads = _while_clauses(sent, trigger)
    if token.dep == "relcl" and "when" in marks:
        return [(token.head, None), *heads]  # "in 2014, when Russia annexed Crimea": the clause describes that time
    if token.dep == "relcl" and "where" in marks:
        # "appeared at the court on November 18, where they pleaded not guilty": what was done there was done then
        verb = head_verb(sent, token.head)
        return [*heads, *([(verb, None)] if verb is not None else [])]
    head = sent.tokens[token.head]
    if token.dep == "ccomp" and trigger < token.head and head.lemma.lower() in REPORTING_VERBS:
        return [(token.head, (token.idx - sent.start, head.idx - sent.start)), *heads]
    return heads


def _while_clauses(sent: Sentence, verb: int) -> list[tuple[int, tuple[int, int] | None]]:
    """A "when" or "while" clause of the verb tells the same time: "were gunned down when they pulled over
    the car on Saturday" is Saturday's."""
    found: list[tuple[int, tuple[int, int] | None]] = []
    for clause in (t for t in sent.tokens if t.head == verb and t.i != verb and t.dep == "advcl"):
        marks = {t.text.lower() for t in sent.tokens if t.head == clause.i and t.dep in ("mark", "advmod")}
        if marks & _WHILE_MARKS:
            found.append((clause.i, None))
    return found


def resolve_event_date(
    sent: Sentence,
    event: Event,
    *,
    anchor: dt.date | None,
    source: Literal["published", "story"] = "published",
    fall_back: bool = True,
    year_only: bool = False,
) -> EventDate:
    """Date one event from its sentence, resolving relative expressions against `anchor`.

    Call it again with a borrowed anchor (`source="story"`) for events left with reason
    "relative_without_anchor".

    Args:
        sent: the event's sentence (tokens may be empty: a clause heuristic is used then).
        event: the event; its `span` and `trigger` locate the trigger.
        anchor: the publication date, or a date borrowed from the same story, or None.
        source: where `anchor` comes from; recorded as date_source when the anchor is used.
        fall_back: use the anchor itself when the sentence gives no date of the event.
        year_only: only the anchor's year is known (`resolve_expressions`); use with `fall_back=False`.

    Returns:
        The event's date, its source and granularity, or a reason.

    Example:
        >>> ed = resolve_event_date(sent, event, anchor=dt.date(2013, 7, 13))  # doctest: +SKIP
        >>> ed.apply(event)  # doctest: +SKIP
    """
    trigger = find_trigger(sent, event) if well_formed(sent) else None
    tense = sentence_tense(sent, trigger) if trigger is not None else text_tense(sent.text)
    lagging = source == "published" and in_lead(sent)
    exprs = resolve_expressions(sent.text, anchor=anchor, tense=tense, lagging=lagging, year_only=year_only)
    trigger_char = _trigger_char(sent, event)
    expr = choose_expression(sent, exprs, trigger_index=trigger, trigger_char=trigger_char)
    if expr is not None and expr.value is not None:
        text_source: DateSource = "story" if expr.relative and source == "story" else "text"
        return EventDate(expr.value, expr.value_end, text_source, expr.granularity, None, expr)
    if expr is not None:
        return EventDate(None, reason=expr.reason or NO_ANCHOR, expr=expr)
    if anchor is None:
        return EventDate(None, reason=NO_ANCHOR)  # an undated event is implicitly "around publication"
    if not fall_back:
        return EventDate(None, reason="no_date_in_text")
    return EventDate(anchor, None, source, "day")


def _trigger_char(sent: Sentence, event: Event) -> int | None:
    if event.trigger:
        at = sent.text.lower().find(event.trigger.lower(), max(0, event.span[0] - sent.start))
        if at < 0:
            at = sent.text.lower().find(event.trigger.lower())
        if at >= 0:
            return at
    offset = event.span[0] - sent.start
    return offset if 0 <= offset < len(sent.text) else None


class EventDateStage(Stage):
    """Fill `Event.date`, `date_end`, `date_source`, `granularity` and `date_reason`.

    The anchor is `article.published`; stats count each outcome (`date_text`,
    `date_published`, `date_relative_without_anchor`...).

    Example:
        >>> stage = EventDateStage()
        >>> article = stage.process(article)  # doctest: +SKIP
    """

    name: ClassVar[str] = "annales.resolve.dates.v2"
    requires: ClassVar[tuple[str, ...]] = ("article.events", "article.sentences")
    assigns: ClassVar[tuple[str, ...]] = ("event.date",)

    def __init__(self, options: DateOptions | None = None) -> None:
        super().__init__()
        self.options = options or DateOptions()

    def process(self, article: Article) -> Article:
        """Date every event of `article` from its sentence, anchored on `article.published`."""
        if self.options.document_context and self.options.fall_back_to_published:
            from annales.pipeline.resolve.dates_context import assign_dates

            for outcome in assign_dates(article):
                self.count(f"date_{outcome}")
            return article
        sentences = {sent.index: sent for sent in article.sentences}
        for event in article.events:
            sent = sentences.get(event.sentence_index)
            if sent is None:
                EventDate(None, reason="sentence_missing").apply(event)
                self.count("date_sentence_missing")
                continue
            result = resolve_event_date(
                sent, event, anchor=article.published, fall_back=self.options.fall_back_to_published
            )
            result.apply(event)
            self.count(f"date_{result.source or result.reason}")
        return article
