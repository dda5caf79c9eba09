"""Background in a news story: whether an event's clause recalls the past rather than telling the news.

`dates_context.assign_dates` leaves background told in the past without a date of its own undated (never the
publication day) or gives it the date its paragraph told before; this module says which clauses are
background: a past perfect (unless "just" done, or backshifted by a past verb of saying), "since ...", a cue
("in the past", "previously", "years ago") whose scope is the event's clause, and a past tense in a paragraph
dated years back. An old date told inside what a speaker says or recalls ("recalling that Morocco was the
first country to recognize the United States in 1777") dates that act only, not its paragraph (`recalled`).
"""

from __future__ import annotations

from annales.pipeline.resolve.dates import REPORTING_VERBS, sentence_tense
from annales.records import Sentence, Token

# Words that put a clause in the past of the story (background), not in its news.
_BACKGROUND_PHRASES = (
    "in the past",
    "previously",
    "the last time",
    "last time",
    "at the time",
    "back in",
    "years ago",
    "decades ago",
    "historically",
    "used to",
    "for years",
    "in recent years",
    "over the years",
    "earlier in the year",
    "once again",
    "formerly",
)
_BACKGROUND_ADVERBS = frozenset({"previously", "formerly", "once", "historically", "earlier", "before"})


def _past_perfect(sent: Sentence, verb: int) -> bool:
    auxes = [t for t in sent.tokens if t.head == verb and t.dep in ("aux", "auxpass")]
    return any(t.text.lower() in ("had", "'d") for t in auxes) and sent.tokens[verb].tag == "VBN"


def _recent_perfect(sent: Sentence, verb: int) -> bool:
    """A past perfect that tells the news, not the background: "had just spoken by telephone", or the
    backshift of reported speech ("Erdogan's office said he had accepted the apology": he has accepted it)."""
    if any(t.head == verb and t.dep == "advmod" and t.text.lower() == "just" for t in sent.tokens):
        return True
    tok = sent.tokens[verb]
    head = sent.tokens[tok.head]
    return tok.dep == "ccomp" and head.lemma.lower() in REPORTING_VERBS and head.tag == "VBD"


def verb_of(sent: Sentence, index: int) -> int:
    """The verb whose tense the event at token `index` takes: its own clause's, or for an infinitive
    complement the governing verb's ("protesters have tried to block the plant": the trying is past)."""
    seen: set[int] = set()
    while index not in seen:
        seen.add(index)
        tok = sent.tokens[index]
        if tok.pos in ("VERB", "AUX") and not (tok.tag == "VB" and tok.dep == "xcomp"):
            return index
        if tok.head == index:
            return index
        index = tok.head
    return index


def _since(sent: Sentence, verb: int) -> bool:
    """A "since..." clause or bound on the event ("have accused X since the election", "since it invaded"):
    an act that began before the news, not the news of the day."""
    return any(t.head == verb and t.dep in ("mark", "prep") and t.text.lower() == "since" for t in sent.tokens)


def is_background(sent: Sentence, trigger: int | None, *, paragraph_past: bool = False) -> bool:
    """Past-context detection for one event's clause (tense, aspect, cue words, its paragraph).

    Args:
        sent: the event's sentence (with tokens).
        trigger: the trigger token, None when unknown.
        paragraph_past: an earlier sentence of the same paragraph is dated years before publication.

    Returns:
        True when the event is background recalled in the past rather than the article's news.
    """
    if trigger is not None and sent.tokens and sentence_tense(sent, trigger) == "future":
        return False  # "he will examine how the parolee was monitored": what is to come is no recollection
    lower = sent.text.lower()
    cues = [at for phrase in _BACKGROUND_PHRASES if (at := lower.find(phrase)) >= 0]
    if cues and (trigger is None or not sent.tokens):
        return True
    if trigger is None or not sent.tokens:
        return paragraph_past
    verb = verb_of(sent, trigger)
    if any(_cue_scopes(sent, at, verb) for at in cues):
        return True
    if _past_perfect(sent, verb) and not _recent_perfect(sent, verb):
        return True
    if _since(sent, verb):
        return True
    if any(t.head == verb and t.dep == "advmod" and t.text.lower() in _BACKGROUND_ADVERBS for t in sent.tokens):
        return True
    return paragraph_past and _is_past(sent.tokens[verb])


# Verbs that recall the past inside a present report: "highlighted the relations, recalling that Morocco was the
# first country to recognize the United States in 1777".
_RECALLING_VERBS = REPORTING_VERBS | {"recall", "remind", "recount", "stress", "underline", "emphasize", "emphasise"}


def recalled(sent: Sentence, trigger: int) -> bool:
    """The act is told inside what a speaker says or recalls (a content clause of a verb of saying): an old date
    there dates that act, not the paragraph's story, which stays the day's report."""
    index, seen = trigger, 0
    while sent.tokens[index].head != index and seen < len(sent.tokens):
        tok = sent.tokens[index]
        if tok.dep == "ccomp" and sent.tokens[tok.head].lemma.lower() in _RECALLING_VERBS:
            return True
        index, seen = tok.head, seen + 1
    return False


def _cue_scopes(sent: Sentence, at: int, verb: int) -> bool:
    """The background cue at character `at` of the sentence belongs to the event's clause or one above it:
    "In the past, Abbas met Olmert" is background, "Abbas reiterated his calls, citing previously signed
    agreements" is not (the cue dates the signing)."""
    cue = next((t.i for t in sent.tokens if t.idx - sent.start >= at), None)
    if cue is None:
        return True
    scope = verb_of(sent, cue)
    chain = {verb}
    while sent.tokens[verb].head != verb and len(chain) < len(sent.tokens):
        verb = sent.tokens[verb].head
        chain.add(verb)
    return scope in chain or sent.tokens[scope].pos not in ("VERB", "AUX")


def _is_past(tok: Token) -> bool:
    return tok.tag in ("VBD", "VBN")
