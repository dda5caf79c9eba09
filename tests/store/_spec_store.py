"""A small store for the GDELT and PLOVER export tests: every case their specs name, written by hand.

Events (doc d<n>, event e<n>):
    e1  USA.GOV -> NATO (an IGO) CONSULT in Kyiv, dated to the day, http URL, story s1
    e2  RUS.POL -> UNO.MIL COERCE in Texas (a US state), dated to a month (May 2014), a local file: no URL,
        no source name, its site is the folder it was read from
    e3  unresolved actor ("gunmen") ASSAULT, no recipient, undated, URL with a javascript: scheme
    e4  UKR -> RUS SANCTION, place: the country Russia, dated a year, ftp URL, no run recorded
"""

from __future__ import annotations

import datetime as dt

from annales.config import PipelineConfig
from annales.records import Actor, Article, Event, Place, Sentence
from annales.store.store import Store


def _article(
    index: int,
    *,
    actor: Actor,
    recipient: Actor | None,
    kind: tuple[str, str, float, int],
    date: tuple[dt.date | None, dt.date | None, str | None],
    place: Place | None,
    url: str | None,
) -> Article:
    lead = "Officials said on Monday that talks went on. "
    body = f"{actor.text} acted against {recipient.text if recipient else 'the town'} today, sources said."
    text = lead + body
    start = len(lead)
    trigger = text.index("acted")
    doc_id = f"d{index}"
    ptype, cameo, goldstein, quad = kind
    day, end, granularity = date
    event = Event(
        event_id=f"e{index}", doc_id=doc_id, sentence_index=1, sentence=body, span=(start, trigger + len("acted")),
        actor=actor, recipient=recipient, type=ptype, mode="visit" if ptype == "CONSULT" else None,
        contexts=("diplomatic",), cameo=cameo, goldstein=goldstein, quad=quad, status="occurred", negated=False,
        confidence=0.8, trigger="acted", published=dt.date(2014, 6, 2), date=day, date_end=end,
        granularity=granularity, date_source="text" if day else None, place=place,
    )  # fmt: skip
    return Article(
        doc_id=doc_id, uri=f"/home/analyst/crawl/{doc_id}.html", url=url, format="html", text=text,
        title=f"Story {index}", published=dt.date(2014, 6, 2), language="en",
        source=None if url is None else "Wire", site=None if url else "/home/analyst/crawl",
        sentences=[Sentence(0, 0, len(lead) - 1, lead.strip()), Sentence(1, start, len(text), body)],
        events=[event],
    )  # fmt: skip


def spec_articles() -> list[Article]:
    """The four articles described in the module docstring (e4 is written by `spec_store` without a run)."""
    usa = Actor("Kerry", "USA.GOV", "USA", "GOV", "John Kerry")
    nato = Actor("the alliance", "NATO", "NATO", "IGO", "NATO")
    return [
        _article(1, actor=usa, recipient=nato, kind=("CONSULT", "042", 1.9, 1),
                 date=(dt.date(2014, 3, 3), None, "day"), place=Place("Kyiv", "city", "UKR", 50.4501, 30.5234),
                 url="https://news.example/d1"),
        _article(2, actor=Actor("Russian police", "RUS.POL", "RUS", "POL", "Russia"),
                 recipient=Actor("UN peacekeepers", "UNO.MIL", "UNO", "IGO", "United Nations"),
                 kind=("COERCE", "173", -5.0, 4), date=(dt.date(2014, 5, 1), dt.date(2014, 5, 31), "month"),
                 place=Place("Texas", "region", "USA", 31.0, -100.0), url=None),
        _article(3, actor=Actor("gunmen", None, None, None, None, reason="unknown_name"), recipient=None,
                 kind=("ASSAULT", "190", -10.0, 4), date=(None, None, None), place=None,
                 url="javascript:alert(1)"),
        _article(4, actor=Actor("Ukraine", "UKR", "UKR", None, "Ukraine"),
                 recipient=Actor("Moscow", "RUS.GOV", "RUS", "GOV", "Russia"), kind=("SANCTION", "163", -8.0, 4),
                 date=(dt.date(2014, 1, 1), dt.date(2014, 12, 31), "year"),
                 place=Place("Russia", "country", "RUS", 60.0, 100.0), url="ftp://files.example/d4"),
    ]  # fmt: skip


def spec_store() -> Store:
    """An in-memory store with the four articles: three from a recorded run, e4 from none."""
    store = Store(":memory:")
    articles = spec_articles()
    run_id = store.start_run(config=PipelineConfig.load(None).to_dict())
    store.write(articles[:3], run_id=run_id)
    store.write(articles[3:], run_id="unrecorded")
    store.con.execute("UPDATE events SET story_id = 's1' WHERE event_id = 'e1'")
    return store
