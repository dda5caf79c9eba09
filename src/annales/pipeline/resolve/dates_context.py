"""Event dates in their article: the clause first, then the same event told elsewhere, the lead, the publication.

`assign_dates` is the document-level step of `annales.resolve.dates.v2` (issue 16). For each event:

1. `clause`: a temporal expression of its own clause (`dates.resolve_event_date` without fallback); a
   deictic one inside a quotation ("today's hearing") counts from the article's news day (7) when it has
   one: it is the speaker's day, not the paper's;
2. `story`: the same event (same parties and type; the same parties with their sectors first, then the same
   countries: the lawyers' protest takes the lawyers' date, not the opposition's) dated in another sentence of
   the article — also
   when the clause only says something coarse ("this year") and the other mention is finer; when that
   other date is coarse and the lead's day (6) lies inside it, the lead's day ("agreed this week" told
   elsewhere, a lead of Friday: Friday);
3. background told in the past (past perfect, "since...", "in the past", "previously", a paragraph
   about earlier years) with no date of its own: no date, reason `background_undated` — never the
   publication date, which is how timelines smear; a past perfect "just" done, or backshifted by a
   verb of saying in the past ("his office said he had accepted the apology"), is the news, not background;
4. `context`: a background event with no date of its own in a paragraph that an earlier sentence (or an
   earlier act of its own sentence) dated in the past takes that date (a past-tense one in a paragraph
   dated years back is background; one in the news of the day is not, whatever a date told before it):
   "In December 2017, a court convicted X. He was jailed..."; "arrested him in May 2017, ... and a court
   jailed him";
5. `context`: a sentence that counts days from what was told just before ("The following day, Clinton met
   Lavrov", "two days later", "the previous day") takes the latest day an earlier sentence dated, moved by
   that many days; an event told in "N days after ..." or "N days before ..." is counted from its main
   clause's day, or the day of the news ("The crash comes a day after the Taliban swapped hostages");
   `context` too, before the same event told elsewhere (2): an act told in the past, outside quotes, right
   after a sentence that names one past day is a step of that day's story ("On March 7, FBI agents searched
   his home. They seized bank statements."), unless that day is the lead's;
6. `lead`: an event continuing the lead's news takes the lead's date ("They also agreed...", "The
   Democrats are alleging...": whatever its tense, unless it is background);
7. `news_day`: with no dated lead, such an event takes the article's news day — the one recent day
   (up to NEWS_DAY_MAX_AGE days before publication: a weekday of the past week) its text names, when it
   names neither another recent day nor the publication day itself (an article of Wednesday whose only
   day is "on Tuesday" tells Tuesday's news: "In the morning, lawmakers grilled..." is Tuesday too), or,
   among several recent days, the one the lead names ("found dead Thursday ... in jail on Friday"); an
   agency's sign-off closing the text ("MAP 05 April 2018") names the paper's day, no day of news;
8. `published`: the article's date, for the day's news with no time of its own;
each recorded as `date_source`, with `date_reason` when no date is supported. Before 3 or 8 gives no date
or the publication day to an act told in the past, the one old date its sentence writes out is taken
(`context`; `dates_sentence.sentence_past`).

In an article without a publication date, the year its text was written (`dates_year.article_year`: a
copyright line) anchors the clauses' relative dates that name their month or
count years ("in February", "last year"); an event with no date of its own stays undated there (reason
`no_date_in_text`), never dated to that year alone (measured: docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from annales.codes import DateSource
from annales.pipeline.extract.dates import signoff_start
from annales.pipeline.resolve.dates import (
    EventDate,
    choose_expression,
    find_trigger,
    in_lead,
    resolve_event_date,
    sentence_tense,
    text_tense,
    well_formed,
)
from annales.pipeline.resolve.dates_background import is_background, recalled, verb_of
from annales.pipeline.resolve.dates_expressions import resolve_expressions
from annales.pipeline.resolve.dates_lexicon import WEEKDAYS
from annales.pipeline.resolve.dates_sentence import sentence_past
from annales.pipeline.resolve.dates_spans import bounds_only
from annales.pipeline.resolve.dates_values import TimeExpr, count_of
from annales.pipeline.resolve.dates_year import article_year
from annales.records import Article, Event, Sentence

# How many sentences form the lead, whose date a follow-up sentence inherits.
LEAD_SENTENCES = 2
# A lead date older than this (days before publication) is not "the news of the day".
LEAD_MAX_AGE = 10
# The news day of an article is at most this many days before its publication: a weekday of the past week
# ("made her first court appearance Thursday" in the next Tuesday's paper; 3 until the tenth session).
NEWS_DAY_MAX_AGE = 6
# Days counted from the time told just before: "the following day", "a day later", "two days later",
# "the previous day", "the day before," ("the day before yesterday" is a day word of its own).
_SEQUEL = re.compile(
    r"\b(?:the (?P<side>following|next|previous|preceding) day"
    r"|(?P<count>a|one|two|three|four|five|six|seven|\d) days? (?P<way>later|earlier|afterwards?)"
    r"|the day (?P<before>before)(?=\s*[,.;]))",
    re.IGNORECASE,
)
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class _Clause:
    event: Event
    sent: Sentence | None
    date: EventDate
    background: bool
    paragraph: EventDate | None = None  # the latest own date of an earlier sentence of its paragraph
    sequel: EventDate | None = None  # "the following day": the day counted from an earlier sentence's date
    shift: int | None = None  # "comes a day after X swapped": days from its main clause's time (-1)
    main: EventDate | None = None  # that main clause's own date, when it has one
    narrative: EventDate | None = None  # the past day the sentence just before told, for a past act going on


def sequel_offset(text: str) -> int | None:
    """Days that `text` counts from the time told before it ("The next day, ..." -> 1), or None."""
    match = _SEQUEL.search(text)
    if match is None:
        return None
    if match["side"]:
        return 1 if match["side"].lower() in ("following", "next") else -1
    if match["before"]:
        return -1
    days = count_of(match["count"])
    if days is None:
        return None
    return -days if match["way"].lower() == "earlier" else days


def _key(event: Event) -> tuple[str, str, str]:
    recipient = event.recipient.country if event.recipient is not None else ""
    return (event.actor.country or event.actor.text, recipient or "", event.type)


def _party_key(event: Event) -> tuple[str, str, str]:
    """The same parties, sectors included (`_key` is the same countries): "the lawyers' protest" is not "the
    opposition's protest" of another year, though both are Pakistan's protests against Pakistan."""
    recipient = (event.recipient.code or event.recipient.country) if event.recipient is not None else ""
    return (event.actor.code or event.actor.country or event.actor.text, recipient or "", event.type)


def _old(value: dt.date | None, published: dt.date | None, *, years: int = 1) -> bool:
    return value is not None and published is not None and (published - value).days > 365 * years


def paragraph_starts(article: Article) -> dict[int, int]:
    """Sentence index -> index of the first sentence of its paragraph (a blank line or a newline before it)."""
    starts: dict[int, int] = {}
    first = 0
    previous_end = 0
    for sent in article.sentences:
        if "\n" in article.text[previous_end : sent.start]:
            first = sent.index
        starts[sent.index] = first
        previous_end = sent.end
    return starts


def _clauses(article: Article, sentences: dict[int, Sentence], year: int | None) -> list[_Clause]:
    """Each event with its clause's own date and its tense/background flags; `year`: the year an undated
    article was written (`dates_year.article_year`), its relative dates' anchor."""
    paragraph = paragraph_starts(article)
    # an undated article's year anchors what names its month or counts years ("in February", "last year")
    year_only = article.published is None and year is not None
    anchor = dt.date(year, 12, 31) if year is not None and year_only else article.published
    dated_old: set[int] = set()  # paragraphs with a date years before publication
    last_date: dict[int, tuple[int, EventDate]] = {}  # paragraph -> (sentence, latest own date) so far
    days: list[tuple[int, EventDate]] = []  # (sentence, day-precise date told there), in article order
    story_days = _StoryDays(article, sentences, paragraph)
    clauses = []
    for event in article.events:
        sent = sentences.get(event.sentence_index)
        if sent is None:
            clauses.append(_Clause(event, None, EventDate(None, reason="sentence_missing"), False))
            continue
        own = resolve_event_date(sent, event, anchor=anchor, fall_back=False, year_only=year_only)
        where = paragraph.get(sent.index, -1)
        trigger = find_trigger(sent, event) if sent.tokens else None
        if _old(own.date, article.published) and not (trigger is not None and recalled(sent, trigger)):
            dated_old.add(where)
        background = own.date is None and is_background(sent, trigger, paragraph_past=where in dated_old)
        earlier = last_date.get(where)
        context = earlier[1] if earlier is not None and earlier[0] <= sent.index else None
        sequel = None
        offset = sequel_offset(sent.text) if own.date is None and own.expr is None else None
        before = next((told for index, told in reversed(days) if index < sent.index), None)
        if offset is not None and before is not None and before.date is not None:
            sequel = EventDate(before.date + dt.timedelta(days=offset), None, "context", "day", None, before.expr)
        shift = _counted_shift(sent, trigger) if own.date is None and own.expr is None else None
        main = _main_date(sent, trigger, article.published) if shift is not None else None
        narrative = None
        if own.date is None and own.expr is None and trigger is not None and _past_narrative(sent, trigger):
            narrative = story_days.get(sent.index - 1)
        clauses.append(_Clause(event, sent, own, background, context, sequel, shift, main, narrative))
        if own.date is not None:
            last_date[where] = (sent.index, own)
        if own.date is not None and own.granularity == "day" and own.date_end is None:
            days.append((sent.index, own))
        elif sequel is not None:
            days.append((sent.index, sequel))  # "two days later" after "the following day" counts on from there
    return clauses


