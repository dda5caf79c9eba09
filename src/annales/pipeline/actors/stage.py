"""The actor stage: fill `article.mentions` from parsed sentences."""

from __future__ import annotations

from typing import ClassVar

from annales.pipeline.actors.options import ResolveOptions
from annales.pipeline.actors.resolve import ActorResolver
from annales.pipeline.actors.table import ActorTable
from annales.pipeline.base import Stage
from annales.records import Article


class ActorStage(Stage):
    """Resolve actor mentions of each article, dated by its publication date.

    Counts `mentions`, `resolved` and `unresolved_<reason>` in `stats`.

    Args:
        table: the actor table; None uses the bundled one.
        options: resolution options.

    Example:
        >>> stage = ActorStage(table=ActorTable.default())  # doctest: +SKIP
        >>> [m.code for m in stage.process(article).mentions]  # doctest: +SKIP
        ['USA.GOV', 'RUS.GOV']
    """

    name: ClassVar[str] = "annales.actors.v1"
    requires: ClassVar[tuple[str, ...]] = ("article.sentences", "sentence.parse")
    assigns: ClassVar[tuple[str, ...]] = ("article.mentions", "mention.actor_code")

    def __init__(self, *, table: ActorTable | None = None, options: ResolveOptions | None = None) -> None:
        super().__init__()
        self.resolver = ActorResolver(table or ActorTable.default(), options)

    def process(self, article: Article) -> Article:
        per_sentence = self.resolver.resolve_article(article.sentences, as_of=article.published, text=article.text)
        mentions = sorted((actor for actors in per_sentence for actor in actors), key=lambda actor: actor.start)
        article.mentions = mentions
        self.count("mentions", len(mentions))
        for actor in mentions:
            self.count("resolved" if actor.code else f"unresolved_{actor.reason}")
        return article
