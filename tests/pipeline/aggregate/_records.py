"""Hand-built articles and events for the finalize tests (no parser)."""

from __future__ import annotations

import datetime as dt

from annales.records import Actor, Article, Event, Place, Sentence

COUNTRY_NAMES = {"USA": "United States", "RUS": "Russia", "SYR": "Syria", "FRA": "France"}


def actor(country: str | None) -> Actor:
    return Actor(
        text=country or "someone", code=country, country=country, sector=None, name=COUNTRY_NAMES.get(country or "")
    )


def event(
    doc_id: str,
    n: int,
    sentence: str,
    *,
    type: str = "CONSULT",
    actor_country: str | None = "USA",
    recipient_country: str | None = "RUS",
    date: dt.date | None = None,
    published: dt.date | None = None,
    negated: bool = False,
    status: str = "occurred",
    place: Place | None = None,
    date_reason: str | None = None,
    start: int = 0,
    granularity: str | None = None,
    mode: str | None = None,
) -> Event:
    return Event(
        event_id=f"{doc_id}-{n}", doc_id=doc_id, sentence_index=n, sentence=sentence,
        span=(start, start + len(sentence)), actor=actor(actor_country),
        recipient=actor(recipient_country) if recipient_country else None, type=type, mode=mode, contexts=(),
        cameo="040", goldstein=1.0, quad=1, status=status, negated=negated, confidence=0.8,  # type: ignore[arg-type]
        trigger=sentence.split()[1] if len(sentence.split()) > 1 else "", published=published, date=date,
        date_source="text" if date else None, granularity=granularity or ("day" if date else None),
        date_reason=date_reason, place=place,
    )  # fmt: skip


def article(
    doc_id: str,
    text: str,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    title: str | None = None,
    events: list[Event] | None = None,
) -> Article:
    """An article whose sentences are its lines; events are attached as given."""
    sentences, start = [], 0
    for i, line in enumerate(text.split("\n")):
        sentences.append(Sentence(i, start, start + len(line), line))
        start += len(line) + 1
    return Article(
        doc_id=doc_id, uri=f"mem://{doc_id}", format="text", text=text, title=title, source=source,
        published=published, sentences=sentences, events=list(events or []),
    )  # fmt: skip