class _StoryDays:
    """Sentence index -> the one past day its story is on: the day the sentence tells (`_told_day`), or, for a
    sentence told in the past that names no time at all, the day of the sentence before it in its paragraph: "A
    firefighter stopped a woman ... Sunday. ... The woman jumped into a Fire Department vehicle. The firefighter
    detained the woman. Police later arrested her." are all Sunday's. Worked out on demand, once per sentence."""

    def __init__(self, article: Article, sentences: dict[int, Sentence], paragraph: dict[int, int]) -> None:
        self.published = article.published
        self.sentences = sentences
        self.paragraph = paragraph
        self._found: dict[int, EventDate | None] = {}

    def get(self, index: int) -> EventDate | None:
        chain: list[int] = []  # sentences that pass on the day of the one before them, latest first
        while index not in self._found:
            sent = self.sentences.get(index)
            exprs = _day_expressions(sent, self.published) if sent is not None and self.published else []
            told = _told_day(sent, self.published, exprs)
            if told is not None or exprs or not self._passes_on(index, sent):
                self._found[index] = told
                break
            chain.append(index)
            index -= 1
        day = self._found[index]
        for passed in chain:
            self._found[passed] = day
        return day

    def _passes_on(self, index: int, sent: Sentence | None) -> bool:
        """A past-tense sentence (that names no time), in the same paragraph as the sentence before it."""
        if sent is None or self.published is None or index - 1 not in self.sentences:
            return False
        if self.paragraph.get(index) != self.paragraph.get(index - 1):
            return False
        root = next((t.i for t in sent.tokens if t.dep == "ROOT"), None)
        return root is not None and _past_narrative(sent, root)


