"""Convenience entry points of the coder: code an article already parsed, or one text from scratch (the
function behind `annales code`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from annales.pipeline.coding.coder import PloverCoder
from annales.records import Article, Event

if TYPE_CHECKING:
    from annales.pipeline.actors import ActorTable
    from annales.pipeline.nlp.parse import SpacyParser


def code_article(article: Article, *, coder: PloverCoder | None = None) -> list[Event]:
    """Code an article whose sentences and mentions are filled; returns its events."""
    stage = coder or PloverCoder()
    stage.process(article)
    return article.events


def code_text(
    text: str,
    *,
    published: dt.date | None = None,
    table: ActorTable | None = None,
    parser: SpacyParser | None = None,
    coder: PloverCoder | None = None,
    doc_id: str = "text",
) -> list[Event]:
    """Parse, resolve actors and code one text; the function behind `annales code`.

    Args:
        text: plain text.
        published: publication date, anchors dates and actor roles.
        table: an `ActorTable` (default: `ActorTable.default()`).
        parser: a `SpacyParser` (default: a new one; pass one to reuse the loaded model).
        coder: a `PloverCoder` (default: a new one with default options).
        doc_id: the id events carry.

    Returns:
        The events, in sentence order.

    Example:
        >>> code_text("Kerry will travel to Moscow on July 14 to meet Lavrov.", published=dt.date(2016, 7, 11))
    """
    from annales.pipeline.actors import ActorStage, ActorTable
    from annales.pipeline.nlp.parse import SpacyParser

    spacy_stage = parser or SpacyParser()
    actor_table = table or ActorTable.default()
    article = Article(doc_id=doc_id, uri=doc_id, format="text", text=text, published=published)
    article.sentences = spacy_stage.parse(text)
    ActorStage(table=actor_table).process(article)
    return code_article(article, coder=coder)
