"""Record types that flow between pipeline stages.

One article flows through the stages as an `Article`; stages fill in its fields
(`text`, `sentences`, `mentions`, `events`). Records are slotted dataclasses, never dicts.
See ARCHITECTURE.md for which stage assigns which field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from annales.codes import DateSource, EventStatus, Granularity, PartySource

DocStatus = Literal["ok", "skipped", "error"]
InputFormat = Literal["html", "text", "jsonl", "warc"]


@dataclass(slots=True)
class Token:
    """One token of a parsed sentence; `idx` is its character offset in the article text."""

    i: int  # index within the sentence
    text: str
    idx: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index within the sentence of the syntactic head (self for the root)
    ent_type: str = ""
    ent_iob: str = "O"  # B, I or O
    morph: str = ""

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(slots=True)
class Entity:
    """A named-entity span of a sentence, in token indices [start, end) within the sentence."""

    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class Sentence:
    """A sentence of an article: character span [start, end) in `Article.text` and its parse."""

    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dropped: str | None = None  # reason the coder skipped it, e.g. "too_long", "duplicate"
    recognised: bool = True  # the entity recogniser has run on it (`entities` is then its whole answer)


@dataclass(slots=True)
class Actor:
    """An actor resolved from a mention: its code and what the text said."""

    text: str
    code: str | None  # "USA.GOV", "NATO", None when unresolved
    country: str | None
    sector: str | None
    name: str | None  # canonical name, e.g. "John Kerry" or "Russia"
    start: int = -1  # character span in the article text
    end: int = -1
    reason: str | None = None  # why `code` is None, e.g. "unknown_name"
    kind: str | None = None  # what it names: country, capital, place, person, national, org, group, agent, name

    @property
    def is_place(self) -> bool:
        """A country, capital or other place name: a venue when it follows "in"/"at", not a party."""
        return self.kind in ("country", "capital", "place")


@dataclass(slots=True)
class Place:
    """Where an event happened, GeoNames-style."""

    name: str
    feature: Literal["city", "region", "country", "area"]
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    source: str | None = None  # how it was found: places.PlaceSource ("clause", "visit", "story", "nearby"...)


@dataclass(slots=True)
class Event:
    """One coded event, traced to its sentence and character span."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]  # characters in the article text
    actor: Actor
    recipient: Actor | None
    type: str  # PLOVER type
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    goldstein: float
    quad: int
    status: EventStatus
    negated: bool
    confidence: float
    trigger: str = ""
    published: dt.date | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_source: DateSource | None = None
    granularity: Granularity | None = None
    date_reason: str | None = None  # why `date` is None
    place: Place | None = None
    place_reason: str | None = None  # why `place` is None
    doc_uri: str = ""
    recipient_source: PartySource | None = None  # None when there is no recipient
    actor_source: PartySource = "sentence"  # "context": the party named last in the sentences before
    features: tuple[float, ...] = ()  # inputs of the calibrated confidence (coding.confidence); not stored


@dataclass(slots=True)
class Article:
    """A document from ingestion to coding.

    `doc_id` is derived from the content, so the same input always yields the same id.
    A document that cannot be processed keeps `status="error"` (or "skipped") and a
    short `error` reason; it still reaches the store.
    """

    doc_id: str
    uri: str
    format: InputFormat
    raw: bytes = b""  # undecoded input; cleared after extraction
    text: str = ""
    title: str | None = None
    site: str | None = None
    source: str | None = None  # outlet name when given, e.g. JSONL "source"
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # "metadata", "htmldate", "dateline", "line"
    published_reason: str | None = None  # why `published` is None
    language: str | None = None
    status: DocStatus = "ok"
    error: str | None = None
    removed: dict[str, int] = field(default_factory=dict)  # boilerplate lines removed, by reason
    kept: dict[str, int] = field(default_factory=dict)  # lines that looked like chrome but were kept, by reason
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # input fields we keep verbatim

    def fail(self, reason: str, *, status: DocStatus = "error") -> None:
        """Mark the article as failed (or skipped) with a short, countable reason."""
        self.status = status
        self.error = reason
        self.raw = b""