def _past_narrative(sent: Sentence, trigger: int) -> bool:
    """The act is told in the past outside any quotation: a step of a story told before it ("were gunned down on
    Saturday. ... Mixon was fatally shot.")."""
    if not sent.tokens or sentence_tense(sent, trigger) != "past":
        return False
    return not _quoted(sent.text, sent.tokens[trigger].idx - sent.start)


def _told_day(
    sent: Sentence | None, published: dt.date | None, exprs: list[TimeExpr] | None = None
) -> EventDate | None:
    """The one past day a sentence tells (`_told_days`; `exprs`: its `_day_expressions`, if already known), or
    None."""
    if sent is None or published is None:
        return None
    found: dict[dt.date, EventDate] = {}
    for expr in _told_days(sent, published, exprs):
        if expr.value is not None and (published - expr.value).days >= 1:
            found.setdefault(expr.value, EventDate(expr.value, None, "context", "day", None, expr))
    return next(iter(found.values())) if len(found) == 1 else None


def _told_days(sent: Sentence, published: dt.date, exprs: list[TimeExpr] | None = None) -> list[TimeExpr]:
    """The single days a sentence tells as days of its news, resolved in their clauses' tense."""
    told = []
    signed = signoff_start(sent.text)
    for expr in _day_expressions(sent, published) if exprs is None else exprs:
        if expr.value is None or expr.granularity != "day" or expr.value_end is not None:
            continue
        if _quoted(sent.text, expr.start):
            continue  # "today" in a quote is the speaker's day, not the paper's
        if expr.start == signed:
            continue  # "... common interest. MAP 05 April 2018": the agency's sign-off, no day of news
        if sent.text[expr.start : expr.end].lower() in _PRESENT_WORDS:
            continue  # "the registry is now running" says what holds, not which day the news is
        if bounds_only(sent, expr, parsed=well_formed(sent)):
            continue  # "a deadline of Tuesday", "until Monday": a limit, not a day of news
        told.append(expr)
    return told


