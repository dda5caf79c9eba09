"""The entity stage (`annales.nlp.entities.v1`): named entities only where the date and place stages read them.

The parse (`annales.nlp.spacy.v3`) leaves spaCy's entity recogniser out: the actors and the coder do
not need it, and it is over 40 % of the parse's time. After the coder, this stage runs the recogniser
on the sentences that need entities:

- `sentences = "events"` (the default): the sentences that hold an event; an article without events
  needs none. (Measured on the blind real-article sets: adding the lead and the sentences of each
  event's paragraph before it, where the place stage also looks, placed no event better, and on val
  and dev a few worse; see docs/benchmarks.md.)
- `sentences = "all"`: every sentence, as a parse with the recogniser gives them.

Only sentences that say `recognised = False` are touched, so after a parse that ran the recogniser
(`annales.nlp.spacy.v1`/`v2`) the stage changes nothing. Consecutive chosen sentences go through the
recogniser as one text (it reads words alone, so it needs no tags or parse), and each sentence gets
the entities that start in it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from annales.pipeline.base import Stage
from annales.pipeline.nlp.parse import MODEL_PACKAGE, shared_model
from annales.records import Article, Entity, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

EntityScope = Literal["events", "all"]


@dataclass(frozen=True, slots=True)
class EntityOptions:
    """Options of the entity stage.

    Args:
        model: the spaCy package whose `ner` component runs (the parse's model).
        sentences: "events" (the sentences the date and place stages read) or "all".
        batch_size: texts per `pipe` batch.
    """

    model: str = MODEL_PACKAGE
    sentences: EntityScope = "events"
    batch_size: int = 32

    def __post_init__(self) -> None:
        if self.sentences not in ("events", "all"):
            raise ValueError(f"sentences must be 'events' or 'all', not {self.sentences!r}")
        if self.batch_size < 1:
            raise ValueError("batch_size must be >= 1")


class EntityStage(Stage):
    """Recognise named entities in the sentences later stages read.

    Example:
        >>> stage = EntityStage()
        >>> article = stage.process(article)  # doctest: +SKIP
        >>> stage.stats["sentences_recognised"]  # doctest: +SKIP
        5
    """

    name: ClassVar[str] = "annales.nlp.entities.v1"
    requires: ClassVar[tuple[str, ...]] = ("article.sentences",)  # and the events, when a coder ran
    assigns: ClassVar[tuple[str, ...]] = ("sentence.entities",)

    def __init__(self, options: EntityOptions | None = None, *, nlp: Language | None = None) -> None:
        super().__init__()
        self.options = options or EntityOptions()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = shared_model(self.options.model)
        return self._nlp

    def process(self, article: Article) -> Article:
        return self.process_batch([article])[0]

    def process_batch(self, articles: list[Article]) -> list[Article]:
        runs = [(article.text, run) for article in articles for run in self._runs(article)]
        if not runs or "ner" not in self.nlp.pipe_names:
            return articles
        ner: Any = self.nlp.get_pipe("ner")
        with self.nlp.memory_zone():
            docs = (_doc(self.nlp, text, run) for text, run in runs)
            for doc, (_, run) in zip(ner.pipe(docs, batch_size=self.options.batch_size), runs, strict=True):
                _assign(doc, run)
                self.count("sentences_recognised", len(run))
        return articles

    def _runs(self, article: Article) -> Iterator[list[Sentence]]:
        """Runs of consecutive sentences to recognise (chosen, not yet recognised, with tokens)."""
        chosen = self.chosen(article)
        self.count("sentences_left", sum(1 for sent in article.sentences if not sent.recognised) - len(chosen))
        run: list[Sentence] = []
        for sent in article.sentences:
            if sent.index in chosen:
                if run and run[-1].index != sent.index - 1:
                    yield run
                    run = []
                run.append(sent)
        if run:
            yield run

    def chosen(self, article: Article) -> set[int]:
        """Indices of the sentences this stage recognises in `article`."""
        waiting = {sent.index for sent in article.sentences if not sent.recognised and sent.tokens}
        if self.options.sentences == "all" or not waiting:
            return waiting
        return {event.sentence_index for event in article.events} & waiting


def _doc(nlp: Language, text: str, run: Sequence[Sentence]) -> Doc:
    """A spaCy Doc of the run's tokens: the tokenizer's own (it also sets the norms of contractions,
    which the recogniser reads), or, should its tokens differ from the run's, one built from the words."""
    from spacy.tokens import Doc

    tokens = [tok for sent in run for tok in sent.tokens]
    doc = nlp.make_doc(text[tokens[0].idx : tokens[-1].end])
    if len(doc) == len(tokens) and all(a.text == b.text for a, b in zip(doc, tokens, strict=True)):
        return doc
    spaces = [a.end < b.idx for a, b in itertools.pairwise(tokens)] + [False]
    return Doc(nlp.vocab, words=[tok.text for tok in tokens], spaces=spaces)


def _assign(doc: Doc, run: Sequence[Sentence]) -> None:
    """Give each sentence of the run its tokens' entity tags and the entities that start in it
    (an entity that would run on into the next sentence ends with its own)."""
    base = 0
    for sent in run:
        end = base + len(sent.tokens)
        carried = True  # tokens at the sentence's start that continue an entity of the sentence before
        for tok, spacy_tok in zip(sent.tokens, doc[base:end], strict=True):
            carried = carried and spacy_tok.ent_iob_ == "I"
            tok.ent_type, tok.ent_iob = ("", "O") if carried else (spacy_tok.ent_type_, spacy_tok.ent_iob_ or "O")
        sent.entities = [
            Entity(ent.start - base, min(ent.end, end) - base, ent.label_, doc[ent.start : min(ent.end, end)].text)
            for ent in doc.ents
            if base <= ent.start < end
        ]
        sent.recognised = True
        base = end
