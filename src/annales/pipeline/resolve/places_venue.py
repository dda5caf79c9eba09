"""Where a meeting told in one sentence was held, as the next sentence says: "The CEOs met for the first time on
June 17 ... The meeting took place in Brussels." The second sentence names no party and is no event of its own;
its place is the meeting's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.pipeline.resolve.places_toponyms import resolve_toponym
from annales.records import Article, Place, Sentence

if TYPE_CHECKING:
    from annales.pipeline.resolve.gazetteer import Gazetteer
    from annales.pipeline.resolve.places_toponyms import PlaceContext

# Nouns that name a meeting; with a determiner that points back ("the meeting", "these talks") they are the
# meeting the sentence before told.
MEETING_NOUNS = frozenset(
    {"meeting", "talks", "talk", "summit", "session", "conference", "negotiation", "negotiations", "discussion"}
    | {"discussions", "consultation", "consultations", "gathering", "encounter"}
)
_POINTING = frozenset({"the", "this", "that", "these", "those", "their", "its"})
# How a sentence says where it was: "took place in", "was held in", "happened in", "was in".
_VENUE_VERBS = frozenset({"take", "hold", "happen", "occur", "be", "convene"})
# How many sentences after the meeting the venue sentence may come.
VENUE_WINDOW = 2


def meeting_venues(article: Article, gazetteer: Gazetteer, context: PlaceContext) -> dict[int, tuple[int, Place]]:
    """Sentence index -> (index of the venue sentence, its place) for the sentences a venue sentence follows
    within VENUE_WINDOW sentences."""
    found: dict[int, tuple[int, Place]] = {}
    for sent in article.sentences:
        place = _venue(sent, gazetteer, context)
        if place is None:
            continue
        for before in range(sent.index - VENUE_WINDOW, sent.index):
            found.setdefault(before, (sent.index, place))
    return found


def _venue(sent: Sentence, gazetteer: Gazetteer, context: PlaceContext) -> Place | None:
    """The place of "The meeting took place in Brussels" (a meeting noun pointed back to, a verb of taking
    place, "in" or "at" a place), else None."""
    tokens = sent.tokens
    for tok in tokens:
        if tok.dep not in ("nsubj", "nsubjpass") or tok.lemma.casefold() not in MEETING_NOUNS:
            continue
        if not any(t.head == tok.i and t.dep in ("det", "poss") and t.text.casefold() in _POINTING for t in tokens):
            continue
        verb = tokens[tok.head]
        if verb.lemma.casefold() not in _VENUE_VERBS:
            continue
        if verb.lemma.casefold() == "take" and not any(t.head == verb.i and t.lemma == "place" for t in tokens):
            continue  # "the talks took months"
        if verb.lemma.casefold() == "hold" and tok.dep != "nsubjpass":
            continue  # "the meeting held no surprises"
        for prep in (t for t in tokens if t.head == verb.i and t.dep == "prep" and t.lemma in ("in", "at")):
            for obj in (t for t in tokens if t.head == prep.i and t.dep == "pobj" and t.pos == "PROPN"):
                name = " ".join(t.text for t in tokens if t.head == obj.i and t.dep == "compound" and t.i < obj.i)
                place = resolve_toponym(f"{name} {obj.text}".strip(), context=context, gazetteer=gazetteer)
                if place is not None and place.feature in ("city", "region"):
                    return place
    return None