# Units a count of days before "after"/"before" may use, in days.
_SHIFT_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def _counted_shift(sent: Sentence, trigger: int | None) -> int | None:
    """Days from the main clause's time to an event told in "N days after ..."/"N days before ..." ("The crash
    comes a day after the Taliban swapped hostages": the swap is a day before the crash, -1); else None."""
    if trigger is None or not sent.tokens:
        return None
    verb = sent.tokens[verb_of(sent, trigger)]
    if verb.dep != "advcl":
        return None
    kids = [t for t in sent.tokens if t.head == verb.i and t.i != verb.i]
    mark = next((t.text.lower() for t in kids if t.dep == "mark" and t.text.lower() in ("after", "before")), None)
    unit = next((t for t in kids if t.dep == "npadvmod" and t.text.lower() in _SHIFT_UNITS), None)
    if mark is None or unit is None:
        return None
    counts = [t for t in sent.tokens if t.head == unit.i and t.dep in ("det", "nummod")]
    count = count_of(counts[0].text.lower()) if len(counts) == 1 else None
    if count is None:
        return None
    days = count * _SHIFT_UNITS[unit.text.lower()]
    return -days if mark == "after" else days


def _main_date(sent: Sentence, trigger: int | None, published: dt.date | None) -> EventDate | None:
    """The day-precise date of the clause an "N days after ..." clause hangs on, if its sentence gives one."""
    if trigger is None:
        return None
    head = sent.tokens[verb_of(sent, trigger)].head
    exprs = resolve_expressions(sent.text, anchor=published, tense=sentence_tense(sent, head), lagging=in_lead(sent))
    expr = choose_expression(sent, exprs, trigger_index=head)
    if expr is None or expr.value is None or expr.granularity != "day" or expr.value_end is not None:
        return None
    return EventDate(expr.value, None, "text", "day", None, expr)


def _lead_date(clauses: Sequence[_Clause], published: dt.date | None) -> EventDate | None:
    """The day of the lead's news: a clause date of the first sentences, recent and not coarse."""
    for clause in clauses:
        if clause.sent is None or clause.sent.index >= LEAD_SENTENCES:
            continue
        own = clause.date
        if own.date is None or own.granularity != "day":
            continue
        if published is not None and not 0 <= (published - own.date).days <= LEAD_MAX_AGE:
            continue
        return own
    return None


