"""A store of what the explorer must survive (issue 14 §3): the runner's absolute paths, right-to-left
overrides in a document, and an event whose actor code is unknown (actor text kept, code null)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from annales.records import Actor, Article, Event, Sentence
from annales.store.store import Store

ROOT = "/home/analyst/crawl/"
RLO, PDF = "\u202e", "\u202c"
# The override flips everything after it in its paragraph unless the page isolates this text.
RLO_TEXT = f"Officials said {RLO}dias slaiciffO. Rebels attacked the army."
PLAIN_TEXT = "The Rebel Front attacked Russia near Donetsk."


def _event(doc_id: str, text: str, sent: Sentence, trigger: str, actor: Actor, recipient: Actor | None) -> Event:
    start = text.index(trigger, sent.start)
    return Event(
        event_id=f"{doc_id}-e", doc_id=doc_id, sentence_index=sent.index, sentence=sent.text,
        span=(start, start + len(trigger)), actor=actor, recipient=recipient, type="ASSAULT", mode=None,
        contexts=(), cameo="190", goldstein=-10.0, quad=4, status="occurred", negated=False, confidence=0.7,
        trigger=trigger, published=dt.date(2015, 2, 1), date=None, date_reason="no_date_in_text",
        place=None, place_reason="no_toponym",
    )  # fmt: skip


def _unknown(text: str, doc_text: str, reason: str) -> Actor:
    start = doc_text.index(text)
    return Actor(text=text, code=None, country=None, sector=None, name=None, start=start, end=start + len(text),
                 reason=reason)  # fmt: skip


def hostile_articles() -> list[Article]:
    """Two articles read from the runner's home folder: one with an RLO override, one whose actor is unknown."""
    rlo = Article(doc_id="rlo", uri=f"{ROOT}site/rlo.txt", format="text", text=RLO_TEXT, title=f"{RLO}eltit",
                  site=f"{ROOT}site", published=dt.date(2015, 2, 1))  # fmt: skip
    cut = RLO_TEXT.index("Rebels")
    rlo.sentences = [Sentence(0, 0, cut - 1, RLO_TEXT[: cut - 1]), Sentence(1, cut, len(RLO_TEXT), RLO_TEXT[cut:])]
    rebels = _unknown("Rebels", RLO_TEXT, "unknown_name")
    army = Actor(text="army", code="UKR.MIL", country="UKR", sector="MIL", name="army",
                 start=RLO_TEXT.index("army"), end=RLO_TEXT.index("army") + 4)  # fmt: skip
    rlo.events = [_event("rlo", RLO_TEXT, rlo.sentences[1], "attacked", rebels, army)]
    rlo.mentions = [rebels, army]
    plain = Article(doc_id="plain", uri=f"{ROOT}feed.jsonl#line=2", format="jsonl", text=PLAIN_TEXT,
                    title="Front attacks", source="Wire", url="file:///home/analyst/crawl/feed.jsonl",
                    published=dt.date(2015, 2, 2))  # fmt: skip
    plain.sentences = [Sentence(0, 0, len(PLAIN_TEXT), PLAIN_TEXT)]
    front = _unknown("The Rebel Front", PLAIN_TEXT, "unknown_name")
    russia = Actor(text="Russia", code="RUS", country="RUS", sector=None, name="Russia",
                   start=PLAIN_TEXT.index("Russia"), end=PLAIN_TEXT.index("Russia") + 6)  # fmt: skip
    plain.events = [_event("plain", PLAIN_TEXT, plain.sentences[0], "attacked", front, russia)]
    plain.mentions = [front, russia, _unknown("Donetsk", PLAIN_TEXT, "place")]
    return [rlo, plain]


def build_hostile_store(path: Path) -> Path:
    """Write the hostile articles to a store file (not finalized: each mention is its own event)."""
    with Store(path) as store:
        store.write(hostile_articles(), run_id="hostile")
    return path
