"""Document context for the coder: the pair a story is about and the speakers of its quotations.

The coder walks an article sentence by sentence and tells the context what it coded; frames ask it
who "they" or "the two ministers" are (the two parties of the latest two-party event, of two countries
or two sides of one, else the last two countries named), who "we" is inside a quotation (the actor who
says it in the same sentence, else the speaker of the previous sentence's quotation), and who an act with
no recipient in its sentence is aimed at (the party named last in the sentences before: "The lawmakers
failed to answer the invitation" after "The police had invited the lawmakers...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annales.pipeline.coding.syntax import SAY_VERBS, ParsedSentence
from annales.records import Actor, Event

# How far back (in sentences) the pair of a plural subject is looked for.
PAIR_WINDOW = 3
# How far back (in sentences) the party is looked for that an act with no actor or no recipient in its
# sentence takes from the story (`last_party`).
PARTY_WINDOW = 6
_QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})


@dataclass(slots=True)
class DocumentContext:
    """What the coder has seen so far in one article."""

    mentions: list[Actor]
    sentence_starts: list[int] = field(default_factory=list)  # character offset of each sentence, in order
    pairs: list[tuple[int, Actor, Actor]] = field(default_factory=list)  # (sentence, actor, recipient) coded
    speakers: dict[int, Actor] = field(default_factory=dict)  # sentence index -> speaker of its quotation

    def main_country(self) -> str | None:
        """The country the article names most (resolved state mentions), ties to the first named."""
        counts: dict[str, int] = {}
        for mention in self.mentions:
            country = mention.country
            if mention.code and country and len(country) == 3 and mention.sector != "IGO":
                counts[country] = counts.get(country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def note_events(self, sent_index: int, events: list[Event]) -> None:
        """Remember the two-party events of a sentence, latest last (two sides of one country too: the
        government and the opposition)."""
        for event in events:
            actor, recipient = event.actor, event.recipient
            if recipient is not None and recipient.code and actor.code and actor.code != recipient.code:
                self.pairs.append((sent_index, actor, recipient))

    def recent_pair(self, sent_index: int, *, before: int) -> tuple[Actor, Actor] | None:
        """The story's pair for a plural subject at character `before` of sentence `sent_index`."""
        for index, actor, recipient in reversed(self.pairs):
            if sent_index - index <= PAIR_WINDOW:
                return actor, recipient
            break
        seen: dict[str, Actor] = {}
        for mention in reversed(self.mentions):
            if mention.start >= before or not mention.code or not mention.country:
                continue
            if mention.country not in seen:
                seen[mention.country] = mention
            if len(seen) == 2:
                first, second = seen.values()
                return second, first
        return None

    def last_party(self, ps: ParsedSentence, *, actors: list[Actor]) -> Actor | None:
        """The resolved party named last in the PARTY_WINDOW sentences before sentence `ps` that is on
        none of the `actors`' sides (`same_side`)."""
        first = max(0, ps.sent.index - PARTY_WINDOW)
        floor = self.sentence_starts[first] if first < len(self.sentence_starts) else 0
        found: Actor | None = None
        for mention in reversed(self.mentions):
            if not (mention.code and floor <= mention.start and mention.end <= ps.sent.start):
                continue
            if (found is None or mention.start > found.start) and not any(same_side(a, mention) for a in actors):
                found = mention
        return found

    def note_sentence(self, ps: ParsedSentence) -> None:
        """Remember who speaks in a sentence ("X said...", "'...', X said"), for the quotations after it."""
        found = _say_subject(ps, outside_quotes_only=False)
        if found is not None:
            self.speakers.setdefault(ps.sent.index, found)

    def speaker(self, ps: ParsedSentence) -> Actor | None:
        """Who speaks the quotation of sentence `ps`: the sentence's own speaker ("'We will respond,' the
        minister said"), else the speaker of the sentence before ("X said on Monday. 'We urge...'")."""
        index = ps.sent.index
        found = _say_subject(ps) or self.speakers.get(index - 1)
        if found is not None:
            self.speakers.setdefault(index, found)
        return found


def same_side(actor: Actor, other: Actor) -> bool:
    """Same country, and one of them is the country as a whole or both share a sector ("Iran" and
    "Tehran", "the Russian government" and "Lavrov"); "Nigerian lawmakers" and "the police" are not."""
    if actor.country != other.country:
        return False
    return not actor.sector or not other.sector or actor.sector == other.sector


def _say_subject(ps: ParsedSentence, *, outside_quotes_only: bool = True) -> Actor | None:
    """The actor subject of a verb of saying outside the quotation marks of the sentence (any verb of
    saying when `outside_quotes_only` is off)."""
    inside = False
    outside: set[int] = set()
    for tok in ps.tokens:
        if tok.text in _QUOTES:
            inside = not inside
        elif not inside:
            outside.add(tok.i)
    if outside_quotes_only and len(outside) == len(ps.tokens):
        return None  # no quotation
    for tok in ps.tokens:
        if tok.i in outside and ps.lemma(tok.i) in SAY_VERBS:
            subj = ps.subject(tok.i)
            if subj is not None and subj in outside:
                actors = ps.actors_of(subj)
                if actors:
                    return actors[0]
    return None