def news_day(article: Article) -> EventDate | None:
    """The one recent day the article's text names, when it names no other recent day and not its own date.

    Every day-precise expression of every sentence is resolved against the publication date in its
    sentence's tense; the days 1..NEWS_DAY_MAX_AGE before publication count as recent. Among several
    recent days, the one its lead names (the first LAGGING_SENTENCES sentences) is the news. None when the
    article names the publication day itself ("today", "on Wednesday" in a Wednesday paper), two recent
    days none or both of which its lead names, or none, or has no publication date.
    """
    published = article.published
    if published is None:
        return None
    found: dict[dt.date, EventDate] = {}
    lead: set[dt.date] = set()
    for sent in article.sentences:
        if not any(ch.isdigit() for ch in sent.text) and not _DAY_WORD.search(sent.text):
            continue
        for expr in _told_days(sent, published):
            assert expr.value is not None
            age = (published - expr.value).days
            if age == 0:
                return None
            if 0 < age <= NEWS_DAY_MAX_AGE:
                found.setdefault(expr.value, EventDate(expr.value, None, "news_day", "day", None, expr))
                if in_lead(sent):
                    lead.add(expr.value)
    if len(found) > 1 and len(lead) == 1:
        # "The couple were found dead Thursday ... was in jail on Friday": the lead's day is the news
        return found[next(iter(lead))]
    return next(iter(found.values())) if len(found) == 1 else None


def _day_expressions(sent: Sentence, published: dt.date) -> list[TimeExpr]:
    """The sentence's temporal expressions, each resolved in the tense of the clause it hangs on."""
    lagging = in_lead(sent)
    exprs = resolve_expressions(sent.text, anchor=published, tense=text_tense(sent.text), lagging=lagging)
    if not exprs or not well_formed(sent):
        return exprs
    resolved = []
    for expr in exprs:
        token = next((t.i for t in sent.tokens if t.idx - sent.start >= expr.start), None)
        tense = sentence_tense(sent, token) if token is not None else text_tense(sent.text)
        again = resolve_expressions(sent.text[expr.start : expr.end], anchor=published, tense=tense, lagging=lagging)
        resolved.append(replace(again[0], start=expr.start, end=expr.end) if len(again) == 1 else expr)
    return resolved


def _quoted(text: str, at: int) -> bool:
    """Position `at` of `text` lies inside a quotation (an odd number of quote marks before it)."""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


# Words that resolve to the publication day without naming it as the day of any news.
_PRESENT_WORDS = frozenset({"now", "right now", "currently", "at present", "presently", "nowadays"})
_DAY_WORD = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")|\b(?:yesterday|today|tonight|overnight)\b", re.IGNORECASE)


def _finer(own: EventDate, other: EventDate) -> bool:
    """`other` is a finer date inside `own`'s window ("this year" vs "on Monday" of the same event)."""
    if own.date is None or other.date is None:
        return False
    if _RANK.get(other.granularity or "day", 0) >= _RANK.get(own.granularity or "day", 0):
        return False
    end = own.date_end or _window_end(own)
    return own.date <= other.date <= end


