"""The pairs of parties a sentence's events keep: a measure never aimed at its own country, one event per dyad.

`PloverCoder._events` turns a frame into (actor, recipient) pairs; `no_own_target` drops a recipient that a
country's measure cannot have ("import tariffs are a tax", an economist said: the article's country guessed on
both sides), and `merge_duplicates` keeps one event per (actor, recipient, type, status) in a sentence.
"""

from __future__ import annotations

from annales.pipeline.coding.predicates import Predicate
from annales.records import Actor, Event

# Measures one country takes against another: never against itself.
TRADE_MEASURES = frozenset({"tariff", "sanction", "embargo", "duty"})


def no_own_target(pred: Predicate, pairs: list[tuple[Actor, Actor | None]]) -> list[tuple[Actor, Actor | None]]:
    """A country puts tariffs and sanctions (the nouns) on another one, never on itself: a recipient of the
    actor's own country is no target, and the event keeps its actor alone."""
    if pred.entry.pos != "N" or pred.entry.lemma not in TRADE_MEASURES:
        return pairs
    kept: list[tuple[Actor, Actor | None]] = []
    for actor, recipient in pairs:
        own = recipient is not None and bool(actor.country) and actor.country == recipient.country
        pair = (actor, None if own else recipient)
        if all(pair[0] is not a or pair[1] is not r for a, r in kept):
            kept.append(pair)
    return kept


def merge_duplicates(events: list[Event]) -> list[Event]:
    """Keep one event per (actor, recipient, type, status) in a sentence: with a mode first, then most confident."""
    best: dict[tuple[str, str, str, str, bool], Event] = {}
    for event in events:
        key = (event.actor.code or "", code_of(event.recipient), event.type, event.status, event.negated)
        kept = best.get(key)
        if kept is None or (event.mode is not None, event.confidence) > (kept.mode is not None, kept.confidence):
            best[key] = event
    keep = {id(e) for e in best.values()}
    return [e for e in events if id(e) in keep]


def code_of(actor: Actor | None) -> str:
    """The code of a party, "" for none."""
    return actor.code or "" if actor is not None else ""
