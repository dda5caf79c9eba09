"""Helpers of the resolve tests: an article parsed for real with hand-placed events, and what the date and
place stages make of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from annales.pipeline.resolve.dates import EventDateStage
from annales.pipeline.resolve.places import EventPlaceStage
from annales.records import Actor, Article, Event

D = dt.date


def _actor(code: str | None) -> Actor:
    country, _, sector = (code or "").partition(".")
    return Actor(code or "", code, country or None, sector or None, code, kind="country")


def _article(parser: Any, text: str, published: D | None, specs: list[tuple[str, str, str | None, str]]) -> Article:
    """`specs`: (trigger word, actor code, recipient code or None, PLOVER type), in text order."""
    article = Article(doc_id="d", uri="d", format="text", text=text, published=published)
    article.sentences = parser.parse(text)
    cursor = 0
    for n, (trigger, actor, recipient, ptype) in enumerate(specs):
        at = text.index(trigger, cursor)
        cursor = at + len(trigger)
        sent = next(s for s in article.sentences if s.start <= at < s.end)
        article.events.append(
            Event(
                event_id=f"e{n}",
                doc_id="d",
                sentence_index=sent.index,
                sentence=sent.text,
                span=(at, at + len(trigger)),
                actor=_actor(actor),
                recipient=_actor(recipient) if recipient else None,
                type=ptype,
                mode="visit" if trigger in ("hosted", "visited") else None,
                contexts=(),
                cameo="042" if trigger in ("hosted", "visited") else "010",
                goldstein=0.0,
                quad=1,
                status="occurred",
                negated=False,
                confidence=0.9,
                trigger=trigger,
            )
        )
    return article


def _dates(article: Article) -> list[tuple[D | None, str | None, str | None]]:
    EventDateStage().process(article)
    return [(e.date, e.date_source, e.date_reason) for e in article.events]


def _places(article: Article) -> list[tuple[str | None, str | None]]:
    EventPlaceStage().process(article)
    return [
        ((e.place.name if e.place else None), (e.place.source if e.place else e.place_reason)) for e in article.events
    ]