def _window_end(own: EventDate) -> dt.date:
    assert own.date is not None
    if own.granularity == "year":
        return dt.date(own.date.year, 12, 31)
    if own.granularity == "month":
        nxt = dt.date(own.date.year + (own.date.month == 12), own.date.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if own.granularity == "week":
        return own.date + dt.timedelta(days=6)
    return own.date


def _recent(value: EventDate, published: dt.date | None) -> bool:
    if value.date is None or published is None:
        return False
    return -LEAD_MAX_AGE <= (published - value.date).days <= 3 * LEAD_MAX_AGE


def assign_dates(article: Article) -> list[str]:
    """Date every event of `article` (in place) by the cascade above; return each event's outcome."""
    sentences = {sent.index: sent for sent in article.sentences}
    year = article_year(article) if article.published is None else None
    clauses = _clauses(article, sentences, year)
    find_news_day = functools.cache(functools.partial(news_day, article))  # found once, when first needed
    if any(_quoted_relative(c) for c in clauses):
        clauses = _to_speech_day(clauses, find_news_day(), article.published)
    by_key: dict[tuple[str, str, str], list[EventDate]] = {}
    by_party: dict[tuple[str, str, str], list[EventDate]] = {}
    for clause in clauses:
        if clause.date.date is not None:
            by_key.setdefault(_key(clause.event), []).append(clause.date)
            by_party.setdefault(_party_key(clause.event), []).append(clause.date)
    lead = _lead_date(clauses, article.published)
    if lead is None and any(c.date.date is None for c in clauses):
        lead = find_news_day()
    outcomes = []
    for clause in clauses:
        told = by_party.get(_party_key(clause.event)) or by_key.get(_key(clause.event), [])
        chosen = _choose(clause, told, lead, article.published)
        if chosen.source == "published" or chosen.reason == "background_undated":
            chosen = sentence_past(clause.sent, clause.event, article.published) or chosen
        chosen.apply(clause.event)
        outcomes.append(chosen.source or chosen.reason or "none")
    return outcomes


def _quoted_relative(clause: _Clause) -> bool:
    """The clause's own date comes from a deictic expression inside a quotation ("'today's hearing'")."""
    expr = clause.date.expr
    return clause.sent is not None and expr is not None and expr.relative and _quoted(clause.sent.text, expr.start)


def _to_speech_day(clauses: list[_Clause], day: EventDate | None, published: dt.date | None) -> list[_Clause]:
    """Move quoted deictic dates from the publication day to the article's news day, when the speech was made.

    "'We have learned nothing new in today's proceedings,' she said", in a Wednesday paper telling
    Tuesday's news, is Tuesday's: "today" is the speaker's day, not the paper's.
    """
    if day is None or day.date is None or published is None:
        return clauses
    shift = day.date - published
    moved = []
    for clause in clauses:
        own = clause.date
        if own.date is not None and _quoted_relative(clause):
            end = own.date_end + shift if own.date_end is not None else None
            clause = replace(clause, date=replace(own, date=own.date + shift, date_end=end))
        moved.append(clause)
    return moved


def _choose(
    clause: _Clause, same_event: list[EventDate], lead: EventDate | None, published: dt.date | None
) -> EventDate:
    own = clause.date
    finer = [d for d in same_event if d is not own and _finer(own, d)]
    if own.date is not None:
        if finer:
            best = min(finer, key=lambda d: _RANK.get(d.granularity or "day", 0))
            return EventDate(best.date, best.date_end, "story", best.granularity, None, best.expr)
        return EventDate(own.date, own.date_end, "clause", own.granularity, None, own.expr)
    if own.expr is not None:
        return own  # a relative date without an anchor, a vague or out-of-range expression: its reason stands
    if clause.sequel is not None:
        return clause.sequel
    if clause.shift is not None:
        # "The crash comes a day after the Taliban swapped...": counted from the main clause's day, else from
        # the day of the news the main clause tells (the lead's, the news day, the publication)
        base = clause.main or (lead if lead is not None and lead.granularity == "day" else None)
        day = base.date if base is not None else published
        if day is not None:
            return EventDate(day + dt.timedelta(days=clause.shift), None, "context", "day", None, None)
    narrative = clause.narrative
    if narrative is not None and not clause.background and (lead is None or lead.date != narrative.date):
        # the story told just before, on a day other than the lead's: nearer than the same parties and type
        # told elsewhere, which in a crime story may well be another of the night's acts
        return narrative
    # the same parties and type told elsewhere lend their date when both mentions are the news of the day
    # (a conviction in 1998 is not the guilty plea of this week) or this one is background too
    others = [d for d in same_event if d.date is not None and (clause.background or _recent(d, published))]
    if others:
        best = min(others, key=lambda d: _RANK.get(d.granularity or "day", 0))
        if lead is not None and lead.date is not None and not clause.background and _finer(best, lead):
            return _from_lead(lead)  # "agreed this week" told elsewhere, the lead's Friday: that Friday
        return EventDate(best.date, best.date_end, "story", best.granularity, None, best.expr)
    context = clause.paragraph
    if context is not None and context.date is not None and clause.background:
        # "In December 2017, a court convicted Orujov. He was jailed...": the paragraph tells that time
        return EventDate(context.date, context.date_end, "context", context.granularity, None, context.expr)
    if clause.background:
        return EventDate(None, reason="background_undated")
    if lead is not None and lead.date is not None:
        return _from_lead(lead)
    if published is None:
        return EventDate(None, reason="no_date_in_text")
    return EventDate(published, None, "published", "day")


def _from_lead(lead: EventDate) -> EventDate:
    """The lead's date lent to a follow-up, recorded as the lead's or as the article's news day."""
    source: DateSource = "news_day" if lead.source == "news_day" else "lead"
    return EventDate(lead.date, lead.date_end, source, lead.granularity, None, lead.expr)
