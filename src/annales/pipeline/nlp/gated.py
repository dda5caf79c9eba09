"""The gated spaCy stage (`annales.nlp.spacy.v2`): parse only the sentences that can hold an event.

Every text is tokenized and split into sentences cheaply (`segment`); the event gate (`gate`)
decides from the words of each sentence whether it can hold an event. Runs of consecutive kept
sentences go through the whole spaCy pipeline (tagger, parser, entities, lemmatizer) as one text
each, so a kept sentence is parsed with its kept neighbours around it; their sentences carry
character offsets into the article text, exactly as `annales.nlp.spacy.v1` gives them. A sentence
the gate drops is stored with its tokens (text and offsets only, so the actor stage still sees the
names it holds) and `dropped` = "no_actor" or "no_trigger"; the coder skips it.

With `gate = false` the stage parses every sentence, as `annales.nlp.spacy.v1` does.

`annales.nlp.spacy.v3` (`LazyEntityParser`) is the same without the entity recogniser: the actors and
the coder do not need it (measured on the blind real-article sets: events as good or better without
it), and it is over 40 % of the parse's time. Its sentences say `recognised = False`; the entity stage
(`annales.nlp.entities.v1`, after the coder) recognises entities in the sentences the date and place
stages read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from annales.errors import ConfigError
from annales.pipeline.nlp.gate import EventGate, GateOptions, GateVocabulary, WordForms
from annales.pipeline.nlp.parse import ParseOptions, SpacyParser, doc_to_sentences, paragraph_breaks
from annales.pipeline.nlp.segment import Segment, Segmenter
from annales.records import Sentence

if TYPE_CHECKING:
    from annales.pipeline.actors import ActorTable

logger = logging.getLogger(__name__)
# The coder whose learned model's nouns are trigger candidates (coding/coder.py CODER_V2).
CODER_V2 = "annales.coder.plover.v2"
VocabularyFactory = Callable[[], GateVocabulary]


@dataclass(slots=True)
class _Plan:
    """One text split and gated: the parse jobs (runs of kept sentences) and the dropped sentences."""

    text: str
    runs: list[tuple[int, int]] = field(default_factory=list)  # character spans of runs of kept sentences
    dropped: list[Sentence] = field(default_factory=list)
    parsed: list[Sentence] = field(default_factory=list)

    def sentences(self) -> list[Sentence]:
        """Every sentence in text order, numbered from 0."""
        merged = sorted(self.dropped + self.parsed, key=lambda sent: sent.start)
        for index, sent in enumerate(merged):
            sent.index = index
        return merged


class GatedParser(SpacyParser):
    """Split, gate, then parse only the sentences that can hold an event.

    Args:
        options: the spaCy options (model, batch size, length cap).
        gate: the gate options; `GateOptions(enabled=False)` parses everything.
        vocabulary: what the gate looks for, or a function that builds it on first use (the
            registry passes one reading the run's actor table, lexicon, model and verb dictionaries).
        nlp: an already loaded pipeline (tests).

    Example:
        >>> parser = GatedParser(vocabulary=GateVocabulary.build(ActorTable.default(), CodingTables.default()))
        >>> [(s.text, s.dropped) for s in parser.parse("Kerry met Lavrov. Prices rose.")]  # doctest: +SKIP
        [('Kerry met Lavrov.', None), ('Prices rose.', 'no_actor')]
    """

    name: ClassVar[str] = "annales.nlp.spacy.v2"

    def __init__(
        self,
        options: ParseOptions | None = None,
        *,
        gate: GateOptions | None = None,
        vocabulary: GateVocabulary | VocabularyFactory | None = None,
        nlp: Any = None,
    ) -> None:
        super().__init__(options, nlp=nlp)
        self.gate_options = gate or GateOptions()
        self._vocabulary = vocabulary
        self._gate: EventGate | None = None
        self._segmenter: Segmenter | None = None

    @property
    def gate(self) -> EventGate:
        if self._gate is None:
            vocabulary = self._vocabulary
            if vocabulary is None:
                vocabulary = default_vocabulary
            if callable(vocabulary):
                vocabulary = vocabulary()
            self._gate = EventGate(vocabulary, WordForms.from_model(self.nlp), self.gate_options)
        return self._gate

    @property
    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self._segmenter = Segmenter(self.nlp, paragraph_breaks)
        return self._segmenter

    def parse(self, text: str) -> list[Sentence]:
        """Split, gate and parse one text (dropped sentences included, with their reason)."""
        ((sentences, _),) = self.parse_many([(text, None)])
        return sentences

    def parse_many(self, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[list[Sentence], Any]]:
        """Split, gate and parse (text, context) pairs, `batch_size` texts at a time; yield (sentences, context)."""
        if not self.gate_options.enabled:
            yield from super().parse_many(items)
            return
        chunk: list[tuple[str, Any]] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.options.batch_size:
                yield from self._parse_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._parse_chunk(chunk)

    def _count(self, sentences: list[Sentence]) -> None:
        self.count("sentences", len(sentences))
        for sent in sentences:
            if sent.dropped:
                self.count(f"dropped_sentence_{sent.dropped}")
            else:
                self.count("sentences_parsed")

    def _parse_chunk(self, chunk: list[tuple[str, Any]]) -> Iterator[tuple[list[Sentence], Any]]:
        plans = [self._plan(text[: self.options.max_chars]) for text, _ in chunk]
        jobs = ((plan.text[start:end], (plan, start)) for plan in plans for start, end in plan.runs)
        recognised = self.recognises
        pipe = self.nlp.pipe(jobs, as_tuples=True, batch_size=self.options.batch_size, disable=self.disabled)
        for doc, (plan, start) in pipe:
            plan.parsed.extend(doc_to_sentences(doc, offset=start, recognised=recognised))
        for plan, (_, ctx) in zip(plans, chunk, strict=True):
            yield plan.sentences(), ctx

    def _plan(self, text: str) -> _Plan:
        """Split `text`, gate each sentence, and group the kept ones into runs."""
        plan = _Plan(text)
        run: list[Segment] = []
        for segment in self.segmenter.split(text):
            reason = self.gate.decide(segment.words)
            if reason is None:
                run.append(segment)
                continue
            plan.dropped.append(segment.to_sentence(text, dropped=reason))
            _close(run, plan)
            run = []
        _close(run, plan)
        return plan


class LazyEntityParser(GatedParser):
    """`GatedParser` without the entity recogniser (`annales.nlp.spacy.v3`): tagger, parser and
    lemmatizer only; every sentence says `recognised = False` until the entity stage has run on it."""

    name: ClassVar[str] = "annales.nlp.spacy.v3"

    @property
    def disabled(self) -> tuple[str, ...]:
        return ("ner",) if "ner" in self.nlp.pipe_names else ()


def _close(run: list[Segment], plan: _Plan) -> None:
    if run:
        plan.runs.append((run[0].start, run[-1].end))


def default_vocabulary() -> GateVocabulary:
    """The gate's vocabulary for the bundled actor table, lexicon and learned model."""
    from annales.pipeline.actors import ActorTable
    from annales.pipeline.coding.model import EventModel
    from annales.pipeline.coding.tables import CodingTables

    return GateVocabulary.build(ActorTable.default(), CodingTables.default(), nouns=EventModel.default().nouns)


def gate_options(options: dict[str, Any]) -> GateOptions:
    """Take the gate's keys (`gate`, `gate_triggers`) out of an [nlp] config section and check them.

    Raises:
        ConfigError: E009 for a value that is not allowed.
    """
    enabled = options.pop("gate", True)
    triggers = options.pop("gate_triggers", None)
    if not isinstance(enabled, bool):
        raise ConfigError("E009", f"bad option in [nlp]: gate must be true or false, not {enabled!r}")
    if triggers is not None and not enabled:
        logger.warning("[nlp] gate_triggers has no effect with gate = false")
    try:
        return GateOptions(enabled=enabled, triggers=triggers or GateOptions().triggers)
    except ValueError as exc:
        raise ConfigError("E009", f"bad option in [nlp]: {exc}") from exc


def vocabulary_for(
    sections: Mapping[str, Mapping[str, Any]], actor_table: Callable[[tuple[str, ...]], ActorTable]
) -> VocabularyFactory:
    """A function building the gate's vocabulary for a run's config: its actor dictionaries, its coder's
    learned model (v2 with `learned_model`, the default) and verb dictionaries. Called on first use, in
    the worker, so that building a pipeline loads nothing."""
    actors = sections.get("actors", {})
    coding = sections.get("coding", {})

    def build() -> GateVocabulary:
        from annales.pipeline.coding.model import EventModel
        from annales.pipeline.coding.tables import CodingTables
        from annales.pipeline.coding.verbdict import load_verb_dictionary, merge_verb_dictionaries

        learned = coding.get("stage", CODER_V2) == CODER_V2 and coding.get("learned_model", True)
        paths = [str(path) for path in coding.get("verb_dictionaries", ())]
        verbs = merge_verb_dictionaries([load_verb_dictionary(p) for p in paths]) if paths else None
        return GateVocabulary.build(
            actor_table(tuple(str(p) for p in actors.get("dictionaries", ()))),
            CodingTables.default(),
            nouns=EventModel.default().nouns if learned else (),
            verbs=verbs,
        )

    return build
