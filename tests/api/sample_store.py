"""A small hand-made store for the API and browser tests: Article/Event records written with Store.write.

No coder is needed; `build_store(finalized=True)` also merges two mentions of one meeting the
way the finalize step does, so the tests cover stores before and after finalize.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from annales.records import Actor, Article, Event, Place, Sentence
from annales.store.store import Store

SCRIPT_TEXT = "<script>alert('x')</script> Officials met."
# The explorer answers only its own host names (issue 14); test clients call it as a browser on loopback would.
BASE_URL = "http://127.0.0.1"

_TEXTS = {
    "d1": "Kerry met Lavrov in Geneva on Monday. Russia accused the United States of meddling.",
    "d2": "Lavrov and Kerry held talks in Geneva. Washington promised aid to Kiev.",
    "d3": SCRIPT_TEXT + " Moscow threatened sanctions against Washington.",
}
_SOURCES = {"d1": "Daily Planet", "d2": "Evening Post", "d3": "Daily Planet"}
_PUBLISHED = {"d1": dt.date(2014, 3, 3), "d2": dt.date(2014, 3, 4), "d3": dt.date(2014, 5, 10)}

USA = ("USA.GOV", "USA", "GOV")
RUS = ("RUS.GOV", "RUS", "GOV")
UKR = ("UKR.GOV", "UKR", "GOV")
GENEVA = Place("Geneva", "city", "CHE", 46.2, 6.15)
GENEVA_NAMED = Place("Geneva", "city", "CHE", 46.2, 6.15, source="text")  # the second report names the place
MOSCOW = Place("Moscow", "city", "RUS", 55.75, 37.62)


def _actor(text: str, code: tuple[str, str, str], start: int) -> Actor:
    return Actor(
        text=text, code=code[0], country=code[1], sector=code[2], name=text, start=start, end=start + len(text)
    )


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for index, part in enumerate(text.split(". ")):
        chunk = part if part.endswith(".") else part + "."
        out.append(Sentence(index=index, start=start, end=start + len(chunk), text=chunk))
        start += len(part) + 2
    return out


def _event(
    event_id: str, doc_id: str, sent: Sentence, words: tuple[str, str, str], codes: tuple[object, ...], **extra: object
) -> Event:
    actor_text, trigger, recipient_text = words
    actor_code, recipient_code, kind, cameo, goldstein, quad, date = codes
    text = _TEXTS[doc_id]
    start = text.index(trigger, sent.start)
    recipient = None
    if recipient_text:
        recipient = _actor(recipient_text, recipient_code, text.index(recipient_text, sent.start))  # type: ignore[arg-type]
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=sent.index,
        sentence=sent.text,
        span=(start, start + len(trigger)),
        actor=_actor(actor_text, actor_code, text.index(actor_text, sent.start)),  # type: ignore[arg-type]
        recipient=recipient,
        type=kind,  # type: ignore[arg-type]
        mode=None,
        contexts=("diplomatic",),
        cameo=cameo,  # type: ignore[arg-type]
        goldstein=goldstein,  # type: ignore[arg-type]
        quad=quad,  # type: ignore[arg-type]
        status="occurred",
        negated=bool(extra.get("negated", False)),
        confidence=float(extra.get("confidence", 0.9)),  # type: ignore[arg-type]
        trigger=trigger,
        published=_PUBLISHED[doc_id],
        date=date,  # type: ignore[arg-type]
        date_end=date,  # type: ignore[arg-type]
        date_source="text",
        granularity="day",
        place=extra.get("place"),  # type: ignore[arg-type]
        recipient_source=extra.get("recipient_source", "sentence" if recipient else None),  # type: ignore[arg-type]
        actor_source=extra.get("actor_source", "sentence"),  # type: ignore[arg-type]
    )


def sample_articles() -> list[Article]:
    """Three articles, five event mentions, two of them about the same Geneva meeting."""
    articles = []
    for doc_id, text in _TEXTS.items():
        article = Article(
            doc_id=doc_id, uri=f"file:///{doc_id}.txt", format="text", text=text, title=f"Title {doc_id}",
            source=_SOURCES[doc_id], url=f"https://news.example/{doc_id}", published=_PUBLISHED[doc_id],
        )  # fmt: skip
        article.sentences = _sentences(text)
        articles.append(article)
    d1, d2, d3 = articles
    meeting = dt.date(2014, 3, 3)
    d1.events = [
        _event("e1", "d1", d1.sentences[0], ("Kerry", "met", "Lavrov"),
               (USA, RUS, "CONSULT", "040", 1.0, 1, meeting), place=GENEVA),
        _event("e2", "d1", d1.sentences[1], ("Russia", "accused", "United States"),
               (RUS, USA, "ACCUSE", "112", -2.0, 3, dt.date(2014, 3, 3))),
    ]  # fmt: skip
    d2.events = [
        _event("e3", "d2", d2.sentences[0], ("Lavrov", "held talks", "Kerry"),
               (RUS, USA, "CONSULT", "040", 1.0, 1, meeting), place=GENEVA_NAMED),
        _event("e4", "d2", d2.sentences[1], ("Washington", "promised aid", "Kiev"),
               (USA, UKR, "AID", "033", 5.2, 2, dt.date(2014, 3, 4)), confidence=0.6, recipient_source="context",
               actor_source="context"),
    ]  # fmt: skip
    d3.events = [
        _event("e5", "d3", d3.sentences[-1], ("Moscow", "threatened sanctions", "Washington"),
               (RUS, USA, "THREATEN", "138", -7.0, 4, dt.date(2014, 5, 9)), place=MOSCOW, negated=True),
    ]  # fmt: skip
    for article in articles:
        article.mentions = [e.actor for e in article.events]
    # An actor mention of the meeting's sentence that stayed unresolved (shown beside the event).
    start = d1.text.index("Geneva")
    d1.mentions.append(Actor(text="Geneva", code=None, country=None, sector=None, name=None, start=start,
                             end=start + len("Geneva"), reason="place"))  # fmt: skip
    return articles


def _finalize(store: Store) -> None:
    # What the finalize step does, by hand: e1 and e3 report the same meeting.
    con = store.con
    con.execute(
        """INSERT INTO merged_events
        SELECT 'm-' || event_id, type, mode, cameo, goldstein, quad, actor_code, actor_country, actor_name,
            recipient_code, recipient_country, recipient_name, status, negated, confidence, date, date_end,
            date_source, granularity, place_name, place_country, place_lat, place_lon,
            CASE WHEN event_id = 'e1' THEN 2 ELSE 1 END, CASE WHEN event_id = 'e1' THEN 2 ELSE 1 END,
            CASE WHEN event_id = 'e1' THEN 2 ELSE 1 END, event_id, 's1'
        FROM events WHERE event_id <> 'e3'"""
    )
    con.execute("UPDATE events SET merged_id = 'm-' || event_id WHERE event_id <> 'e3'")
    con.execute("UPDATE events SET merged_id = 'm-e1' WHERE event_id = 'e3'")
    con.execute("UPDATE documents SET story_id = 's1'")
    con.execute("INSERT INTO stories VALUES ('s1', 'Crimea talks', DATE '2014-03-03', DATE '2014-05-09', 3, 4)")


def build_store(path: Path, *, finalized: bool) -> Path:
    """Write the sample articles to a store file; merge events like finalize when asked."""
    with Store(path) as store:
        store.write(sample_articles(), run_id="test")
        if finalized:
            _finalize(store)
    return path
